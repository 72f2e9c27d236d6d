"""The KK-based programme and recipient verification of the gap & budget planner (issue 13).

Figures by hand: the Pemda iuran Rp42.000 a month (Perpres 64/2020); Pontianak's 2.965 APBD
families (domain brief) as the example programme.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from command_line import add_editor, uhc_as_editor
from streamlit.testing.v1 import AppTest
from test_match_command import KK_A, LIST, REGISTER

from uhc import i18n
from uhc.core import planner, verification
from uhc.store import keys
from uhc.store.db import Store

SCENARIO = planner.Scenario(iuran_idr_per_month=42_000, months_funded=12)
REPO_ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = REPO_ROOT / "dashboard.py"
PAGE = "pages/anggaran.py"


def test_pontianaks_2965_families_priced_with_cash_aid():
    programme = planner.KkProgramme(2_965, Decimal("3.4"), 600_000)
    plan = planner.kk_plan(programme, SCENARIO, people_needed=5_919)
    # 2.965 x 3,4 = 10.081 persons; 10.081 x 42.000 x 12 = 5.080.824.000; 2.965 x 600.000 =
    # 1.779.000.000; together 6.859.824.000; 10.081 / 5.919 = 170,3% of the people needed
    assert (plan.persons, plan.iuran_cost_idr, plan.cash_aid_idr, plan.total_idr) == (
        10_081,
        5_080_824_000,
        1_779_000_000,
        6_859_824_000,
    )
    assert plan.share_of_need_pct == pytest.approx(170.316, abs=0.001)
    assert planner.kk_sentences(plan, SCENARIO, "id") == [
        "2.965 keluarga, 10.081 orang: iuran Rp42.000 x 12 bulan = Rp5.080.824.000.",
        "Bantuan tunai Rp1.779.000.000; seluruh program Rp6.859.824.000.",
        "Program ini mendaftarkan 170,3% dari orang yang dibutuhkan untuk mencapai target.",
    ]


def test_persons_are_rounded_up_to_whole_persons_and_no_aid_or_need_says_nothing_of_them():
    # 3 x 3,33 = 9,99 -> 10 persons (a family is enrolled whole); 10 x 42.000 x 6 = 2.520.000
    plan = planner.kk_plan(
        planner.KkProgramme.typed(3, 3.33, 0), planner.Scenario(iuran_idr_per_month=42_000, months_funded=6), 0
    )
    assert (plan.persons, plan.iuran_cost_idr, plan.cash_aid_idr, plan.share_of_need_pct) == (10, 2_520_000, 0, None)
    assert planner.kk_sentences(plan, planner.Scenario(iuran_idr_per_month=42_000, months_funded=1), "en") == [
        "3 families, 10 persons: iuran Rp42,000 x 1 month = Rp2,520,000."
    ]


@pytest.mark.parametrize(
    ("families", "persons", "aid"),
    [(-1, "3", 0), (10, "0", 0), (10, "21", 0), (10, "3.333", 0), (10, "3", -600_000)],
)
def test_a_programme_outside_its_bounds_is_refused(families, persons, aid):
    with pytest.raises(ValueError):
        planner.KkProgramme(families, Decimal(persons), aid)


@pytest.fixture
def verified_store(store_copy: Path, tmp_path: Path) -> Path:
    """The demo store with test_match_command's register and list, an APBD list and a PKH list."""
    add_editor(store_copy)
    key_file = tmp_path / "keys" / "city.key"
    keys.create_key_file(key_file)
    register = tmp_path / "register.csv"
    register.write_text(
        "NIK;NO KK;NAMA;JENIS KELAMIN;TGL LAHIR;ALAMAT;RT;RW;KELURAHAN;STATUS\n"
        + "\n".join(";".join(row) for row in REGISTER)
        + "\n",
        encoding="utf-8",
    )
    listed = tmp_path / "peserta.csv"
    listed.write_text(
        "NIK;NO KARTU;NAMA;TGL LAHIR;JK;SEGMEN;STATUS;KODE KELURAHAN\n" + "\n".join(";".join(r) for r in LIST) + "\n",
        encoding="utf-8",
    )
    apbd = tmp_path / "apbd.csv"
    apbd.write_text(
        f"NIK;NO KK;NAMA\n6171016103900002;{KK_A};Siti Aminah\n6171010201000003;;Budi Santoso\n"
        "6171010505050011;;Nina Marlina\n",
        encoding="utf-8",
    )
    pkh = tmp_path / "pkh.csv"
    pkh.write_text("NIK;NAMA\n6171010201000003;Budi Santoso\n", encoding="utf-8")
    for command in (
        ("register", "import", register),
        ("participants", "import", listed),
        ("programme", "import", apbd, "--name", "PBI APBD 2026"),
        ("programme", "import", pkh, "--name", "PKH"),
    ):
        done = uhc_as_editor("--db", store_copy, *command, "--key-file", key_file)
        assert done.returncode == 0, done.stderr
    return store_copy


def test_the_check_in_store_counts_as_match_verify_does_and_prices_the_saving(verified_store):
    with Store.open(verified_store, read_only=True) as store:
        assert verification.programmes(store) == ["PBI APBD 2026", "PKH"]
        check = verification.check_in_store(store, "PBI APBD 2026", 42_000)
    assert check is not None
    # as test_match_command's verify test: 3 recipients (Siti, Budi, Nina), Budi also on PKH; families
    # KK A (Siti) and KK B (Budi), KK B funded elsewhere, KK A other aid (Ahmad on PBI APBN)
    assert (check.recipients, check.persons_elsewhere, check.families, check.families_elsewhere) == (3, 1, 2, 1)
    assert (check.families_other_aid, check.rows_not_in_register, check.rows_without_family) == (1, 1, 1)
    # 1 person paid twice x 42.000 x 12 = 504.000 a year
    assert check.saving_idr_per_year == 504_000
    # KK A: Ahmad, Siti; KK B: Budi, Joko: 4 living residents / 2 families = 2,00
    assert (check.register_persons, check.persons_per_family, check.families_not_elsewhere) == (4, 2.0, 1)
    assert verification.sentences(check, "en")[:2] == [
        "PBI APBD 2026: 3 recipients, 1 of them also funded by another programme or active PBI APBN (paid for "
        "twice); 2 families (KK), 1 with a recipient funded elsewhere.",
        "Taking them off the list saves the city Rp504,000 a year (1 persons x iuran Rp42,000 x 12 months).",
    ]


def kpis(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def test_the_page_shows_the_verification_and_prices_the_kk_programme(monkeypatch, verified_store):
    monkeypatch.setenv("UHC_DB", str(verified_store))
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60).run()
    at.switch_page(PAGE).run()
    at.selectbox(key="period_id").set_value(dt.date(2025, 6, 1)).run()
    assert not at.exception
    assert at.selectbox(key="verify_programme").value == "PBI APBD 2026"
    shown = kpis(at)
    assert shown[i18n.text("verify_kpi_recipients", "id")] == "3"
    assert shown[i18n.text("verify_kpi_elsewhere", "id")] == "1"
    assert shown[i18n.text("verify_kpi_families_elsewhere", "id")] == "1"
    assert shown[i18n.text("verify_kpi_saving", "id")] == i18n.rupiah_compact(504_000, "id")
    text = "\n".join(markdown.value for markdown in at.markdown)
    assert "kota menghemat Rp504.000 per tahun (1 orang x iuran Rp42.000 x 12 bulan)" in text
    # the boxes open at the verified list: 2 - 1 = 1 family not funded elsewhere, 4 / 2 = 2 persons each;
    # 1 x 2 = 2 persons x 42.000 x 12 = 1.008.000
    assert at.text_input(key="kk_families").value == "1"
    assert at.text_input(key="kk_persons_per_family").value == "2"
    assert "1 keluarga, 2 orang: iuran Rp42.000 x 12 bulan = Rp1.008.000." in text
    at.text_input(key="kk_families").set_value("2.965").run()
    at.text_input(key="kk_persons_per_family").set_value("3,4").run()
    at.text_input(key="kk_cash_aid").set_value("600.000").run()
    assert not at.exception
    shown = kpis(at)
    assert shown[i18n.text("kk_kpi_persons", "id")] == "10.081"
    assert shown[i18n.text("kk_kpi_total", "id")] == i18n.rupiah_compact(6_859_824_000, "id")
    text = "\n".join(markdown.value for markdown in at.markdown)
    assert "Bantuan tunai Rp1.779.000.000; seluruh program Rp6.859.824.000." in text
    # nobody is needed at 98% in June 2025 (test_planner_page): no share of the need is said
    assert "dari orang yang dibutuhkan" not in text
    for name in ("Siti", "Budi", "Nina", "Aminah"):
        assert all(name not in element.value for element in (*at.markdown, *at.caption, *at.metric))


def test_the_page_without_programme_lists_says_how_to_import_one(monkeypatch, demo_store_path):
    monkeypatch.setenv("UHC_DB", str(demo_store_path))
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60).run()
    at.radio(key="language").set_value("en").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert any(info.value.startswith("No programme list in the store yet.") for info in at.info)
    assert "Type the families and the persons per family to price the programme." in [c.value for c in at.caption]
