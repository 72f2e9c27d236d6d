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
        # -- trends page (pages/tren.py) --
        "trend_page": "Tren",
        "trend_heading": "Tren cakupan JKN {city} sampai {period}",
        "trend_kecamatan": "Kecamatan yang dibandingkan dengan kota",
        "trend_city_only": "Tidak ada (kota saja)",
        "trend_until": "Grafik berakhir pada bulan yang dipilih di samping ({period}); bulan sesudahnya tidak ditampilkan.",
        "trend_coverage_title": "Cakupan kepesertaan JKN, {region}",
        "trend_segments_title": "Peserta terdaftar menurut segmen, {region}",
        "trend_activity_title": "Keaktifan peserta JKN, {region}",
        "trend_axis_coverage": "Cakupan",
        "trend_axis_registered": "Peserta terdaftar",
        "trend_axis_activity": "Keaktifan",
        "trend_target": "Target cakupan",
        "trend_target_hover": "Target cakupan {month}: {target}",
        "trend_uhc_band": "Zona UHC (cakupan ≥ syarat)",
        "trend_uhc_band_hover": "Syarat UHC {month}: cakupan ≥ {min_coverage}",
        "trend_activity_criterion": "Syarat keaktifan UHC",
        "trend_activity_criterion_hover": "Syarat UHC {month}: keaktifan ≥ {min_activity}",
        "trend_coverage_hover": "<b>{region}</b>, {month}<br>Cakupan {coverage}<br>{registered} terdaftar dari {population} penduduk",
        "trend_activity_hover": "<b>{region}</b>, {month}<br>Keaktifan {activity}<br>{active} aktif dari {registered} terdaftar",
        "trend_segment_hover": "<b>{segment}</b>, {month}<br>{count} peserta ({share} dari yang terdaftar)",
        "trend_projection": "Proyeksi {region}",
        "trend_projection_hover": "<b>{region}</b>: dengan laju {pace} poin per bulan, target {target} tercapai pada {month}",
        "trend_projection_caption": "{region}: {sentence}",
        "trend_projection_note": "Garis putus-putus: proyeksi dengan laju 12 bulan terakhir sampai bulan target tercapai.",
        "trend_semester": "Data penduduk baru (Dukcapil)",
        "trend_semester_hover": "Penduduk {semester} (Dukcapil) mulai dipakai pada {month}: {population} jiwa",
        "trend_segment_pbi_apbn": "PBI APBN",
        "trend_segment_pbi_apbd": "PBI APBD/Pemda",
        "trend_segment_ppu": "PPU",
        "trend_segment_pbpu": "PBPU/Mandiri",
        "trend_segment_bp": "BP",
        "trend_segments_note": "Bulan tanpa data segmen dibiarkan kosong, tidak dihitung nol.",
        "trend_no_series": "Tidak ada data untuk digambar.",
        "trend_needs_months": "Baru ada data satu bulan untuk {region}: tren perlu data beberapa bulan.",
        "trend_no_population": "Jumlah penduduk {region} belum ada untuk {period}: cakupan tidak dapat dihitung.",
        "trend_no_kecamatan_data": "Tidak ada data {region} pada {period}.",
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
        # -- trends page (pages/tren.py) --
        "trend_page": "Trends",
        "trend_heading": "JKN coverage trends, {city}, up to {period}",
        "trend_kecamatan": "Kecamatan compared with the city",
        "trend_city_only": "None (city only)",
        "trend_until": "The charts end at the month chosen in the sidebar ({period}); later months are not shown.",
        "trend_coverage_title": "JKN coverage, {region}",
        "trend_segments_title": "Registered participants by segment, {region}",
        "trend_activity_title": "JKN activity rate, {region}",
        "trend_axis_coverage": "Coverage",
        "trend_axis_registered": "Registered participants",
        "trend_axis_activity": "Activity rate",
        "trend_target": "Coverage target",
        "trend_target_hover": "Coverage target {month}: {target}",
        "trend_uhc_band": "UHC zone (coverage ≥ criterion)",
        "trend_uhc_band_hover": "UHC criterion {month}: coverage ≥ {min_coverage}",
        "trend_activity_criterion": "UHC activity criterion",
        "trend_activity_criterion_hover": "UHC criterion {month}: activity ≥ {min_activity}",
        "trend_coverage_hover": "<b>{region}</b>, {month}<br>Coverage {coverage}<br>{registered} registered of {population} residents",
        "trend_activity_hover": "<b>{region}</b>, {month}<br>Activity {activity}<br>{active} active of {registered} registered",
        "trend_segment_hover": "<b>{segment}</b>, {month}<br>{count} participants ({share} of registered)",
        "trend_projection": "Projection, {region}",
        "trend_projection_hover": "<b>{region}</b>: at {pace} points a month, the {target} target is reached in {month}",
        "trend_projection_caption": "{region}: {sentence}",
        "trend_projection_note": "Dashed line: projection at the pace of the last 12 months, up to the month the target is reached.",
        "trend_semester": "New population figures (Dukcapil)",
        "trend_semester_hover": "Dukcapil population {semester} used from {month}: {population} residents",
        "trend_segment_pbi_apbn": "PBI APBN (central government)",
        "trend_segment_pbi_apbd": "PBI APBD (local government)",
        "trend_segment_ppu": "PPU (employees)",
        "trend_segment_pbpu": "PBPU (self-paying)",
        "trend_segment_bp": "BP (non-workers)",
        "trend_segments_note": "Months without segment figures are left blank, not counted as zero.",
        "trend_no_series": "No data to draw.",
        "trend_needs_months": "Only one month of data for {region}: a trend needs more months.",
        "trend_no_population": "No population figure for {region} in {period}: coverage cannot be computed.",
        "trend_no_kecamatan_data": "No data for {region} in {period}.",
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


def month_short(period: dt.date | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A month abbreviated, for chart axes: Mei 2025 (id), May 2025 (en)."""
    if period is None:
        return MISSING
    return format_date(period, "MMM y", locale=_BABEL_LOCALE[language])


def semester(as_of: dt.date | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A Dukcapil semester from its as-of date: S1 2025 (30 June), S2 2025 (31 December)."""
    if as_of is None:
        return MISSING
    if (as_of.month, as_of.day) == (6, 30):
        return f"S1 {as_of.year}"
    if (as_of.month, as_of.day) == (12, 31):
        return f"S2 {as_of.year}"
    return format_date(as_of, "d MMMM y", locale=_BABEL_LOCALE[language])
