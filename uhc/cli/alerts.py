"""python -m uhc alerts: the crossings of the thresholds an editor set, and setting them (--coverage ...);
python -m uhc changes: what changed in a month, as a text to send."""

from __future__ import annotations

import argparse
import dataclasses
import json

import polars as pl

from uhc import i18n
from uhc.cli.common import EXIT_OK, BadInput, period_of, scope_of
from uhc.core import alerts, changes, gap
from uhc.paths import store_path
from uhc.store.db import Store

# --level: the levels listed, from the city down to the one asked for.
LEVELS_DOWN_TO = {
    "kota": ("kota",),
    "kecamatan": ("kota", "kecamatan"),
    "kelurahan": ("kota", "kecamatan", "kelurahan"),
}


def _thresholds_given(args: argparse.Namespace, stored: alerts.Thresholds) -> alerts.Thresholds | None:
    """The stored thresholds changed by --coverage/--keaktifan/--fall, or None when none is given."""
    given = {"coverage_pct": args.coverage, "activity_pct": args.keaktifan, "fall_pp": args.fall}
    if all(value is None for value in given.values()):
        return None
    names = {"coverage_pct": "--coverage", "activity_pct": "--keaktifan", "fall_pp": "--fall"}
    changes: dict[str, float | None] = {}
    for field, text in given.items():
        if text is None:
            continue
        try:
            changes[field] = alerts.parse_threshold(text, names[field])
        except ValueError as exc:
            raise BadInput(f"{exc}; nothing was changed") from None
    return dataclasses.replace(
        stored,
        coverage_pct=changes.get("coverage_pct", stored.coverage_pct),
        activity_pct=changes.get("activity_pct", stored.activity_pct),
        fall_pp=changes.get("fall_pp", stored.fall_pp),
    )


def alerts_command(args: argparse.Namespace) -> int:
    since = None
    if args.since is not None:
        try:
            since = gap.parse_period(args.since)
        except ValueError as exc:
            raise BadInput(f"--since: {exc}") from None
    path = store_path(args.db)
    with Store.open(path, read_only=True) as store:
        stored = alerts.stored_thresholds(store)
    changed = _thresholds_given(args, stored)
    if changed is not None:
        with Store.open(path) as store:
            alerts.store_thresholds(store, changed)
    thresholds = changed or stored
    with Store.open(path, read_only=True) as store:
        found = alerts.alerts_in_store(store, scope_of(args), thresholds, since, LEVELS_DOWN_TO[args.level])
    language = args.lang
    if args.format == "json":
        rows = found.with_columns(pl.col("period", "previous_period").dt.strftime("%Y-%m"))
        out = {
            "thresholds": {name: getattr(thresholds, name) for name in ("coverage_pct", "activity_pct", "fall_pp")},
            "alerts": [
                {**row, "text": alerts.alert_sentence(row, language)}
                for row in rows.with_columns(pl.col("value_before_pct", "value_pct").round(4)).to_dicts()
            ],
        }
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return EXIT_OK
    print(alerts.threshold_sentence(thresholds, language))
    if found.height == 0:
        print(i18n.text("alert_none", language))
        return EXIT_OK
    header = [i18n.text(key, language) for key in _HEADINGS]
    cells = [
        [
            f"{row['period']:%Y-%m}",
            row["kemendagri_code"],
            row["name"] or "",
            i18n.text(alerts.FIGURE_KEYS[row["figure"]], language),
            i18n.text(_ALERT_SHORT[row["alert"]], language),
            i18n.percent(row["value_before_pct"], language),
            i18n.percent(row["value_pct"], language),
        ]
        for row in found.iter_rows(named=True)
    ]
    widths = [max(len(line[i]) for line in [header, *cells]) for i in range(len(header))]
    numbers = {5, 6}
    for line in [header, *cells]:
        print(
            "  ".join(
                cell.rjust(width) if i in numbers else cell.ljust(width)
                for i, (cell, width) in enumerate(zip(line, widths, strict=True))
            ).rstrip()
        )
    return EXIT_OK


_HEADINGS = [
    i18n.N_("alert_col_month"),
    i18n.N_("alert_col_code"),
    i18n.N_("alert_col_region"),
    i18n.N_("alert_col_figure"),
    i18n.N_("alert_col_alert"),
    i18n.N_("alert_col_before"),
    i18n.N_("alert_col_after"),
]
_ALERT_SHORT = {
    "below": i18n.N_("alert_short_below"),
    "recovered": i18n.N_("alert_short_recovered"),
    "fall": i18n.N_("alert_short_fall"),
}


def changes_command(args: argparse.Namespace) -> int:
    from uhc.cli.importing import import_city

    period = period_of(args)
    with Store.open(store_path(args.db), read_only=True) as store:
        city_code = import_city(store, args.city)
        found = changes.changes_in_store(store, city_code, period)  # gap.NoData: main says it in --lang
    print("\n".join(changes.changes_lines(found, found.city["name"], args.lang)))
    return EXIT_OK
