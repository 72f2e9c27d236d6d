"""The Data page through Streamlit's AppTest on copies of the demo store: login, import, history, restore.

Each test gets its own copy of the demo store with one editor, rina, created by uhc.store.auth (a real
argon2 hash in a real DuckDB file). The demo store holds Kota Pontianak up to January 2026: batch
1 is the demo; 690.277 residents as of 31 December 2025 (S2); in January 2026 Benuamelayu Laut
(61.71.01.1002) had 26.099 registered, 21.282 active, Benuamelayu Darat (61.71.01.1003) 22.708 and
17.471.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EDITOR_PASSWORD
from streamlit import config as streamlit_config
from streamlit.testing.v1 import AppTest

from uhc.intake import imports, reader
from uhc.store import auth, seed
from uhc.store.db import Store
from uhc.ui import login

REPO_ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = REPO_ROOT / "dashboard.py"
RUN_TIMEOUT_S = 60
PASSWORD = EDITOR_PASSWORD

# Two kelurahan for February 2026, as a branch office writes it: a title naming the month, a
# "No" column, Indonesian thousands, a total row. Each is January plus 100 registered and active.
FEBRUARY_CSV = """REKAP KEPESERTAAN JKN KOTA PONTIANAK
Posisi: Februari 2026

No;Kode Wilayah;Kelurahan;Jumlah Peserta;Peserta Aktif
1;61.71.01.1002;Benuamelayu Laut;26.199;21.382
2;61.71.01.1003;Benuamelayu Darat;22.808;17.571
;;Jumlah;49.007;38.953
"""


@pytest.fixture
def data_page(monkeypatch: pytest.MonkeyPatch):
    """Open the Data page of the dashboard on a store; returns the AppTest to drive further."""

    def open_page(db: Path) -> AppTest:
        monkeypatch.setenv("UHC_DB", str(db))
        at = AppTest.from_file(str(DASHBOARD), default_timeout=RUN_TIMEOUT_S).run()
        return at.switch_page("pages/data.py").run()

    return open_page


def log_in(at: AppTest, name: str = "rina", password: str = PASSWORD) -> AppTest:
    at.session_state[login.CLIENT_KEY] = SESSION
    at.text_input(key="login_user").input(name)
    at.text_input(key="login_password").input(password)
    return at.button(key="login_submit").click().run()


def upload(at: AppTest, file_name: str, content: bytes | str, kind: str = "coverage") -> AppTest:
    if kind != "coverage":
        at.radio(key="data_kind").set_value(kind).run()
    data = content.encode() if isinstance(content, str) else content
    at.file_uploader(key="data_upload_" + kind + "_0").set_value((file_name, data, "application/octet-stream"))
    return at.run()


def table(at: AppTest, key: str):
    """The st.dataframe drawn with ``key`` (AppTest finds dataframes in drawing order only)."""
    keys = {"data_preview": 0, "data_changes": 1}
    return at.dataframe[keys[key]].value


SESSION = "test-session"  # the page's session id for counting failed logins, set by the test


@pytest.fixture(autouse=True)
def no_failed_logins_yet():
    """The process's count of failed logins starts empty for each test."""
    login.throttle.clear()


def failures(name: str) -> int:
    """The failed logins at ``name`` the dashboard counted for the test's session (AppTest has no address)."""
    return login.throttle().failures(name, auth.Client(SESSION, None), dt.datetime.now(dt.UTC).replace(tzinfo=None))


# -- login ------------------------------------------------------------------------------------


def test_without_login_the_page_shows_the_login_form_and_no_uploader(data_page, editor_store):
    at = data_page(editor_store)

    assert not at.exception
    assert [title.value for title in at.title] == ["Data Kota Pontianak: impor dan riwayat"]
    assert [header.value for header in at.subheader] == ["Masuk untuk mengimpor data"]
    assert at.text_input(key="login_user").value == ""
    assert at.text_input(key="login_password").value == ""
    assert len(at.file_uploader) == 0
    assert [button.key for button in at.sidebar.button] == []


def test_a_wrong_password_is_refused_and_counted(data_page, editor_store):
    at = log_in(data_page(editor_store), password="salah-sekali")

    assert not at.exception
    assert [error.value for error in at.error] == ["Nama pengguna atau kata sandi salah."]
    assert len(at.file_uploader) == 0
    assert at.text_input(key="login_password").value == ""  # the password is not kept
    assert failures("rina") == 1
    with Store.open(editor_store, read_only=True) as store:  # counted in memory, not in the store
        assert store.run("login_failure", user_name="rina").height == 0


def test_an_editor_logs_in_sees_the_uploader_and_logs_out(data_page, editor_store):
    at = log_in(data_page(editor_store), name="Rina")

    assert not at.exception
    assert not at.error
    assert len(at.file_uploader) == 1
    assert [header.value for header in at.subheader][:1] == ["Impor data"]
    assert "Masuk sebagai **rina** (editor)" in [caption.value for caption in at.sidebar.caption]

    at.sidebar.button(key="logout").click().run()

    assert len(at.file_uploader) == 0
    assert at.text_input(key="login_user") is not None


@pytest.mark.parametrize(
    ("earlier_failures", "password", "shown"),
    [
        # the fifth failure in a row starts a wait of 2^0 = 1 s
        (
            4,
            "salah-sekali",
            "Nama pengguna atau kata sandi salah. Terlalu banyak percobaan gagal: coba lagi dalam 1 detik.",
        ),
        # after 14 failures the wait is 2^9 = 512 s = 8 min 32 s; whatever the test took (under
        # 32 s) more than 8 minutes remain, shown rounded up; the right password is not even checked
        (14, PASSWORD, "Terlalu banyak percobaan gagal untuk nama ini. Coba lagi dalam 9 menit."),
    ],
    ids=["fifth-failure", "during-the-wait"],
)
def test_failed_logins_are_slowed_down_visibly(data_page, editor_store, earlier_failures, password, shown):
    # earlier failures from this session, an hour apart (past each wait), the last one just now
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for hours_ago in range(earlier_failures - 1, -1, -1):
        login.throttle().start("rina", auth.Client(SESSION, None), now - dt.timedelta(hours=hours_ago))

    at = log_in(data_page(editor_store), password=password)

    assert [error.value for error in at.error] == [shown]
    assert len(at.file_uploader) == 0


def test_the_page_asks_for_a_city_when_the_store_has_only_a_region_tree(data_page, tmp_path):
    path = tmp_path / "tree.duckdb"
    with Store.open(path) as store:
        seed.add_city(store, "61.71")
        auth.add_user(store, "rina", PASSWORD, "editor")

    at = log_in(data_page(path))

    assert not at.exception
    assert at.sidebar.selectbox(key="data_city").value == "61.71"
    assert [info.value for info in at.info][:1] == [
        "Belum ada data. Jalankan `python -m uhc init --demo` untuk kota demo, "
        "atau `python -m uhc init --city KODE` lalu impor data BPJS."
    ]
    assert len(at.file_uploader) == 1


# -- importing --------------------------------------------------------------------------------


def test_an_editor_imports_a_recap_for_a_new_month(data_page, editor_store):
    at = upload(log_in(data_page(editor_store)), "rekap_februari_2026.csv", FEBRUARY_CSV)

    assert not at.exception
    preview = table(at, "data_preview")
    assert list(preview.columns) == ["Baris", "Kode wilayah", "Kelurahan/desa", "Jumlah peserta", "Peserta aktif"]
    assert preview.values.tolist() == [
        ["5", "61.71.01.1002", "Benuamelayu Laut", "26.199", "21.382"],
        ["6", "61.71.01.1003", "Benuamelayu Darat", "22.808", "17.571"],
    ]
    # Two of Pontianak's 29 kelurahan: the page says the city's February adds up only these two.
    assert [warning.value for warning in at.warning] == [
        "**1 peringatan: periksa, lalu simpan bila angkanya benar.**\n\n"
        "- Berkas “rekap\\_februari\\_2026.csv”: Februari 2026: 27 dari 29 kelurahan kota ini tidak ada di berkas "
        "(Parittokaya, Kotabaru, Akcaya, Paritmayor, Banjar Serasan, ...). Angka kecamatan dan kota bulan itu hanya "
        "menjumlahkan kelurahan yang ada, jadi lebih rendah dari sebenarnya sampai kelurahan lainnya diimpor; "
        "impor tetap berjalan."
    ]
    assert "- cakupan: 2 baru, 0 berubah, 0 dihapus, 0 tetap" in [markdown.value for markdown in at.markdown]
    changes = table(at, "data_changes")
    assert changes.values.tolist() == [
        ["Benuamelayu Laut", "61.71.01.1002", "Februari 2026", "baru", "– → 26.199", "– → 21.382"],
        ["Benuamelayu Darat", "61.71.01.1003", "Februari 2026", "baru", "– → 22.808", "– → 17.571"],
    ]
    assert at.button(key="data_confirm").disabled is False

    at.button(key="data_confirm").click().run()

    assert not at.exception
    # The two kelurahan alone make the city's and Pontianak Selatan's February (the warning above): a
    # city "coverage" of 49.007 / 690.277 = 7,10% is no figure to raise an alert on, so the months the
    # file leaves incomplete are not compared and the import raises none.
    assert [success.value for success in at.success] == [
        "Tersimpan sebagai batch 2. Semua halaman kini memakai angka baru dan menampilkan Februari 2026, "
        "bulan yang baru diimpor."
    ]
    assert at.file_uploader(key="data_upload_coverage_1").value is None  # the saved file left the uploader
    assert at.selectbox(key="period_id").value == dt.date(2026, 2, 1)  # the month just imported is shown
    history = at.dataframe[0].value
    assert history.iloc[0].tolist()[2:] == [
        "rina",
        "cakupan",
        "rekap_februari_2026.csv",
        hashlib.sha256(FEBRUARY_CSV.encode()).hexdigest()[:12],
        "2",
        "berlaku",
        "2026-02; cakupan: 2 baru, 0 berubah, 0 dihapus, 0 tetap; 1 peringatan",
    ]
    assert history.iloc[0, 0] == "2"

    # every page sees the new month at once: the overview's month box offers February 2026
    at.switch_page("pages/ringkasan.py").run()
    at.selectbox(key="period_id").set_value(dt.date(2026, 2, 1)).run()
    # 26.199 + 22.808 = 49.007 registered in the city's February, of 690.277 residents = 7,0997%: the partial
    # sum the import warned about
    assert {metric.label: metric.value for metric in at.metric}["Cakupan kepesertaan"] == "7,10%"


def test_errors_are_listed_from_the_importer_and_block_saving(data_page, editor_store):
    broken = FEBRUARY_CSV.replace("26.199;21.382", "26.1x9;21.382").replace(
        "61.71.01.1003;Benuamelayu Darat", "61.71.99.9999;Tidak Ada"
    )
    at = upload(log_in(data_page(editor_store)), "rekap_rusak.csv", broken)

    with Store.open(editor_store, read_only=True) as store:
        parsed = reader.read_file(broken.encode(), "rekap_rusak.csv", "coverage")
        expected = [issue.message("id") for issue in imports.check(store, parsed, city_code="61.71").errors]
    assert len(expected) >= 2
    # the importer's own sentences, one bullet each, shown literally (the _ of the file name escaped)
    assert at.error[0].value == (
        f"**{len(expected)} kesalahan: berkas tidak dapat disimpan sebelum diperbaiki.**\n\n"
        + "\n".join("- " + message.replace("_", "\\_") for message in expected)
    )
    assert "baris 5, kolom “Jumlah Peserta”: “26.1x9” bukan jumlah orang" in expected[0]
    assert at.button(key="data_confirm").disabled is True
    assert "Perbaiki kesalahan di atas, lalu unggah berkasnya lagi." in [caption.value for caption in at.caption]


def test_a_missing_column_is_mapped_by_choosing_the_files_header(data_page, editor_store):
    unusual = FEBRUARY_CSV.replace("Jumlah Peserta", "Total JKN")
    at = upload(log_in(data_page(editor_store)), "rekap.csv", unusual)

    assert at.button(key="data_confirm").disabled is True
    mapping = at.selectbox(key="data_map_registered")
    assert mapping.options == ["(tidak ada)", "No", "Kode Wilayah", "Kelurahan", "Total JKN", "Peserta Aktif"]

    mapping.set_value("Total JKN").run()

    assert not at.error
    assert table(at, "data_preview")["Jumlah peserta"].tolist() == ["26.199", "22.808"]
    assert at.button(key="data_confirm").disabled is False


def test_a_workbook_sheet_is_chosen(data_page, editor_store, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Catatan"
    book.active.append(["Rekap dibuat oleh BPJS Cabang Pontianak"])
    sheet = book.create_sheet("Februari")
    for row in [
        ["REKAP KEPESERTAAN JKN KOTA PONTIANAK"],
        ["Posisi: Februari 2026"],
        [],
        ["No", "Kode Wilayah", "Kelurahan", "Jumlah Peserta", "Peserta Aktif"],
        [1, "61.71.01.1002", "Benuamelayu Laut", 26199, 21382],
        [2, "61.71.01.1003", "Benuamelayu Darat", 22808, 17571],
        [None, None, "Jumlah", 49007, 38953],
    ]:
        sheet.append(row)
    path = tmp_path / "rekap.xlsx"
    book.save(path)

    at = upload(log_in(data_page(editor_store)), "rekap.xlsx", path.read_bytes())
    assert at.selectbox(key="data_sheet").options == ["Catatan", "Februari"]
    at.selectbox(key="data_sheet").set_value("Februari").run()

    assert not at.error
    assert table(at, "data_preview")["Jumlah peserta"].tolist() == ["26.199", "22.808"]


def test_population_needs_its_date(data_page, editor_store):
    population = "Kode Wilayah;Kelurahan;Jumlah Penduduk\n61.71.01.1002;Benuamelayu Laut;27.500\n"
    at = upload(log_in(data_page(editor_store)), "penduduk.csv", population, kind="population")

    assert at.button(key="data_confirm").disabled is True
    at.date_input(key="data_as_of").set_value(dt.date(2026, 6, 30)).run()

    assert not at.error
    assert "- penduduk per 30 Juni 2026: 1 baru, 0 berubah, 0 dihapus, 0 tetap" in [m.value for m in at.markdown]
    at.button(key="data_confirm").click().run()
    assert [success.value for success in at.success] == [
        "Tersimpan sebagai batch 2. Semua halaman kini memakai angka baru."
    ]


def test_a_superseded_revision_is_restored(data_page, editor_store):
    at = log_in(data_page(editor_store))
    upload(at, "rekap_v1.csv", FEBRUARY_CSV).button(key="data_confirm").click().run()
    corrected = FEBRUARY_CSV.replace("26.199;21.382", "26.299;21.382").replace("49.007", "49.107")
    at.file_uploader(key="data_upload_coverage_1").set_value(("rekap_v2.csv", corrected.encode(), "text/csv"))
    at.run()
    assert "- cakupan: 0 baru, 1 berubah, 0 dihapus, 1 tetap" in [m.value for m in at.markdown]
    at.button(key="data_confirm").click().run()
    assert [success.value for success in at.success] == [
        "Tersimpan sebagai batch 3. Semua halaman kini memakai angka baru dan menampilkan Februari 2026, "
        "bulan yang baru diimpor."
    ]

    at.button(key="data_restore_2").click().run()

    assert not at.exception
    assert [success.value for success in at.success] == ["Batch 2 dikembalikan sebagai batch 4."]
    history = at.dataframe[0].value
    assert history["Batch"].tolist()[:3] == ["4", "3", "2"]
    assert history["Status"].tolist()[:3] == ["berlaku", "diganti", "dikembalikan"]


def test_an_upload_above_the_limit_is_refused_naming_the_limit(data_page, editor_store):
    before = streamlit_config.get_option("server.maxUploadSize")
    streamlit_config.set_option("server.maxUploadSize", 1)
    try:
        big = FEBRUARY_CSV + "\n" * (3 * 1024 * 1024 // 2)  # 1,5 MB of trailing blank lines
        at = upload(log_in(data_page(editor_store)), "besar.csv", big)
    finally:
        streamlit_config.set_option("server.maxUploadSize", before)

    assert [error.value for error in at.error] == [
        "Berkas besar.csv berukuran 1,5 MB, melebihi batas 1 MB. Simpan hanya lembar dan kolom yang "
        "diperlukan, atau minta admin menaikkan server.maxUploadSize di .streamlit/config.toml."
    ]
    assert len(at.dataframe) == 1  # only the history: nothing was read


def test_saving_while_another_program_holds_the_store_changes_nothing(data_page, editor_store):
    at = upload(log_in(data_page(editor_store)), "rekap.csv", FEBRUARY_CSV)
    code = "import sys, time\nfrom uhc.store.db import Store\ns = Store.open(sys.argv[1], read_only=True)\nprint('ok', flush=True)\ntime.sleep(120)\n"
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(editor_store)], cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline() == "ok\n"
        at.button(key="data_confirm").click().run()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        holder.stdout.close()

    assert [error.value for error in at.error] == [
        f"Perubahan tidak dapat disimpan sekarang: penyimpanan data sedang dibuka oleh program lain (PID {holder.pid}). "
        "Tutup program itu atau tunggu sampai selesai, lalu coba lagi. Tidak ada yang berubah."
    ]
    assert at.dataframe[2].value["Batch"].tolist() == ["1"]  # the history: still only the demo


def test_boundaries_are_checked_then_stored(data_page, editor_store, real_data_dir):
    geojson = (real_data_dir / "pontianak_kelurahan.geojson").read_bytes()
    at = upload(log_in(data_page(editor_store)), "pontianak_kelurahan.geojson", geojson, kind="boundaries")

    assert not at.exception
    report = [m.value for m in at.markdown if "29 dari 29 kelurahan" in m.value]
    assert len(report) == 1
    assert "- 29 dari 29 kelurahan di Kota Pontianak punya batas dari berkas ini." in report[0]

    at.button(key="data_confirm").click().run()

    assert [success.value for success in at.success] == [
        "Tersimpan sebagai batch 2. Semua halaman kini memakai angka baru."
    ]
    history = at.dataframe[0].value
    assert history.iloc[0][["Jenis", "Berkas", "Baris"]].tolist() == [
        "batas wilayah",
        "pontianak_kelurahan.geojson",
        "29",
    ]
    with Store.open(editor_store, read_only=True) as store:
        assert (
            store.run("region_geometry", scope_code="61.71.", level="kelurahan")["schematic"].to_list() == [False] * 29
        )


def test_the_page_speaks_english(data_page, editor_store):
    at = data_page(editor_store)
    at.radio(key="language").set_value("en").run()

    assert [header.value for header in at.subheader] == ["Log in to import data"]
    at = log_in(at, password="wrong-password")
    assert [error.value for error in at.error] == ["Wrong user name or password."]


def test_boundaries_with_an_unmatched_feature_are_saved_only_when_it_is_left_out(
    data_page, editor_store, real_data_dir
):
    collection = json.loads((real_data_dir / "pontianak_kelurahan.geojson").read_text(encoding="utf-8"))
    stray = copy.deepcopy(collection["features"][0])
    stray["properties"].update(kode="61.71.01.9999", nama="Kampung Tak Bernama")
    collection["features"].append(stray)
    at = upload(log_in(data_page(editor_store)), "batas.geojson", json.dumps(collection), kind="boundaries")

    assert not at.exception
    assert len(at.error) == 1 and "Kampung Tak Bernama" in at.error[0].value
    assert at.button(key="data_confirm").disabled is True

    at.checkbox(key="data_skip_bad").check().run()
    assert at.button(key="data_confirm").disabled is False
    at.button(key="data_confirm").click().run()

    assert [success.value for success in at.success] == [
        "Tersimpan sebagai batch 2. Semua halaman kini memakai angka baru."
    ]


def test_an_editor_sets_the_alert_thresholds_and_the_page_lists_the_last_twelve_months(data_page, editor_store):
    at = log_in(data_page(editor_store))
    # The demo's kecamatan and city, February 2025 to January 2026, against 98% and 80% (python -m uhc alerts):
    # the last crossing is Pontianak Tenggara's keaktifan, 79,91% in December 2025 -> 80,06% in January 2026.
    listed = [markdown.value for markdown in at.markdown if "Januari 2026" in markdown.value]
    assert any(
        "- Pontianak Tenggara, Januari 2026: keaktifan naik ke 80% atau lebih (79,91% → 80,06%)" in text
        for text in listed
    )
    at.checkbox(key="alert_activity_on").uncheck()
    at.number_input(key="alert_coverage").set_value(95.0)
    at.checkbox(key="alert_fall_on").check()
    at.number_input(key="alert_fall").set_value(1.5)
    at.button(key="alert_save").click().run()

    assert not at.exception
    assert [success.value for success in at.success] == [
        "Tersimpan. Ambang notifikasi: cakupan di bawah 95%; keaktifan: mati; turun lebih dari 1,5 poin dalam "
        "sebulan. Setiap impor berikutnya memeriksanya."
    ]
    with Store.open(editor_store, read_only=True) as store:
        settings = dict(store.run("setting").iter_rows())
    assert (settings["alert_coverage_pct"], settings["alert_activity_pct"], settings["alert_fall_pp"]) == (
        "95.0",
        "",
        "1.5",
    )


def test_an_import_on_the_page_lists_the_kelurahan_alerts_it_raised(data_page, editor_store, tmp_path):
    from test_alerts import KELURAHAN_ALERTS_ID, kelurahan_february

    february = kelurahan_february(editor_store, tmp_path)  # the numbers are worked out in tests/test_alerts.py
    at = upload(log_in(data_page(editor_store)), february.name, february.read_bytes())
    at.button(key="data_confirm").click().run()

    assert not at.exception
    # the saved message, then the crossings the import raised (two kelurahan; their kecamatan and the city none)
    assert [success.value for success in at.success] == [
        "Tersimpan sebagai batch 2. Semua halaman kini memakai angka baru dan menampilkan Februari 2026, "
        "bulan yang baru diimpor.\n\n**2 notifikasi ambang terpicu:**\n\n"
        + "\n".join(f"- {line}" for line in KELURAHAN_ALERTS_ID)
    ]
    # the list of the last twelve months names them too
    listed = "\n".join(markdown.value for markdown in at.markdown)
    assert all(f"- {line}" in listed for line in KELURAHAN_ALERTS_ID)
