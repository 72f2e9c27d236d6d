"""The mayor's briefing pack: two A4 pages as PDF (ReportLab), and the same content as PPTX slides.

Page 1: headline figures with their change from last month and a year earlier, the UHC status
and what is missing, the projection, the budget needed and the kecamatan map. Page 2: the
coverage trend with its projection, the kecamatan furthest from the target, and the data
sources with their vintage. Every sentence and figure is real text in the PDF (searchable,
copyable); only the map and the trend are pictures, rendered by uhc.output.export like the press PNGs.
The fonts are Bitstream Vera, which ReportLab ships, so nothing depends on the system's fonts.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import plotly.graph_objects as go
import polars as pl
import reportlab
from PIL import Image as PILImage
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from uhc import figures, i18n
from uhc.core import awards, changes, formats, planner, summary
from uhc.output import charts, export, maps, report

FONT = "Vera"
FONT_BOLD = "Vera-Bold"
_FONT_DIR = Path(reportlab.__file__).parent / "fonts"
MARGIN = 16 * mm
CONTENT_WIDTH = A4[0] - 2 * MARGIN
# The pictures: layout pixels at export.SCALE, drawn CONTENT_WIDTH wide.
MAP_SIZE_PX = (1000, 640)
# The map's names at 16 px: 1000 px drawn CONTENT_WIDTH (about 504,6 pt) wide is 0,505 pt a pixel,
# so 8,1 pt on A4 (at the pictures' 15 px they were 7,6 pt, at 12 px 6,1 pt); a name that fits
# nowhere drops the city's word ("Selatan"), and all six of the demo city's fit.
MAP_LABEL_FONT_PX = (16.0,)
# The slide's map is drawn at about the points it takes on the slide (5,3 in = 381,6 pt high below
# the heading, 384 px): a pixel is a point there, so its 15 px names are about 15 pt on the
# projector (the A4 picture at 5,3 in high gave 9 pt). At that size there is room for names only
# and not for every one (4 of the demo city's 6), so the slide puts the map at its left and every
# kecamatan's coverage in a table at its right (MAP_TABLE_COLUMNS), lowest first.
SLIDE_MAP_SIZE_PX = (440, 384)
SLIDE_MAP_LABEL_FONT_PX = (15.0,)
SLIDE_MAP_SCALE = 3  # 1320 x 1152 pixels, about 217 a slide inch
TREND_SIZE_PX = (1000, 440)
_INK = colors.HexColor("#1a1a1a")
_MUTED = colors.HexColor("#555555")
_BRAND = colors.HexColor(charts.COLOUR_CITY)
_DEMO = colors.HexColor("#c0392b")
_RULE = colors.HexColor("#d0d7de")


def register_fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(_FONT_DIR / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(_FONT_DIR / "VeraBd.ttf")))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


@dataclass(frozen=True)
class Briefing:
    """Everything the briefing says, as text and pictures, in one language."""

    language: str
    title: str
    heading: str
    made: str
    is_demo: bool
    status: str
    award: str | None
    changes: str
    decision_rows: list[list[str]]  # decision, cost, the figure it rests on
    projection: str
    need: str
    kpi_rows: list[list[str]]  # indicator, value, vs last month, vs a year ago
    lagging_heading: str
    lagging_rows: list[list[str]]  # kecamatan, coverage, people needed, cost for a year
    lagging_note: str
    sources: list[str]
    map_png: bytes | None
    slide_map_png: bytes | None  # the map drawn for the slide (SLIDE_MAP_SIZE_PX)
    map_rows: list[list[str]]  # every kecamatan and its coverage, lowest first (beside the slide's map)
    trend_png: bytes | None  # None before the second month of data
    trend_note: str
    logo_uri: str | None


def picture_figure(
    figure: go.Figure,
    size: tuple[int, int],
    language: str,
    *,
    label_font_px: tuple[float, ...] | None = None,
    short_names: bool = False,
    values: bool = True,
) -> go.Figure:
    """A briefing picture's figure: a copy without its own title, on the shared template, labels fitted.

    A map's region names are laid out again for the map this picture draws (maps.fit_labels), at
    ``label_font_px`` when given: at MAP_SIZE_PX every kecamatan of the demo city is named.
    """
    width, height = size
    figure = go.Figure(figure)
    figure.update_layout(
        template=charts.TEMPLATE,
        separators=charts.SEPARATORS[language],
        title=None,
        width=width,
        height=height,
        margin={"t": 50},
        font={"size": 15},
    )
    # the plot area: the picture less its top margin
    maps.fit_labels(figure, (width, height - 50), font_px=label_font_px, short_names=short_names, values=values)
    return figure


def slide_map_figure(map_figure: go.Figure, language: str) -> go.Figure:
    """The map for the slide (maps.press_map_figure): SLIDE_MAP_SIZE_PX, names only at SLIDE_MAP_LABEL_FONT_PX."""
    return picture_figure(
        map_figure, SLIDE_MAP_SIZE_PX, language, label_font_px=SLIDE_MAP_LABEL_FONT_PX, short_names=True, values=False
    )


def _figure_png(figure: go.Figure, size: tuple[int, int], language: str, **labels) -> bytes:
    """A briefing picture as PNG (picture_figure; ``labels``: label_font_px, short_names, values)."""
    return export.png(picture_figure(figure, size, language, **labels), *size)


def _population_source(cm: report.CityMonth, row: dict, language: str) -> str:
    """The briefing's population source: the Dukcapil semester, or the BPJS recap whose population column it is."""
    recap = summary.recap_of_population(cm.population_origins, row["population_as_of"])
    if recap is not None:
        return i18n.text(
            "brief_source_population_recap",
            language,
            file=recap,
            month=i18n.month(row["population_as_of"], language),
        )
    return i18n.text(
        "brief_source_population",
        language,
        semester=i18n.semester(row["population_as_of"], language),
        as_of=i18n.day(row["population_as_of"], language),
    )


def briefing(city_month: report.CityMonth, language: str, made_at: dt.datetime) -> Briefing:
    """The briefing's content for ``city_month``, made at ``made_at`` (shown on the pages)."""
    cm = city_month
    row = cm.city
    kpis = summary.kpis(row, language, cm.month_before, cm.year_before)
    lagging = report.lagging_kecamatan(cm.kecamatan)
    target = summary.target_text(row, language)  # "95%", or "none in force" in a month before every target
    map_png = slide_map_png = None
    if not cm.shapes.empty and cm.kecamatan.height:
        map_figure = maps.press_map_figure(cm.shapes, cm.kecamatan, "coverage", language)
        map_png = _figure_png(map_figure, MAP_SIZE_PX, language, label_font_px=MAP_LABEL_FONT_PX, short_names=True)
        slide_map_png = export.png(
            slide_map_figure(map_figure, language),
            *SLIDE_MAP_SIZE_PX,
            scale=SLIDE_MAP_SCALE,
        )
    moment = i18n.moment(made_at, language)
    decision_rows, award = decisions(cm, language)
    return Briefing(
        language=language,
        title=i18n.text("brief_title", language),
        heading=i18n.text("brief_heading", language, city=cm.city_name, period=i18n.month(cm.period, language)),
        made=i18n.text("brief_made", language, moment=moment),
        is_demo=cm.is_demo,
        status=summary.status_sentence(row, language),
        award=award,
        changes=" ".join(
            part
            for part in (
                changes.month_change_sentence(row, cm.month_before, language),
                cm.month_changes and changes.crossed_sentence(cm.month_changes, language),
            )
            if part
        ),
        decision_rows=decision_rows,
        projection=summary.projection_sentence(row, language),
        need=report.need_sentence(cm, language),
        kpi_rows=[[k.label, k.value, k.delta_month or i18n.MISSING, k.delta_year or i18n.MISSING] for k in kpis],
        lagging_heading=(
            i18n.text("brief_lagging_no_target", language, reason=summary.no_target_sentence(row, language))
            if summary.without_target(row)
            else i18n.text("brief_lagging_heading" if lagging.height else "brief_lagging_none", language, target=target)
        ),
        lagging_rows=[
            [formats.text_or_dash(figures.figure(name), r[name], language) for name in LAGGING_FIGURES]
            for r in lagging.iter_rows(named=True)
        ],
        lagging_note=" ".join(
            [
                i18n.text("brief_lagging_note", language, iuran=i18n.rupiah(row["iuran_idr_per_month"], language)),
                *report.kecamatan_total_sentences(cm, language),
            ]
        ),
        sources=[
            i18n.text("brief_source_bpjs", language, month=i18n.month(cm.period, language)),
            _population_source(cm, row, language),
            i18n.text(
                "brief_source_rules",
                language,
                target=target,
                min_coverage=i18n.percent(row["min_coverage_pct"], language, digits=0),
                min_activity=i18n.percent(row["min_activity_pct"], language, digits=0),
                iuran=i18n.rupiah(row["iuran_idr_per_month"], language),
                month=i18n.month(cm.period, language),
            ),
            i18n.text("brief_source_agency", language, agency=cm.branding.agency(language), moment=moment),
        ],
        map_png=map_png,
        slide_map_png=slide_map_png,
        map_rows=[
            [formats.text_or_dash(figures.figure(name), r[name], language) for name in MAP_TABLE_FIGURES]
            for r in cm.kecamatan.sort(["coverage_pct", "name"], nulls_last=True).iter_rows(named=True)
        ],
        trend_png=(
            _figure_png(
                charts.coverage_trend(
                    cm.city_trend, language, recap_dates=summary.recap_population_dates(cm.population_origins)
                ),
                TREND_SIZE_PX,
                language,
            )
            if cm.city_trend.height >= 2
            else None
        ),
        trend_note=i18n.text("brief_trend_first_month", language, month=i18n.month(cm.period, language)),
        logo_uri=cm.branding.logo_uri,
    )


# -- The decisions -----------------------------------------------------------------------------


def _people(value: int | None, language: str) -> str:
    return i18n.number(value, language)


def _enrolment_decision(cm: report.CityMonth, language: str) -> tuple[list[str], int | None]:
    """Budget for new PBI APBD places at the dated target for 12 months, and the people it is for.

    The city's need comes from city totals; where the city is at the target but kecamatan are not,
    the places those kecamatan need (each brought to the target) are the decision.
    """
    row = cm.city
    target = summary.target_text(row, language)
    coverage = i18n.percent(row["coverage_pct"], language)
    months = planner.MAX_MONTHS_FUNDED
    iuran = row["iuran_idr_per_month"]
    if row["people_needed"] is None or iuran is None:
        return [i18n.text("dec_enrol_no_data", language), i18n.MISSING, i18n.text("plan_need_no_data", language)], None
    if row["people_needed"] > 0:
        people = int(row["people_needed"])
        basis = i18n.text(
            "dec_enrol_basis",
            language,
            coverage=coverage,
            registered=_people(row["registered"], language),
            population=_people(row["population"], language),
            target=target,
        )
    else:
        short = cm.kecamatan.filter(pl.col("people_needed") > 0).sort("people_needed", descending=True)
        people = int(short["people_needed"].sum())
        if people == 0:
            return [
                i18n.text("dec_enrol_none", language),
                i18n.rupiah_compact(0, language),
                i18n.text("dec_enrol_none_basis", language, coverage=coverage, target=target),
            ], 0
        basis = i18n.text(
            "dec_enrol_kecamatan_basis",
            language,
            coverage=coverage,
            target=target,
            kecamatan=", ".join(
                f"{name} {i18n.percent(pct, language)}"
                for name, pct in short.select("name", "coverage_pct").iter_rows()
            ),
        )
    decision = i18n.text("dec_enrol", language, people=_people(people, language), months=months)
    cost = i18n.rupiah_compact(people * int(iuran) * months, language)
    return [decision, cost, basis], people


def _quota_decision(cm: report.CityMonth, people: int | None, language: str) -> list[str]:
    """Whether the year's PBI APBD quota takes the new places, and by how much to raise it if not."""
    year = cm.period.year
    quota, _ = planner.stored_quota(cm.quota)
    registered = planner.pbi_apbd_registered(cm.segments.filter(pl.col("period") == cm.period))
    if quota is None:
        return [
            i18n.text("dec_quota_missing", language, year=year),
            i18n.MISSING,
            i18n.text("dec_quota_missing_basis", language, code=cm.city_code, year=year),
        ]
    use = planner.quota_use(registered, quota, people)
    if use.remaining is None:
        return [
            i18n.text("dec_quota_no_segments", language, year=year),
            i18n.MISSING,
            i18n.text("dec_quota_basis_quota", language, quota=_people(quota, language)),
        ]
    basis = i18n.text(
        "dec_quota_basis",
        language,
        registered=_people(use.registered, language),
        quota=_people(use.quota, language),
        remaining=_people(use.remaining, language),
    )
    if use.need_beyond_quota:
        return [
            i18n.text("dec_quota_raise", language, year=year, over=_people(use.need_beyond_quota, language)),
            i18n.text("dec_cost_in_first", language),
            basis,
        ]
    return [i18n.text("dec_quota_fits", language, year=year), i18n.text("dec_cost_none", language), basis]


def _reactivation_row(cm: report.CityMonth, activity_pct: float) -> dict | None:
    plan = cm.reactivation_plan
    if plan is None:
        return None
    rows = plan.city.filter(pl.col("criterion_activity_pct") == activity_pct)
    return rows.row(0, named=True) if rows.height else None


def _route(row: dict, language: str) -> str:
    route = formats.value_text(figures.figure_of(figures.REACTIVATION_FIGURES, "cheapest"), row["cheapest"], language)
    return route or i18n.MISSING


def _reactivation_decision(cm: report.CityMonth, language: str) -> list[str] | None:
    """Non-active participants to make active so that every kecamatan meets the UHC keaktifan criterion."""
    criterion = cm.city["min_activity_pct"]
    total = None if criterion is None else _reactivation_row(cm, float(criterion))
    if total is None or total["to_activate"] is None:
        return None
    activity = i18n.percent(criterion, language, digits=0)
    basis = i18n.text(
        "dec_react_basis",
        language,
        activity_now=i18n.percent(cm.city["activity_pct"], language),
        activity=activity,
        non_active=_people(cm.city["registered"] - cm.city["active"], language),
    )
    if total["to_activate"] == 0:
        return [i18n.text("dec_react_none", language, activity=activity), i18n.rupiah_compact(0, language), basis]
    if total["cheapest_cost_idr"] is None:  # no segment figures: who could be reactivated is not known
        basis += "; " + i18n.text("react_note_no_segments", language)
    else:
        basis += "; " + i18n.text("dec_react_route", language, route=_route(total, language))
    return [
        i18n.text("dec_react", language, people=_people(total["to_activate"], language), activity=activity),
        i18n.rupiah_compact(total["cheapest_cost_idr"], language),
        basis,
    ]


def _award_decision(cm: report.CityMonth, language: str) -> tuple[str | None, list[str] | None]:
    """The UHC Awards sentence and the decision to reach the next tier: what it lacks and its cost.

    The cost adds the new Pemda-funded places the tier lacks (registrations and the Pemda share
    count the same new PBI APBD participants, so the larger of the two, x iuran x 12) and the
    reactivation planner's cheapest cost to bring every kecamatan to the tier's keaktifan.
    """
    row = cm.city
    registered = planner.pbi_apbd_registered(cm.segments.filter(pl.col("period") == cm.period))
    tiers = awards.tiers_in_force(cm.period, cm.award_tiers)
    status = awards.award_status(row, registered, tiers)
    if status is None:
        return None, None
    sentence = awards.award_sentence(status, language)
    met = i18n.text(awards.TIER_KEYS[status.met], language) if status.met else i18n.text("dec_award_no_tier", language)
    if status.next_tier is None:
        return sentence, [i18n.text("dec_award_keep", language, tier=met), i18n.rupiah_compact(0, language), sentence]
    lack = status.next_tier
    tier = tiers.filter(pl.col("tier") == lack.tier).row(0, named=True)
    iuran = row["iuran_idr_per_month"]
    places = max(lack.registered, lack.pemda_funded or 0)
    # a Pemda share that cannot be told (no PBI APBD figure) leaves the cost unknown, not smaller
    unknown = iuran is None or lack.pemda_funded is None
    cost: int | None = None if unknown else places * int(iuran) * planner.MAX_MONTHS_FUNDED
    if lack.active:
        react = _reactivation_row(cm, float(tier["min_activity_pct"]))
        cost = (
            None
            if react is None or cost is None or react["cheapest_cost_idr"] is None
            else cost + int(react["cheapest_cost_idr"])
        )
    basis = i18n.text(
        "dec_award_basis",
        language,
        met=met,
        tier=i18n.text(awards.TIER_KEYS[lack.tier], language),
        coverage=i18n.percent(tier["min_coverage_pct"], language, digits=0),
        activity=i18n.percent(tier["min_activity_pct"], language, digits=0),
        coverage_now=i18n.percent(row["coverage_pct"], language),
        activity_now=i18n.percent(row["activity_pct"], language),
    )
    parts = [
        i18n.plural(key, count, language, count=_people(count, language))
        for key, count in (
            (i18n.N_plural("award_lacks_registered"), lack.registered),
            (i18n.N_plural("award_lacks_active"), lack.active),
            (i18n.N_plural("award_lacks_pemda"), lack.pemda_funded),
        )
        if count
    ]
    decision = i18n.text(
        "dec_award",
        language,
        tier=i18n.text(awards.TIER_KEYS[lack.tier], language),
        lacking=i18n.text("uhc_missing_and", language).join(parts),
    )
    return sentence, [decision, i18n.rupiah_compact(cost, language) if cost is not None else i18n.MISSING, basis]


def decisions(cm: report.CityMonth, language: str) -> tuple[list[list[str]], str | None]:
    """The briefing's decisions (decision, cost, the figure it rests on) and the UHC Awards sentence."""
    if summary.without_target(cm.city):
        return [], None
    enrol, people = _enrolment_decision(cm, language)
    rows = [enrol, _quota_decision(cm, people, language)]
    react = _reactivation_decision(cm, language)
    if react is not None:
        rows.append(react)
    award, award_row = _award_decision(cm, language)
    if award_row is not None:
        rows.append(award_row)
    return rows, award


# -- PDF -----------------------------------------------------------------------------------------


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, textColor=_INK)
    return {
        "body": base,
        "kicker": ParagraphStyle("kicker", base, fontSize=9, textColor=_MUTED),
        "heading": ParagraphStyle("heading", base, fontName=FONT_BOLD, fontSize=18, leading=22, textColor=_BRAND),
        "made": ParagraphStyle("made", base, fontSize=8.5, textColor=_MUTED, alignment=TA_RIGHT),
        "section": ParagraphStyle(
            "section", base, fontName=FONT_BOLD, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4
        ),
        "status": ParagraphStyle("status", base, fontName=FONT_BOLD, fontSize=10.5, leading=14),
        "demo": ParagraphStyle("demo", base, fontName=FONT_BOLD, textColor=_DEMO),
        "cell": ParagraphStyle("cell", base, fontSize=9, leading=11.5),
        "cell_right": ParagraphStyle("cell_right", base, fontSize=9, leading=11.5, alignment=TA_RIGHT),
        "cell_head": ParagraphStyle("cell_head", base, fontName=FONT_BOLD, fontSize=8.5, leading=11, textColor=_MUTED),
        "cell_head_right": ParagraphStyle(
            "cell_head_right",
            base,
            fontName=FONT_BOLD,
            fontSize=8.5,
            leading=11,
            textColor=_MUTED,
            alignment=TA_RIGHT,
        ),
        "note": ParagraphStyle("note", base, fontSize=8, leading=10.5, textColor=_MUTED),
    }


def _picture(png: bytes, size_px: tuple[int, int]) -> Image:
    width = CONTENT_WIDTH
    return Image(io.BytesIO(png), width=width, height=width * size_px[1] / size_px[0])


# The briefing's two tables: header keys and column widths (shares of the page's width).
KPI_COLUMNS = {
    i18n.N_("brief_col_indicator"): 0.34,
    i18n.N_("brief_col_value"): 0.18,
    i18n.N_("brief_col_month"): 0.24,
    i18n.N_("brief_col_year"): 0.24,
}
DECISION_COLUMNS = {
    i18n.N_("brief_col_decision"): 0.38,
    i18n.N_("brief_col_decision_cost"): 0.15,
    i18n.N_("brief_col_basis"): 0.47,
}
LAGGING_COLUMNS = {
    i18n.N_("brief_col_kecamatan"): 0.40,
    i18n.N_("brief_col_coverage"): 0.18,
    i18n.N_("brief_col_people"): 0.21,
    i18n.N_("brief_col_cost"): 0.21,
}
# The registered figures under those headers, written as the registry says (uhc.figures).
LAGGING_FIGURES = ("name", "coverage_pct", "people_needed", "annual_cost_idr")
# The map slide's table beside the map: every kecamatan and its coverage, lowest first.
MAP_TABLE_COLUMNS = {i18n.N_("brief_col_kecamatan"): 0.62, i18n.N_("brief_col_coverage"): 0.38}
MAP_TABLE_FIGURES = ("name", "coverage_pct")


def _table(
    columns: dict[str, float], rows: list[list[str]], language: str, styles: dict, text_columns: int = 1
) -> Table:
    """A figures table under the headers of ``columns``: the first column text, the others right-aligned.

    ``text_columns`` > 1: the last column is text too (the decisions' "based on").
    """
    header = [i18n.text(key, language) for key in columns]
    widths = [CONTENT_WIDTH * share for share in columns.values()]
    last = len(columns) - 1

    def left(i: int) -> bool:
        return i == 0 or (text_columns > 1 and i == last)

    cells = [
        [Paragraph(escape(h), styles["cell_head" if left(i) else "cell_head_right"]) for i, h in enumerate(header)],
        *[
            [Paragraph(escape(c), styles["cell" if left(i) else "cell_right"]) for i, c in enumerate(row)]
            for row in rows
        ],
    ]
    table = Table(cells, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, _BRAND),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, _RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _logo_png(logo_uri: str) -> tuple[bytes, float]:
    """The PNG bytes of a logo's data URI (export.logo_data_uri) and its width / height."""
    data = base64.b64decode(logo_uri.split(",", 1)[1])
    with PILImage.open(io.BytesIO(data)) as picture:
        return data, picture.width / picture.height


def _logo(logo_uri: str | None) -> Image | None:
    if not logo_uri:
        return None
    data, ratio = _logo_png(logo_uri)
    height = 14 * mm
    return Image(io.BytesIO(data), width=height * ratio, height=height)


def pdf_bytes(brief: Briefing) -> bytes:
    """The briefing as an A4 PDF of two pages."""
    register_fonts()
    styles = _styles()
    lang = brief.language
    out = io.BytesIO()

    def footer(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(_MUTED)
        canvas.drawString(MARGIN, 9 * mm, f"{brief.title} · {brief.heading}")
        canvas.drawRightString(A4[0] - MARGIN, 9 * mm, i18n.text("brief_page", lang, page=document.page))
        canvas.restoreState()

    header_left = [
        Paragraph(escape(brief.title), styles["kicker"]),
        Paragraph(escape(brief.heading), styles["heading"]),
    ]
    logo = _logo(brief.logo_uri)
    header_right: list[Flowable] = [logo] if logo else []
    header_right.append(Paragraph(escape(brief.made), styles["made"]))
    header = Table([[header_left, header_right]], colWidths=[CONTENT_WIDTH * 0.7, CONTENT_WIDTH * 0.3])
    header.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (-1, 0), 1.2, _BRAND),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    story = [header, Spacer(1, 4 * mm)]
    if brief.is_demo:
        story.append(Paragraph(escape(i18n.text("export_demo", lang)), styles["demo"]))
    story += [
        Paragraph(escape(i18n.text("brief_status_heading", lang)), styles["section"]),
        Paragraph(escape(brief.status), styles["status"]),
        Spacer(1, 1.5 * mm),
        *([Paragraph(escape(brief.award), styles["body"])] if brief.award else []),
        Paragraph(escape(brief.changes), styles["body"]),
        Paragraph(escape(i18n.text("brief_decisions_heading", lang)), styles["section"]),
    ]
    if brief.decision_rows:
        story += [
            _table(DECISION_COLUMNS, brief.decision_rows, lang, styles, text_columns=2),
            Spacer(1, 1.5 * mm),
            Paragraph(escape(i18n.text("brief_decisions_note", lang)), styles["note"]),
        ]
    else:
        story.append(Paragraph(escape(brief.need), styles["body"]))
    story += [
        Paragraph(escape(i18n.text("brief_kpi_heading", lang)), styles["section"]),
        _table(KPI_COLUMNS, brief.kpi_rows, lang, styles),
        Paragraph(escape(brief.lagging_heading), styles["section"]),
    ]
    if brief.lagging_rows:
        story += [
            _table(LAGGING_COLUMNS, brief.lagging_rows, lang, styles),
            Spacer(1, 1.5 * mm),
            Paragraph(escape(brief.lagging_note), styles["note"]),
        ]
    story += [
        PageBreak(),
        Paragraph(escape(i18n.text("brief_map_heading", lang)), styles["section"]),
    ]
    if brief.map_png is not None:
        story.append(_picture(brief.map_png, MAP_SIZE_PX))
    else:
        story.append(Paragraph(escape(i18n.text("brief_no_map", lang)), styles["body"]))
    story += [
        Paragraph(escape(i18n.text("brief_trend_heading", lang)), styles["section"]),
        _picture(brief.trend_png, TREND_SIZE_PX)
        if brief.trend_png is not None
        else Paragraph(escape(brief.trend_note), styles["body"]),
        Paragraph(escape(brief.projection), styles["body"]),
    ]
    story.append(Paragraph(escape(i18n.text("brief_sources_heading", lang)), styles["section"]))
    story += [Paragraph(escape(line), styles["body"]) for line in brief.sources]

    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=f"{brief.title}: {brief.heading}",
        creator="uhc-dashboard",
        lang=brief.language,
    )
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


# -- PPTX ----------------------------------------------------------------------------------------

# The slides' grid in inches on a 13,33 x 7,5 in (16:9) slide: a heading band, the content area
# and a footer band below it that nothing else may reach into (tests/test_briefing_layout.py).
SLIDE_IN = (13.333, 7.5)
LEFT_IN = 0.5
WIDTH_IN = 12.333
CONTENT_TOP_IN = 1.45
FOOTER_TOP_IN = 6.9
CONTENT_BOTTOM_IN = 6.75
_EMU_PER_IN = 914400
# The deck's own theme: one sans-serif face, the briefing's colours, tables without Office's styles.
PPTX_FONT = "Arial"
_PPTX_COLOURS = {"ink": "1A1A1A", "brand": "1F4E79", "muted": "555555", "demo": "C0392B", "rule": "D0D7DE"}
_HEAD_FILL = "E8EEF4"
# python-pptx's tables start on "Medium Style 2 - Accent 1" (blue bands); this id is "No Style, No Grid".
_NO_TABLE_STYLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"


def text_lines(text: str, width_in: float, size_pt: float) -> int:
    """Lines ``text`` wraps to in a box ``width_in`` wide at ``size_pt`` (Arial's mean glyph is about 0,5 em)."""
    per_line = max(int(width_in * 72 / (size_pt * 0.5)), 1)
    lines = 0
    for paragraph in text.split("\n"):
        words, line = paragraph.split(), 0
        count = 1
        for word in words:
            if line and line + 1 + len(word) > per_line:
                count, line = count + 1, len(word)
            else:
                line += (1 if line else 0) + len(word)
        lines += count
    return lines


def _height_in(lines: int, size_pt: float) -> float:
    """The height of ``lines`` at ``size_pt`` with 1,2 line spacing, plus the box's margins (0,1 in)."""
    return lines * size_pt * 1.2 / 72 + 0.1


def pptx_bytes(brief: Briefing) -> bytes:
    """The briefing as 16:9 slides: status, decisions, map, trend, kecamatan list, sources.

    Every box is sized for its text (``text_lines``) and stops above the footer band; tables carry
    the deck's own look (header tint, thin rules), not PowerPoint's default table style.
    """
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.text import PP_ALIGN
    from pptx.oxml.ns import qn
    from pptx.util import Emu, Pt

    lang = brief.language
    deck = Presentation()
    deck.slide_width, deck.slide_height = (Emu(int(side * _EMU_PER_IN)) for side in SLIDE_IN)
    blank = deck.slide_layouts[6]
    colour = {name: RGBColor.from_string(value) for name, value in _PPTX_COLOURS.items()}

    def emu(inches: float) -> Emu:
        return Emu(int(inches * _EMU_PER_IN))

    def style(run, size: float, bold: bool, tint: str) -> None:
        run.font.name, run.font.size, run.font.bold = PPTX_FONT, Pt(size), bold
        run.font.color.rgb = colour[tint]

    def text(slide, left, top, width, lines: Sequence[tuple[str, float, bool, str]], name: str) -> float:
        """A text box sized for ``lines`` (text, size, bold, colour); returns its bottom in inches."""
        height = sum(_height_in(text_lines(line, width - 0.2, size), size) - 0.1 for line, size, _, _ in lines) + 0.1
        shape = slide.shapes.add_textbox(emu(left), emu(top), emu(width), emu(height))
        shape.name = name
        frame = shape.text_frame
        frame.word_wrap = True
        for index, (line, size, bold, tint) in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            style(paragraph.add_run(), size, bold, tint)
            paragraph.runs[0].text = line
        return top + height

    def slide_with(heading: str):
        slide = deck.slides.add_slide(blank)
        lines = [(brief.heading, 12, False, "muted"), (heading, 26, True, "brand")]
        below = text(slide, LEFT_IN, 0.3, WIDTH_IN - 1.6, lines, "heading") + 0.05
        footer = [(" · ".join([brief.title, brief.made]), 10, False, "muted")]
        if brief.is_demo:
            footer.append((i18n.text("export_demo", lang), 10, True, "demo"))
        text(slide, LEFT_IN, FOOTER_TOP_IN, WIDTH_IN, footer, "footer")
        return slide, max(CONTENT_TOP_IN, below)  # a heading of two lines pushes the content down

    def border(cell, edge: str, tint: str, width_pt: float) -> None:
        properties = cell._tc.get_or_add_tcPr()
        line = properties.makeelement(qn(f"a:{edge}"), {"w": str(int(width_pt * 12700))})
        fill = line.makeelement(qn("a:solidFill"), {})
        fill.append(fill.makeelement(qn("a:srgbClr"), {"val": _PPTX_COLOURS[tint]}))
        line.append(fill)
        properties.append(line)

    def row_heights(columns: dict[str, float], rows: list[list[str]], size: float, across: float) -> list[float]:
        """The heights in inches of a table's header and rows, ``across`` inches wide (each as its longest cell)."""
        header = [i18n.text(key, lang) for key in columns]
        widths = [across * share for share in columns.values()]
        return [
            max(
                _height_in(text_lines(value, width - 0.2, size), size) + 0.05
                for value, width in zip(values, widths, strict=True)
            )
            for values in [header, *rows]
        ]

    def table(
        slide,
        columns: dict[str, float],
        rows: list[list[str]],
        top: float,
        size: float,
        text_last: bool,
        left: float = LEFT_IN,
        across: float = WIDTH_IN,
    ):
        """A table in the deck's look, each row as tall as its longest cell; returns its bottom in inches."""
        header = [i18n.text(key, lang) for key in columns]
        widths = [across * share for share in columns.values()]
        heights = row_heights(columns, rows, size, across)
        shape = slide.shapes.add_table(len(heights), len(header), emu(left), emu(top), emu(across), emu(sum(heights)))
        shape.name = "table"
        grid = shape.table
        properties = grid._tbl.tblPr
        properties.set("firstRow", "0")
        properties.set("bandRow", "0")
        style_id = properties.find(qn("a:tableStyleId"))
        if style_id is not None:
            style_id.text = _NO_TABLE_STYLE
        for column, width in enumerate(widths):
            grid.columns[column].width = emu(width)
        last = len(header) - 1
        for r, values in enumerate([header, *rows]):
            grid.rows[r].height = emu(heights[r])
            for c, value in enumerate(values):
                cell = grid.cell(r, c)
                cell.text = value
                paragraph = cell.text_frame.paragraphs[0]
                style(paragraph.runs[0], size - (1 if r == 0 else 0), r == 0, "muted" if r == 0 else "ink")
                if c > 0 and not (text_last and c == last):
                    paragraph.alignment = PP_ALIGN.RIGHT
                if r == 0:
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = RGBColor.from_string(_HEAD_FILL)
                else:
                    cell.fill.background()
                border(cell, "lnB", "brand" if r == 0 else "rule", 1.5 if r == 0 else 0.75)
        return top + sum(heights)

    def picture(slide, png: bytes, size_px: tuple[int, int], top: float, bottom: float, centred: bool = True) -> float:
        """A picture as large as fits between ``top`` and ``bottom`` and the margins, centred or at the
        left margin; its right edge in inches."""
        height = min(bottom - top, WIDTH_IN * size_px[1] / size_px[0])
        width = height * size_px[0] / size_px[1]
        left = LEFT_IN + (WIDTH_IN - width) / 2 if centred else LEFT_IN
        shape = slide.shapes.add_picture(io.BytesIO(png), emu(left), emu(top), emu(width), emu(height))
        shape.name = "picture"
        return left + width

    first, top = slide_with(brief.title)
    if brief.logo_uri:
        logo, ratio = _logo_png(brief.logo_uri)
        height = 0.9
        shape = first.shapes.add_picture(
            io.BytesIO(logo), emu(LEFT_IN + WIDTH_IN - height * ratio), emu(0.3), emu(height * ratio), emu(height)
        )
        shape.name = "logo"
    said = [(brief.status, 24, True, "ink")]
    said += [(line, 18, False, "ink") for line in (brief.award, brief.changes) if line]
    bottom = text(first, LEFT_IN, top, WIDTH_IN, said, "status")
    table(first, KPI_COLUMNS, brief.kpi_rows, bottom + 0.2, 18, False)

    slide, top = slide_with(i18n.text("brief_decisions_heading", lang))
    if brief.decision_rows:
        bottom = table(slide, DECISION_COLUMNS, brief.decision_rows, top, 17, True)
        text(
            slide,
            LEFT_IN,
            bottom + 0.1,
            WIDTH_IN,
            [(i18n.text("brief_decisions_note", lang), 13, False, "muted")],
            "note",
        )
    else:
        text(slide, LEFT_IN, top, WIDTH_IN, [(brief.need, 22, False, "ink")], "need")

    if brief.slide_map_png is not None:
        slide, top = slide_with(i18n.text("brief_map_heading", lang))
        right = picture(slide, brief.slide_map_png, SLIDE_MAP_SIZE_PX, top, CONTENT_BOTTOM_IN, centred=False)
        left = right + 0.4
        across = LEFT_IN + WIDTH_IN - left
        caption = [(i18n.text("brief_map_table_caption", lang), 14, False, "muted")]
        below = text(slide, left, top, across, caption, "caption") + 0.05
        # as many rows as fit above the footer band (a city of many kecamatan: the lowest ones)
        rows = brief.map_rows
        more = [(i18n.text("brief_map_table_more", lang, count=0), 13, False, "muted")]
        room = CONTENT_BOTTOM_IN - below - sum(_height_in(text_lines(t, across - 0.2, z), z) for t, z, *_ in more)
        shown = len(rows)
        while shown and sum(row_heights(MAP_TABLE_COLUMNS, rows[:shown], 16, across)) > room:
            shown -= 1
        bottom = table(slide, MAP_TABLE_COLUMNS, rows[:shown], below, 16, False, left=left, across=across)
        if shown < len(rows):
            more = [(i18n.text("brief_map_table_more", lang, count=len(rows) - shown), 13, False, "muted")]
            text(slide, left, bottom + 0.05, across, more, "more")
    slide, top = slide_with(i18n.text("brief_trend_heading", lang))
    if brief.trend_png is not None:
        note = [(brief.projection, 18, False, "ink")]
        note_height = _height_in(text_lines(brief.projection, WIDTH_IN - 0.2, 18), 18)
        picture(slide, brief.trend_png, TREND_SIZE_PX, top, CONTENT_BOTTOM_IN - note_height - 0.1)
        text(slide, LEFT_IN, CONTENT_BOTTOM_IN - note_height, WIDTH_IN, note, "projection")
    else:
        text(slide, LEFT_IN, top, WIDTH_IN, [(brief.trend_note, 20, False, "ink")], "trend_note")

    slide, top = slide_with(brief.lagging_heading)
    bottom = top
    if brief.lagging_rows:
        bottom = table(slide, LAGGING_COLUMNS, brief.lagging_rows, top, 20, False) + 0.2
    text(slide, LEFT_IN, bottom, WIDTH_IN, [(brief.lagging_note, 15, False, "muted")], "note")

    slide, top = slide_with(i18n.text("brief_sources_heading", lang))
    text(slide, LEFT_IN, top, WIDTH_IN, [(line, 20, False, "ink") for line in brief.sources], "sources")
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
