"""The Pendataan page through AppTest on the demo with its synthetic people: a viewer sees counts and
never a name (checked in every text the page draws); an editor sees the persons by name.

The demo's figures are those test_demo_people derives from what the generator planted: 690.277
residents, 683.706 participants counted in the city, so the residents to visit are the residents
the list does not hold.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import polars as pl
import pytest
from command_line import uhc
from conftest import EDITOR_NAME, EDITOR_PASSWORD
from streamlit.testing.v1 import AppTest

from uhc.core import visit_counts
from uhc.intake import results
from uhc.store import auth, keys, people, people_demo
from uhc.store.db import Store

REPO_ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = REPO_ROOT / "dashboard.py"
RUN_TIMEOUT_S = 60
POPULATION, REGISTERED = 690_277, 683_706  # the demo city, January 2026
FIRST_KELURAHAN = "61.71.01.1002"  # the page opens at the run's first kelurahan in code order
GROUPED = [category for categories in visit_counts.GROUPS.values() for category in categories]


@pytest.fixture(scope="module")
def people_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with its people matched (run 1), the demo key beside it, and the editor."""
    path = tmp_path_factory.mktemp("pendataan") / "demo.duckdb"
    built = uhc("--db", path, "init", "--demo")
    assert built.returncode == 0, built.stderr
    with Store.open(path) as store:
        auth.add_user(store, EDITOR_NAME, EDITOR_PASSWORD, "editor")
    return path


@pytest.fixture(scope="module")
def first_kelurahan_persons(people_store: Path) -> pl.DataFrame:
    """The first kelurahan's persons of run 1 (every category) with their names, decrypted here."""
    key = keys.load_key(people_store.parent / keys.DEMO_KEY_NAME)
    with Store.open(people_store, read_only=True) as store:
        persons = store.run("match_person_of_area", run_id=1, kemendagri_code=FIRST_KELURAHAN)
        named = people.names_of(store, key, persons.select("side", "batch_id", "source_row").unique())
    return persons.with_columns(pl.col("batch_id", "source_row").cast(pl.Int32)).join(
        named, on=["side", "batch_id", "source_row"]
    )


def names_of(persons: pl.DataFrame) -> list[str]:
    found = [name for name in persons["name"].drop_nulls().unique().to_list() if len(name) > 3]
    assert len(found) > 100  # the kelurahan has hundreds: the check has something to find
    return found


@pytest.fixture(scope="module")
def names_in_first_kelurahan(first_kelurahan_persons: pl.DataFrame) -> list[str]:
    """Every name of the first kelurahan's persons, the active ones too (a viewer sees none)."""
    return names_of(first_kelurahan_persons)


@pytest.fixture(scope="module")
def names_to_show(first_kelurahan_persons: pl.DataFrame) -> list[str]:
    """The names of those to visit, reactivate or check, duplicates and invalid NIKs (an editor sees them)."""
    return names_of(first_kelurahan_persons.filter(pl.col("category").is_in(GROUPED)))


def open_page(monkeypatch: pytest.MonkeyPatch, db: Path, lang: str = "id") -> AppTest:
    monkeypatch.setenv("UHC_DB", str(db))
    monkeypatch.delenv(keys.KEY_FILE_ENV, raising=False)
    at = AppTest.from_file(str(DASHBOARD), default_timeout=RUN_TIMEOUT_S)
    at.session_state["language"] = lang
    at.switch_page("pages/pendataan.py")
    return at.run()


def log_in(at: AppTest) -> AppTest:
    at.text_input(key="login_user").input(EDITOR_NAME)
    at.text_input(key="login_password").input(EDITOR_PASSWORD)
    return at.button(key="login_submit").click().run()


def drawn_text(at: AppTest) -> str:
    """Every text the page drew: headings, captions, notices, table cells, expander and box labels."""
    parts: list[str] = []
    for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts += [str(element.value) for element in getattr(at, kind)]
    parts += [element.label for element in at.expander]
    parts += [option for box in at.selectbox for option in box.options]
    for table in at.dataframe:
        frame = table.value
        parts += [str(column) for column in frame.columns]
        parts += [str(cell) for row in frame.itertuples(index=False) for cell in row]
    return "\n".join(parts)


def to_visit_column(at: AppTest, key_heading: str = "Dikunjungi (didaftarkan)") -> list[int]:
    frame = at.dataframe[0].value
    return [int(text.replace(".", "").replace(",", "")) for text in frame[key_heading]]


def test_a_viewer_sees_the_counts_and_no_name(monkeypatch, people_store, names_in_first_kelurahan):
    at = open_page(monkeypatch, people_store)
    assert not at.exception
    # residents the list holds: 683.706 counted in the city, less those not in the register, plus
    # those on it under another kab/kota's address (test_demo_people); the rest are to visit
    planted = people_demo.demo_people().planted
    residents_on_list = REGISTERED - planted.participants_not_in_register + planted.registered_elsewhere
    assert sum(to_visit_column(at)) == POPULATION - residents_on_list
    text = drawn_text(at)
    assert "Nama hanya tampil untuk editor yang masuk." in text
    shown = [name for name in names_in_first_kelurahan if name in text]
    assert shown == []
    assert not any(box.label == "Nama" for box in at.text_input)  # only the login form's boxes


def test_an_editor_sees_the_persons_by_name(monkeypatch, people_store, names_to_show):
    at = log_in(open_page(monkeypatch, people_store))
    assert not at.exception
    labels = [expander.label for expander in at.expander]
    assert labels[0].startswith("Dikunjungi (didaftarkan): ")
    first_row_to_visit = to_visit_column(at)[0]  # the first kelurahan's residents to visit
    assert labels[0] == f"Dikunjungi (didaftarkan): {first_row_to_visit:,}".replace(",", ".")
    text = drawn_text(at)
    assert [name for name in names_to_show if name not in text] == []
    assert "Data pribadi (UU 27/2022)" in text


def test_an_editor_on_a_server_without_the_key_is_told_what_to_do(monkeypatch, people_store, tmp_path):
    copy = tmp_path / "no-key" / "demo.duckdb"
    copy.parent.mkdir()
    shutil.copy(people_store, copy)  # no demo-city.key beside this copy
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # nor in the config folder
    at = log_in(open_page(monkeypatch, copy))
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "Server tidak punya kunci kota, jadi nama tidak dapat dibuka. Simpan kunci kota di server dan "
        "tunjuk dengan UHC_KEY_FILE sebelum menjalankan dasbor."
    ]
    assert [expander.label for expander in at.expander] == ["Catat hasil satu orang"]  # no fold of persons


def test_an_editor_with_another_citys_key_sees_no_name(monkeypatch, people_store, tmp_path):
    other = tmp_path / "other.key"
    keys.create_key_file(other)
    monkeypatch.setenv(keys.KEY_FILE_ENV, str(other))
    monkeypatch.setenv("UHC_DB", str(people_store))
    at = AppTest.from_file(str(DASHBOARD), default_timeout=RUN_TIMEOUT_S)
    at.switch_page("pages/pendataan.py")
    at = log_in(at.run())
    assert not at.exception
    assert len(at.warning) == 1 and "UHC_KEY_FILE" in at.warning[0].value
    assert [expander.label for expander in at.expander] == ["Catat hasil satu orang"]  # no fold of persons


def test_the_page_speaks_english(monkeypatch, people_store):
    at = open_page(monkeypatch, people_store, lang="en")
    assert not at.exception
    assert at.title[0].value == "Door to door — Kota Pontianak"
    assert sum(to_visit_column(at, "To visit (enrol)")) > 0
    assert pl.Series(at.dataframe[0].value.columns).to_list()[1:] == [
        "To visit (enrol)",
        "To reactivate",
        "To check (close name)",
        "Duplicates",
        "Invalid NIK",
    ]


def test_the_map_page_draws_the_residents_to_visit_per_kelurahan(monkeypatch, people_store):
    at = open_page(monkeypatch, people_store)
    city_to_visit = dict(zip(at.dataframe[0].value["Kelurahan"], to_visit_column(at), strict=True))
    at.switch_page("pages/peta.py").run()
    at.checkbox(key="map_visits").check().run()
    assert not at.exception
    charts = [chart for chart in at.get("plotly_chart") if "Penduduk untuk dikunjungi" in chart.proto.spec]
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    drawn = {
        name: int(text.replace(".", ""))
        for trace in spec["data"]
        if trace["type"] == "choropleth"
        for name, _code, text in trace["customdata"]
    }
    # each of the city's 29 kelurahan with the count the Pendataan page gives it
    assert len(drawn) == 29
    assert drawn == city_to_visit


def test_progress_counts_a_result_recorded_for_one_person(monkeypatch, people_store, first_kelurahan_persons, tmp_path):
    first = first_kelurahan_persons.filter((pl.col("category") == "to_visit") & (pl.col("side") == "register")).row(
        0, named=True
    )
    reference = f"1-R{first['batch_id']}-{first['source_row']}"
    copy = tmp_path / "results.duckdb"  # a copy no connection of this process holds yet
    shutil.copy(people_store, copy)
    shutil.copy(people_store.parent / keys.DEMO_KEY_NAME, tmp_path / keys.DEMO_KEY_NAME)
    results.record_one(copy, reference, 6, None, dt.date.today(), "Tim Mawar", EDITOR_NAME)
    at = open_page(monkeypatch, copy)
    assert not at.exception
    by_rt = next(table.value for table in at.dataframe if "Belum dikunjungi" in table.value.columns)
    row = by_rt[(by_rt["RW"] == first["rw"]) & (by_rt["RT"] == first["rt"])].iloc[0]
    # one of the RT's listed persons visited, found not at the address (result 6)
    assert row["Dikunjungi"] == "1"
    assert int(row["Orang"].replace(".", "")) == int(row["Belum dikunjungi"].replace(".", "")) + 1
    assert row["Tidak di alamat"] == "1"
    by_cadre = next(table.value for table in at.dataframe if "Tim kader" in table.value.columns)
    assert by_cadre[["Tim kader", "Dikunjungi"]].values.tolist() == [["Tim Mawar", "1"]]


def test_an_editor_makes_the_kelurahan_s_rt_lists_in_one_click(
    monkeypatch, people_store, first_kelurahan_persons, tmp_path
):
    import io
    import zipfile

    import openpyxl
    from pypdf import PdfReader

    from uhc.core import campaign as core_campaign

    copy = tmp_path / "lists.duckdb"  # the audit row is a write: a copy of the module's store
    shutil.copy(people_store, copy)
    shutil.copy(people_store.parent / keys.DEMO_KEY_NAME, tmp_path / keys.DEMO_KEY_NAME)
    viewer = open_page(monkeypatch, copy)
    assert not [button for button in viewer.button if button.key == "visits_lists_make"]  # no lists for a viewer

    at = log_in(open_page(monkeypatch, copy))
    at.text_input(key="visits_lists_cadre").input("Tim Melati").run()
    at.button(key="visits_lists_make").click().run()
    assert not at.exception
    run_id, code, made = at.session_state["visits_lists_zip"]
    assert (run_id, code) == (1, FIRST_KELURAHAN)
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        names = archive.namelist()
        pdfs = [name for name in names if name.endswith(".pdf")]
        sheet = openpyxl.load_workbook(io.BytesIO(archive.read(f"{FIRST_KELURAHAN}.xlsx"))).active
        first_pdf = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(archive.read(pdfs[0]))).pages)
    assert pdfs and all(name.startswith("RW") and "-RT" in name for name in pdfs)
    # every Kode on the sheet is a person of the first kelurahan in run 1
    known = {
        str(core_campaign.Reference(1, row["side"], row["batch_id"], row["source_row"]))
        for row in first_kelurahan_persons.iter_rows(named=True)
    }
    codes = [
        value
        for (value,) in sheet.iter_rows(min_col=1, max_col=1, values_only=True)
        if isinstance(value, str) and core_campaign.read_reference(value)
    ]
    assert codes and set(codes) <= known
    assert "Tim Melati" in first_pdf
    # the list is in the audit: who, which kelurahan, how many persons (the sheet's rows)
    with Store.open(copy, read_only=True) as store:
        audit = store.run("list_audit").filter(pl.col("action") == "list")
    assert audit.select("user_name", "kemendagri_code", "persons").rows() == [
        (EDITOR_NAME, FIRST_KELURAHAN, len(codes))
    ]
    assert [button.label for button in at.get("download_button")] == ["Unduh daftar (ZIP)"]


def test_one_person_s_result_typed_on_the_page_is_stored_and_counted_apart_from_the_recap(
    monkeypatch, people_store, first_kelurahan_persons, tmp_path
):
    from uhc import figures
    from uhc.core import formats, gap

    first = first_kelurahan_persons.filter((pl.col("category") == "to_visit") & (pl.col("side") == "register")).row(
        0, named=True
    )
    copy = tmp_path / "typed.duckdb"
    shutil.copy(people_store, copy)
    shutil.copy(people_store.parent / keys.DEMO_KEY_NAME, tmp_path / keys.DEMO_KEY_NAME)
    at = log_in(open_page(monkeypatch, copy))

    # an unknown person is refused with the row's reason, and nothing is stored
    at.text_input(key="visits_one_ref").input("1-R9-99999")
    submit = next(
        button for button in at.button if button.key and button.key.startswith("FormSubmitter:visits_one_form")
    )
    submit.click().run()
    assert not at.exception
    assert any("1-R9-99999" in error.value for error in at.error)
    with Store.open(copy, read_only=True) as store:
        assert store.run("campaign_result_in_force").height == 0

    at.text_input(key="visits_one_ref").input(f"1-R{first['batch_id']}-{first['source_row']}")
    at.selectbox(key="visits_one_result").set_value(1)  # enrolled
    at.selectbox(key="visits_one_segment").set_value("pbpu")
    at.text_input(key="visits_one_cadre").input("Tim Anggrek")
    submit = next(
        button for button in at.button if button.key and button.key.startswith("FormSubmitter:visits_one_form")
    )
    submit.click().run()
    assert not at.exception
    with Store.open(copy, read_only=True) as store:
        saved = store.run("campaign_result_in_force")
        kelurahan = gap.gap_for_period(store, dt.date(2026, 1, 1), "kelurahan", "61.71").filter(
            pl.col("kemendagri_code") == FIRST_KELURAHAN
        )
    assert saved.select("result", "segment", "cadre", "result_date").rows() == [
        ("enrolled", "pbpu", "Tim Anggrek", dt.date.today())
    ]
    # January 2026's recap cannot hold an enrolment of today: the kelurahan's row counts it apart,
    # (registered + 1) / population, and the city's and kecamatan's rows too
    registered, population = kelurahan["registered"][0], kelurahan["population"][0]
    table = next(table.value for table in at.dataframe if "Wilayah" in table.value.columns)
    assert table["Wilayah"].tolist()[-1] == kelurahan["name"][0]
    enrolled_heading = formats.label(figures.campaign_figure("campaign_enrolled"), "id")
    coverage_heading = formats.label(figures.campaign_figure("coverage_with_campaign_pct"), "id")
    assert table[enrolled_heading].tolist() == ["1", "1", "1"]  # the city, the kecamatan, the kelurahan
    assert table[coverage_heading].tolist()[-1] == f"{(registered + 1) / population * 100:.2f}".replace(".", ",") + "%"
