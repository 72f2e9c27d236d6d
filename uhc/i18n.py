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
        "page_map": "Peta",
        "map_heading": "Peta cakupan {city}, {period}",
        "map_view_city": "{level} di {city}",
        "map_view_kecamatan": "Kelurahan di Kecamatan {kecamatan}",
        "map_metric": "Ukuran",
        "map_metric_change_12m": "Perubahan cakupan 12 bulan",
        "map_level": "Tingkat",
        "map_level_kecamatan": "Kecamatan",
        "map_level_kelurahan": "Kelurahan",
        "map_scheme": "Kelas warna",
        "map_scheme_policy": "Kebijakan (95% dan 98%)",
        "map_scheme_quantile": "Kuartil",
        "map_scheme_help": "Kebijakan: di bawah 95%, 95–98% dan ≥ 98% (target). Kuartil: tiap kelas memuat "
        "kira-kira seperempat wilayah, untuk membandingkan wilayah satu sama lain.",
        "map_scheme_quantile_only": "Warna menurut kuartil: tiap kelas memuat kira-kira seperempat wilayah. "
        "Kelas kebijakan 95% dan 98% hanya untuk cakupan.",
        "map_class_below_95": "di bawah 95%",
        "map_class_95_to_98": "95–98%",
        "map_class_target_met": "≥ 98%",
        "map_class_no_data": "tidak ada data",
        "map_basemap": "Peta jalan",
        "map_basemap_help": "Menampilkan peta jalan di bawah wilayah. Perlu internet: gambar peta diunduh dari "
        "OpenStreetMap. Tanpa internet biarkan mati.",
        "map_kecamatan": "Pilih kecamatan",
        "map_whole_city": "Seluruh kota",
        "map_back_help": "Kembali ke peta seluruh kota",
        "map_click_hint": "Klik kecamatan di peta, atau pilih di samping, untuk melihat kelurahannya.",
        "map_schematic": "Peta skematis (demo), bukan batas resmi.",
        "map_no_boundaries": "Belum ada batas wilayah {level} untuk {city}, jadi peta belum dapat digambar. "
        "Impor berkas batas (GeoJSON, Shapefile atau GeoPackage) dengan "
        "`python -m uhc import boundaries BERKAS` saat dasbor tidak berjalan, lalu buka lagi halaman ini. "
        "Angkanya tetap ada di tabel di bawah.",
        "map_missing_shapes": "{count} wilayah belum punya batas dan tidak tampak di peta: {names}.",
        "map_no_level_data": "Data {period} tidak dirinci sampai tingkat kelurahan; pilih tingkat kecamatan.",
        "map_hover_code": "Kode Kemendagri",
        "map_table_heading": "Angka per wilayah",
        "map_overview_heading": "Peta cakupan kecamatan",
        "map_overview_caption": "Warna menurut kebijakan: di bawah 95%, 95–98%, ≥ 98% (target). "
        "Peta lengkap dan kelurahan di halaman Peta.",
        # -- trends page (pages/tren.py) --
        # -- gap and budget planner (pages/anggaran.py) --
        # -- imports, history, login (pages/data.py) --
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
        "page_map": "Map",
        "map_heading": "Coverage map, {city}, {period}",
        "map_view_city": "{level} of {city}",
        "map_view_kecamatan": "Kelurahan of Kecamatan {kecamatan}",
        "map_metric": "Measure",
        "map_metric_change_12m": "Coverage change over 12 months",
        "map_level": "Level",
        "map_level_kecamatan": "Kecamatan",
        "map_level_kelurahan": "Kelurahan",
        "map_scheme": "Colour classes",
        "map_scheme_policy": "Policy (95% and 98%)",
        "map_scheme_quantile": "Quartiles",
        "map_scheme_help": "Policy: below 95%, 95–98% and ≥ 98% (the target). Quartiles: each class holds about "
        "a quarter of the regions, to compare regions with each other.",
        "map_scheme_quantile_only": "Coloured by quartile: each class holds about a quarter of the regions. "
        "The 95% and 98% policy classes are for coverage only.",
        "map_class_below_95": "below 95%",
        "map_class_95_to_98": "95–98%",
        "map_class_target_met": "≥ 98%",
        "map_class_no_data": "no data",
        "map_basemap": "Street map",
        "map_basemap_help": "Shows a street map under the regions. Needs internet: the map images come from "
        "OpenStreetMap. Leave it off without internet.",
        "map_kecamatan": "Choose a kecamatan",
        "map_whole_city": "Whole city",
        "map_back_help": "Back to the map of the whole city",
        "map_click_hint": "Click a kecamatan on the map, or choose it beside the map, to see its kelurahan.",
        "map_schematic": "Schematic map (demo), not official boundaries.",
        "map_no_boundaries": "There are no {level} boundaries for {city} yet, so the map cannot be drawn. "
        "Import a boundary file (GeoJSON, Shapefile or GeoPackage) with "
        "`python -m uhc import boundaries FILE` while the dashboard is stopped, then open this page again. "
        "The figures are in the table below.",
        "map_missing_shapes": "{count} regions have no boundary and are not on the map: {names}.",
        "map_no_level_data": "The figures for {period} are not broken down to kelurahan; choose the kecamatan level.",
        "map_hover_code": "Kemendagri code",
        "map_table_heading": "Figures by region",
        "map_overview_heading": "Coverage by kecamatan",
        "map_overview_caption": "Coloured by policy: below 95%, 95–98%, ≥ 98% (the target). "
        "The full map, with kelurahan, is on the Map page.",
        # -- trends page (pages/tren.py) --
        # -- gap and budget planner (pages/anggaran.py) --
        # -- imports, history, login (pages/data.py) --
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
