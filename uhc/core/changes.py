"""What changed this month: thresholds crossed either way, the biggest movers, new population data, the pace.

Everything is measured against the calendar month before (the gap rows' one-month changes): a
kecamatan "crossed 98%" when it was below 98% the month before and is at or above it now, or
the other way round. The lines are the alert thresholds an editor sets (uhc.core.alerts; 98%
coverage and 80% keaktifan unless changed, and a fall of more than N points when switched on), so
the text to send and the alerts of an import never disagree. The text is made to be sent as it is
(a message to the mayor's office).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import polars as pl

from uhc import figures, i18n
from uhc.core import alerts, formats, gap, metrics, summary
from uhc.store.db import Store

# How many kecamatan are named as the biggest movers each way.
MOVERS = 3


@dataclass(frozen=True)
class MonthChanges:
    """A city's month against the month before.

    ``crossed``: alerts.SCHEMA rows (alert ``below``, ``recovered`` or ``fall``), city first, then kecamatan.
    ``thresholds``: the alert thresholds the crossings were found with.
    ``risers`` / ``fallers``: kecamatan gap rows with the largest rise / fall in coverage (points).
    ``population_before_as_of``: the Dukcapil date the month before used, when this month uses a newer one.
    """

    period: dt.date
    city: dict
    crossed: pl.DataFrame
    risers: pl.DataFrame
    fallers: pl.DataFrame
    population_before: int | None
    population_before_as_of: dt.date | None
    # Kelurahan this month or the month before leaves out: the city's and their kecamatan's figures
    # of that month are partial sums, so their crossings and moves are not stated (see changes_lines).
    missing_kelurahan: int = 0
    thresholds: alerts.Thresholds = field(default_factory=alerts.Thresholds)
    # Every kecamatan compared (gap rows with a one-month coverage change), for the press picture.
    moved: pl.DataFrame | None = None


def _with_month_before(rows: pl.DataFrame) -> pl.DataFrame:
    """Each gap row as two: the month before (value minus its one-month change) and the month itself."""
    columns = ["kemendagri_code", "name", "level", "period", "coverage_pct", "activity_pct"]
    now = rows.select(columns)
    before = rows.select(
        "kemendagri_code",
        "name",
        "level",
        pl.col("period").dt.offset_by("-1mo"),
        coverage_pct=pl.col("coverage_pct") - pl.col("coverage_change_1m_pp"),
        activity_pct=pl.col("activity_pct") - pl.col("activity_change_1m_pp"),
    )
    return pl.concat([before, now])


def month_changes(
    city_row: dict,
    month_before: dict | None,
    kecamatan_rows: pl.DataFrame,
    thresholds: alerts.Thresholds | None = None,
) -> MonthChanges:
    """The changes of ``city_row``'s month (gap rows: the city, the city a month before, its kecamatan).

    ``thresholds``: the lines crossed (default: alerts.Thresholds(), 98% and 80%, no fall).
    """
    chosen = alerts.Thresholds() if thresholds is None else thresholds
    rows = pl.concat([pl.DataFrame([city_row]).select(kecamatan_rows.columns), kecamatan_rows], how="vertical_relaxed")
    series = _with_month_before(rows.filter(pl.col("coverage_pct").is_not_null()))
    # alerts.crossings sorts city first, then kecamatan by code, coverage before keaktifan
    crossed = alerts.crossings(series, chosen).filter(pl.col("period") == city_row["period"])
    moved = kecamatan_rows.filter(pl.col("coverage_change_1m_pp").is_not_null())
    new_population = (
        month_before is not None
        and month_before["population_as_of"] is not None
        and city_row["population_as_of"] != month_before["population_as_of"]
    )
    return MonthChanges(
        period=city_row["period"],
        city=city_row,
        crossed=crossed,
        risers=moved.filter(pl.col("coverage_change_1m_pp") > 0).sort("coverage_change_1m_pp", descending=True)[
            :MOVERS
        ],
        fallers=moved.filter(pl.col("coverage_change_1m_pp") < 0).sort("coverage_change_1m_pp")[:MOVERS],
        population_before=month_before["population"] if new_population and month_before else None,
        population_before_as_of=month_before["population_as_of"] if new_population and month_before else None,
        thresholds=chosen,
        moved=moved,
    )


def changes_in_store(store: Store, city_code: str, period: dt.date | None = None) -> MonthChanges:
    """The changes of the city's month ``period`` (default: the latest) as the store holds them; gap.NoData without.

    The lines crossed are the alert thresholds kept in the store (alerts.stored_thresholds).
    """
    thresholds = alerts.stored_thresholds(store)
    city = gap.gap_for_period(store, period, "kota", city_code)
    period = city["period"][0]
    kecamatan = gap.gap_for_period(store, period, "kecamatan", city_code)
    before_period = metrics.months_for_changes(period)[1]
    try:
        before = gap.gap_for_period(store, before_period, "kota", city_code).row(0, named=True)
    except gap.NoData:
        before = None
    missing = store.run("kelurahan_missing_by_month", scope_code=city_code).filter(
        pl.col("period").is_in([period, before_period])
    )
    if missing.is_empty():
        return month_changes(city.row(0, named=True), before, kecamatan, thresholds)
    # Only kecamatan whose kelurahan are all there in both months are compared; the city is not.
    partial = [code for code in kecamatan["kemendagri_code"] if missing["kemendagri_code"].str.starts_with(code).any()]
    changes = month_changes(
        city.row(0, named=True), before, kecamatan.filter(~pl.col("kemendagri_code").is_in(partial)), thresholds
    )
    crossed = changes.crossed.filter(pl.col("level") != "kota")
    return replace(changes, crossed=crossed, missing_kelurahan=missing["kemendagri_code"].n_unique())


def _mover(row: dict, language: str) -> str:
    return i18n.text(
        "changes_mover",
        language,
        region=row["name"],
        change=i18n.points(row["coverage_change_1m_pp"], language),
        coverage=i18n.percent(row["coverage_pct"], language),
    )


def _months_between(first: dt.date, last: dt.date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month


def crossed_lines(changes: MonthChanges, language: str) -> list[str]:
    """'Melewati ambang notifikasi (cakupan 98%, keaktifan 80%):' and one '- ...' line per crossing."""
    lines_crossed = alerts.threshold_list(changes.thresholds, language)
    if lines_crossed is None:
        return [i18n.text("changes_no_thresholds", language)]
    if not changes.crossed.height:
        return [i18n.text("changes_none_crossed", language, thresholds=lines_crossed)]
    return [
        i18n.text("changes_crossed", language, thresholds=lines_crossed),
        *(f"- {alerts.alert_sentence(row, language)}" for row in changes.crossed.iter_rows(named=True)),
    ]


def crossed_sentence(changes: MonthChanges, language: str) -> str | None:
    """The crossings in one sentence for the briefing: '2 wilayah melewati ambang notifikasi (...): Kasemen, Taktakan.'

    None when nothing crossed or every alert is switched off.
    """
    lines_crossed = alerts.threshold_list(changes.thresholds, language)
    if lines_crossed is None or not changes.crossed.height:
        return None
    regions = list(
        dict.fromkeys(name or code for code, name in changes.crossed.select("kemendagri_code", "name").rows())
    )
    return i18n.plural(
        "changes_crossed_sentence",
        len(regions),
        language,
        count=i18n.number(len(regions), language),
        thresholds=lines_crossed,
        regions=", ".join(regions),
    )


def changes_lines(changes: MonthChanges, city_name: str, language: str) -> list[str]:
    """The changes as lines of text to send as they are, in ``language``."""
    city = changes.city
    before_month = metrics.months_for_changes(changes.period)[1]
    lines = [
        i18n.text(
            "changes_heading",
            language,
            city=city_name,
            month=i18n.month(changes.period, language),
            before=i18n.month(before_month, language),
        ),
    ]
    if changes.missing_kelurahan:
        # The city's figures are partial sums: its line and its pace are left out, not stated.
        lines.append(
            i18n.plural(
                "changes_incomplete",
                changes.missing_kelurahan,
                language,
                count=i18n.number(changes.missing_kelurahan, language),
                before=i18n.month(before_month, language),
            )
        )
    else:
        lines.append(
            i18n.text(
                "changes_city",
                language,
                coverage=i18n.percent(city["coverage_pct"], language),
                coverage_change=i18n.points(city["coverage_change_1m_pp"], language),
                activity=i18n.percent(city["activity_pct"], language),
                activity_change=i18n.points(city["activity_change_1m_pp"], language),
                registered_change=i18n.signed_number(city["registered_change_1m"], language),
            )
        )
    lines += crossed_lines(changes, language)
    if changes.risers.height:
        movers = ", ".join(_mover(row, language) for row in changes.risers.iter_rows(named=True))
        lines.append(i18n.text("changes_risers", language, movers=movers))
    if changes.fallers.height:
        movers = ", ".join(_mover(row, language) for row in changes.fallers.iter_rows(named=True))
        lines.append(i18n.text("changes_fallers", language, movers=movers))
    if changes.population_before_as_of is not None:
        lines.append(
            i18n.text(
                "changes_population_new",
                language,
                semester=i18n.semester(city["population_as_of"], language),
                population=i18n.number(city["population"], language),
                before_semester=i18n.semester(changes.population_before_as_of, language),
                before=i18n.number(changes.population_before, language),
            )
        )
    if changes.missing_kelurahan:
        pass  # no pace from a partial sum
    elif city["projection_status"] == "projected":
        lines.append(
            i18n.text(
                "changes_pace",
                language,
                pace=i18n.points(city["pace_pp_per_month"], language),
                target=i18n.percent(city["target_pct"], language, digits=0),
                months=i18n.number(_months_between(changes.period, city["projected_target_period"]), language),
                month=i18n.month(city["projected_target_period"], language),
            )
        )
    else:
        lines.append(summary.projection_sentence(city, language))
    lines.append(summary.source_line(city, language))
    return lines


def as_markdown(lines: list[str]) -> str:
    """The lines for the overview: without the heading and the source line (the page has both), lists kept."""
    return "\n".join(line if line.startswith("- ") else f"\n{line}\n" for line in lines[1:-1])


# The briefing's one sentence ------------------------------------------------------------------

# The figures the sentence names, in the order it names them.
CHANGED_FIGURES = ("registered", "active", "coverage_pct", "activity_pct")


def month_change_sentence(row: dict, month_before: dict | None, language: str) -> str:
    """ "Sejak Desember 2025: terdaftar +1.093 orang, aktif +1.035 orang; cakupan +0,16 poin, …".

    Without the month before (the store's first month, or a month missing), says so; a figure
    missing in either month is left out.
    """
    if month_before is None:
        return i18n.text("change_no_month_before", language)
    parts = []
    for name in CHANGED_FIGURES:
        if row.get(name) is None or month_before.get(name) is None:
            continue
        figure = figures.figure(name)
        parts.append(
            i18n.text(
                "change_part",
                language,
                figure=formats.label(figure, language).lower(),
                change=formats.change_text(figure, row[name] - month_before[name], language),
            )
        )
    if not parts:
        return i18n.text("change_no_month_before", language)
    return i18n.text(
        "change_sentence", language, month=i18n.month(month_before["period"], language), changes=", ".join(parts)
    )
