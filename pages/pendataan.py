"""Pendataan (door to door): per kelurahan, RW and RT the persons the newest match run sends cadres to.

Everyone sees the counts; a logged-in editor also sees the persons with their names.
"""

import datetime as dt

import streamlit as st

from uhc import i18n
from uhc.core import campaign as core_campaign
from uhc.core import visit_counts
from uhc.figures import SEGMENTS, segment
from uhc.intake import import_report
from uhc.ui import campaign, connection, login, sidebar, widgets

context = sidebar.context_or_stop()
lang = context.language
st.title(i18n.text("visits_heading", lang, city=context.city_name))
st.caption(i18n.text("visits_intro", lang))
if context.is_demo:
    st.info(i18n.text("demo_notice", lang), icon="ℹ️")

run = campaign.newest_run(context.db)
if run is None:
    st.info(i18n.text("visits_no_run", lang), icon=":material/info:")
    st.stop()
st.caption(
    i18n.text("visits_run_line", lang, run=run.run_id, made_by=run.made_by, made_at=i18n.moment(run.made_at, lang))
)
counts = campaign.run_counts(context.db, run.run_id, context.city_code)
names = campaign.kelurahan_names(context.db, context.city_code)

st.subheader(i18n.text("visits_city_heading", lang))
widgets.figures_table(
    visit_counts.area_table(visit_counts.area_counts(counts, "kelurahan"), names, lang),
    visit_counts.group_headings(lang),
    key="visits_city_table",
)

kelurahan = st.selectbox(
    i18n.text("visits_kelurahan", lang),
    sorted(counts["kemendagri_code"].unique().to_list()),
    format_func=lambda code: names.get(code, code),
    key="visits_kelurahan",
)
st.subheader(i18n.text("visits_area_heading", lang, kelurahan=names.get(kelurahan, kelurahan)))
in_kelurahan = counts.filter(counts["kemendagri_code"] == kelurahan)
widgets.figures_table(
    visit_counts.area_table(visit_counts.area_counts(in_kelurahan, "rt").drop("kemendagri_code"), names, lang),
    visit_counts.group_headings(lang),
    key="visits_rt_table",
)
st.markdown(f"**{i18n.text('visits_segment_heading', lang)}**")
widgets.figures_table(
    visit_counts.segment_table(
        visit_counts.reactivation_by_segment(in_kelurahan, "rw").drop("kemendagri_code"), names, lang
    ),
    [i18n.text("visits_heading_persons", lang)],
    key="visits_segment_table",
)

st.subheader(i18n.text("visits_progress_heading", lang))
by_rt, by_cadre = campaign.progress_of_kelurahan(context.db, run, kelurahan)
for rows, table_key in ((by_rt, "visits_progress_rt"), (by_cadre, "visits_progress_cadre")):
    if rows.height:
        table = visit_counts.progress_table(rows, lang)
        widgets.figures_table(table, visit_counts.figure_columns(table, lang), key=table_key)

with_campaign = campaign.gap_with_campaign(context.db, context.period, context.city_code, kelurahan)
if with_campaign is not None:
    st.markdown(f"**{i18n.text('visits_gap_heading', lang, month=i18n.month(context.period, lang))}**")
    table = visit_counts.campaign_gap_table(with_campaign, lang)
    widgets.figures_table(table, table.columns[1:], key="visits_gap_table")
    st.caption(i18n.text("visits_gap_note", lang))

st.subheader(i18n.text("visits_persons_heading", lang))
if campaign.editor() is None:
    st.caption(i18n.text("visits_viewer_note", lang))
    login.login_or_stop()
key_state = campaign.server_key(context.db)
if run.purged:
    st.info(i18n.text("visits_purged", lang), icon=":material/info:")
elif key_state.key is None:
    st.warning(key_state.text(lang), icon=":material/key:")
else:
    st.text_input(i18n.text("visits_lists_cadre", lang), key="visits_lists_cadre", max_chars=80)
    st.button(
        i18n.text("visits_lists_make", lang, kelurahan=names.get(kelurahan, kelurahan)),
        key="visits_lists_make",
        on_click=campaign.make_lists,
        args=(key_state.key, run, kelurahan, "visits_lists_cadre", lang),
    )
    if (lists := campaign.made_lists(run, kelurahan)) is not None:
        st.download_button(
            i18n.text("visits_lists_download", lang),
            data=lists,
            file_name=f"daftar-kunjungan-{kelurahan}.zip",
            mime="application/zip",
            key="visits_lists_download",
            on_click="ignore",
        )
    persons = campaign.named_persons(context.db, run, kelurahan, key_state.key)
    st.caption(i18n.text("visits_personal_data", lang))
    for group, heading in visit_counts.GROUP_KEYS.items():
        shown = persons.filter(persons["group"] == group)
        if shown.height == 0:
            continue
        label = f"{i18n.text(heading, lang)}: {i18n.number(shown.height, lang)}"
        with st.expander(label, expanded=group == "to_visit"):
            widgets.figures_table(visit_counts.persons_table(shown, lang), [], key=f"visits_persons_{group}")

st.subheader(i18n.text("visits_results_heading", lang))
connection.show_notice()
if campaign.editor() is not None:
    with (
        st.expander(i18n.text("visits_one_heading", lang)),
        st.form("visits_one_form", clear_on_submit=False, border=False),
    ):
        ref_key, result_key, segment_key, date_key, cadre_key = campaign.ONE_RESULT_KEYS
        st.text_input(i18n.text("visits_one_ref", lang), key=ref_key, max_chars=40, placeholder="12-R3-1045")
        st.selectbox(
            i18n.text("visits_one_result", lang),
            [result.number for result in core_campaign.RESULTS],
            format_func=lambda number: f"{number} · {i18n.text(core_campaign.read_result(number).key, lang)}",
            key=result_key,
        )
        st.selectbox(
            i18n.text("visits_one_segment", lang),
            ["", *SEGMENTS],
            format_func=lambda code: i18n.text(segment(code).label_key, lang) if code else "—",
            key=segment_key,
        )
        st.date_input(i18n.text("visits_one_date", lang), key=date_key, format="DD/MM/YYYY", max_value=dt.date.today())
        st.text_input(i18n.text("visits_one_cadre", lang), key=cadre_key, max_chars=80)
        st.form_submit_button(i18n.text("data_confirm", lang), on_click=campaign.record_typed, args=(context.db, lang))
upload = widgets.file_uploader(i18n.text("visits_results_upload", lang), ["xlsx", "csv"], key="visits_results_upload")
if upload is None:
    st.stop()
report = campaign.results_report(context.db, upload.getvalue(), upload.name, lang)
if isinstance(report, str):
    st.error(report, icon=":material/error:")
    st.stop()
lines = report.lines(lang)
st.markdown("\n".join(f"- {import_report.markdown_text(line.strip())}" for line in lines))
st.button(
    i18n.text("data_confirm", lang),
    key="visits_results_confirm",
    type="primary",
    disabled=not report.ok or report.nothing_new,
    on_click=campaign.save_results,
    args=(report,),
)
