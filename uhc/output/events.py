"""Dated events an editor keeps for a city's trend charts ("UHC Prioritas, 1 Juni 2025").

They live in the store's settings, one per city and day: ``chart_event:<kemendagri_code>:<YYYY-MM-DD>``
with the label as value (a second event on the same day replaces the first). The trends on the
Tren page and in the press PNGs draw them (charts.coverage_trend, charts.activity_trend).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from uhc.store.db import Store

SETTING_EVENT = "chart_event"
# An event's label stays short: it stands at the top of a chart beside its line.
LABEL_MAX_CHARS = 60
SCHEMA = {"event_date": pl.Date, "label": pl.String}


class EventError(ValueError):
    """An event that cannot be kept, with the reason in words."""


def event_key(city_code: str, day: dt.date) -> str:
    """The settings key of one city's event on ``day``: ``chart_event:61.71:2025-06-01``."""
    return f"{SETTING_EVENT}:{city_code}:{day.isoformat()}"


def city_events(settings: dict[str, str], city_code: str) -> pl.DataFrame:
    """The city's events, oldest first: event_date (date), label (text)."""
    prefix = f"{SETTING_EVENT}:{city_code}:"
    rows = []
    for key, label in settings.items():
        if not key.startswith(prefix):
            continue
        try:
            rows.append((dt.date.fromisoformat(key[len(prefix) :]), label))
        except ValueError:  # a key written by hand, not by add_event: not an event
            continue
    return pl.DataFrame(rows, schema=SCHEMA, orient="row").sort("event_date")


def checked_label(label: str) -> str:
    """``label`` stripped; EventError when it is empty or longer than LABEL_MAX_CHARS."""
    text = " ".join(label.split())
    if not text:
        raise EventError("the event needs a label, e.g. 'UHC Prioritas'")
    if len(text) > LABEL_MAX_CHARS:
        raise EventError(f"the label has {len(text)} characters; at most {LABEL_MAX_CHARS} fit on a chart")
    return text


def add_event(store: Store, city_code: str, day: dt.date, label: str) -> None:
    """Keep the city's event on ``day`` (replacing one of that day), in one transaction."""
    text = checked_label(label)
    with store.transaction():
        store.execute("upsert_setting", key=event_key(city_code, day), value=text)


def remove_event(store: Store, city_code: str, day: dt.date) -> bool:
    """Remove the city's event on ``day``; False when there was none."""
    key = event_key(city_code, day)
    if key not in dict(store.run("setting").iter_rows()):
        return False
    with store.transaction():
        store.execute("delete_setting", key=key)
    return True
