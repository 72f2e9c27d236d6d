"""Ekspor (export): the press set of PNGs and the mayor's briefing pack for the chosen city and month."""

from functools import partial

import streamlit as st

from uhc import i18n
from uhc.output import export, report
from uhc.ui import exports, reads, sidebar

DOWNLOAD_KEYS = {"pdf": i18n.N_("export_download_pdf"), "pptx": i18n.N_("export_download_pptx")}

context = sidebar.context_or_stop()
lang = context.language
month = i18n.month(context.period, lang)
city_month = reads.city_month(context.db, context.city_code, context.period)
brand = exports.branding(context)

st.title(i18n.text("export_heading", lang, city=context.city_name, period=month))
if context.is_demo:
    st.info(i18n.text("demo_notice", lang), icon="ℹ️")
st.caption(i18n.text("export_intro", lang))
problem = export.renderer_problem(lang)
if problem:
    st.error(i18n.text("export_failed", lang, reason=problem), icon=":material/error:")
    st.stop()
export.warm_up()
# The previews start drawing now, before this page draws its forms, as the forms open (no wording
# edited in this session yet); the call at the page's end asks for the wordings edited since.
if not any(str(name).startswith("export_wording_") for name in st.session_state):
    exports.month_previews_ahead(
        context.db,
        context.city_code,
        context.period,
        lang,
        st.session_state.get(f"export_size_{lang}", export.DEFAULT_SIZE),
    )

st.subheader(i18n.text("export_briefing_heading", lang))
st.caption(i18n.text("export_briefing_intro", lang))
for column, (kind, mime) in zip(st.columns([1, 1, 2])[:2], report.BRIEFING_KINDS.items(), strict=True):
    column.download_button(
        i18n.text(DOWNLOAD_KEYS[kind], lang),
        data=partial(exports.briefing_file, context.db, context.city_code, context.period, lang, kind),
        file_name=report.briefing_file_name(context.city_code, context.period, lang, kind),
        mime=mime,
        on_click="ignore",
        icon=":material/picture_as_pdf:" if kind == "pdf" else ":material/slideshow:",
        type="primary" if kind == "pdf" else "secondary",
        key=f"export_{kind}",
    )

exports.card_section(context, city_month)

st.subheader(i18n.text("export_press_heading", lang))
size = exports.size_choice(context, key="export_size")
st.caption(
    i18n.text(
        "export_branding",
        lang,
        source=i18n.text("export_source", lang, agency=brand.agency(lang)),
        logo=i18n.text("export_logo_set" if brand.logo_uri else "export_logo_none", lang),
    )
    + " "
    + i18n.text("export_branding_help", lang)
)
exports.branding_form(context)
st.download_button(
    i18n.text("export_download_zip", lang),
    data=lambda: report.press_set_zip(city_month, lang, size),
    file_name=report.press_zip_file_name(context.city_code, context.period, size),
    mime="application/zip",
    on_click="ignore",
    icon=":material/folder_zip:",
    key="export_zip",
)
show_previews = st.toggle(i18n.text("export_preview", lang), key="export_previews")
press_charts, left_out = report.press_plan(city_month, lang)
for left in left_out:
    st.caption(f"{i18n.text('export_left_out_heading', lang)} **{left['title']}**: {left['reason']}.")
wordings: dict[str, report.Wording] = {}
for chart in press_charts:
    file_name = export.png_file_name(chart.stem, context.city_code, context.period, size)
    with st.container(border=True, key=f"export_chart_{chart.stem}"):
        text_column, button_column = st.columns([4, 1], vertical_alignment="center")
        with text_column.expander(chart.title, icon=":material/edit:"):
            wording = exports.wording_form(context, chart.stem, chart.default, key=f"export_wording_{chart.stem}")
            wordings[chart.stem] = wording
        text_column.caption(wording.subtitle)
        with button_column:
            st.download_button(
                i18n.text("export_download_png", lang),
                data=partial(
                    exports.press_preview,
                    context.db,
                    context.city_code,
                    context.period,
                    lang,
                    size,
                    chart.stem,
                    wording,
                ),
                file_name=file_name,
                mime="image/png",
                on_click="ignore",
                icon=":material/image:",
                key=f"export_png_{chart.stem}",
            )
        if show_previews:
            st.image(
                exports.press_preview(
                    context.db,
                    context.city_code,
                    context.period,
                    lang,
                    size,
                    chart.stem,
                    wording,
                    export.PREVIEW_SCALE,
                ),
                caption=file_name,
                width="content",
            )
if not show_previews:  # drawn while the page is read, ready when "Pratinjau" is switched on
    exports.press_previews_ahead(context.db, context.city_code, context.period, lang, size, wordings)
