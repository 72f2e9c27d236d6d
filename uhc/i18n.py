"""Bahasa Indonesia / English strings and Indonesian number formats (via Babel)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
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
        "ingest_where_file": "Berkas “{file}”",
        "ingest_where_sheet": ", lembar “{sheet}”",
        "ingest_where_row": ", baris {row}",
        "ingest_where_column": ", kolom “{column}”",
        "ingest_other": "temuan “{code}”.",
        "ingest_field_region": "wilayah (kode wilayah, kecamatan atau kelurahan)",
        "ingest_field_registered_or_parts": "jumlah peserta (atau peserta aktif dan non aktif)",
        "ingest_field_region_code": "kode wilayah",
        "ingest_field_kecamatan": "kecamatan",
        "ingest_field_kelurahan": "kelurahan/desa",
        "ingest_field_period": "bulan",
        "ingest_field_population": "jumlah penduduk",
        "ingest_field_registered": "jumlah peserta",
        "ingest_field_active": "peserta aktif",
        "ingest_field_inactive": "peserta non aktif",
        "ingest_field_pbi_apbn": "PBI APBN",
        "ingest_field_pbi_apbd": "PBI APBD (didaftarkan Pemda)",
        "ingest_field_ppu": "PPU (pekerja penerima upah)",
        "ingest_field_pbpu": "PBPU (mandiri)",
        "ingest_field_bp": "BP (bukan pekerja)",
        "ingest_reason_empty": "berkasnya kosong",
        "ingest_reason_binary": "isinya bukan teks CSV maupun buku kerja Excel",
        "ingest_reason_pdf": "ini berkas PDF, bukan tabel; ekspor tabelnya ke Excel atau CSV",
        "ingest_reason_excel": "buku kerja Excel ini rusak atau tidak dikenali (mungkin dilindungi kata sandi)",
        "ingest_reason_csv": "susunan CSV-nya tidak wajar (mungkin ada tanda kutip yang tidak ditutup)",
        "ingest_reason_too_large": "berkasnya terlalu besar (lebih dari 50 MB atau 500.000 baris)",
        "ingest_reason_internal": "terjadi kesalahan tak terduga saat membaca; kirim berkas ini ke pengelola dasbor",
        "ingest_convention_id": "format Indonesia (titik pemisah ribuan, koma desimal)",
        "ingest_convention_en": "format Inggris (koma pemisah ribuan, titik desimal)",
        "ingest_unreadable": "berkas tidak dapat dibaca: {reason}. Simpan ulang tabelnya dari Excel sebagai .xlsx "
        "atau CSV, lalu unggah lagi.",
        "ingest_no_header": "tidak ada baris judul kolom yang dikenali dalam {rows} baris pertama. Diharapkan satu "
        "baris berisi judul seperti “Kecamatan”, “Kelurahan”, “Kode Wilayah”, “Jumlah Penduduk”, “Jumlah Peserta”, "
        "“Peserta Aktif”. Tambahkan baris judul di atas data, atau tentukan kolomnya lewat pemetaan kolom.",
        "ingest_no_header_any_sheet": "tidak ada lembar dengan baris judul kolom yang dikenali dalam {rows} baris "
        "pertama (lembar yang diperiksa: {sheets}). Diharapkan judul seperti “Kecamatan”, “Kelurahan”, “Jumlah "
        "Penduduk”, “Jumlah Peserta”. Pilih lembarnya, tambahkan baris judul, atau tentukan kolomnya lewat pemetaan "
        "kolom.",
        "ingest_mapping_not_found_any_sheet": "judul kolom dalam pemetaan ({headers}) tidak ditemukan bersama di "
        "lembar mana pun (lembar: {sheets}). Pilih lembarnya, atau sesuaikan pemetaan dengan judul kolom di berkas.",
        "ingest_missing_column": "kolom {field} tidak ditemukan. Judul yang dicari: {synonyms}. Judul kolom di "
        "berkas: {headers}. Ganti judul kolom di berkas dengan salah satu yang dicari, atau tentukan kolomnya lewat "
        "pemetaan kolom.",
        "ingest_mapping_unknown_header": "pemetaan kolom memilih “{value}” sebagai {field}, tetapi judul itu tidak "
        "ada di berkas. Judul kolom di berkas: {headers}. Pilih salah satunya.",
        "ingest_mapping_unknown_field": "pemetaan kolom memakai nama “{value}” yang tidak dikenal. Nama yang dapat "
        "dipakai: {names}.",
        "ingest_unknown_sheet": "lembar “{value}” tidak ada di buku kerja ini. Lembar yang ada: {sheets}. Pilih "
        "salah satunya.",
        "ingest_not_a_number": "“{value}” bukan jumlah orang. Kolom ini dibaca dengan {convention}; yang diharapkan "
        "bilangan bulat seperti 687.031 atau 687031. Perbaiki sel ini (kosongkan atau isi “-” bila tidak ada data), "
        "lalu unggah lagi.",
        "ingest_not_whole": "“{value}” bukan bilangan bulat, padahal jumlah orang selalu bulat. Periksa pemisah "
        "ribuan (687.031 dalam format Indonesia) dan apakah kolom ini tertukar dengan kolom persentase; perbaiki, "
        "lalu unggah lagi.",
        "ingest_negative": "“{value}” bernilai negatif; jumlah orang tidak mungkin kurang dari nol. Perbaiki sel "
        "ini, lalu unggah lagi.",
        "ingest_bad_period": "“{value}” tidak terbaca sebagai bulan. Tulis bulannya seperti 2025-06, Juni 2025, "
        "Jun-25 atau 01/06/2025, lalu unggah lagi.",
        "ingest_missing_region": "baris ini berisi angka, tetapi tidak ada nama atau kode wilayahnya. Isi "
        "kecamatan/kelurahan atau kode wilayah, atau hapus baris ini bila bukan data wilayah.",
        "ingest_inactive_above_registered": "peserta non aktif ({inactive}) lebih banyak dari jumlah peserta "
        "({registered}), sehingga peserta aktif tidak dapat dihitung. Periksa kedua angka itu, lalu unggah lagi.",
        "ingest_total_mismatch": "baris total “{label}” menulis {file_total}, sedangkan jumlah baris-baris yang "
        "dijumlahkannya {rows_sum} (selisih {difference}). Baris total tidak diimpor; periksa apakah ada baris yang "
        "hilang, berlebih, atau salah ketik.",
        "ingest_registered_mismatch": "jumlah peserta {registered} tidak sama dengan peserta aktif {active} + non "
        "aktif {inactive} = {sum}. Jumlah peserta diimpor seperti tertulis; periksa angkanya.",
        "ingest_segments_mismatch": "jumlah segmen ({fields}) = {sum}, tidak sama dengan jumlah peserta "
        "{registered}. Angka diimpor seperti tertulis; periksa apakah segmen dan jumlah peserta berasal dari data "
        "yang sama.",
        "ingest_duplicate_column": "kolom ini dan kolom “{used}” sama-sama terbaca sebagai {field}; yang dipakai "
        "“{used}”. Bila seharusnya kolom ini, tentukan lewat pemetaan kolom.",
        "ingest_period_differs_from_title": "bulan yang dipilih ({period}) berbeda dengan bulan di judul berkas "
        "({title_period}). Pastikan bulan yang dipilih benar.",
        "ingest_more_issues": "masih ada {count} temuan lain yang tidak ditampilkan. Perbaiki temuan di atas dulu, "
        "lalu unggah lagi.",
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
        "ingest_where_file": "File “{file}”",
        "ingest_where_sheet": ", sheet “{sheet}”",
        "ingest_where_row": ", row {row}",
        "ingest_where_column": ", column “{column}”",
        "ingest_other": "finding “{code}”.",
        "ingest_field_region": "region (region code, kecamatan or kelurahan)",
        "ingest_field_registered_or_parts": "registered participants (or active and inactive participants)",
        "ingest_field_region_code": "region code",
        "ingest_field_kecamatan": "kecamatan (district)",
        "ingest_field_kelurahan": "kelurahan/desa (village)",
        "ingest_field_period": "month",
        "ingest_field_population": "population",
        "ingest_field_registered": "registered participants",
        "ingest_field_active": "active participants",
        "ingest_field_inactive": "inactive participants",
        "ingest_field_pbi_apbn": "PBI APBN (central government)",
        "ingest_field_pbi_apbd": "PBI APBD (registered by the local government)",
        "ingest_field_ppu": "PPU (wage earners)",
        "ingest_field_pbpu": "PBPU (self-paying)",
        "ingest_field_bp": "BP (non-workers)",
        "ingest_reason_empty": "the file is empty",
        "ingest_reason_binary": "it is neither CSV text nor an Excel workbook",
        "ingest_reason_pdf": "it is a PDF, not a table; export the table to Excel or CSV",
        "ingest_reason_excel": "the Excel workbook is damaged or not recognised (it may be password-protected)",
        "ingest_reason_csv": "the CSV is malformed (perhaps a quotation mark is not closed)",
        "ingest_reason_too_large": "the file is too large (over 50 MB or 500,000 rows)",
        "ingest_reason_internal": "an unexpected error occurred while reading; send this file to the dashboard's "
        "maintainers",
        "ingest_convention_id": "Indonesian format (dot for thousands, comma for decimals)",
        "ingest_convention_en": "English format (comma for thousands, dot for decimals)",
        "ingest_unreadable": "the file cannot be read: {reason}. Save the table again from Excel as .xlsx or CSV, "
        "then upload it again.",
        "ingest_no_header": "no recognisable row of column headers in the first {rows} rows. Expected one row with "
        "headers such as “Kecamatan”, “Kelurahan”, “Kode Wilayah”, “Jumlah Penduduk”, “Jumlah Peserta”, “Peserta "
        "Aktif”. Add a header row above the data, or choose the columns with a column mapping.",
        "ingest_no_header_any_sheet": "no sheet has a recognisable row of column headers in its first {rows} rows "
        "(sheets checked: {sheets}). Expected headers such as “Kecamatan”, “Kelurahan”, “Jumlah Penduduk”, “Jumlah "
        "Peserta”. Choose the sheet, add a header row, or choose the columns with a column mapping.",
        "ingest_mapping_not_found_any_sheet": "the headers of the column mapping ({headers}) are not found together "
        "on any sheet (sheets: {sheets}). Choose the sheet, or make the mapping match the file's headers.",
        "ingest_missing_column": "no {field} column. Headers looked for: {synonyms}. Headers in the file: "
        "{headers}. Rename the column in the file to one of those looked for, or choose it with a column mapping.",
        "ingest_mapping_unknown_header": "the column mapping chooses “{value}” as {field}, but the file has no such "
        "header. Headers in the file: {headers}. Choose one of them.",
        "ingest_mapping_unknown_field": "the column mapping uses the unknown name “{value}”. Names that can be used: "
        "{names}.",
        "ingest_unknown_sheet": "the workbook has no sheet “{value}”. Its sheets: {sheets}. Choose one of them.",
        "ingest_not_a_number": "“{value}” is not a number of people. This column is read in {convention}; expected "
        "a whole number such as 687.031 or 687031. Correct the cell (leave it empty or write “-” when there is no "
        "figure), then upload again.",
        "ingest_not_whole": "“{value}” is not a whole number, and a number of people always is. Check the thousands "
        "separator (687.031 in Indonesian format) and whether this column was swapped with a percentage column; "
        "correct it, then upload again.",
        "ingest_negative": "“{value}” is negative; a number of people cannot be below zero. Correct the cell, then "
        "upload again.",
        "ingest_bad_period": "“{value}” cannot be read as a month. Write the month like 2025-06, Juni 2025, Jun-25 "
        "or 01/06/2025, then upload again.",
        "ingest_missing_region": "this row holds figures but no region name or code. Fill in the kecamatan/kelurahan "
        "or the region code, or delete the row if it is not a region's data.",
        "ingest_inactive_above_registered": "inactive participants ({inactive}) exceed registered participants "
        "({registered}), so active participants cannot be computed. Check both figures, then upload again.",
        "ingest_total_mismatch": "the total row “{label}” says {file_total}, but the rows it totals add up to "
        "{rows_sum} (a difference of {difference}). The total row is not imported; check for missing, extra or "
        "mistyped rows.",
        "ingest_registered_mismatch": "registered participants {registered} differ from active {active} + inactive "
        "{inactive} = {sum}. Registered participants are imported as written; check the figures.",
        "ingest_segments_mismatch": "the segments ({fields}) add up to {sum}, not to the {registered} registered "
        "participants. The figures are imported as written; check that segments and total come from the same data.",
        "ingest_duplicate_column": "this column and the column “{used}” are both read as {field}; “{used}” is used. "
        "If this column is the right one, choose it with a column mapping.",
        "ingest_period_differs_from_title": "the month chosen ({period}) differs from the month in the file's title "
        "({title_period}). Make sure the month chosen is right.",
        "ingest_more_issues": "{count} more findings are not shown. Correct the findings above first, then upload "
        "again.",
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
