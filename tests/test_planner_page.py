"""The gap and budget page (pages/anggaran.py) in Streamlit's AppTest on the demo store.

Figures worked out by hand from the published Kota Pontianak numbers the demo reproduces
(uhc/store/demo.py): June 2025 674.242 registered of 687.031 residents (S1 2025), 540.472 active;
149.000 PBI APBD participants; the demo's synthetic 2025 PBI APBD quota is 162.000.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import serang_like
from streamlit.testing.v1 import AppTest

from uhc import i18n

REPO_ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = REPO_ROOT / "dashboard.py"
PAGE = "pages/anggaran.py"
RUN_TIMEOUT_S = 60
JUNE_2025 = dt.date(2025, 6, 1)


@pytest.fixture
def planner_page(monkeypatch: pytest.MonkeyPatch, demo_store_path: Path):
    """The planner page on the demo store at a month (June 2025 unless told)."""

    def open_at(period: dt.date = JUNE_2025, language: str = "id") -> AppTest:
        monkeypatch.setenv("UHC_DB", str(demo_store_path))
        at = AppTest.from_file(str(DASHBOARD), default_timeout=RUN_TIMEOUT_S).run()
        if language != "id":
            at.radio(key="language").set_value(language).run()
        at.switch_page(PAGE).run()
        at.selectbox(key=f"period_{language}").set_value(period).run()
        assert not at.exception
        return at

    return open_at


def kpi(at: AppTest, key: str, language: str = "id", **values) -> str:
    labels = {metric.label: metric.value for metric in at.metric}
    return labels[i18n.text(key, language, **values)]


def said(at: AppTest) -> str:
    return "\n".join(markdown.value for markdown in at.markdown)


def test_the_page_opens_at_the_dated_target(planner_page):
    at = planner_page()

    assert at.title[0].value == "Kesenjangan & anggaran Kota Pontianak, Juni 2025"
    assert at.radio(key="plan_target").value == 98.0
    assert at.text_input(key="plan_iuran").value == "42.000"
    assert (at.text_input(key="plan_months").value, at.text_input(key="plan_arrears").value) == ("12", "24")
    # 0,98 x 687.031 = 673.290,38 -> 673.291 <= 674.242 registered: nobody to enrol
    assert kpi(at, "plan_kpi_people_needed") == "0"
    assert "Cakupan Kota Pontianak sudah mencapai target 98%" in said(at)


def test_target_99_changes_people_needed(planner_page):
    at = planner_page()
    at.radio(key="plan_target").set_value(99.0).run()

    assert not at.exception
    # 0,99 x 687.031 = 680.160,69 -> 680.161 - 674.242 = 5.919
    assert kpi(at, "plan_kpi_people_needed") == "5.919"
    # 5.919 x 42.000 x 12 = 2.983.176.000 -> Rp3 miliar (one decimal: 2,98 -> 3,0)
    assert kpi(at, "plan_kpi_enrolment_cost", months=12) == "Rp3 miliar"
    assert "Untuk target 99%, 5.919 penduduk Kota Pontianak perlu didaftarkan" in said(at)
    table = at.dataframe[0].value
    # the kecamatan short of 99% lead the worklist, most needed first
    needed = [int(value.replace(".", "")) for value in table[i18n.text("col_people_needed", "id")]]
    assert needed == sorted(needed, reverse=True)
    assert needed[0] > 0


def test_a_target_typed_in(planner_page):
    at = planner_page()
    at.radio(key="plan_target").set_value("other").run()
    at.text_input(key="plan_target_other").input("98,5").run()

    assert not at.exception
    # 0,985 x 687.031 = 676.725,535 -> 676.726 - 674.242 = 2.484
    assert kpi(at, "plan_kpi_people_needed") == "2.484"


def test_a_budget_of_rp2_miliar(planner_page):
    at = planner_page()
    at.radio(key="plan_target").set_value(99.0).run()
    at.text_input(key="plan_budget").input("2.000.000.000").run()

    assert not at.exception
    # 2.000.000.000 / (42.000 x 12) = 3.968,25 -> 3.968
    assert kpi(at, "plan_kpi_people_funded") == "3.968"
    assert "Rp2 miliar membiayai 3.968 orang selama 12 bulan." in said(at)
    # 5.919 - 3.968 = 1.951 people short; 1.951 x 504.000 = 983.304.000 -> Rp983,3 juta
    assert "Kebutuhan kota masih kurang 1.951 orang (Rp983,3 juta)." in said(at)


def test_iuran_and_months_change_what_the_budget_funds(planner_page):
    at = planner_page()
    at.text_input(key="plan_budget").input("2.000.000.000").run()
    at.text_input(key="plan_iuran").input("50.000").run()
    at.text_input(key="plan_months").input("6").run()

    assert not at.exception
    # 2.000.000.000 / (50.000 x 6 = 300.000) = 6.666,7 -> 6.666
    assert kpi(at, "plan_kpi_people_funded") == "6.666"
    assert "Rp2 miliar membiayai 6.666 orang selama 6 bulan." in said(at)


def test_budget_sentence_in_english(planner_page):
    at = planner_page(language="en")
    at.text_input(key="plan_budget").input("2,000,000,000").run()

    assert not at.exception
    assert "Rp2 billion funds 3,968 people for 12 months." in said(at)


def test_reactivation_cost(planner_page):
    at = planner_page()

    # 674.242 - 540.472 = 133.770 non-active; x 42.000 x 24 = 134.840.160.000 -> Rp134,8 miliar
    assert kpi(at, "plan_kpi_non_active") == "133.770"
    assert kpi(at, "plan_kpi_reactivation_cost") == "Rp134,8 miliar"

    at.text_input(key="plan_arrears").input("12").run()
    # 133.770 x 42.000 x 12 = 67.420.080.000 -> Rp67,4 miliar
    assert kpi(at, "plan_kpi_reactivation_cost") == "Rp67,4 miliar"


def test_the_demo_quota(planner_page):
    at = planner_page()
    at.radio(key="plan_target").set_value(99.0).run()

    assert at.text_input(key="plan_quota_61.71_2025").value == "162.000"
    # 149.000 registered of 162.000: 13.000 remaining; 149.000 / 162.000 = 91,975% -> 91,98%
    assert kpi(at, "plan_kpi_quota_registered") == "149.000"
    assert kpi(at, "plan_kpi_quota_remaining") == "13.000"
    assert "149.000 dari kuota 162.000 terisi (91,98%); sisa 13.000 orang." in said(at)
    # the 5.919 needed at 99% fit in the 13.000 remaining
    assert "Sisa kuota cukup untuk 5.919 penduduk yang perlu didaftarkan." in said(at)
    assert [caption.value for caption in at.caption if "kuota" in caption.value.lower()] == [
        "Sumber kuota: Demo: synthetic PBI APBD quota, not an official figure."
    ]


def test_a_year_without_quota_says_how_to_add_one_and_takes_a_typed_one(planner_page):
    at = planner_page(dt.date(2022, 1, 1))

    assert [info.value for info in at.info if "kuota" in info.value] == [
        "Belum ada kuota PBI APBD untuk Kota Pontianak tahun 2022. Ketik kuota di atas sebagai skenario, atau "
        'simpan kuota resmi: `python -m uhc quota --city 61.71 --year 2022 --quota JUMLAH --source "SUMBER"` '
        "(saat dasbor tidak berjalan)."
    ]
    # January 2022: 24.500 PBI APBD registered (the demo's anchor); no quota, so nothing remains to compute
    assert (kpi(at, "plan_kpi_quota_registered"), kpi(at, "plan_kpi_quota"), kpi(at, "plan_kpi_quota_remaining")) == (
        "24.500",
        "–",
        "–",
    )

    at.text_input(key="plan_quota_61.71_2022").input("30.000").run()
    # 30.000 - 24.500 = 5.500
    assert kpi(at, "plan_kpi_quota_remaining") == "5.500"
    assert "Kuota skenario (diketik di halaman ini)." in [caption.value for caption in at.caption]


def test_kelurahan_worklist(planner_page):
    at = planner_page()
    at.radio(key="plan_level").set_value("kelurahan").run()

    assert not at.exception
    assert len(at.dataframe[0].value) == 29  # Pontianak's 29 kelurahan
    assert at.subheader[0].value == "Daftar kerja: kelurahan menurut penduduk yang perlu didaftarkan"


def test_downloads_are_offered(planner_page):
    at = planner_page()

    assert [button.key for button in at.download_button] == ["plan_csv", "plan_xlsx"]
    assert at.download_button(key="plan_csv").label == "Unduh CSV"
    assert at.download_button(key="plan_xlsx").label == "Unduh XLSX"


def test_the_reactivation_planner_of_an_enrolled_city_below_the_activity_criterion(monkeypatch, tmp_path):
    # tests/serang_like.py, December 2025; by hand in tests/test_reactivation.py: 6.249 to make active
    # for 80%, cheapest Rp3.149.496.000 (Rp3,1 miliar); Madya 85%: 11.209.
    monkeypatch.setenv("UHC_DB", str(serang_like.serang_like_store(tmp_path)))
    at = AppTest.from_file(str(DASHBOARD), default_timeout=RUN_TIMEOUT_S).run()
    at.switch_page(PAGE).run()
    assert not at.exception

    assert kpi(at, "col_active_needed") == "6.249"
    assert kpi(at, "react_col_cheapest_cost") == "Rp3,1 miliar"
    assert "UHC (keaktifan ≥ 80%): 6.249 peserta perlu diaktifkan kembali" in said(at)
    captions = [caption.value for caption in at.caption]
    assert any(c.startswith("Asumsi: rekap tidak memuat peserta aktif per segmen") for c in captions)
    table = at.dataframe[-1].value
    # Serang: 592 PBI APBD x Rp504.000 = Rp298.368.000 (Rp298,4 juta); moved, the arrears stay owed:
    # 1.328 mandiri x Rp1.008.000 = Rp1.338.624.000 (Rp1,3 miliar)
    serang = table[table["Wilayah"] == "Serang"].iloc[0]
    assert (serang["PBI APBD (orang)"], serang["Iuran PBI APBD"], serang["Tunggakan tetap tercatat"]) == (
        "592",
        "Rp298,4 juta",
        "Rp1,3 miliar",
    )

    at.toggle(key="react_write_off").set_value(True).run()
    assert any(c.startswith("SKENARIO penghapusan tunggakan") for c in (caption.value for caption in at.caption))
    table = at.dataframe[-1].value
    assert table[table["Wilayah"] == "Serang"].iloc[0]["Tunggakan tetap tercatat"] == "Rp0"

    at.radio(key="react_criterion").set_value("madya").run()
    assert kpi(at, "col_active_needed") == "11.209"


def errors(at: AppTest) -> list[str]:
    return [error.value for error in at.error]


@pytest.mark.parametrize(
    ("language", "typed", "shown"),
    [
        ("id", "2.000.000.000", "2.000.000.000"),
        ("id", "2000000000", "2.000.000.000"),
        ("id", "Rp2.000.000.000", "2.000.000.000"),
        ("en", "2,000,000,000", "2,000,000,000"),
        ("en", "2000000000", "2,000,000,000"),
    ],
)
def test_a_budget_typed_as_the_language_writes_it_is_two_billion(planner_page, language, typed, shown):
    at = planner_page(language=language)
    at.text_input(key="plan_budget").input(typed).run()

    assert not at.exception and errors(at) == []
    # 2.000.000.000 / (42.000 x 12 = 504.000) = 3.968,25 -> 3.968 (Rp2, as number_input read it, funds 0)
    assert kpi(at, "plan_kpi_people_funded", language) == ("3.968" if language == "id" else "3,968")
    assert at.text_input(key="plan_budget").value == shown


def test_an_iuran_of_42_000_and_a_target_of_98_5(planner_page):
    at = planner_page()
    at.text_input(key="plan_budget").input("2.000.000.000").run()
    at.text_input(key="plan_iuran").input("42.000").run()
    at.radio(key="plan_target").set_value("other").run()
    at.text_input(key="plan_target_other").input("98,5%").run()

    assert not at.exception and errors(at) == []
    assert at.text_input(key="plan_target_other").value == "98,5"
    # 0,985 x 687.031 = 676.725,535 -> 676.726 - 674.242 = 2.484; the budget funds 3.968 of them
    assert kpi(at, "plan_kpi_people_needed") == "2.484"
    assert kpi(at, "plan_kpi_people_funded") == "3.968"


@pytest.mark.parametrize(
    ("language", "key", "typed", "said_at_the_box", "kept"),
    [
        # M is miliar in Bahasa Indonesia and million in English: an abbreviation is never guessed
        (
            "id",
            "plan_budget",
            "1,5 M",
            "“1,5 M” tidak terbaca sebagai angka. Tulis angka lengkap, misalnya 2.000.000.000 "
            "(singkatan seperti jt atau M tidak dibaca). Nilai tetap 0.",
            "0",
        ),
        (
            "en",
            "plan_budget",
            "1.5 bn",
            "“1.5 bn” cannot be read as a number. Type the whole number, for example "
            "2,000,000,000 (abbreviations such as m or bn are not read). The value stays 0.",
            "0",
        ),
        # an English 42.000 is forty-two: refused in a whole-number box rather than read as Rp42
        (
            "en",
            "plan_iuran",
            "42.000",
            "“42.000” is not a whole number: type it without a decimal point, for example "
            "42,000. The value stays 42,000.",
            "42,000",
        ),
        (
            "id",
            "plan_target_other",
            "98.5",
            "“98.5” tidak tertulis seperti angka Indonesia (titik memisahkan ribuan, "
            "koma memisahkan desimal). Maksudnya “985” atau “98,5”? Nilai tetap 98.",
            "98",
        ),
        ("id", "plan_months", "13", "“13” di luar batas 1 sampai 12. Nilai tetap 12.", "12"),
        ("id", "plan_months", "", "Kotak ini perlu angka, misalnya 12. Nilai tetap 12.", "12"),
    ],
)
def test_a_number_that_cannot_be_read_is_refused_at_its_box_and_the_old_value_kept(
    planner_page, language, key, typed, said_at_the_box, kept
):
    at = planner_page(language=language)
    if key == "plan_target_other":
        at.radio(key="plan_target").set_value("other").run()
    at.text_input(key=key).input(typed).run()

    assert not at.exception
    assert errors(at) == [said_at_the_box]
    assert at.text_input(key=key).value == typed  # left as typed, to be corrected
    # the scenario still uses the old value: at 98%, 12 months, Rp42.000, nobody to enrol and nothing funded
    assert kpi(at, "plan_kpi_people_needed", language) == "0"
    assert kpi(at, "plan_kpi_people_funded", language) == "0"
    at.radio(key="language").set_value("id" if language == "en" else "en").run()
    # a new language shows the kept value in its own format and forgets the refusal
    assert errors(at) == []
    assert at.text_input(key=key).value == i18n.typed_figure(
        {"0": 0, "42,000": 42_000, "98": 98, "12": 12}[kept], "id" if language == "en" else "en", 2
    )


def test_a_value_kept_across_a_language_switch_is_shown_in_the_new_format(planner_page):
    at = planner_page()
    at.text_input(key="plan_budget").input("2.000.000.000").run()
    at.radio(key="language").set_value("en").run()

    assert at.text_input(key="plan_budget").value == "2,000,000,000"
    assert kpi(at, "plan_kpi_people_funded", "en") == "3,968"
