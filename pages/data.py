"""Data: an editor logs in, imports a coverage recap, population table or boundary file, restores a revision."""

import datetime as dt

import streamlit as st

from uhc import i18n
from uhc.intake import import_report, wording
from uhc.ui import connection, importing, login, reads, session, widgets

# What the radio choices are called: the kinds of upload (importing.UPLOAD_TYPES), a boundary file's level.
KIND_KEYS = {
    "coverage": i18n.N_("data_kind_coverage"),
    "population": i18n.N_("data_kind_population"),
    "boundaries": i18n.N_("data_kind_boundaries"),
}
LEVEL_KEYS = {
    None: i18n.N_("data_level_guess"),
    "kecamatan": i18n.N_("data_level_kecamatan"),
    "kelurahan": i18n.N_("data_level_kelurahan"),
}

lang = session.language()
target = importing.import_target_or_stop()
st.title(i18n.text("data_heading", lang, city=target.city_name))
if not target.has_figures:
    st.info(i18n.text("empty_store", lang))
login.login_or_stop()
st.caption(i18n.text("data_intro", lang))

# The history is drawn below the import, but filled first: the import part may stop the script
# early (nothing uploaded, errors), and the history must show all the same.
import_part = st.container()
st.divider()
history_part = st.container()

with history_part:
    st.subheader(i18n.text("data_alerts_heading", lang))
    importing.alerts_part(target)

    st.subheader(i18n.text("data_history_heading", lang))
    batches = reads.import_history(target.db, target.city_code, lang)
    if batches.height == 0:
        st.caption(i18n.text("import_history_empty", lang))
    else:
        widgets.figures_table(
            import_report.history(batches, lang),
            import_report.history_figure_columns(lang),
            key="data_history",
            widths=import_report.history_widths(lang),
        )
    superseded = import_report.restorable(batches)
    if superseded.height:
        st.markdown(f"**{i18n.text('data_restore_heading', lang)}**")
        st.caption(i18n.text("data_restore_intro", lang))
        for batch in superseded.iter_rows(named=True):
            line, action = st.columns([5, 1], vertical_alignment="center")
            line.markdown(import_report.markdown_text(import_report.restore_label(batch, lang)))
            action.button(
                i18n.text("data_restore_button", lang),
                key=f"data_restore_{batch['batch_id']}",
                on_click=importing.restore,
                args=(batch["batch_id"],),
            )

with import_part:
    st.subheader(i18n.text("data_import_heading", lang))
    connection.show_notice()
    kind = st.radio(
        i18n.text("data_kind", lang),
        list(importing.UPLOAD_TYPES),
        format_func=lambda k: i18n.text(KIND_KEYS[k], lang),
        horizontal=True,
        key="data_kind",
    )
    upload = widgets.file_uploader(
        i18n.text("data_upload_boundaries" if kind == "boundaries" else "data_upload_table", lang),
        importing.UPLOAD_TYPES[kind],
        help=i18n.text("data_upload_help", lang, limit=widgets.upload_limit_mb()),
        key=importing.upload_key(kind),
    )
    data = importing.uploaded_bytes(upload)
    if data is None:
        st.stop()

    if kind == "boundaries":
        levels = [None, "kecamatan", "kelurahan"]
        level = st.radio(
            i18n.text("data_level", lang),
            levels,
            format_func=lambda value: i18n.text(LEVEL_KEYS[value], lang),
            horizontal=True,
            key="data_level",
        )
        boundaries = importing.boundary_check_or_stop(target, data, upload.name, level)
        st.subheader(i18n.text("data_report_heading", lang))
        st.markdown(import_report.as_list(boundaries.report(lang)))
        problems = [problem.text(lang) for problem in boundaries.problems]
        if problems:
            st.error(import_report.as_list(problems), icon=":material/error:")
        skip = False
        if import_report.boundaries_skippable(boundaries):
            skip = st.checkbox(i18n.text("data_skip_bad", lang), key="data_skip_bad")
        st.button(
            i18n.text("data_confirm", lang),
            key="data_confirm",
            type="primary",
            disabled=not import_report.boundaries_savable(boundaries, skip),
            on_click=importing.save_boundaries,
            args=(boundaries, skip),
        )
        st.stop()

    sheets = importing.sheet_names(data)
    sheet = st.selectbox(i18n.text("data_sheet", lang), sheets, key="data_sheet") if len(sheets) > 1 else None
    period = as_of = None
    if kind == "coverage":
        period = st.selectbox(
            i18n.text("data_period", lang),
            [None, *import_report.month_choices(importing.latest_month(target), dt.date.today())],
            format_func=lambda month: i18n.month(month, lang) if month else i18n.text("data_period_from_file", lang),
            help=i18n.text("data_period_help", lang),
            key=f"data_period_{lang}",
        )
    else:
        as_of = st.date_input(
            i18n.text("data_as_of", lang),
            value=None,
            format="DD/MM/YYYY",
            help=i18n.text("data_as_of_help", lang),
            key="data_as_of",
        )

    unmapped = importing.parsed_file(data, upload.name, kind, sheet, (), period)
    fields, headers = import_report.mapping_fields(unmapped)
    chosen = {}
    if fields:
        with st.expander(i18n.text("data_mapping_heading", lang), expanded=True):
            st.caption(i18n.text("data_mapping_intro" if headers is not None else "data_mapping_typed", lang))
            for field in fields:
                label = i18n.text(wording.FIELDS[field], lang)
                if headers is None:
                    chosen[field] = st.text_input(label, key=f"data_map_{field}")
                else:
                    chosen[field] = st.selectbox(
                        label,
                        [None, *headers],
                        format_func=lambda header: header or i18n.text("data_mapping_none", lang),
                        key=f"data_map_{field}",
                    )
    mapping = import_report.mapping(chosen)
    parsed = importing.parsed_file(data, upload.name, kind, sheet, mapping, period) if mapping else unmapped

    if parsed.rows.height:
        st.subheader(i18n.text("data_preview_heading", lang))
        rows = import_report.preview(parsed, lang)
        widgets.figures_table(rows, import_report.preview_figure_columns(rows, lang), key="data_preview")
        st.caption(
            i18n.text(
                "data_preview_caption",
                lang,
                rows=i18n.number(parsed.rows.height, lang),
                header_row=parsed.header_row or i18n.MISSING,
                shown=i18n.number(rows.height, lang),
            )
        )

    checked = importing.import_check_or_stop(target, parsed, period, as_of)
    st.subheader(i18n.text("data_report_heading", lang))
    st.markdown(import_report.markdown_text(import_report.heading(checked, lang)))
    found = import_report.findings(checked.issues, lang)
    if found["error"]:
        errors = import_report.issue_count(checked.errors)
        st.error(
            f"**{i18n.plural('data_errors', errors, lang, n=i18n.number(errors, lang))}**\n\n"
            + import_report.as_list(found["error"]),
            icon=":material/error:",
        )
    if found["warning"]:
        warnings = import_report.issue_count(checked.warnings)
        st.warning(
            f"**{i18n.plural('data_warnings', warnings, lang, n=i18n.number(warnings, lang))}**\n\n"
            + import_report.as_list(found["warning"]),
            icon=":material/warning:",
        )
    if not checked.issues:
        st.success(i18n.text("data_no_findings", lang), icon=":material/check_circle:")

    if checked.already_imported_batch_id is not None:
        key = i18n.N_("import_already") if checked.already_imported_same_file else i18n.N_("import_same_figures")
        file_name = import_report.markdown_text(upload.name)
        st.info(i18n.text(key, lang, file=file_name, batch=checked.already_imported_batch_id), icon=":material/info:")
        st.stop()
    if not checked.errors:
        st.subheader(i18n.text("data_changes_heading", lang))
        for line in import_report.change_counts(checked.change_counts(), checked.as_of_dates, lang):
            st.markdown(f"- {line}")
        widgets.figures_table(
            import_report.changes(checked.changes, lang), import_report.change_figure_columns(lang), key="data_changes"
        )
        replaced = import_report.replaced_line(checked, lang)
        if replaced:
            st.caption(replaced)
    st.button(
        i18n.text("data_confirm", lang),
        key="data_confirm",
        type="primary",
        disabled=bool(checked.errors),
        on_click=importing.save_import,
        args=(checked,),
    )
    if checked.errors:
        st.caption(i18n.text("data_confirm_blocked", lang))
