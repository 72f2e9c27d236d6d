"""Tren (trends): coverage, registered by segment and activity month by month, up to the chosen month."""

from functools import partial

import streamlit as st

from uhc import i18n
from uhc.core import formats, summary
from uhc.output import charts, events, report
from uhc.ui import exports, reads, sidebar, widgets

context = sidebar.context_or_stop()
lang = context.language
month = i18n.month(context.period, lang)

st.title(i18n.text("trend_heading", lang, city=context.city_name, period=month))
if context.is_demo:
    st.info(i18n.text("demo_notice", lang), icon="ℹ️")
context = widgets.kecamatan_box(
    context, i18n.text("trend_kecamatan", lang), i18n.text("trend_city_only", lang), key=f"trend_kecamatan_{lang}"
)

city = reads.trend_rows(context.db, "kota", context.city_code, context.period)
city_events = events.city_events(reads.settings(context.db), context.city_code)
kecamatan = None
shown = [(context.city_name, city)]
if context.kecamatan_code is not None:
    kecamatan = reads.trend_rows(context.db, "kecamatan", context.kecamatan_code, context.period)
    shown.append((context.kecamatan_name, kecamatan))

regions = context.city_name
if context.kecamatan_name is not None:
    regions = i18n.text("trend_title_and", lang, city=context.city_name, kecamatan=context.kecamatan_name)

if context.kecamatan_code is None:
    segments = reads.segment_trend_rows(context.db, "kota", context.city_code, context.period)
else:
    segments = reads.segment_trend_rows(context.db, "kecamatan", context.kecamatan_code, context.period)
segment_region = context.kecamatan_name or context.city_name
# Each picture's finding: the kecamatan's when one is chosen (it is the picture's region), else the city's.
findings = report.trend_findings(
    city if kecamatan is None else kecamatan, segments, context.period, segment_region, lang
)

if city.height < 2:
    st.info(i18n.text("trend_needs_months", lang, region=context.city_name))
# Each region's row for the chosen month: the projection starts there.
rows_now = {}
for name, rows in shown:
    row = rows.row(-1, named=True) if rows.height else None
    if row is None or row["period"] != context.period:
        st.warning(i18n.text("trend_no_kecamatan_data", lang, region=name, period=month))
    elif row["population"] is None:
        st.warning(i18n.text("trend_no_population", lang, region=name, period=month))
    else:
        rows_now[name] = row

exports.trend_chart(
    context,
    charts.coverage_trend(
        city,
        lang,
        kecamatan,
        city_events,
        recap_dates=summary.recap_population_dates(reads.population_origins(context.db, context.city_code)),
    ),
    key="trend_coverage",
    title=i18n.text("export_title_coverage", lang),
    region=regions,
    rows=city,
    stem="cakupan-tren",
    finding=findings.get("cakupan-tren"),
)
for name, row in rows_now.items():
    st.caption(
        i18n.text("trend_projection_caption", lang, region=name, sentence=summary.projection_sentence(row, lang))
    )
if any(row["projection_status"] == "projected" for row in rows_now.values()):
    st.caption(i18n.text("trend_projection_note", lang))

all_kecamatan = reads.trend_rows(context.db, "kecamatan", context.city_code, context.period)
if all_kecamatan.height:
    exports.trend_chart(
        context,
        partial(charts.kecamatan_small_multiples, all_kecamatan, lang, context.kecamatan_code, context.city_name),
        screen=charts.kecamatan_small_multiples(
            all_kecamatan, lang, context.kecamatan_code, context.city_name, columns=charts.SCREEN_COLUMNS
        ),
        key="trend_small_multiples",
        title=i18n.text("trend_small_multiples_title", lang, city=context.city_name),
        region=context.city_name,
        rows=city,
        stem="cakupan-kecamatan-tren",
        # every kecamatan's picture, the chosen one only drawn in purple: the press set's finding
        finding=exports.press_headlines(context.db, context.city_code, context.period, lang).get(
            "cakupan-kecamatan-tren"
        ),
    )
    st.caption(i18n.text("trend_small_multiples_note", lang))

exports.trend_chart(
    context,
    charts.segment_trend(segments, segment_region, lang),
    key="trend_segments",
    title=i18n.text("export_title_segments", lang),
    region=segment_region,
    rows=city,
    stem="segmen",
    finding=findings.get("segmen"),
)
st.caption(i18n.text("trend_segments_note", lang))

exports.trend_chart(
    context,
    charts.activity_trend(city, lang, kecamatan, city_events),
    key="trend_activity",
    title=i18n.text("export_title_activity", lang),
    region=regions,
    rows=city,
    stem="keaktifan-tren",
    finding=findings.get("keaktifan-tren"),
)
for figure in charts.plain_trend_figures():  # charted figures without a chart of their own
    exports.trend_chart(
        context,
        charts.figure_trend(city, figure.name, lang, kecamatan),
        key=f"trend_{figure.key}",
        title=formats.label(figure, lang),
        region=regions,
        rows=city,
        stem=report.trend_stem(figure),
        finding=findings.get(report.trend_stem(figure)),
    )
st.caption(i18n.text("trend_until", lang, period=month))
widgets.caption_text(
    summary.source_line(city.row(-1, named=True), lang, reads.population_origins(context.db, context.city_code))
)
