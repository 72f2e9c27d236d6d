"""Bahasa Indonesia / English strings and Indonesian number formats (via Babel)."""

from __future__ import annotations

import datetime as dt
import math

from babel.dates import format_date, format_timedelta
from babel.numbers import format_compact_decimal, format_decimal

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

STRINGS: dict[str, dict[str, str]] = {
    "id": {
        "app_title": "Dasbor Cakupan JKN",
        "page_overview": "Ringkasan",
        "language": "Bahasa",
        "city": "Kota/Kabupaten",
        "period": "Bulan",
        "overview_heading": "Cakupan JKN {city}, {period}",
        "kpi_coverage": "Cakupan kepesertaan",
        "kpi_activity": "Keaktifan",
        "kpi_active_coverage": "Cakupan aktif",
        "kpi_people_needed": "Perlu didaftarkan",
        "kpi_annual_cost": "Biaya per tahun",
        "help_coverage": "Peserta terdaftar (aktif + non-aktif) dibagi jumlah penduduk Dukcapil.",
        "help_activity": "Peserta aktif dibagi peserta terdaftar.",
        "help_active_coverage": "Peserta aktif dibagi jumlah penduduk.",
        "help_people_needed": "Tambahan peserta agar cakupan mencapai target {target}.",
        "help_annual_cost": "Penduduk yang perlu didaftarkan x iuran Pemda {iuran} per bulan x 12 bulan.",
        "vs_last_month": "{change} poin dari bulan lalu",
        "status_uhc": "UHC: cakupan {coverage} (syarat ≥ {min_coverage}) dan keaktifan {activity} (syarat ≥ {min_activity}).",
        "status_not_uhc": "Belum UHC: cakupan {coverage} (syarat ≥ {min_coverage}), keaktifan {activity} (syarat ≥ {min_activity}).",
        "status_no_data": "Status UHC tidak dapat dihitung: data penduduk atau peserta aktif belum ada.",
        "projection_reached": "Target {target} sudah tercapai.",
        "projection_projected": "Dengan laju 12 bulan terakhir, target {target} tercapai pada {month}.",
        "projection_not_at_current_pace": "Dengan laju 12 bulan terakhir, target {target} tidak tercapai.",
        "projection_insufficient_history": "Proyeksi belum dapat dihitung: perlu data 12 bulan sebelumnya.",
        "projection_no_data": "Proyeksi belum dapat dihitung: data penduduk belum ada.",
        "table_heading": "Kecamatan menurut penduduk yang perlu didaftarkan",
        "table_note": "Kebutuhan tingkat kota dihitung dari total kota: kecamatan dengan cakupan di atas "
        "100% (peserta terdaftar di luar domisili) dapat menutupi kekurangan kecamatan lain.",
        "col_name": "Wilayah",
        "col_code": "Kode Kemendagri",
        "col_population": "Penduduk",
        "col_registered": "Terdaftar",
        "col_active": "Aktif",
        "col_coverage": "Cakupan",
        "col_activity": "Keaktifan",
        "col_people_needed": "Perlu didaftarkan",
        "col_annual_cost": "Biaya/tahun",
        "col_status": "Status UHC",
        "uhc": "UHC",
        "not_uhc": "Belum UHC",
        "no_data": "Tidak ada data",
        "source_line": "Sumber: BPJS Kesehatan (peserta), Dukcapil {semester} (penduduk).",
        "demo_notice": (
            "Data demo: angka tingkat kota mengikuti angka Kota Pontianak yang dipublikasikan; "
            "angka kecamatan dan kelurahan sintetis (buatan), bukan data resmi; peta demo skematis, "
            "bukan batas wilayah resmi."
        ),
        "empty_store": "Belum ada data. Jalankan `python -m uhc init --demo` untuk kota demo, "
        "atau `python -m uhc init --city KODE` lalu impor data BPJS.",
        "no_period_data": "Tidak ada data untuk {city} pada {period}.",
        "no_population": "Jumlah penduduk belum ada untuk bulan ini: cakupan tidak dapat dihitung.",
        "store_error": "Penyimpanan data tidak dapat dibuka. {reason}",
        # -- map page (pages/peta.py) --
        # -- trends page (pages/tren.py) --
        # -- gap and budget planner (pages/anggaran.py) --
        # -- imports, history, login (pages/data.py) --
        "page_data": "Data",
        "login_heading": "Masuk untuk mengimpor data",
        "login_intro": "Melihat dasbor tidak perlu masuk. Impor dan pemulihan data hanya untuk editor.",
        "login_user": "Nama pengguna",
        "login_password": "Kata sandi",
        "login_submit": "Masuk",
        "login_wrong": "Nama pengguna atau kata sandi salah.",
        "login_wrong_wait": "Nama pengguna atau kata sandi salah. Terlalu banyak percobaan gagal: "
        "coba lagi dalam {wait}.",
        "login_wait": "Terlalu banyak percobaan gagal untuk nama ini. Coba lagi dalam {wait}.",
        "login_no_account": "Belum punya akun? Admin membuatnya dengan `python -m uhc users add NAMA --role editor`.",
        "login_as": "Masuk sebagai **{user}** ({role})",
        "login_role_editor": "editor",
        "login_role_admin": "admin",
        "login_logout": "Keluar",
        "data_store_busy": "Perubahan tidak dapat disimpan sekarang: penyimpanan data sedang dibuka oleh {holder}. "
        "Tutup program itu atau tunggu sampai selesai, lalu coba lagi. Tidak ada yang berubah.",
        "data_busy_dashboard": "server dasbor lain (PID {pid})",
        "data_busy_cli": "perintah `python -m uhc` (PID {pid})",
        "data_busy_other": "program lain (PID {pid})",
        # -- boundaries --
    },
    "en": {
        "app_title": "JKN Coverage Dashboard",
        "page_overview": "Overview",
        "language": "Language",
        "city": "City/Regency",
        "period": "Month",
        "overview_heading": "JKN coverage, {city}, {period}",
        "kpi_coverage": "Coverage",
        "kpi_activity": "Activity rate",
        "kpi_active_coverage": "Active coverage",
        "kpi_people_needed": "Residents to enrol",
        "kpi_annual_cost": "Cost per year",
        "help_coverage": "Registered participants (active + inactive) divided by the Dukcapil population.",
        "help_activity": "Active participants divided by registered participants.",
        "help_active_coverage": "Active participants divided by the population.",
        "help_people_needed": "Additional participants needed for coverage to reach the {target} target.",
        "help_annual_cost": "Residents to enrol x Pemda iuran {iuran} per month x 12 months.",
        "vs_last_month": "{change} points vs last month",
        "status_uhc": "UHC: coverage {coverage} (needs ≥ {min_coverage}) and activity {activity} (needs ≥ {min_activity}).",
        "status_not_uhc": "Not UHC yet: coverage {coverage} (needs ≥ {min_coverage}), activity {activity} (needs ≥ {min_activity}).",
        "status_no_data": "UHC status cannot be computed: population or active participants are missing.",
        "projection_reached": "The {target} target has been reached.",
        "projection_projected": "At the pace of the last 12 months, the {target} target is reached in {month}.",
        "projection_not_at_current_pace": "At the pace of the last 12 months, the {target} target is not reached.",
        "projection_insufficient_history": "No projection yet: it needs the figures of 12 months earlier.",
        "projection_no_data": "No projection: the population is missing.",
        "table_heading": "Kecamatan by residents to enrol",
        "table_note": "The city's need is computed from city totals: kecamatan above 100% coverage "
        "(participants registered away from home) can make up for others' shortfall.",
        "col_name": "Region",
        "col_code": "Kemendagri code",
        "col_population": "Population",
        "col_registered": "Registered",
        "col_active": "Active",
        "col_coverage": "Coverage",
        "col_activity": "Activity",
        "col_people_needed": "To enrol",
        "col_annual_cost": "Cost/year",
        "col_status": "UHC status",
        "uhc": "UHC",
        "not_uhc": "Not UHC",
        "no_data": "No data",
        "source_line": "Source: BPJS Kesehatan (participants), Dukcapil {semester} (population).",
        "demo_notice": (
            "Demo data: city-level figures follow Kota Pontianak's published figures; "
            "kecamatan and kelurahan figures are synthetic, not official data; the demo map is "
            "schematic, not official boundaries."
        ),
        "empty_store": "No data yet. Run `python -m uhc init --demo` for the demo city, "
        "or `python -m uhc init --city CODE` and import BPJS data.",
        "no_period_data": "No data for {city} in {period}.",
        "no_population": "No population figure for this month: coverage cannot be computed.",
        "store_error": "The data store cannot be opened. {reason}",
        # -- map page (pages/peta.py) --
        # -- trends page (pages/tren.py) --
        # -- gap and budget planner (pages/anggaran.py) --
        # -- imports, history, login (pages/data.py) --
        "page_data": "Data",
        "login_heading": "Log in to import data",
        "login_intro": "Viewing the dashboard needs no login. Importing and restoring data are for editors.",
        "login_user": "User name",
        "login_password": "Password",
        "login_submit": "Log in",
        "login_wrong": "Wrong user name or password.",
        "login_wrong_wait": "Wrong user name or password. Too many failed attempts: try again in {wait}.",
        "login_wait": "Too many failed logins for this name. Try again in {wait}.",
        "login_no_account": "No account yet? An admin creates one with `python -m uhc users add NAME --role editor`.",
        "login_as": "Logged in as **{user}** ({role})",
        "login_role_editor": "editor",
        "login_role_admin": "admin",
        "login_logout": "Log out",
        "data_store_busy": "Changes cannot be saved now: the data store is open in {holder}. "
        "Close that program or wait until it finishes, then try again. Nothing was changed.",
        "data_busy_dashboard": "another dashboard server (PID {pid})",
        "data_busy_cli": "a `python -m uhc` command (PID {pid})",
        "data_busy_other": "another program (PID {pid})",
        # -- boundaries --
    },
}

_BABEL_LOCALE = {"id": "id_ID", "en": "en_US"}
MISSING = "–"


def text(key: str, language: str = DEFAULT_LANGUAGE, **values) -> str:
    """The string ``key`` in ``language``, with ``{placeholders}`` filled in."""
    return STRINGS[language][key].format(**values)


def number(value: float | int | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A whole number with thousands separators: 687.031 (id), 687,031 (en)."""
    if value is None:
        return MISSING
    return format_decimal(round(value), locale=_BABEL_LOCALE[language])


def percent(value_pct: float | None, language: str = DEFAULT_LANGUAGE, digits: int = 2) -> str:
    """A percentage given on the 0-100 scale: 87,86% (id), 87.86% (en)."""
    if value_pct is None:
        return MISSING
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value_pct, format=pattern, locale=_BABEL_LOCALE[language]) + "%"


def points(value_pp: float | None, language: str = DEFAULT_LANGUAGE, digits: int = 2) -> str:
    """A signed change in percentage points: +0,53 / -1,20."""
    if value_pp is None:
        return MISSING
    zeros = "0" * digits
    pattern = f"+#,##0.{zeros};-#,##0.{zeros}"
    return format_decimal(value_pp, format=pattern, locale=_BABEL_LOCALE[language])


def rupiah(value: float | int | None, language: str = DEFAULT_LANGUAGE) -> str:
    """Rupiah in full: Rp35.111.664.000."""
    if value is None:
        return MISSING
    sign = "-" if value < 0 else ""
    return f"{sign}Rp{number(abs(value), language)}"


def rupiah_compact(value: float | int | None, language: str = DEFAULT_LANGUAGE) -> str:
    """Rupiah in words for large sums: Rp35,1 miliar (id), Rp35.1 billion (en)."""
    if value is None:
        return MISSING
    sign = "-" if value < 0 else ""
    words = format_compact_decimal(abs(value), format_type="long", fraction_digits=1, locale=_BABEL_LOCALE[language])
    return f"{sign}Rp{words}"


def month(period: dt.date | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A month by name: Juni 2025 (id), June 2025 (en)."""
    if period is None:
        return MISSING
    return format_date(period, "MMMM y", locale=_BABEL_LOCALE[language])


def semester(as_of: dt.date | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A Dukcapil semester from its as-of date: S1 2025 (30 June), S2 2025 (31 December)."""
    if as_of is None:
        return MISSING
    if (as_of.month, as_of.day) == (6, 30):
        return f"S1 {as_of.year}"
    if (as_of.month, as_of.day) == (12, 31):
        return f"S2 {as_of.year}"
    return format_date(as_of, "d MMMM y", locale=_BABEL_LOCALE[language])


def wait(seconds: int, language: str = DEFAULT_LANGUAGE) -> str:
    """A wait in words, never shorter than it is: 16 detik, 59 detik; from a minute on, minutes rounded up."""
    if seconds < 60:
        return format_timedelta(dt.timedelta(seconds=seconds), threshold=60, locale=_BABEL_LOCALE[language])
    minutes = math.ceil(seconds / 60)
    return format_timedelta(dt.timedelta(minutes=minutes), locale=_BABEL_LOCALE[language])
