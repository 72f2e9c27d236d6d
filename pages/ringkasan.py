"""Ringkasan (overview): the city's KPIs for the chosen month and its kecamatan ranked by gap."""

import streamlit as st

from uhc import i18n
from uhc.core import awards, changes, planner, summary
from uhc.output import maps, report
from uhc.ui import exports, reads, sidebar, widgets

context = sidebar.context_or_stop()
lang = context.language

city, month_before, year_before = reads.city_rows(context.db, context.period, context.city_code)
kecamatan = reads.gap_rows(context.db, context.period, "kecamatan", context.city_code)

st.title(i18n.text("overview_heading", lang, city=context.city_name, period=i18n.month(context.period, lang)))
if context.is_demo:
    st.info(i18n.text("demo_notice", lang), icon="ℹ️")
if city["population"] is None:
    st.warning(i18n.text("no_population", lang))

for cards in summary.kpi_rows(city, lang, month_before, year_before):
    for column, kpi in zip(st.columns(3), cards, strict=False):
        with column, st.container(key=f"kpi_{kpi.key}", border=True, height="stretch"):
            st.metric(
                kpi.label,
                kpi.value,
                kpi.change_month,
                delta_color="off" if kpi.month_unchanged else kpi.delta_color,
                delta_arrow="off" if kpi.month_unchanged else "auto",
                help=kpi.help,
            )
            if kpi.change_year:
                st.caption(kpi.change_year)

st.markdown(f"**{summary.status_sentence(city, lang)}**")
st.markdown(summary.shortfalls_sentence(city, lang))
award = awards.award_status(
    city,
    planner.pbi_apbd_registered(reads.segment_rows(context.db, context.period, "kota", context.city_code)),
    awards.tiers_in_force(context.period, reads.award_tiers(context.db)),
)
if award is not None:
    st.markdown(awards.award_sentence(award, lang))
st.markdown(summary.projection_sentence(city, lang))

# What changed against the month before, and the same as a text to copy into a message.
st.subheader(i18n.text("changes_overview_heading", lang))
month_changes = reads.month_changes(context.db, context.period, context.city_code)
changed = changes.changes_lines(month_changes, context.city_name, lang)
st.markdown(changes.as_markdown(changed))
# Drawn only while open (on_change="rerun"): st.code's highlighter is 1,5 MB of script that a fresh
# browser would otherwise fetch and run before the key figures show (benchmarks/pages.py).
text_to_send = st.expander(
    i18n.text("changes_text_to_send", lang),
    icon=":material/content_copy:",
    key="overview_text_to_send",
    on_change="rerun",
)
if text_to_send.open:
    text_to_send.code("\n".join(changed), language=None, wrap_lines=True)
if report.has_changes_picture(month_changes):  # the press picture of it (1080 x 1080 for social media)
    exports.png_download(
        context,
        lambda: report.changes_figure(month_changes, lang),
        title=i18n.text("export_title_changes", lang),
        region=context.city_name,
        rows=kecamatan,
        stem="perubahan-bulan",
        key="overview_changes_png",
        finding=report.changes_headline(month_changes, context.city_name, lang),
    )

# The kecamatan picked to stand out in the small map, the ranking and the map's PNG (kept for the Peta page).
highlight_code = widgets.highlight_picker(
    context, summary.region_names(kecamatan), level="kecamatan", key="overview_highlight"
)

# The small map: kecamatan coverage in the policy classes (the Peta page has the full map).
kecamatan_shapes = reads.region_shapes(context.db, context.city_code, "kecamatan")
if not kecamatan_shapes.empty:
    st.subheader(i18n.text("map_overview_heading", lang))
    map_column, note_column = st.columns([3, 2], vertical_alignment="center")
    with map_column:
        widgets.region_map(
            maps.overview_map_figure(kecamatan_shapes, kecamatan, lang, highlight_code), key="overview_map", small=True
        )
        exports.png_download(
            context,
            lambda: maps.press_map_figure(kecamatan_shapes, kecamatan, "coverage", lang, highlight_code=highlight_code),
            title=i18n.text("export_title_map", lang),
            region=context.city_name,
            rows=kecamatan,
            stem="peta-kecamatan",
            key="overview_map_png",
        )
    note_column.caption(i18n.text("map_overview_caption", lang))

st.subheader(i18n.text("table_heading", lang))
widgets.figures_table(
    summary.ranked_table(kecamatan, lang),
    summary.figure_headings(lang),
    key="kecamatan_table",
    leading=summary.headings_of(summary.RANKED_TABLE_LEADS, lang),
    highlight_row=summary.row_of(summary.ranked_rows(kecamatan), highlight_code),
)
st.caption(i18n.text("table_note", lang))
widgets.caption_text(summary.source_line(city, lang, reads.population_origins(context.db, context.city_code)))
