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
        "vs_last_month": "{change} dari bulan lalu",
        "vs_last_year": "{change} dari setahun lalu",
        "in_points": "{value} poin",
        "in_people": "{value} orang",
        "uhc_missing": "Untuk status UHC masih kurang {missing}.",
        "uhc_missing_registered": "{count} peserta terdaftar (cakupan)",
        "uhc_missing_active": "{count} peserta aktif (keaktifan)",
        "uhc_missing_and": " dan ",
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
        "period_not_in_store": "Tidak ada data untuk {city} pada {period}; yang ditampilkan {shown}, bulan terakhir yang ada.",
        # -- map page (pages/peta.py) --
        # -- trends page (pages/tren.py) --
        # -- gap and budget planner (pages/anggaran.py) --
        "plan_page": "Kesenjangan & Anggaran",
        "plan_heading": "Kesenjangan & anggaran {city}, {period}",
        "plan_intro": "Ubah skenario di bawah: angka di halaman ini dihitung ulang, data tersimpan tidak berubah.",
        "plan_scenario": "Skenario",
        "plan_target": "Target cakupan",
        "plan_target_other": "Lainnya",
        "plan_target_custom": "Target lainnya (%)",
        "plan_target_custom_help": 'Dipakai bila target "Lainnya" dipilih. Target berlaku: {target}.',
        "plan_level": "Tingkat wilayah",
        "plan_level_kecamatan": "Kecamatan",
        "plan_level_kelurahan": "Kelurahan",
        "plan_iuran": "Iuran per orang per bulan (Rp)",
        "plan_iuran_help": "Iuran Pemda (PBI APBD) yang berlaku pada {period}: {iuran}.",
        "plan_months": "Bulan dibiayai",
        "plan_budget": "Anggaran (Rp)",
        "plan_budget_help": "Dalam rupiah, misalnya 2000000000 untuk Rp2 miliar.",
        "plan_budget_shown": "Anggaran: {budget} ({budget_full}); iuran {iuran} per bulan.",
        "plan_arrears": "Tunggakan dibayar (bulan)",
        "plan_arrears_help": "Peserta non-aktif aktif kembali setelah membayar tunggakan, "
        "paling banyak {cap} bulan (aturan BPJS Kesehatan).",
        "plan_kpi_people_needed": "Perlu didaftarkan (kota)",
        "plan_kpi_enrolment_cost": "Biaya {months} bulan",
        "plan_kpi_people_funded": "Dibiayai anggaran",
        "plan_kpi_non_active": "Peserta non-aktif",
        "plan_kpi_reactivation_cost": "Biaya reaktivasi",
        "plan_need_sentence": "Untuk target {target}, {people} penduduk {city} perlu didaftarkan; "
        "dengan iuran {iuran} per bulan biayanya {cost} untuk {months} bulan.",
        "plan_need_none": "Cakupan {city} sudah mencapai target {target}: di tingkat kota tidak ada penduduk "
        "yang perlu didaftarkan.",
        "plan_need_no_data": "Kebutuhan tidak dapat dihitung: jumlah penduduk belum ada untuk bulan ini.",
        "plan_budget_zero": "Isi anggaran untuk melihat berapa orang yang dapat dibiayai.",
        "plan_budget_sentence": "{budget} membiayai {people} orang selama {months} bulan.",
        "plan_budget_city_closed": "Cukup untuk seluruh kebutuhan kota ({people} orang), tersisa {left}.",
        "plan_budget_city_short": "Kebutuhan kota masih kurang {people} orang ({cost}).",
        "plan_budget_regions": "Menurut urutan kebutuhan terbesar, anggaran menutup penuh {closed} dari {short} "
        "{level} yang masih kurang.",
        "plan_worklist_heading": "Daftar kerja: {level} menurut penduduk yang perlu didaftarkan",
        "plan_worklist_note": "Biaya = perlu didaftarkan × iuran × bulan dibiayai. Anggaran dibagikan menurut "
        "urutan tabel, kebutuhan terbesar lebih dulu. Kebutuhan kota dihitung dari total kota, sehingga dapat "
        "lebih kecil dari jumlah kebutuhan wilayah (wilayah dengan cakupan di atas 100% menutupi yang lain).",
        "plan_col_target": "Target",
        "plan_col_enrolment_cost": "Biaya {months} bulan",
        "plan_col_non_active": "Non-aktif",
        "plan_col_reactivation_cost": "Reaktivasi {arrears_months} bulan",
        "plan_col_budget_people": "Dibiayai",
        "plan_col_budget_status": "Status anggaran",
        "plan_budget_closed": "Terdanai penuh",
        "plan_budget_partial": "Sebagian",
        "plan_budget_not_reached": "Tidak terdanai",
        "plan_budget_none_needed": "Tidak perlu",
        "plan_budget_no_data": "Tidak ada data",
        "plan_download_csv": "Unduh CSV",
        "plan_download_xlsx": "Unduh XLSX",
        "plan_file_stem": "daftar_kerja",
        "plan_quota_heading": "Kuota PBI APBD {year}",
        "plan_quota_input": "Kuota PBI APBD {year} (orang)",
        "plan_quota_input_help": "Kuota tersimpan: {quota}. Ubah untuk skenario; data tersimpan tidak berubah.",
        "plan_quota_missing": "Belum ada kuota PBI APBD untuk {city} tahun {year}. Ketik kuota di atas sebagai "
        "skenario, atau simpan kuota resmi: `python -m uhc quota --city {code} --year {year} --quota JUMLAH "
        '--source "SUMBER"` (saat dasbor tidak berjalan).',
        "plan_quota_source": "Sumber kuota: {source}.",
        "plan_quota_scenario": "Kuota skenario (diketik di halaman ini).",
        "plan_quota_no_segments": "Jumlah peserta PBI APBD belum ada untuk {period}: pemakaian kuota tidak dapat "
        "dihitung.",
        "plan_kpi_quota_registered": "Terdaftar PBI APBD",
        "plan_kpi_quota": "Kuota",
        "plan_kpi_quota_remaining": "Sisa kuota",
        "plan_quota_sentence": "{registered} dari kuota {quota} terisi ({used}); sisa {remaining} orang.",
        "plan_quota_over": "{registered} peserta terdaftar, melebihi kuota {quota} sebanyak {over} orang.",
        "plan_quota_need_fits": "Sisa kuota cukup untuk {people} penduduk yang perlu didaftarkan.",
        "plan_quota_need_exceeds": "Kebutuhan {people} orang melebihi sisa kuota sebanyak {over} orang.",
        "plan_reactivation_heading": "Reaktivasi peserta non-aktif",
        "plan_reactivation_sentence": "{non_active} peserta terdaftar di {city} tidak aktif. Mengaktifkan kembali "
        "semuanya dengan tunggakan {months} bulan × iuran {iuran} membutuhkan {cost}.",
        "plan_reactivation_note": "Perkiraan: setiap peserta non-aktif dianggap menunggak sebanyak bulan yang "
        "dipilih; tunggakan dihitung paling banyak {cap} bulan.",
        "plan_reactivation_no_data": "Jumlah peserta aktif belum ada untuk bulan ini: biaya reaktivasi tidak dapat "
        "dihitung.",
        "plan_no_level_data": "Data {period} tidak dirinci sampai tingkat {level}: pilih tingkat wilayah lain.",
        "plan_iuran_missing": "Belum ada iuran yang berlaku pada {period}: ketik iuran di atas.",
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
        "vs_last_month": "{change} vs last month",
        "vs_last_year": "{change} vs a year earlier",
        "in_points": "{value} points",
        "in_people": "{value} people",
        "uhc_missing": "UHC status still needs {missing}.",
        "uhc_missing_registered": "{count} more registered participants (coverage)",
        "uhc_missing_active": "{count} more active participants (activity)",
        "uhc_missing_and": " and ",
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
        "period_not_in_store": "No data for {city} in {period}; showing {shown}, the latest month there is.",
        # -- map page (pages/peta.py) --
        # -- trends page (pages/tren.py) --
        # -- gap and budget planner (pages/anggaran.py) --
        "plan_page": "Gap & budget",
        "plan_heading": "Gap & budget, {city}, {period}",
        "plan_intro": "Change the scenario below: the figures on this page are recomputed, stored data is not changed.",
        "plan_scenario": "Scenario",
        "plan_target": "Coverage target",
        "plan_target_other": "Other",
        "plan_target_custom": "Other target (%)",
        "plan_target_custom_help": 'Used when the "Other" target is chosen. Target in force: {target}.',
        "plan_level": "Region level",
        "plan_level_kecamatan": "Kecamatan",
        "plan_level_kelurahan": "Kelurahan",
        "plan_iuran": "Iuran per person per month (Rp)",
        "plan_iuran_help": "Pemda (PBI APBD) iuran in force in {period}: {iuran}.",
        "plan_months": "Months funded",
        "plan_budget": "Budget (Rp)",
        "plan_budget_help": "In rupiah, e.g. 2000000000 for Rp2 billion.",
        "plan_budget_shown": "Budget: {budget} ({budget_full}); iuran {iuran} per month.",
        "plan_arrears": "Arrears paid (months)",
        "plan_arrears_help": "A non-active participant is reactivated after paying arrears, "
        "at most {cap} months of them (BPJS Kesehatan rule).",
        "plan_kpi_people_needed": "To enrol (city)",
        "plan_kpi_enrolment_cost": "Cost for {months} months",
        "plan_kpi_people_funded": "Funded by the budget",
        "plan_kpi_non_active": "Non-active participants",
        "plan_kpi_reactivation_cost": "Reactivation cost",
        "plan_need_sentence": "For the {target} target, {people} residents of {city} need to be enrolled; "
        "at an iuran of {iuran} per month that costs {cost} for {months} months.",
        "plan_need_none": "{city} has reached the {target} target: at city level nobody more needs to be enrolled.",
        "plan_need_no_data": "The need cannot be computed: there is no population figure for this month.",
        "plan_budget_zero": "Enter a budget to see how many people it can fund.",
        "plan_budget_sentence": "{budget} funds {people} people for {months} months.",
        "plan_budget_city_closed": "Enough for the city's whole need ({people} people), with {left} left over.",
        "plan_budget_city_short": "The city's need is still {people} people short ({cost}).",
        "plan_budget_regions": "Taking the largest needs first, the budget fully closes {closed} of the {short} "
        "{level} still short.",
        "plan_worklist_heading": "Worklist: {level} by residents to enrol",
        "plan_worklist_note": "Cost = residents to enrol × iuran × months funded. The budget is spent down the "
        "table, largest need first. The city's need is computed from city totals, so it can be smaller than the "
        "regions' needs added up (regions above 100% coverage make up for others).",
        "plan_col_target": "Target",
        "plan_col_enrolment_cost": "Cost for {months} months",
        "plan_col_non_active": "Non-active",
        "plan_col_reactivation_cost": "Reactivation {arrears_months} months",
        "plan_col_budget_people": "Funded",
        "plan_col_budget_status": "Budget status",
        "plan_budget_closed": "Fully funded",
        "plan_budget_partial": "Partly",
        "plan_budget_not_reached": "Not funded",
        "plan_budget_none_needed": "None needed",
        "plan_budget_no_data": "No data",
        "plan_download_csv": "Download CSV",
        "plan_download_xlsx": "Download XLSX",
        "plan_file_stem": "worklist",
        "plan_quota_heading": "PBI APBD quota {year}",
        "plan_quota_input": "PBI APBD quota {year} (people)",
        "plan_quota_input_help": "Stored quota: {quota}. Change it for a scenario; stored data is not changed.",
        "plan_quota_missing": "No PBI APBD quota is stored for {city} in {year}. Type a quota above as a scenario, "
        "or store the official one: `python -m uhc quota --city {code} --year {year} --quota NUMBER "
        '--source "SOURCE"` (while the dashboard is not running).',
        "plan_quota_source": "Quota source: {source}.",
        "plan_quota_scenario": "Scenario quota (typed on this page).",
        "plan_quota_no_segments": "No PBI APBD participant count for {period}: the quota's use cannot be computed.",
        "plan_kpi_quota_registered": "PBI APBD registered",
        "plan_kpi_quota": "Quota",
        "plan_kpi_quota_remaining": "Quota remaining",
        "plan_quota_sentence": "{registered} of the {quota} quota are filled ({used}); {remaining} places remain.",
        "plan_quota_over": "{registered} participants registered, {over} above the {quota} quota.",
        "plan_quota_need_fits": "The remaining quota can take the {people} residents to enrol.",
        "plan_quota_need_exceeds": "The need of {people} people exceeds the remaining quota by {over}.",
        "plan_reactivation_heading": "Reactivating non-active participants",
        "plan_reactivation_sentence": "{non_active} registered participants in {city} are not active. Reactivating "
        "them all with {months} months of arrears × an iuran of {iuran} takes {cost}.",
        "plan_reactivation_note": "An estimate: every non-active participant is taken to owe the months chosen; "
        "arrears count for at most {cap} months.",
        "plan_reactivation_no_data": "No active participant count for this month: the reactivation cost cannot be "
        "computed.",
        "plan_no_level_data": "The figures for {period} are not broken down to {level} level: choose another level.",
        "plan_iuran_missing": "No iuran is in force in {period}: type one above.",
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


def signed_number(value: float | int | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A signed change in whole numbers: +1.234 / -56 / 0."""
    if value is None:
        return MISSING
    if round(value) == 0:
        return "0"
    return format_decimal(round(value), format="+#,##0;-#,##0", locale=_BABEL_LOCALE[language])


def signed_rupiah_compact(value: float | int | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A signed change in rupiah in words: +Rp1,2 miliar / -Rp840 juta."""
    if value is None:
        return MISSING
    if round(value) == 0:
        return "Rp0"
    return ("+" if value > 0 else "") + rupiah_compact(value, language)


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
