"""Plotly builders (frame in, Figure out) and the one shared template for the screen and for press PNGs.

Every figure is created with ``template=TEMPLATE``: importing streamlit makes Plotly's default
template "streamlit", whose placeholder colours export as black (see shared stack notes), and an
explicit template keeps the screen and the exported PNG the same.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TypeGuard, cast

import plotly.graph_objects as go
import polars as pl

from uhc import figures, i18n
from uhc.core import alerts, formats, summary

# Colours by meaning, used on every page and export. Policy classes follow the national rule:
# below 95% (the pre-2024 criterion), 95 to 98%, 98% and above (the target); grey is "no data".
# They are ordered by lightness (dark red, orange, light green), so they stay apart for a reader
# who does not tell red from green: tests/test_colours.py checks them under a protanopia simulation.
COLOUR_BELOW_95 = "#7b1f1a"
COLOUR_95_TO_98 = "#c8621f"
COLOUR_TARGET_MET = "#b8e186"
COLOUR_NO_DATA = "#bdbdbd"
COLOUR_CITY = "#1f4e79"
COLOUR_TARGET_LINE = "#1e8449"

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"family": "DejaVu Sans, Liberation Sans, Arial, sans-serif", "size": 14, "color": "#222222"},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        colorway=[COLOUR_CITY, "#c0392b", "#e9a23b", "#1e8449", "#7d3c98", "#2e86c1", "#7f8c8d"],
        # Indonesian number format on axes and hovers: decimal comma, thousands point (687.031; 87,86).
        separators=",.",
        xaxis={"showgrid": False, "linecolor": "#888888", "ticks": "outside"},
        yaxis={"gridcolor": "#e5e5e5", "zeroline": False},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        margin={"l": 60, "r": 20, "t": 60, "b": 50},
        hoverlabel={"bgcolor": "#ffffff"},
    )
)
COLOUR_KECAMATAN = "#7d3c98"
COLOUR_UHC_BAND = "rgba(30, 132, 73, 0.12)"
COLOUR_SEMESTER = "#7f8c8d"
# The template writes Indonesian numbers; English figures take the point as decimal mark.
SEPARATORS = {"id": ",.", "en": ".,"}
# A month axis gets at most this many labelled ticks, on round months (every 1, 2, 3, 6... months).
MAX_MONTH_TICKS = 10
_TICK_STEPS_MONTHS = (1, 2, 3, 6, 12, 24, 60, 120)
# Room above and below the coverage lines, in percentage points, so the UHC band shows as a band.
_COVERAGE_HEADROOM_PP = 2.0
_COVERAGE_FOOTROOM_PP = 3.0
_HALF_MONTH = dt.timedelta(days=15)
# Semester markers sit this far up the coverage plot (share of its height).
_SEMESTER_MARKER_HEIGHT = 0.04


def _month_index(period: dt.date) -> int:
    return period.year * 12 + period.month - 1


def _month_of(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def month_ticks(first: dt.date, last: dt.date, language: str) -> tuple[list[dt.date], list[str]]:
    """Tick months from ``first`` to ``last`` and their labels in ``language`` (Mei 2025 / May 2025).

    Plotly's date axis writes English month names, so the axis gets these labels instead: at
    most MAX_MONTH_TICKS of them, on months that are a multiple of the step (January, July...).
    """
    start, end = _month_index(first), _month_index(last)
    step = next(s for s in _TICK_STEPS_MONTHS if end // s - (start - 1) // s <= MAX_MONTH_TICKS)
    months = [_month_of(index) for index in range(start, end + 1) if index % step == 0]
    return months, [i18n.month_short(month, language) for month in months]


def _month_axis(first: dt.date, last: dt.date, language: str) -> dict:
    ticks, labels = month_ticks(first, last, language)
    return {
        "type": "date",
        "automargin": True,
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": labels,
        "range": [first - _HALF_MONTH, last + _HALF_MONTH],
    }


def _figure(title: str, language: str) -> go.Figure:
    """An empty figure on the shared template, with the title and the number format of ``language``."""
    return go.Figure(
        layout={
            "template": TEMPLATE,
            "separators": SEPARATORS[language],
            "title": {"text": title, "x": 0, "xanchor": "left", "xref": "paper"},
            "hovermode": "closest",
            "height": 460,
            # Below the plot, in the order the traces are ranked (Plotly reverses it for filled traces).
            "legend": {
                "orientation": "h",
                "yanchor": "top",
                "y": -0.12,
                "xanchor": "left",
                "x": 0,
                "traceorder": "normal",
            },
            "yaxis": {"automargin": True},
            "margin": {"l": 70, "r": 45, "t": 60, "b": 40},
        }
    )


def _without_data(figure: go.Figure, language: str) -> go.Figure:
    """``figure`` saying there is nothing to draw, with its axes hidden."""
    figure.add_annotation(
        text=i18n.text("trend_no_series", language), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False
    )
    return figure.update_xaxes(visible=False).update_yaxes(visible=False)


def _name(rows: pl.DataFrame) -> str:
    return rows["name"][0] if rows.height and "name" in rows.columns and rows["name"][0] else ""


def _shown(rows: pl.DataFrame | None) -> TypeGuard[pl.DataFrame]:
    return rows is not None and rows.height > 0


def _line(rows: pl.DataFrame, column: str, hover_key: str, colour: str, language: str, rank: int) -> go.Scatter:
    """One region's ``column`` (percent) month by month, with the month and its counts in the hover."""
    region = _name(rows)
    hovers = [
        i18n.text(
            hover_key,
            language,
            region=region,
            month=i18n.month(row["period"], language),
            coverage=i18n.percent(row.get("coverage_pct"), language),
            activity=i18n.percent(row.get("activity_pct"), language),
            registered=i18n.number(row.get("registered"), language),
            active=i18n.number(row.get("active"), language),
            population=i18n.number(row.get("population"), language),
        )
        for row in rows.iter_rows(named=True)
    ]
    return go.Scatter(
        x=rows["period"].to_list(),
        y=rows[column].to_list(),
        name=region,
        mode="lines+markers",
        marker={"size": 4},
        line={"color": colour, "width": 3},
        customdata=[[hover] for hover in hovers],
        hovertemplate="%{customdata[0]}<extra></extra>",
        legendrank=rank,
    )


def _step(
    months: list[dt.date], values: list[float | None], name: str, hovers: list[str], colour: str, rank: int
) -> go.Scatter:
    """A dated parameter as a step line: it holds from each month until the next change."""
    return go.Scatter(
        x=months,
        y=values,
        name=name,
        mode="lines",
        line={"color": colour, "width": 2, "shape": "hv"},
        customdata=[[hover] for hover in hovers],
        hovertemplate="%{customdata[0]}<extra></extra>",
        legendrank=rank,
    )


def _projection(rows: pl.DataFrame) -> dict | None:
    """The last row of ``rows`` when it projects the month the target is reached, else None."""
    last = rows.row(-1, named=True)
    return last if last["projection_status"] == "projected" and last["projected_target_period"] else None


def semester_changes(rows: pl.DataFrame, recap_dates: Sequence[dt.date] = ()) -> pl.DataFrame:
    """The rows of one region's months where a new Dukcapil semester becomes the population denominator.

    The first month is not a change; a month that gains a population after months without one is.
    Only a semester's date (30 June, 31 December) starts one: a population taken from a BPJS
    recap's population column (dated the recap month's last day; ``recap_dates``, from
    summary.recap_population_dates) is no new Dukcapil data, even in June or December.
    """
    as_of = pl.col("population_as_of")
    previous = as_of.shift()
    semester_day = ((as_of.dt.month() == 6) & (as_of.dt.day() == 30)) | (
        (as_of.dt.month() == 12) & (as_of.dt.day() == 31)
    )
    return rows.filter(
        as_of.is_not_null()
        & (previous.is_null() | (as_of != previous))
        & (pl.int_range(pl.len()) > 0)
        & semester_day
        & ~as_of.is_in(list(recap_dates))
    )


def _regions_named(city: pl.DataFrame, kecamatan: pl.DataFrame | None, language: str) -> str:
    """The regions a chart draws, for its title: "Kota Pontianak" or "Kota Pontianak dan Pontianak Utara"."""
    if kecamatan is None or kecamatan.height == 0:
        return _name(city)
    return i18n.text("trend_title_and", language, city=_name(city), kecamatan=_name(kecamatan))


def coverage_trend(
    city: pl.DataFrame,
    language: str,
    kecamatan: pl.DataFrame | None = None,
    events: pl.DataFrame | None = None,
    recap_dates: Sequence[dt.date] = (),
) -> go.Figure:
    """Coverage month by month: the city, one kecamatan, the target, the UHC band and projections.

    ``city`` and ``kecamatan`` are one region's gap rows each (gap.gap_all_months), oldest first
    and ending at the last month to show; each projection starts from its region's last row at
    the pace of the last 12 months and ends at the target in the projected month, labelled with
    that month ("98% sekitar Juni 2026"); a region whose pace does not get there says so in a
    sentence. Each line's latest value stands at its end. Small grey triangles at the foot mark
    the months a new Dukcapil semester becomes the city's population (``recap_dates``: population
    dates taken from BPJS recaps, see semester_changes); ``events`` (events.city_events)
    are drawn as labelled vertical lines. The axis does not start at 0: a note says where it does.
    """
    figure = _figure(
        i18n.text("trend_coverage_title", language, region=_regions_named(city, kecamatan, language)), language
    )
    if city.height == 0:
        return _without_data(figure, language)
    regions = [(city, COLOUR_CITY)] + ([(kecamatan, COLOUR_KECAMATAN)] if _shown(kecamatan) else [])
    projections = [(rows, colour, _projection(rows)) for rows, colour in regions]
    months = city["period"].to_list()
    end = max([months[-1], *(p["projected_target_period"] for _, _, p in projections if p)])
    # The dated parameters drawn to the end of the axis (through the projection, at the last value).
    parameter_months = months + ([end] if end > months[-1] else [])

    def extended(column: str) -> list[float | None]:
        values = city[column].to_list()
        return values + values[-1:] * (len(parameter_months) - len(values))

    targets, criteria = extended("target_pct"), extended("min_coverage_pct")
    shown_values = [v for rows, _ in regions for v in rows["coverage_pct"].to_list() if v is not None]
    shown_values += [v for v in targets + criteria if v is not None]
    top = max([100.0, *shown_values]) + _COVERAGE_HEADROOM_PP
    # A round bottom (a multiple of 5), stated on the chart, so the break in the axis is said.
    bottom = max(0.0, math.floor((min(shown_values, default=0.0) - _COVERAGE_FOOTROOM_PP) / 5) * 5)

    def hovers(key: str, values: list[float | None], field: str) -> list[str]:
        return [
            i18n.text(key, language, month=i18n.month(m, language), **{field: i18n.percent(v, language, digits=0)})
            for m, v in zip(parameter_months, values, strict=True)
        ]

    # The UHC band: from the coverage criterion in force up to the top of the plot.
    figure.add_trace(
        _step(
            parameter_months,
            criteria,
            i18n.text("trend_uhc_band", language),
            hovers(i18n.N_("trend_uhc_band_hover"), criteria, "min_coverage"),
            COLOUR_TARGET_LINE,
            rank=40,
        ).update(line={"width": 0}, showlegend=False)
    )
    figure.add_trace(
        go.Scatter(
            x=parameter_months,
            y=[top] * len(parameter_months),
            name=i18n.text("trend_uhc_band", language),
            mode="lines",
            line={"width": 0, "shape": "hv"},
            fill="tonexty",
            fillcolor=COLOUR_UHC_BAND,
            hoverinfo="skip",
            legendrank=40,
        )
    )
    figure.add_annotation(
        text=i18n.text("trend_uhc_band", language),
        x=months[0],
        y=top,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": 11, "color": COLOUR_TARGET_LINE},
    )
    figure.add_trace(
        _step(
            parameter_months,
            targets,
            i18n.text("trend_target", language),
            hovers(i18n.N_("trend_target_hover"), targets, "target"),
            COLOUR_TARGET_LINE,
            rank=30,
        )
    )
    for rank, (rows, colour, last) in enumerate(projections, start=10):
        figure.add_trace(_line(rows, "coverage_pct", i18n.N_("trend_coverage_hover"), colour, language, rank))
        # A projected line's latest value goes under its end and the arrival label above the target,
        # so the two never meet however close the arrival month is (the line is below the target).
        _add_end_label(figure, rows, "coverage_pct", colour, language, below=last is not None)
    sentences = []
    for rank, (rows, colour, last) in enumerate(projections, start=50):
        if last is None:
            row = rows.row(-1, named=True)
            if row["projection_status"] in ("not_at_current_pace", "insufficient_history"):
                sentences.append(f"{_name(rows)}: {summary.projection_sentence(row, language)}")
            continue
        hover = i18n.text(
            "trend_projection_hover",
            language,
            region=_name(rows),
            pace=i18n.points(last["pace_pp_per_month"], language),
            target=i18n.percent(last["target_pct"], language, digits=0),
            month=i18n.month(last["projected_target_period"], language),
        )
        figure.add_trace(
            go.Scatter(
                x=[last["period"], last["projected_target_period"]],
                y=[last["coverage_pct"], last["target_pct"]],
                name=i18n.text("trend_projection", language, region=_name(rows)),
                mode="lines+markers",
                line={"color": colour, "width": 2, "dash": "dash"},
                marker={"size": [0, 11], "symbol": "star"},
                customdata=[[hover], [hover]],
                hovertemplate="%{customdata[0]}<extra></extra>",
                legendrank=rank,
            )
        )
        figure.add_annotation(
            name="projection_arrival",
            text=i18n.text(
                "trend_projection_arrival",
                language,
                target=i18n.percent(last["target_pct"], language, digits=0),
                month=i18n.month(last["projected_target_period"], language),
            ),
            x=last["projected_target_period"],
            y=last["target_pct"],
            xanchor="right",
            yanchor="bottom",
            yshift=10,
            showarrow=False,
            font={"size": 13, "color": colour},
        )
    for index, sentence in enumerate(sentences):
        figure.add_annotation(
            name="projection_sentence",
            text=sentence,
            x=1,
            y=0.12 + 0.07 * index,
            xref="paper",
            yref="paper",
            xanchor="right",
            yanchor="bottom",
            showarrow=False,
            font={"size": 12, "color": "#444444"},
            bgcolor="rgba(255,255,255,0.85)",
        )
    _add_axis_break(figure, bottom, language)
    _add_events(figure, events, months[0], months[-1], language)
    # Semester markers stand at the foot of the plot, clear of the lines' own hovers.
    _add_semester_markers(
        figure, city, language, recap_dates, marker_y=bottom + _SEMESTER_MARKER_HEIGHT * (top - bottom)
    )
    figure.update_layout(
        xaxis=_month_axis(months[0], end, language),
        yaxis={
            "range": [bottom, top],
            "ticksuffix": "%",
            "title": {"text": i18n.text("trend_axis_coverage", language)},
        },
    )
    return figure


def _add_end_label(
    figure: go.Figure, rows: pl.DataFrame, column: str, colour: str, language: str, *, below: bool = False
) -> None:
    """The latest value of ``rows``' ``column`` (percent) written above the line's last point (or under it)."""
    known = rows.filter(pl.col(column).is_not_null())
    if known.height == 0:
        return
    last = known.row(-1, named=True)
    figure.add_annotation(
        name="latest_value",
        text=f"<b>{i18n.percent(last[column], language)}</b>",
        x=last["period"],
        y=last[column],
        xanchor="right",
        yanchor="top" if below else "bottom",
        yshift=-8 if below else 8,
        showarrow=False,
        font={"size": 14, "color": colour},
        bgcolor="rgba(255,255,255,0.8)",
    )


def _add_axis_break(figure: go.Figure, bottom: float, language: str) -> None:
    """A note at the foot of the y axis when it does not start at 0 ("Sumbu mulai dari 80%, bukan 0")."""
    if bottom <= 0:
        return
    figure.add_annotation(
        name="axis_break",
        text=i18n.text("trend_axis_break", language, bottom=i18n.percent(bottom, language, digits=0)),
        x=0,
        y=0,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="bottom",
        yshift=22,  # above the population markers at the foot of the plot
        xshift=4,
        showarrow=False,
        font={"size": 11, "color": "#666666"},
    )


COLOUR_EVENT = "#555555"


def _add_events(figure: go.Figure, events: pl.DataFrame | None, first: dt.date, last: dt.date, language: str) -> None:
    """Each event of ``events`` (event_date, label) between ``first`` and ``last``: a thin line and its label."""
    if events is None or events.height == 0:
        return
    shown = events.filter((pl.col("event_date") >= first) & (pl.col("event_date") <= last + _HALF_MONTH))
    for index, (day, label) in enumerate(shown.iter_rows()):
        figure.add_shape(
            name="event",
            type="line",
            xref="x",
            yref="paper",
            x0=day,
            x1=day,
            y0=0,
            y1=0.97 - 0.08 * (index % 3),
            line={"color": COLOUR_EVENT, "width": 1.5},
            layer="below",
        )
        figure.add_annotation(
            name="event",
            text=i18n.text("trend_event", language, label=label, day=i18n.day(day, language)),
            x=day,
            y=0.97 - 0.08 * (index % 3),
            xref="x",
            yref="paper",
            xanchor="left",
            yanchor="middle",
            xshift=3,
            showarrow=False,
            font={"size": 12, "color": COLOUR_EVENT},
            bgcolor="rgba(255,255,255,0.85)",
        )


def _add_semester_markers(
    figure: go.Figure, rows: pl.DataFrame, language: str, recap_dates: Sequence[dt.date], marker_y: float
) -> None:
    """A small grey triangle at height ``marker_y`` where a new Dukcapil semester becomes ``rows``' population."""
    changes = semester_changes(rows, recap_dates)
    if changes.height == 0:
        return
    hovers = [
        i18n.text(
            "trend_semester_hover",
            language,
            semester=i18n.semester(row["population_as_of"], language),
            month=i18n.month(row["period"], language),
            population=i18n.number(row["population"], language),
        )
        for row in changes.iter_rows(named=True)
    ]
    figure.add_trace(
        go.Scatter(
            x=changes["period"].to_list(),
            y=[marker_y] * changes.height,
            name=i18n.text("trend_semester", language),
            mode="markers",
            marker={"symbol": "triangle-up", "size": 9, "color": COLOUR_SEMESTER},
            customdata=[[hover] for hover in hovers],
            hovertemplate="%{customdata[0]}<extra></extra>",
            legendrank=60,
        )
    )


def activity_trend(
    city: pl.DataFrame, language: str, kecamatan: pl.DataFrame | None = None, events: pl.DataFrame | None = None
) -> go.Figure:
    """Activity (active / registered) month by month for the city and one kecamatan, with the UHC criterion.

    Takes the same rows and events as coverage_trend; the latest values stand at the lines' ends.
    """
    figure = _figure(
        i18n.text("trend_activity_title", language, region=_regions_named(city, kecamatan, language)), language
    )
    if city.height == 0:
        return _without_data(figure, language)
    months = city["period"].to_list()
    criteria = city["min_activity_pct"].to_list()
    hovers = [
        i18n.text(
            "trend_activity_criterion_hover",
            language,
            month=i18n.month(month, language),
            min_activity=i18n.percent(value, language, digits=0),
        )
        for month, value in zip(months, criteria, strict=True)
    ]
    figure.add_trace(
        _step(months, criteria, i18n.text("trend_activity_criterion", language), hovers, COLOUR_TARGET_LINE, 30)
    )
    regions = [(city, COLOUR_CITY)] + ([(kecamatan, COLOUR_KECAMATAN)] if _shown(kecamatan) else [])
    for rank, (rows, colour) in enumerate(regions, start=10):
        figure.add_trace(_line(rows, "activity_pct", i18n.N_("trend_activity_hover"), colour, language, rank))
        _add_end_label(figure, rows, "activity_pct", colour, language)
    values = [v for rows, _ in regions for v in rows["activity_pct"].to_list() if v is not None]
    values += [v for v in criteria if v is not None]
    bottom = max(0.0, math.floor((min(values, default=0.0) - _COVERAGE_FOOTROOM_PP) / 5) * 5)
    top = min(100.0, max(values, default=100.0) + _COVERAGE_HEADROOM_PP)
    _add_axis_break(figure, bottom, language)
    _add_events(figure, events, months[0], months[-1], language)
    figure.update_layout(
        xaxis=_month_axis(months[0], months[-1], language),
        yaxis={
            "range": [bottom, max(top, bottom + 10)],
            "ticksuffix": "%",
            "title": {"text": i18n.text("trend_axis_activity", language)},
        },
    )
    return figure


# Charted figures (uhc.figures) drawn by a chart of their own: coverage with its target and UHC
# band, activity with its criterion. Any other charted figure gets a plain line chart.
OWN_CHARTS = frozenset({"coverage_pct", "activity_pct"})


def plain_trend_figures() -> list[figures.Figure]:
    """The charted figures without a chart of their own, in registry order: the Tren page adds one chart each."""
    return [figure for figure in figures.charted_figures() if figure.name not in OWN_CHARTS]


def figure_trend(city: pl.DataFrame, name: str, language: str, kecamatan: pl.DataFrame | None = None) -> go.Figure:
    """The registered figure ``name`` month by month for the city and one kecamatan: one line each.

    Takes the same rows as coverage_trend; values are written as the registry says (hover).
    """
    figure = figures.figure(name)
    label = formats.label(figure, language)
    chart = _figure(
        i18n.text("trend_figure_title", language, figure=label, region=_regions_named(city, kecamatan, language)),
        language,
    )
    if city.height == 0:
        return _without_data(chart, language)
    regions = [(city, COLOUR_CITY)] + ([(kecamatan, COLOUR_KECAMATAN)] if _shown(kecamatan) else [])
    for rank, (rows, colour) in enumerate(regions, start=10):
        hovers = [
            i18n.text(
                "trend_figure_hover",
                language,
                region=_name(rows),
                month=i18n.month(row["period"], language),
                figure=label,
                value=formats.value_text(figure, row[name], language),
            )
            for row in rows.iter_rows(named=True)
        ]
        chart.add_trace(
            go.Scatter(
                x=rows["period"].to_list(),
                y=rows[name].to_list(),
                name=_name(rows),
                mode="lines+markers",
                marker={"size": 4},
                line={"color": colour, "width": 3},
                customdata=[[hover] for hover in hovers],
                hovertemplate="%{customdata[0]}<extra></extra>",
                legendrank=rank,
            )
        )
    months = city["period"].to_list()
    chart.update_layout(
        xaxis=_month_axis(months[0], months[-1], language),
        yaxis={
            "ticksuffix": "%" if figure.unit == figures.PERCENT else "",
            "title": {"text": label},
            # counts start at 0, so a line's rise is not exaggerated
            **({} if figure.unit == figures.PERCENT else {"rangemode": "tozero"}),
        },
    )
    return chart


def _bands(months: list[dt.date], bottoms: list, tops: list) -> tuple[list, list, list[int | None]]:
    """Closed shapes between ``bottoms`` and ``tops``, one per run of months where both are known.

    Returns x, y and for each point the index of its month (None at the breaks between shapes):
    along the top forwards, back along the bottom, then a break.
    """
    xs: list = []
    ys: list = []
    indexes: list[int | None] = []
    run: list[int] = []
    for index in [*range(len(months)), None]:
        if index is not None and bottoms[index] is not None and tops[index] is not None:
            run.append(index)
            continue
        if run:
            xs += [months[i] for i in run] + [months[i] for i in reversed(run)] + [None]
            ys += [tops[i] for i in run] + [bottoms[i] for i in reversed(run)] + [None]
            indexes += [*run, *reversed(run), None]
        run = []
    return xs, ys, indexes


def segment_trend(segments: pl.DataFrame, region_name: str, language: str) -> go.Figure:
    """Registered participants by segment, month by month, stacked (PBI APBN at the bottom).

    ``segments`` holds one region's rows of segments_by_region_month.sql, oldest first. Each
    segment is a filled band from the sum of the segments below it to that sum plus its own
    count (x runs along the top, then back along the bottom). A month where a segment is
    missing leaves that band and those above it blank rather than counting the segment as zero.
    """
    figure = _figure(i18n.text("trend_segments_title", language, region=region_name), language)
    columns = [f"{segment.code}_registered" for segment in figures.JKN_SEGMENTS]
    if segments.height == 0 or all(segments[c].null_count() == segments.height for c in columns):
        return _without_data(figure, language)
    months = segments["period"].to_list()
    registered = segments["registered"].to_list()
    bottoms: list[int | None] = [0] * segments.height
    for index, (segment, column) in enumerate(zip(figures.JKN_SEGMENTS, columns, strict=True)):
        colour = segment.colour
        counts = segments[column].to_list()
        tops = [None if b is None or c is None else b + c for b, c in zip(bottoms, counts, strict=True)]
        name = i18n.text(segment.label_key, language)
        hovers = [
            i18n.plural(
                "trend_segment_hover",
                count,
                language,
                segment=name,
                month=i18n.month(month, language),
                count=i18n.number(count, language),
                share=i18n.percent(count * 100.0 / total if count is not None and total else None, language),
            )
            for month, count, total in zip(months, counts, registered, strict=True)
        ]
        xs, ys, at = _bands(months, bottoms, tops)
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                name=name,
                mode="lines",
                line={"color": colour, "width": 1},
                fill="toself",
                fillcolor=colour,
                hoveron="points",
                customdata=[[None if i is None else hovers[i]] for i in at],
                hovertemplate="%{customdata[0]}<extra></extra>",
                legendrank=10 + index,
            )
        )
        bottoms = tops
    figure.update_layout(
        xaxis=_month_axis(months[0], months[-1], language),
        yaxis={
            "tickformat": ",d",
            "rangemode": "tozero",
            "title": {"text": i18n.text("trend_axis_registered", language)},
        },
    )
    return figure


# Small multiples: this many panels a row, each region's line over the others in light grey.
SMALL_MULTIPLE_COLUMNS = 3
COLOUR_OTHERS = "#d0d0d0"


def kecamatan_small_multiples(
    rows: pl.DataFrame,
    language: str,
    highlight_code: str | None = None,
    city_name: str = "",
    columns: int = SMALL_MULTIPLE_COLUMNS,
) -> go.Figure:
    """Coverage month by month of every kecamatan, one small panel each, on one shared axis.

    ``rows`` are the gap rows of every kecamatan of a city (gap.gap_all_months at kecamatan level),
    oldest first. Each panel draws its kecamatan in the city's colour over the others in grey, its
    latest value and the target; ``highlight_code`` draws that kecamatan's panel in the highlight
    colour. Panels are in name order, ``columns`` a row; the y axis is shared and starts where the
    lowest value does. With fewer than SMALL_MULTIPLE_COLUMNS columns (a phone: SCREEN_COLUMNS) a
    panel's title is its name over its value, wrapped to the panel's width.
    """
    figure = _figure(i18n.text("trend_small_multiples_title", language, city=city_name), language)
    shown = rows.filter(pl.col("coverage_pct").is_not_null())
    if shown.height == 0:
        return _without_data(figure, language)
    codes = shown.select("kemendagri_code", "name").unique().sort("name")
    count = codes.height
    columns = min(columns, count)
    lines = math.ceil(count / columns)
    narrow = columns < SMALL_MULTIPLE_COLUMNS
    values = shown["coverage_pct"].to_list() + [v for v in shown["target_pct"].to_list() if v is not None]
    bottom = max(0.0, math.floor((min(values) - _COVERAGE_FOOTROOM_PP) / 5) * 5)
    top = max([100.0, *values]) + _COVERAGE_HEADROOM_PP
    months = sorted(set(shown["period"].to_list()))
    height_px = max(460, (_NARROW_PANEL_PX if narrow else 220) * lines)
    # a narrow panel's title is two lines or more: room for it between the rows, in pixels; side by
    # side, 7% keeps one panel's last month ("Jan 2026") clear of the next one's first in a 1080 px
    # wide press picture
    gap_x, gap_y = (0.15, _NARROW_TITLE_ROOM_PX / height_px) if narrow else (0.07, 0.12)
    top_room = gap_y if narrow else 0.0  # the first row's titles stand inside the plot, not in the margin
    width, height = (1 - gap_x * (columns - 1)) / columns, (1 - top_room - gap_y * (lines - 1)) / lines
    layout: dict = {}
    for index, (code, name) in enumerate(codes.iter_rows()):
        row, column = divmod(index, columns)
        axis = "" if index == 0 else str(index + 1)
        x0 = column * (width + gap_x)
        y1 = 1 - top_room - row * (height + gap_y)
        layout[f"xaxis{axis}"] = {
            **_month_axis(months[0], months[-1], language),
            "domain": [max(0.0, x0), min(1.0, x0 + width)],
            "anchor": f"y{axis}",
            "showticklabels": row == lines - 1 or index + columns >= count,
            "tickfont": {"size": 11},
        }
        ticks, labels = month_ticks(months[0], months[-1], language)
        layout[f"xaxis{axis}"]["tickvals"], layout[f"xaxis{axis}"]["ticktext"] = ticks[::2], labels[::2]
        if narrow:
            layout[f"xaxis{axis}"].update(_thinned_ticks(ticks[::2], labels[::2], _NARROW_PANEL_TICKS))
        layout[f"yaxis{axis}"] = {
            "domain": [max(0.0, y1 - height), min(1.0, y1)],
            "anchor": f"x{axis}",
            "range": [bottom, top],
            "ticksuffix": "%",
            "showticklabels": column == 0,
            "gridcolor": "#eeeeee",
        }
        colour = COLOUR_KECAMATAN if code == highlight_code else COLOUR_CITY
        for other_code, other in shown.group_by("kemendagri_code", maintain_order=True):
            if other_code[0] == code:
                continue
            figure.add_trace(
                go.Scatter(
                    x=other["period"].to_list(),
                    y=other["coverage_pct"].to_list(),
                    mode="lines",
                    line={"color": COLOUR_OTHERS, "width": 1},
                    hoverinfo="skip",
                    showlegend=False,
                    xaxis=f"x{axis}",
                    yaxis=f"y{axis}",
                )
            )
        own = shown.filter(pl.col("kemendagri_code") == code)
        figure.add_trace(
            go.Scatter(
                x=own["period"].to_list(),
                y=own["target_pct"].to_list(),
                mode="lines",
                line={"color": COLOUR_TARGET_LINE, "width": 1, "shape": "hv"},
                hoverinfo="skip",
                showlegend=False,
                xaxis=f"x{axis}",
                yaxis=f"y{axis}",
            )
        )
        figure.add_trace(
            go.Scatter(
                x=own["period"].to_list(),
                y=own["coverage_pct"].to_list(),
                name=name,
                mode="lines",
                line={"color": colour, "width": 3 if code == highlight_code else 2},
                showlegend=False,
                xaxis=f"x{axis}",
                yaxis=f"y{axis}",
                hovertemplate=f"{name} %{{x|%m/%Y}}: %{{y:.2f}}%<extra></extra>",
            )
        )
        last = own.row(-1, named=True)
        figure.add_annotation(
            name="panel_title",
            text=(
                f"<b>{'<br>'.join(_wrapped(name, _NARROW_TITLE_CHARS))}</b><br>{i18n.percent(last['coverage_pct'], language)}"
                if narrow
                else f"<b>{name}</b> {i18n.percent(last['coverage_pct'], language)}"
            ),
            x=x0,
            y=y1,
            xref="paper",
            yref="paper",
            xanchor="left",
            yanchor="bottom",
            align="left",
            showarrow=False,
            font={"size": 12 if narrow else 14, "color": colour},
        )
    _add_axis_break(figure, bottom, language)
    figure.update_layout(**layout, height=height_px, showlegend=False)
    return figure


# On a phone (390 px) the small multiples have two panels a row, each about 120 px wide: a title
# of 16 characters at 12 px fits, longer names wrap; two or three month ticks fit under a panel.
SCREEN_COLUMNS = 2
_NARROW_PANEL_PX = 250
_NARROW_TITLE_ROOM_PX = 70
_NARROW_TITLE_CHARS = 16
_NARROW_PANEL_TICKS = 3
# A screen chart's month axis: at most this many ticks across the whole plot width, each label on
# two lines (Jan / 2025, about 30 px wide at 12 px), upright: at 390 px the plot is about 280 px
# wide, so six labels stand 55 px apart; Plotly turns labels that would touch on their side.
SCREEN_MONTH_TICKS = 6


def _wrapped(name: str, width_chars: int) -> list[str]:
    """``name`` cut into lines of at most ``width_chars`` characters at spaces (a longer word stays whole)."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width_chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [name]


def _thinned_ticks(ticks: list, labels: list[str], most: int) -> dict:
    """Every k-th of ``ticks`` counted back from the latest, at most ``most`` of them, labels on two lines, upright."""
    step = max(1, math.ceil(len(ticks) / most))
    kept = list(range(len(ticks) - 1, -1, -step))[::-1]
    return {
        "tickvals": [ticks[i] for i in kept],
        "ticktext": [str(labels[i]).replace(" ", "<br>", 1) for i in kept],
        "tickangle": 0,
    }


def screen_figure(figure: go.Figure) -> dict | go.Figure:
    """``figure`` for the dashboard's screen, legible from a 390 px phone up, as Plotly JSON (a dict,
    which st.plotly_chart validates once, instead of a second go.Figure): without its title (the page
    writes it above the chart, where it wraps) and with fewer month ticks, on two lines and upright
    (SCREEN_MONTH_TICKS across the full width). The press PNG keeps ``figure`` as it is.
    """
    shown = figure.to_plotly_json()
    layout = shown["layout"]
    layout.pop("title", None)
    layout["margin"] = {**layout.get("margin", {}), "t": _UNTITLED_TOP_PX}
    for name in [key for key in layout if key.startswith("xaxis")]:
        axis = layout[name]
        if axis.get("type") != "date" or axis.get("tickmode") != "array" or not axis.get("tickvals"):
            continue
        low, high = axis.get("domain", (0, 1))
        most = max(2, round(SCREEN_MONTH_TICKS * (high - low)))
        axis.update(_thinned_ticks(list(axis["tickvals"]), list(axis["ticktext"]), most))
        legend = layout.get("legend", {})
        if name == "xaxis" and legend.get("y") is not None and legend["y"] < 0:
            # a legend under the plot moves down by the second line of the tick labels
            legend["y"] -= _SECOND_TICK_LINE_PX / layout.get("height", 460)
    # Plotly refuses a dict without traces (a chart that says there is no data): that one stays a Figure.
    return shown if shown.get("data") else go.Figure(shown)


_SECOND_TICK_LINE_PX = 24
# The top margin of a screen chart, whose title is written above it: room for Plotly's toolbar only.
_UNTITLED_TOP_PX = 30


# st.plotly_chart's config for the dashboard: no Plotly logo; the PNG button names the file.
SCREEN_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


def kecamatan_ranking(kecamatan: pl.DataFrame, language: str, highlight_code: str | None = None) -> go.Figure:
    """Kecamatan ranked by people still to enrol to reach the target (most at the top), with their coverage.

    ``kecamatan`` holds the gap engine's rows of one month; a kecamatan at or above the target
    has a bar of zero, one without figures is left out. ``highlight_code``'s bar stands out in
    the highlight colour.
    """
    figure = _figure(i18n.text("export_title_ranking", language), language)
    rows = kecamatan.filter(pl.col("people_needed").is_not_null()).sort(
        ["people_needed", "coverage_pct"], descending=[False, True]
    )
    if rows.height == 0:
        return _without_data(figure, language)
    people = [
        i18n.plural("ranking_people", n, language, people=i18n.number(n, language)) for n in rows["people_needed"]
    ]
    # Each kecamatan's coverage under its name, so the bars' labels stay short.
    names = [
        f"{name}<br><span style='font-size:0.85em;color:#555555'>"
        f"{i18n.text('ranking_coverage', language, coverage=i18n.percent(coverage, language))}</span>"
        for name, coverage in zip(rows["name"], rows["coverage_pct"], strict=True)
    ]
    figure.add_trace(
        go.Bar(
            x=rows["people_needed"].to_list(),
            y=names,
            orientation="h",
            marker={
                "color": [
                    COLOUR_KECAMATAN if code == highlight_code else COLOUR_CITY for code in rows["kemendagri_code"]
                ]
            },
            text=people,
            textposition="outside",
            cliponaxis=False,
            name=i18n.text("kpi_people_needed", language),
            showlegend=False,
            hovertemplate="%{y}<br>%{text}<extra></extra>",
        )
    )
    top = max(cast("int | None", rows["people_needed"].max()) or 0, 1)
    figure.update_layout(
        xaxis={
            "tickformat": ",d",
            "range": [0, top * 1.25],  # room for the labels at the bars' ends
            "showgrid": True,
            "gridcolor": "#e5e5e5",
        },
        yaxis={"automargin": True, "ticksuffix": "  "},
    )
    return figure


def month_changes_bars(city: dict | None, moved: pl.DataFrame, crossed: pl.DataFrame, language: str) -> go.Figure:
    """The city's and each kecamatan's change in coverage against the month before (points).

    ``city``: the city's gap row (None when its month is a partial sum: it is left out);
    ``moved``: kecamatan gap rows with coverage_change_1m_pp (changes.MonthChanges.moved), largest
    rise at the top under the city; ``crossed``: the month's crossings (alerts.SCHEMA rows). Under
    each name its coverage now and, since a picture has no hover, the thresholds it crossed
    (▲ up to one, ▼ below one). A kecamatan's rise is green, a fall dark red; the city's bar is
    the city's colour.
    """
    figure = _figure(i18n.text("export_title_changes", language), language)
    kecamatan = moved.filter(pl.col("coverage_change_1m_pp").is_not_null()).sort("coverage_change_1m_pp")
    columns = ["kemendagri_code", "name", "coverage_pct", "coverage_change_1m_pp"]
    rows = kecamatan.select(columns)
    if city is not None and city.get("coverage_change_1m_pp") is not None:
        rows = pl.concat([rows, pl.DataFrame([{name: city[name] for name in columns}], schema=rows.schema)])
    if rows.height == 0:
        return _without_data(figure, language)
    status: dict[str, list[str]] = {}
    for row in crossed.filter(pl.col("alert") != "fall").iter_rows(named=True):
        key = i18n.N_("changes_bar_recovered") if row["alert"] == "recovered" else i18n.N_("changes_bar_below")
        threshold = i18n.percent(row["threshold"], language, digits=0 if float(row["threshold"]).is_integer() else 1)
        figure_name = i18n.text(alerts.FIGURE_KEYS[row["figure"]], language)
        status.setdefault(row["kemendagri_code"], []).append(
            i18n.text(key, language, figure=figure_name, threshold=threshold)
        )
    city_code = city["kemendagri_code"] if city is not None else None
    names = []
    for code, name, coverage in zip(rows["kemendagri_code"], rows["name"], rows["coverage_pct"], strict=True):
        # the coverage now beside the name's second line; each threshold crossed on a line of its own
        under = [i18n.text("changes_bar_now", language, coverage=i18n.percent(coverage, language))]
        under += status.get(code, [])
        shown = f"<b>{name}</b>" if code == city_code or code in status else name
        lines = "<br>".join(f"<span style='font-size:0.8em;color:#555555'>{line}</span>" for line in under)
        names.append(f"{shown}<br>{lines}")
    changes_pp = rows["coverage_change_1m_pp"].to_list()
    colours = [
        COLOUR_CITY if code == city_code else COLOUR_TARGET_LINE if change >= 0 else COLOUR_BELOW_95
        for code, change in zip(rows["kemendagri_code"], changes_pp, strict=True)
    ]
    figure.add_trace(
        go.Bar(
            x=changes_pp,
            y=names,
            orientation="h",
            marker={"color": colours},
            text=[i18n.text("changes_bar_label", language, change=i18n.points(c, language)) for c in changes_pp],
            textposition="outside",
            cliponaxis=False,
            showlegend=False,
            hovertemplate="%{y}<br>%{text}<extra></extra>",
        )
    )
    # Room at the bars' ends for their labels, and right of zero for the labels of no change (+0,00).
    reach = max(abs(min(changes_pp)), abs(max(changes_pp)), 0.1)
    figure.update_layout(
        xaxis={
            "range": [
                -reach * 1.5 if min(changes_pp) < 0 else -reach * 0.05,
                reach * 1.5 if max(changes_pp) > 0 else reach * 0.5,
            ],
            "nticks": 6,
            "ticksuffix": " " + i18n.text("changes_axis_unit", language),
            "showgrid": True,
            "gridcolor": "#e5e5e5",
            "zeroline": True,
            "zerolinecolor": "#555555",
        },
        yaxis={"automargin": True, "ticksuffix": "  "},
    )
    return figure
