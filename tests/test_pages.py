"""Every page through Streamlit's AppTest: renders on the demo, an empty and a missing store; hand-checked KPIs.

Figures worked out by hand come from the published Kota Pontianak numbers the demo store reproduces
(see uhc/store/demo.py): June 2025 674.242 registered of 687.031 residents, 540.472 of them active;
February 2025 599.996 registered of 682.900 residents (87,86%); January 2026 99,05%.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import serang_like
from streamlit.testing.v1 import AppTest

from uhc import i18n
from uhc.core import summary
from uhc.intake import imports, reader
from uhc.store import national, seed
from uhc.store.db import Store, migrations

REPO_ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = REPO_ROOT / "dashboard.py"
PAGE_FILES = sorted(path.relative_to(REPO_ROOT).as_posix() for path in (REPO_ROOT / "pages").glob("*.py"))
FIGURE_PAGES = [page for page in PAGE_FILES if page != "pages/data.py"]  # the pages that show figures
# A cold run computes the gap engine for the whole demo city; AppTest's default of 3 s is too tight.
RUN_TIMEOUT_S = 60


@pytest.fixture(scope="module")
def _empty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding only Kota Pontianak's region tree: no coverage, no population."""
    path = tmp_path_factory.mktemp("empty_store") / "empty.duckdb"
    with Store.open(path) as store:
        seed.add_city(store, "61.71")
    return path


@pytest.fixture(scope="module")
def _missing_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store path with no file behind it (the dashboard started before `python -m uhc init`)."""
    return tmp_path_factory.mktemp("missing_store") / "not-created.duckdb"


@pytest.fixture
def open_dashboard(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], AppTest]:
    """Run dashboard.py once against the store at a path; returns the AppTest to drive further."""

    def run(db: Path) -> AppTest:
        monkeypatch.setenv("UHC_DB", str(db))
        at = AppTest.from_file(str(DASHBOARD), default_timeout=RUN_TIMEOUT_S)
        return at.run()

    return run


def metric_values(at: AppTest) -> dict[str, str]:
    """The KPI cards on screen, label -> shown value."""
    return {metric.label: metric.value for metric in at.metric}


def kecamatan_table(at: AppTest):
    """The ranked kecamatan table (a pandas frame, as AppTest hands it over).

    st.dataframe without selections sends no element id, so AppTest cannot find it by its key
    "kecamatan_table"; the overview shows exactly one table.
    """
    assert len(at.dataframe) == 1
    return at.dataframe[0].value


def empty_store_notice_shown(at: AppTest) -> bool:
    return any("init --demo" in info.value for info in at.info)


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_renders_on_the_demo_store(open_dashboard, demo_store_path, page):
    at = open_dashboard(demo_store_path)
    at.switch_page(page).run()

    assert not at.exception
    assert not empty_store_notice_shown(at)
    assert at.sidebar.selectbox(key="period_id").value is not None


def test_a_store_that_cannot_be_opened_is_named_not_called_empty(open_dashboard, tmp_path):
    # A store at schema version 1 (older than the program): the page must say to migrate, not
    # suggest `init --demo`, which would write the demo into the user's store.
    path = tmp_path / "old.duckdb"
    with Store.open(path, migrate=False) as old:
        old.migrate(to_version=1)
    at = open_dashboard(path)

    assert not at.exception
    assert not empty_store_notice_shown(at)
    assert [error.value for error in at.error] == [
        "Penyimpanan data tidak dapat dibuka. The store "
        f"{path} is at schema version 1, this program needs {len(migrations())}. Run `python -m uhc migrate` once."
    ]


@pytest.mark.parametrize("store", ["_empty_db", "_missing_db"])
@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_tells_how_to_create_data_without_any(open_dashboard, request, store, page):
    at = open_dashboard(request.getfixturevalue(store))
    at.switch_page(page).run()

    assert not at.exception
    assert empty_store_notice_shown(at)
    assert not at.metric


def test_overview_shows_the_latest_month_by_default(open_dashboard, demo_store_path):
    at = open_dashboard(demo_store_path)

    assert at.selectbox(key="period_id").value == dt.date(2026, 1, 1)
    assert at.title[0].value == "Cakupan JKN Kota Pontianak, Januari 2026"
    # 683.706 / 690.277 (S2 2025) = 99,0481%
    assert metric_values(at)[i18n.text("kpi_coverage", "id")] == "99,05%"


def test_kpis_june_2025_match_the_published_figures(open_dashboard, demo_store_path):
    at = open_dashboard(demo_store_path)
    at.selectbox(key="period_id").set_value(dt.date(2025, 6, 1)).run()

    assert not at.exception
    shown = metric_values(at)
    # 674.242 / 687.031 = 98,1385%; 540.472 / 674.242 = 80,1599%; above the 98% target: nobody to enrol
    assert shown[i18n.text("kpi_coverage", "id")] == "98,14%"
    assert shown[i18n.text("kpi_activity", "id")] == "80,16%"
    assert shown[i18n.text("kpi_people_needed", "id")] == "0"
    assert shown[i18n.text("kpi_annual_cost", "id")] == "Rp0"


def test_kpis_february_2025_people_needed_and_cost(open_dashboard, demo_store_path):
    at = open_dashboard(demo_store_path)
    at.selectbox(key="period_id").set_value(dt.date(2025, 2, 1)).run()

    assert not at.exception
    shown = metric_values(at)
    # 599.996 / 682.900 (S2 2024) = 87,8600%
    assert shown[i18n.text("kpi_coverage", "id")] == "87,86%"
    # 0,98 x 682.900 = 669.242 registered needed (exactly); 669.242 - 599.996 = 69.246
    assert shown[i18n.text("kpi_people_needed", "id")] == "69.246"
    # 69.246 x Rp42.000 x 12 months = Rp34.899.984.000 = 34,90 miliar, one decimal: 34,9
    assert shown[i18n.text("kpi_annual_cost", "id")] == "Rp34,9 miliar"


def test_language_switch_to_english(open_dashboard, demo_store_path):
    at = open_dashboard(demo_store_path)
    at.radio(key="language").set_value("en").run()

    assert not at.exception
    assert at.title[0].value == "JKN coverage, Kota Pontianak, January 2026"
    shown = metric_values(at)
    assert shown["Coverage"] == "99.05%"
    assert shown["Activity rate"] == "81.20%"
    assert at.selectbox(key="period_en").format_func(dt.date(2025, 6, 1)) == "June 2025"

    at.selectbox(key="period_en").set_value(dt.date(2025, 6, 1)).run()
    assert metric_values(at)["Coverage"] == "98.14%"


def test_the_chosen_month_survives_a_language_switch(open_dashboard, demo_store_path):
    at = open_dashboard(demo_store_path)
    at.selectbox(key="period_id").set_value(dt.date(2025, 6, 1)).run()
    at.radio(key="language").set_value("en").run()

    assert at.selectbox(key="period_en").value == dt.date(2025, 6, 1)
    # 674.242 / 687.031 = 98,1385%
    assert metric_values(at)["Coverage"] == "98.14%"


def test_kecamatan_table_ranks_by_people_needed(open_dashboard, demo_store_path):
    at = open_dashboard(demo_store_path)
    table = kecamatan_table(at)

    assert len(table) == 6
    assert table[i18n.text("col_name", "id")].iloc[0] == "Pontianak Utara"
    people_needed = [int(value.replace(".", "")) for value in table[i18n.text("col_people_needed", "id")]]
    assert people_needed == sorted(people_needed, reverse=True)
    assert people_needed[0] > 0


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_phone_sees_the_ranked_tables_key_figures_first(open_dashboard, demo_store_path, lang):
    # A 390 px phone shows the name and about two columns more: the table is ranked by people to
    # enrol, so that comes right after the name, then the coverage; the name stays pinned in view.
    at = open_dashboard(demo_store_path)
    if lang == "en":
        at.radio(key="language").set_value("en").run()
    (table,) = at.dataframe
    order = list(table.proto.column_order)
    heading = {name: i18n.text(key, lang) for name, key in (("name", "col_name"), ("people", "col_people_needed"))}
    assert order[:2] == [heading["name"], heading["people"]]
    assert order[2] == summary.headings_of(["coverage_pct"], lang)[0]
    assert sorted(order) == sorted(kecamatan_table(at).columns)  # every column is still there


def test_demo_notice_is_shown_on_the_demo_store(open_dashboard, demo_store_path):
    at = open_dashboard(demo_store_path)

    assert [info.value for info in at.info] == [i18n.text("demo_notice", "id")]


def test_rerun_keeps_the_shared_sidebar(monkeypatch, demo_store_path):
    monkeypatch.setenv("UHC_DB", str(demo_store_path))
    at = AppTest.from_file(str(DASHBOARD), default_timeout=RUN_TIMEOUT_S).run()
    at.selectbox(key="period_id").set_value(dt.date(2025, 6, 1)).run()

    assert at.sidebar.selectbox(key="period_id").value == dt.date(2025, 6, 1)


def open_with_link(monkeypatch, db: Path, **params: str) -> AppTest:
    """The dashboard opened from a link carrying ``params`` in its query string."""
    monkeypatch.setenv("UHC_DB", str(db))
    at = AppTest.from_file(str(DASHBOARD), default_timeout=RUN_TIMEOUT_S)
    at.query_params.update(params)
    return at.run()


def test_a_link_restores_language_month_and_kecamatan(monkeypatch, demo_store_path):
    at = open_with_link(monkeypatch, demo_store_path, lang="en", kota="61.71", bulan="2025-06", kecamatan="61.71.04")

    assert not at.exception
    assert at.radio(key="language").value == "en"
    assert at.selectbox(key="period_en").value == dt.date(2025, 6, 1)
    # 674.242 / 687.031 = 98,1385%
    assert metric_values(at)["Coverage"] == "98.14%"
    assert at.session_state["uhc_context"].kecamatan_name == "Pontianak Utara"


def test_the_link_follows_what_is_chosen(monkeypatch, demo_store_path):
    at = open_with_link(monkeypatch, demo_store_path)
    assert dict(at.query_params) == {"lang": "id", "kota": "61.71", "bulan": "2026-01"}

    at.selectbox(key="period_id").set_value(dt.date(2025, 2, 1)).run()
    at.radio(key="language").set_value("en").run()

    assert dict(at.query_params) == {"lang": "en", "kota": "61.71", "bulan": "2025-02"}


@pytest.mark.parametrize(
    "params",
    [
        {"kota": "36.73"},  # Kota Serang: not in this store
        {"bulan": "2031-01"},  # no data that month
        {"bulan": "Juni"},  # not a month
        {"kecamatan": "36.73.01"},  # another city's kecamatan
        {"lang": "fr"},
    ],
)
def test_a_link_with_values_the_store_lacks_falls_back_to_the_defaults(monkeypatch, demo_store_path, params):
    at = open_with_link(monkeypatch, demo_store_path, **params)

    assert not at.exception
    assert at.radio(key="language").value == "id"
    assert at.selectbox(key="period_id").value == dt.date(2026, 1, 1)
    assert at.session_state["uhc_context"].kecamatan_code is None


@pytest.mark.parametrize(
    ("params", "ignored"),
    [
        ({"kota": "36.73"}, "`kota=36.73`"),
        ({"bulan": "2025-13"}, "`bulan=2025-13`"),
        ({"bulan": "Juni"}, "`bulan=Juni`"),
        ({"kecamatan": "36.73.01"}, "`kecamatan=36.73.01`"),
        ({"lang": "fr"}, "`lang=fr`"),
        ({"bulan": "2025-06", "warna": "merah"}, "`warna=merah`"),  # a parameter the dashboard does not have
        # cut to 24 characters: kecamatan= is 10 of them, the code's first 14 follow
        ({"kecamatan": "61.71.04" + "9" * 99_992}, "`kecamatan=61.71.04999999…` (100.000 karakter)"),
        ({"kecamatan": "`[x](a.b)`"}, "`kecamatan='[x](a.b)'`"),  # a backtick cannot end the code
    ],
)
def test_a_link_says_what_it_ignored(monkeypatch, demo_store_path, params, ignored):
    at = open_with_link(monkeypatch, demo_store_path, **params)

    assert not at.exception
    shown = "Juni 2025" if params.get("bulan") == "2025-06" else "Januari 2026"
    assert [warning.value for warning in at.warning] == [
        f"Bagian tautan ini diabaikan: {ignored}. Yang ditampilkan: Kota Pontianak, {shown}."
    ]
    at.radio(key="language").set_value("en").run()
    assert not at.warning  # said once


def test_a_link_that_is_followed_whole_says_nothing(monkeypatch, demo_store_path):
    at = open_with_link(monkeypatch, demo_store_path, lang="en", kota="61.71", bulan="2025-06", kecamatan="61.71.04")

    assert not at.warning


def test_coverage_card_shows_the_change_from_last_month(open_dashboard, demo_store_path):
    at = open_dashboard(demo_store_path)

    coverage = next(metric for metric in at.metric if metric.label == i18n.text("kpi_coverage", "id"))
    # December 2025: 682.604 / 690.277 = 98,8884%; January 2026: 683.706 / 690.277 = 99,0481%: +0,16
    assert coverage.delta == "+0,16 poin dari bulan lalu"


def test_status_sentence_of_a_month_without_uhc_says_what_is_missing(open_dashboard, demo_store_path):
    at = open_dashboard(demo_store_path)
    at.selectbox(key="period_id").set_value(dt.date(2025, 2, 1)).run()

    # February 2025 (criterion 98%): 0,98 x 682.900 = 669.242 registered needed, 669.242 - 599.996 = 69.246
    assert any("masih kurang 69.246 peserta terdaftar" in markdown.value for markdown in at.markdown)


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_speaks_english_after_the_switch(open_dashboard, demo_store_path, page):
    at = open_dashboard(demo_store_path)
    at.switch_page(page).run()
    headings_id = [element.value for element in [*at.title, *at.header, *at.subheader]]

    at.radio(key="language").set_value("en").run()
    headings_en = [element.value for element in [*at.title, *at.header, *at.subheader]]

    assert not at.exception
    assert headings_id and headings_en
    assert not set(headings_id) & set(headings_en)


def test_a_store_of_one_city_names_it_without_a_choice(open_dashboard, demo_store_path):
    at = open_dashboard(demo_store_path)

    assert not [box for box in at.sidebar.selectbox if box.key == "city"]
    assert any("Kota Pontianak (61.71)" in markdown.value for markdown in at.sidebar.markdown)


def test_a_store_of_several_cities_offers_them(open_dashboard, tmp_path):
    path = tmp_path / "two.duckdb"
    with Store.open(path) as store:
        seed.add_demo(store)
        national.add_national_synthetic(store, months=2, last_month=dt.date(2025, 12, 1), province_codes=["36"])
    at = open_dashboard(path)

    assert not at.exception
    cities = at.sidebar.selectbox(key="city")
    assert "Kota Pontianak (61.71)" in cities.options
    assert "Kota Serang (36.73)" in cities.options


def test_a_link_to_a_month_without_data_says_so(monkeypatch, demo_store_path):
    at = open_with_link(monkeypatch, demo_store_path, bulan="2031-01")

    assert [warning.value for warning in at.warning] == [
        "Tidak ada data untuk Kota Pontianak pada Januari 2031; yang ditampilkan Januari 2026, bulan terakhir yang ada."
    ]
    at.selectbox(key="period_id").set_value(dt.date(2025, 6, 1)).run()
    assert not at.warning


def test_no_arrow_on_a_card_whose_figure_did_not_change(open_dashboard, demo_store_path):
    at = open_dashboard(demo_store_path)  # January 2026: above 98% this month and last, nobody to enrol

    people = next(metric for metric in at.metric if metric.label == i18n.text("kpi_people_needed", "id"))
    assert people.delta == "0 orang dari bulan lalu"
    assert people.proto.direction == people.proto.MetricDirection.Value("NONE")
    assert people.proto.color == people.proto.MetricColor.Value("GRAY")


@pytest.mark.parametrize("page", FIGURE_PAGES)
def test_every_page_of_figures_says_the_demo_figures_are_synthetic(open_dashboard, demo_store_path, page):
    at = open_dashboard(demo_store_path)
    at.switch_page(page).run()

    assert i18n.text("demo_notice", "id") in [info.value for info in at.info]


def test_a_month_that_leaves_out_kelurahan_is_named_incomplete_on_every_page(open_dashboard, demo_store_path, tmp_path):
    path = tmp_path / "partial.duckdb"
    shutil.copy(demo_store_path, path)
    recap = "Kode Wilayah;Jumlah Peserta;Peserta Aktif\n61.71.01.1002;26.199;21.382\n61.71.01.1003;22.808;17.571\n"
    with Store.open(path) as store:
        parsed = reader.read_file(recap.encode(), "rekap_februari_2026.csv", "coverage", period=dt.date(2026, 2, 1))
        imports.commit(store, imports.check(store, parsed, city_code="61.71"), user="rina")
    at = open_dashboard(path)  # opens at the latest month, February 2026: 2 of Pontianak's 29 kelurahan

    expected = (
        "Data Februari 2026 belum lengkap: 27 dari 29 kelurahan tidak ada (Parittokaya, Kotabaru, Akcaya, "
        "Paritmayor, Banjar Serasan, ...). Angka kecamatan dan kota bulan ini hanya menjumlahkan kelurahan yang "
        "ada, jadi lebih rendah dari sebenarnya. Impor rekap yang lengkap di halaman Data."
    )
    for page in FIGURE_PAGES:
        at.switch_page(page).run()
        assert expected in [warning.value for warning in at.warning], page
    at.selectbox(key="period_id").set_value(dt.date(2026, 1, 1)).run()  # a complete month: no warning
    assert not at.warning


def test_an_enrolled_city_below_the_activity_criterion_is_shown_not_uhc_with_its_shortfall(open_dashboard, tmp_path):
    # tests/serang_like.py: 99.190 of 100.000 registered (99,19%), 73.103 active (73,70%); 0,80 x 99.190
    # = 79.352 active needed, 79.352 - 73.103 = 6.249 to activate; 98% of 100.000 = 98.000: none to enrol.
    at = open_dashboard(serang_like.serang_like_store(tmp_path))

    assert not at.exception
    shown = metric_values(at)
    assert shown[i18n.text("kpi_coverage", "id")] == "99,19%"
    assert shown[i18n.text("kpi_activity", "id")] == "73,70%"
    assert shown[i18n.text("kpi_people_needed", "id")] == "0"
    texts = [markdown.value for markdown in at.markdown]
    assert any(
        "Belum UHC" in text
        and "Penduduk sudah terdaftar; yang kurang untuk status UHC adalah 6.249 peserta aktif." in text
        for text in texts
    )
    assert (
        "Ke target cakupan 98%: 0 penduduk perlu didaftarkan. Syarat UHC (cakupan ≥ 98%, keaktifan ≥ 80%) dihitung "
        "terpisah: cakupan sudah memenuhi; keaktifan kurang 6.249 peserta aktif (peserta non-aktif yang perlu "
        "diaktifkan kembali)."
    ) in texts
    # the kecamatan table has the column of participants to activate: Serang 0,80 x 19.900 - 14.000 = 1.920
    table = kecamatan_table(at)
    assert dict(zip(table["Wilayah"], table["Perlu diaktifkan"], strict=True))["Serang"] == "1.920"


def test_the_overview_names_the_award_tier_met_and_what_the_next_lacks(open_dashboard, demo_store_path):
    at = open_dashboard(demo_store_path)  # January 2026: 99,05% coverage, 81,20% keaktifan

    # 0,85 x 683.706 = 581.150,1 -> 581.151 active for Madya; 581.151 - 555.169 = 25.982
    assert (
        "UHC Awards (syarat sejak Januari 2026): memenuhi UHC Awards Pratama. Untuk UHC Awards Madya masih kurang "
        "25.982 peserta aktif (keaktifan)."
    ) in [markdown.value for markdown in at.markdown]


# -- no tracebacks to users ------------------------------------------------------------------------

PAGE_ERROR = {
    "id": "Maaf, halaman ini tidak dapat ditampilkan: terjadi kesalahan di dasbor. Kesalahan itu sudah dicatat "
    "di log server. Muat ulang halaman; bila terjadi lagi, beri tahu pengelola dasbor.",
    "en": "Sorry, this page cannot be shown: something went wrong in the dashboard. The error is recorded in "
    "the server's log. Reload the page; if it happens again, tell whoever runs the dashboard.",
}


@pytest.fixture(scope="module")
def _store_without_iuran(demo_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo store damaged by hand: its iuran table dropped, so the overview's cost query fails."""
    import duckdb

    path = tmp_path_factory.mktemp("damaged_store") / "damaged.duckdb"
    shutil.copy(demo_store_path, path)
    with duckdb.connect(str(path)) as con:
        con.execute("DROP TABLE iuran")
    return path


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_page_that_fails_shows_one_short_message_and_no_traceback(
    monkeypatch, _store_without_iuran, caplog, language
):
    with caplog.at_level("ERROR", logger="uhc.dashboard"):
        at = open_with_link(monkeypatch, _store_without_iuran, lang=language)

    assert not at.exception  # no traceback drawn
    assert [error.value for error in at.error] == [PAGE_ERROR[language]]
    # the log says what and where: the error's type and the frames down to the store's query
    (record,) = [record for record in caplog.records if record.name == "uhc.dashboard"]
    assert record.getMessage().startswith("page ringkasan failed: CatalogException\n")
    assert 'uhc/store/db.py", line' in record.getMessage()


def test_the_log_of_a_failed_page_keeps_no_value_of_the_error(caplog):
    def failing_page() -> None:
        from uhc.ui import page_error

        with page_error.short_message_on_error("uji"):
            raise ValueError("NIK 6171014101900001 atas nama RINA tidak cocok")

    with caplog.at_level("ERROR", logger="uhc.dashboard"):
        at = AppTest.from_function(failing_page, default_timeout=RUN_TIMEOUT_S).run()

    assert not at.exception
    assert [error.value for error in at.error] == [PAGE_ERROR["id"]]
    (record,) = [record for record in caplog.records if record.name == "uhc.dashboard"]
    assert record.getMessage().startswith("page uji failed: ValueError\n")
    assert "6171014101900001" not in record.getMessage() and "RINA" not in record.getMessage()


def test_st_stop_inside_a_page_is_no_error():
    def stopping_page() -> None:
        import streamlit as st

        from uhc.ui import page_error

        with page_error.short_message_on_error("uji"):
            st.text("sebelum")
            st.stop()

    at = AppTest.from_function(stopping_page, default_timeout=RUN_TIMEOUT_S).run()

    assert [text.value for text in at.text] == ["sebelum"]
    assert not at.error


def test_the_browser_is_never_sent_error_details():
    import tomllib

    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"


def test_serve_py_s_handler_of_callback_errors_shows_the_short_message(caplog):
    def page_handing_an_error_over() -> None:
        from uhc.ui import page_error

        # st.App calls this with an error of a callback (serve.py); AppTest has no st.App
        try:
            raise RuntimeError("kelurahan 'Sungai Jawi' atas nama RINA")
        except RuntimeError as error:
            assert page_error.shown_briefly(error) is True

    with caplog.at_level("ERROR", logger="uhc.dashboard"):
        at = AppTest.from_function(page_handing_an_error_over, default_timeout=RUN_TIMEOUT_S).run()

    assert not at.exception
    assert [error.value for error in at.error] == [PAGE_ERROR["id"]]
    (record,) = [record for record in caplog.records if record.name == "uhc.dashboard"]
    assert record.getMessage().startswith("a callback failed: RuntimeError\n")
    assert "RINA" not in record.getMessage()


# A file name a clerk might give, with a web address in it: the caption must show it as text.
RECAP_FILE = "rekap_juni_2025 dari www.dinkes.example.csv"


@pytest.fixture
def demo_with_june_recap(demo_store_path: Path, tmp_path: Path) -> Path:
    """A copy of the demo store with a June 2025 recap imported: every kelurahan, registered + 100, population + 1.000."""
    path = tmp_path / "demo_recap.duckdb"
    shutil.copy(demo_store_path, path)
    june = dt.date(2025, 6, 1)
    with Store.open(path) as store:
        rows = store.run("coverage_by_region_month", code_length=13, scope_code="61.71", periods=[june])
        population = dict(
            store.run("population_of_dates", scope_code="61.71", as_of_dates=[dt.date(2025, 6, 30)])
            .select("kemendagri_code", "population")
            .iter_rows()
        )
        lines = ["No;Kode Wilayah;Jumlah Penduduk;Jumlah Peserta;Peserta Aktif"]
        for number, (code, registered, active) in enumerate(
            rows.select("kemendagri_code", "registered", "active").iter_rows(), 1
        ):
            lines.append(f"{number};{code};{population[code] + 1_000};{registered + 100};{active}")
        parsed = reader.read_file("\n".join(lines).encode(), RECAP_FILE, "coverage")
        checked = imports.check(store, parsed, city_code="61.71", period=june)
        assert checked.errors == ()
        imports.commit(store, checked, user="ana")
    return path


def test_a_population_from_a_recap_is_credited_to_the_recap_and_its_month_is_not_demo(
    open_dashboard, demo_with_june_recap
):
    at = open_dashboard(demo_with_june_recap)
    at.selectbox(key="period_id").set_value(dt.date(2025, 6, 1)).run()

    assert not at.exception
    captions = [caption.value for caption in at.caption]
    # The caption is markdown: the name's "_" escaped, and a word joiner (U+2060) inside "www." so no
    # link is made of it; on the page it reads "rekap_juni_2025 dari www.dinkes.example.csv".
    assert (
        "Sumber: BPJS Kesehatan (peserta); penduduk dari kolom penduduk rekap BPJS "
        "“rekap\\_juni\\_2025 dari www\u2060.dinkes.example.csv” (Juni 2025), bukan Dukcapil." in captions
    )
    assert i18n.text("demo_notice", "id") not in [info.value for info in at.info]  # an imported month

    at.selectbox(key="period_id").set_value(dt.date(2025, 5, 1)).run()  # a demo month, Dukcapil S2 2024
    assert i18n.text("demo_notice", "id") in [info.value for info in at.info]
    assert "Sumber: BPJS Kesehatan (peserta), Dukcapil S2 2024 (penduduk)." in [c.value for c in at.caption]


def test_a_trend_marks_new_population_only_where_a_dukcapil_semester_starts(open_dashboard, demo_with_june_recap):
    at = open_dashboard(demo_with_june_recap)
    at.switch_page("pages/tren.py").run()

    assert not at.exception
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    markers = [trace for trace in figure["data"] if trace.get("name") == i18n.text("trend_semester", "id")]
    # June 2025's population (dated 30 June, S1's day) is the recap's: no marker there, where the demo's S1 2025
    # had one; S2 2025 (31 December) is used from December 2025 on, and is marked
    months = [month[:7] for month in markers[0]["x"]]
    assert "2025-06" not in months
    assert months[-2:] == ["2024-12", "2025-12"]
