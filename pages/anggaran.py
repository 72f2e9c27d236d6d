"""Kesenjangan & Anggaran (gap and budget): a planner's scenario for the chosen city and month.

People needed at a target, their cost for the months funded, what a budget buys, the PBI APBD
quota, recipient verification of the programme lists and the KK-based programme, the cost of
reactivating non-active participants, the reactivation planner for the keaktifan criteria (UHC and
the award tiers), and the worklist to download.
Nothing the planner types here is stored.
"""

import datetime as dt

import streamlit as st

from uhc import i18n
from uhc.core import gap, planner, reactivation, summary, verification
from uhc.ui import reads, sidebar, widgets

context = sidebar.context_or_stop()
lang = context.language
month = i18n.month(context.period, lang)
dated = reads.gap_rows(context.db, context.period, "kota", context.city_code).row(0, named=True)

st.title(i18n.text("plan_heading", lang, city=context.city_name, period=month))
if context.is_demo:
    st.info(i18n.text("demo_notice", lang), icon="ℹ️")
st.caption(i18n.text("plan_intro", lang))

with st.container(border=True, key="plan_scenario"):
    st.markdown(f"**{i18n.text('plan_scenario', lang)}**")
    target_column, iuran_column, budget_column = st.columns(3)
    with target_column:
        choice = st.radio(
            i18n.text("plan_target", lang),
            planner.TARGET_CHOICES,
            index=planner.TARGET_CHOICES.index(planner.default_target_choice(dated["target_pct"])),
            format_func=lambda c: i18n.text("plan_target_other", lang) if c == "other" else i18n.percent(c, lang, 0),
            horizontal=True,
            key="plan_target",
        )
        other_pct = widgets.number_box(
            i18n.text("plan_target_custom", lang),
            low=0.01,
            high=100,
            value=float(dated["target_pct"] or planner.TARGET_CHOICES[0]),
            decimals=2,
            unit="%",
            disabled=choice != "other",
            help=i18n.text("plan_target_custom_help", lang, target=summary.target_text(dated, lang)),
            key="plan_target_other",
        )
        level = st.radio(
            i18n.text("plan_level", lang),
            planner.LEVELS,
            format_func=lambda name: i18n.text(planner.LEVEL_KEYS[name], lang),
            horizontal=True,
            key="plan_level",
        )
    with iuran_column:
        iuran = widgets.number_box(
            i18n.text("plan_iuran", lang),
            low=1,
            high=planner.MAX_IURAN_IDR_PER_MONTH,
            value=dated["iuran_idr_per_month"],
            unit="Rp",
            required=dated["iuran_idr_per_month"] is not None,
            help=i18n.text(
                "plan_iuran_help", lang, period=month, iuran=i18n.rupiah(dated["iuran_idr_per_month"], lang)
            ),
            key="plan_iuran",
        )
        months_funded = widgets.number_box(
            i18n.text("plan_months", lang),
            low=1,
            high=planner.MAX_MONTHS_FUNDED,
            value=12,
            key="plan_months",
        )
    with budget_column:
        budget = widgets.number_box(
            i18n.text("plan_budget", lang),
            low=0,
            high=planner.MAX_BUDGET_IDR,
            value=0,
            unit="Rp",
            help=i18n.text("plan_budget_help", lang),
            key="plan_budget",
        )
        arrears = widgets.number_box(
            i18n.text("plan_arrears", lang),
            low=1,
            high=planner.ARREARS_CAP_MONTHS,
            value=planner.ARREARS_CAP_MONTHS,
            help=i18n.text("plan_arrears_help", lang, cap=planner.ARREARS_CAP_MONTHS),
            key="plan_arrears",
        )
    if iuran is None:
        st.warning(i18n.text("plan_iuran_missing", lang, period=month))
        st.stop()
    st.caption(
        i18n.text(
            "plan_budget_shown",
            lang,
            budget=i18n.rupiah_compact(budget, lang),
            budget_full=i18n.rupiah(budget, lang),
            iuran=i18n.rupiah(iuran, lang),
        )
    )

scenario = planner.Scenario(
    iuran_idr_per_month=int(iuran),
    target_pct=planner.chosen_target(choice, other_pct),
    months_funded=int(months_funded),
    budget_idr=int(budget),
    arrears_months=int(arrears),
)
city = reads.gap_rows(context.db, context.period, "kota", context.city_code, scenario.target_pct).row(0, named=True)
no_target_note = planner.target_note(dated, scenario, lang)
if no_target_note:
    st.info(no_target_note, icon="ℹ️")
try:
    regions = planner.worklist(
        reads.gap_rows(context.db, context.period, level, context.city_code, scenario.target_pct), scenario
    )
except gap.NoData:
    st.warning(i18n.text("plan_no_level_data", lang, period=month, level=i18n.text(planner.LEVEL_KEYS[level], lang)))
    st.stop()
plan = planner.city_plan(city, regions, scenario)

kpis = [
    ("people_needed", i18n.text("plan_kpi_people_needed", lang), i18n.number(plan.people_needed, lang)),
    (
        "enrolment_cost",
        i18n.plural("plan_kpi_enrolment_cost", scenario.months_funded, lang, months=scenario.months_funded),
        i18n.rupiah_compact(plan.enrolment_cost_idr, lang),
    ),
    ("people_funded", i18n.text("plan_kpi_people_funded", lang), i18n.number(plan.people_funded, lang)),
]
for column, (key, label, value) in zip(st.columns(len(kpis)), kpis, strict=True):
    with column, st.container(key=f"plan_kpi_{key}", height="stretch"):
        st.metric(label, value, border=True, height="stretch")

st.markdown(f"**{planner.need_sentence(city, plan, scenario, context.city_name, lang)}**")
st.markdown(" ".join(planner.budget_sentences(plan, scenario, level, lang)))

level_name = i18n.text(planner.LEVEL_KEYS[level], lang)
st.subheader(i18n.text("plan_worklist_heading", lang, level=level_name.lower()))
table = planner.worklist_table(regions, scenario, lang)
widgets.figures_table(table, planner.worklist_figure_headers(scenario, lang), key="plan_worklist")
st.caption(i18n.text("plan_worklist_note", lang))
download = planner.worklist_file(regions, scenario, lang)
csv_column, xlsx_column, _ = st.columns([1, 1, 4])
with csv_column:
    st.download_button(
        i18n.text("plan_download_csv", lang),
        planner.csv_bytes(download, lang),
        file_name=planner.worklist_file_name(context.city_code, context.period, level, lang, "csv"),
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key="plan_csv",
    )
with xlsx_column:
    st.download_button(
        i18n.text("plan_download_xlsx", lang),
        planner.xlsx_bytes(download, i18n.text("plan_file_stem", lang)),
        file_name=planner.worklist_file_name(context.city_code, context.period, level, lang, "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        icon=":material/download:",
        key="plan_xlsx",
    )

year = context.period.year
st.subheader(i18n.text("plan_quota_heading", lang, year=year))
stored, source = planner.stored_quota(reads.pbi_quota(context.db, context.city_code, year))
with st.columns(3)[0]:
    quota = widgets.number_box(
        i18n.text("plan_quota_input", lang, year=year),
        low=0,
        value=stored,
        required=False,
        help=i18n.text("plan_quota_input_help", lang, quota=i18n.number(stored, lang)),
        # One box per city and year: a box keeps what was typed, and another year has another quota.
        key=f"plan_quota_{context.city_code}_{year}",
    )
if stored is None:
    st.info(i18n.text("plan_quota_missing", lang, city=context.city_name, code=context.city_code, year=year))
registered = planner.pbi_apbd_registered(reads.segment_rows(context.db, context.period, "kota", context.city_code))
use = planner.quota_use(registered, quota, plan.people_needed)
if registered is None:
    st.warning(i18n.text("plan_quota_no_segments", lang, period=month))
quota_kpis = [
    ("registered", i18n.text("plan_kpi_quota_registered", lang), i18n.number(use.registered, lang)),
    ("quota", i18n.text("plan_kpi_quota", lang), i18n.number(use.quota, lang)),
    ("remaining", i18n.text("plan_kpi_quota_remaining", lang), i18n.number(use.remaining, lang)),
]
for column, (key, label, value) in zip(st.columns(3), quota_kpis, strict=True):
    with column, st.container(key=f"plan_quota_kpi_{key}"):
        st.metric(label, value, border=True)
if quota is not None:
    st.markdown(" ".join(planner.quota_sentences(use, lang)))
    st.caption(
        i18n.text("plan_quota_source", lang, source=source)
        if quota == stored
        else i18n.text("plan_quota_scenario", lang)
    )
    st.markdown(f"**{i18n.text('quota_plan_heading', lang)}**")
    pace_column, places_column, start_column = st.columns(3)
    pace = pace_column.number_input(
        i18n.text("quota_plan_pace_input", lang), min_value=0, value=0, step=100, key="quota_plan_pace"
    )
    quota_plan = reads.quota_plan(context.db, context.city_code, context.period, int(quota), float(pace) or None)
    if quota_plan is not None:
        st.markdown(" ".join(planner.quota_plan_sentences(quota_plan, lang)))
        widgets.figures_table(
            planner.quota_month_table(quota_plan, lang),
            [i18n.text(key, lang) for key in planner.QUOTA_FIGURE_COLUMNS],
            key="quota_plan_table",
        )
        st.caption(i18n.text("quota_plan_projected_note", lang))
    places = places_column.number_input(
        i18n.text("quota_plan_places_input", lang), min_value=0, value=0, step=1_000, key="quota_plan_places"
    )
    start = start_column.selectbox(
        i18n.text("quota_plan_start_input", lang),
        list(range(1, 13)),
        format_func=lambda number: i18n.month(dt.date(year, number, 1), lang),
        key="quota_plan_start",
    )
    if places and quota_plan is not None:
        st.markdown(planner.places_sentence(int(places), start, quota_plan.iuran_idr_per_month, year, lang))

st.subheader(i18n.text("verify_heading", lang))
st.caption(i18n.text("verify_intro", lang))
programme_lists = reads.programme_lists(context.db)
check = None
if not programme_lists:
    st.info(i18n.text("verify_no_lists", lang))
else:
    programme = st.selectbox(i18n.text("verify_programme", lang), programme_lists, key="verify_programme")
    check = reads.recipient_check(context.db, programme, dated["iuran_idr_per_month"])
    if check is None:
        st.info(i18n.text("verify_no_register", lang))
    else:
        # two cards a row: four in one row cut "Keluarga dibiayai di tempat lain" and the rupiah at 1366 px
        cards = list(verification.kpi_rows(check, lang).iter_rows(named=True))
        for pair in (cards[:2], cards[2:]):
            for column, card in zip(st.columns(2), pair, strict=True):
                with column, st.container(key=f"verify_kpi_{card['key']}"):
                    st.metric(card["label"], card["value"], border=True)
        st.markdown(" ".join(verification.sentences(check, lang)))

st.subheader(i18n.text("kk_heading", lang))
st.caption(i18n.text("kk_intro", lang))
families_column, persons_column, aid_column = st.columns(3)
with families_column:
    families = widgets.number_box(
        i18n.text("kk_families", lang),
        low=0,
        high=planner.MAX_FAMILIES,
        value=check.families_not_elsewhere if check else 0,
        help=i18n.text("kk_families_help", lang),
        key="kk_families",
    )
with persons_column:
    persons_per_family = widgets.number_box(
        i18n.text("kk_persons_per_family", lang),
        low=0.01,
        high=planner.MAX_PERSONS_PER_FAMILY,
        value=check.persons_per_family if check else None,
        decimals=2,
        required=False,
        help=i18n.text("kk_persons_per_family_help", lang),
        key="kk_persons_per_family",
    )
with aid_column:
    cash_aid = widgets.number_box(
        i18n.text("kk_cash_aid", lang),
        low=0,
        high=planner.MAX_BUDGET_IDR,
        value=0,
        unit="Rp",
        help=i18n.text("kk_cash_aid_help", lang),
        key="kk_cash_aid",
    )
if families and persons_per_family:
    kk = planner.kk_plan(
        planner.KkProgramme.typed(families, persons_per_family, cash_aid), scenario, plan.people_needed
    )
    kk_kpis = [
        ("persons", i18n.text("kk_kpi_persons", lang), i18n.number(kk.persons, lang)),
        (
            "iuran_cost",
            i18n.plural("plan_kpi_enrolment_cost", scenario.months_funded, lang, months=scenario.months_funded),
            i18n.rupiah_compact(kk.iuran_cost_idr, lang),
        ),
        ("cash_aid", i18n.text("kk_kpi_cash_aid", lang), i18n.rupiah_compact(kk.cash_aid_idr, lang)),
        ("total", i18n.text("kk_kpi_total", lang), i18n.rupiah_compact(kk.total_idr, lang)),
    ]
    for column, (key, label, value) in zip(st.columns(len(kk_kpis)), kk_kpis, strict=True):
        with column, st.container(key=f"kk_kpi_{key}"):
            st.metric(label, value, border=True)
    st.markdown(" ".join(planner.kk_sentences(kk, scenario, lang)))
else:
    st.caption(i18n.text("kk_waiting", lang))

st.subheader(i18n.text("plan_reactivation_heading", lang))
reactivation_kpis = [
    ("non_active", i18n.text("plan_kpi_non_active", lang), i18n.number(plan.non_active, lang)),
    (
        "reactivation_cost",
        i18n.text("plan_kpi_reactivation_cost", lang),
        i18n.rupiah_compact(plan.reactivation_cost_idr, lang),
    ),
]
for column, (key, label, value) in zip(st.columns(3), reactivation_kpis, strict=False):
    with column, st.container(key=f"plan_kpi_{key}"):
        st.metric(label, value, border=True)
st.markdown(planner.reactivation_sentence(plan, scenario, context.city_name, lang))
st.caption(i18n.text("plan_reactivation_note", lang, cap=planner.ARREARS_CAP_MONTHS))

st.subheader(i18n.text("react_heading", lang))
st.caption(i18n.text("react_intro", lang))
split_column, write_off_column = st.columns(2)
with split_column:
    split = st.radio(
        i18n.text("react_split", lang),
        reactivation.SPLITS,
        format_func=lambda name: i18n.text(reactivation.SPLIT_KEYS[name], lang),
        horizontal=True,
        key="react_split",
    )
with write_off_column:
    write_off = st.toggle(i18n.text("react_write_off", lang), value=False, key="react_write_off")
react_scenario = reactivation.Scenario(
    months_funded=int(months_funded), arrears_months=int(arrears), write_off=write_off, split=split
)
react_plan = reads.reactivation_plan(context.db, context.period, level, context.city_code, react_scenario)
choices = react_plan.city["criterion"].to_list()
if not choices:
    st.info(i18n.text("react_no_criterion", lang, period=month))
    st.stop()
totals = {row["criterion"]: row for row in react_plan.city.iter_rows(named=True)}
chosen = st.radio(
    i18n.text("react_criterion_choice", lang),
    choices,
    format_func=lambda c: reactivation.criterion_text(c, totals[c]["criterion_activity_pct"], lang),
    horizontal=True,
    key="react_criterion",
)
total = totals[chosen]
react_kpis = [
    ("to_activate", i18n.text("col_active_needed", lang), i18n.number(total["to_activate"], lang)),
    (
        "cheapest_cost",
        i18n.text("react_col_cheapest_cost", lang),
        i18n.rupiah_compact(total["cheapest_cost_idr"], lang),
    ),
    ("unreachable", i18n.text("react_col_unreachable", lang), i18n.number(total["unreachable"], lang)),
]
for column, (key, label, value) in zip(st.columns(3), react_kpis, strict=True):
    with column, st.container(key=f"react_kpi_{key}"):
        st.metric(label, value, border=True)
st.markdown(reactivation.city_sentence(total, city["active_needed"] if chosen == "uhc" else None, lang))
react_rows = reactivation.rows_of(react_plan.regions, react_plan.city, chosen)
widgets.figures_table(reactivation.table(react_rows, lang), reactivation.headings(lang), key="react_table")
for note in reactivation.notes(react_plan.regions, react_plan.rates, react_scenario, lang):
    st.caption(note)
