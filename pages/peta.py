"""Peta (map): kecamatan or kelurahan coloured by a measure; a click on a kecamatan shows its kelurahan."""

import streamlit as st

from uhc import i18n
from uhc.core import gap, summary
from uhc.output import maps, report
from uhc.ui import campaign, exports, reads, sidebar, widgets

context = sidebar.context_or_stop()
lang = context.language
drilled = context.kecamatan_code is not None
scope_code = context.kecamatan_code or context.city_code

st.title(i18n.text("map_heading", lang, city=context.city_name, period=i18n.month(context.period, lang)))
if context.is_demo:
    st.info(i18n.text("demo_notice", lang), icon="ℹ️")
widgets.period_slider(context, key="map_period")

measures = maps.measures()
metric_column, scheme_column, level_column, basemap_column = st.columns([3, 3, 2, 2], vertical_alignment="center")
with metric_column:
    metric = widgets.remembered_choice(
        i18n.text("map_metric", lang),
        list(measures),
        "map_metric",
        lambda key: measures[key].label(lang),
    )
with scheme_column:
    if measures[metric].policy_classes:
        scheme = widgets.remembered_choice(
            i18n.text("map_scheme", lang),
            list(maps.SCHEMES),
            "map_scheme",
            lambda key: i18n.text(maps.SCHEME_KEYS[key], lang),
            radio=True,
            help=i18n.text("map_scheme_help", lang),
        )
    else:
        scheme = "quantile"
        st.caption(i18n.text("map_scheme_quantile_only", lang))
with level_column:
    if drilled:
        level = "kelurahan"
    else:
        level = widgets.remembered_choice(
            i18n.text("map_level", lang),
            ["kecamatan", "kelurahan"],
            "map_level",
            lambda key: i18n.text(maps.LEVEL_KEYS[key], lang),
            radio=True,
        )
with basemap_column:
    basemap = st.checkbox(i18n.text("map_basemap", lang), key="map_basemap", help=i18n.text("map_basemap_help", lang))

if drilled:
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key="map_breadcrumb"):
        widgets.back_to_city_button(context, key="map_back", help=i18n.text("map_back_help", lang))
        st.markdown(f"› **{context.kecamatan_name}**")
    st.subheader(i18n.text("map_view_kecamatan", lang, kecamatan=context.kecamatan_name))
else:
    level_name = i18n.text(maps.LEVEL_KEYS[level], lang)
    st.subheader(i18n.text("map_view_city", lang, level=level_name, city=context.city_name))

try:
    rows = reads.gap_rows(context.db, context.period, level, scope_code)
except gap.NoData:
    st.info(i18n.text("map_no_level_data", lang, period=i18n.month(context.period, lang)))
    st.stop()
shapes = reads.region_shapes(context.db, scope_code, level)
# The region the map is of (the city, or the kecamatan drilled into): its value opens the map's finding.
region_row = reads.gap_rows(context.db, context.period, "kecamatan" if drilled else "kota", scope_code).row(
    0, named=True
)

map_column, side_column = st.columns([4, 1])
with side_column:
    widgets.kecamatan_picker(
        context, "map_kecamatan", i18n.text("map_kecamatan", lang), i18n.text("map_whole_city", lang)
    )
    highlight_code = widgets.highlight_picker(
        context, summary.region_names(rows), level=level, key=f"map_highlight_{scope_code}_{level}"
    )
    if not drilled and not shapes.empty:
        st.caption(i18n.text("map_click_hint", lang))
    visits_layer = st.checkbox(
        i18n.text("map_visits_layer", lang), key="map_visits", help=i18n.text("map_visits_help", lang)
    )
with map_column:
    if shapes.empty:
        st.info(i18n.text("map_no_boundaries", lang, level=level, city=context.city_name), icon="🗺️")
    else:
        figure = maps.map_figure(
            shapes, rows, metric, lang, scheme=scheme, basemap=basemap, names=True, highlight_code=highlight_code
        )
        widgets.region_map(figure, key=f"map_{scope_code}_{level}", context=None if drilled else context)
        exports.png_download(
            context,
            lambda: maps.press_map_figure(shapes, rows, metric, lang, scheme=scheme, highlight_code=highlight_code),
            title=i18n.text(
                "export_title_map_metric",
                lang,
                metric=measures[metric].label(lang),
                level=report.level_word(level, lang),
            ),
            region=context.kecamatan_name or context.city_name,
            rows=rows,
            stem=f"peta-{measures[metric].file_stem}-{level}",
            key=f"map_png_{scope_code}_{level}",
            scope_code=scope_code,
            finding=report.measure_finding(
                measures[metric].column,
                rows,
                report.level_word(level, lang),
                context.kecamatan_name or context.city_name,
                lang,
                whole=region_row,
                drawn=shapes["kemendagri_code"].tolist(),
            ),
        )
        if missing := maps.regions_without_shape(shapes, rows):
            st.caption(
                i18n.plural("map_missing_shapes", len(missing), lang, count=len(missing), names=", ".join(missing))
            )
if visits_layer:
    st.subheader(i18n.text("map_visits_heading", lang, region=context.kecamatan_name or context.city_name))
    visits = campaign.visits_per_kelurahan(context.db, context.city_code)
    kelurahan_shapes = reads.region_shapes(context.db, scope_code, "kelurahan")
    if visits.is_empty():
        st.info(i18n.text("visits_no_run", lang), icon=":material/info:")
    elif kelurahan_shapes.empty:
        st.info(i18n.text("map_no_boundaries", lang, level="kelurahan", city=context.city_name), icon="🗺️")
    else:
        widgets.region_map(maps.visits_map_figure(kelurahan_shapes, visits, lang), key=f"map_visits_{scope_code}")

st.subheader(i18n.text("map_table_heading", lang))
widgets.figures_table(
    summary.gap_table(rows, lang),
    summary.figure_headings(lang),
    key="map_table",
    leading=summary.headings_of([measures[metric].column], lang),  # the table leads with the map's measure
    highlight_row=summary.row_of(rows, highlight_code),
)
