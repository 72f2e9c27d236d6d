"""Which catalog message says what about an import: finding codes, levels, kinds and statuses -> message keys.

A finding carries a short code (``not_a_number``) and a level, kind or status a short value
(``kecamatan``); the sentence or word the user reads is the message these tables name. The keys
are literals marked with ``N_`` so that ``make catalogs`` finds every one (uhc/message_keys.py).
"""

from __future__ import annotations

from collections.abc import Mapping

from uhc import i18n

N_, N_plural = i18n.N_, i18n.N_plural

# A reader's finding (ingest.Issue) -> its sentence, after the place in the file.
READER_ISSUES = {
    "unreadable": N_("ingest_unreadable"),
    "no_header": N_("ingest_no_header"),
    "no_header_any_sheet": N_("ingest_no_header_any_sheet"),
    "mapping_not_found_any_sheet": N_("ingest_mapping_not_found_any_sheet"),
    "missing_column": N_("ingest_missing_column"),
    "mapping_unknown_header": N_("ingest_mapping_unknown_header"),
    "mapping_unknown_field": N_("ingest_mapping_unknown_field"),
    "unknown_sheet": N_("ingest_unknown_sheet"),
    "not_a_number": N_("ingest_not_a_number"),
    "not_a_number_header": N_("ingest_not_a_number_header"),
    "not_whole": N_("ingest_not_whole"),
    "negative": N_("ingest_negative"),
    "bad_period": N_("ingest_bad_period"),
    "missing_region": N_("ingest_missing_region"),
    "inactive_above_registered": N_("ingest_inactive_above_registered"),
    "total_mismatch": N_("ingest_total_mismatch"),
    "registered_mismatch": N_("ingest_registered_mismatch"),
    "unclosed_quote": N_("ingest_unclosed_quote"),
    "row_too_short": N_("ingest_row_too_short"),
    "row_too_long": N_("ingest_row_too_long"),
    "rows_cut_short": N_("ingest_rows_cut_short"),
    "segments_mismatch": N_("ingest_segments_mismatch"),
    "duplicate_column": N_("ingest_duplicate_column"),
    "period_differs_from_title": N_("ingest_period_differs_from_title"),
    "more_issues": N_("ingest_more_issues"),
    "population_from_parts": N_("ingest_population_from_parts"),
    "population_parts_mismatch": N_("ingest_population_parts_mismatch"),
    "not_a_count": N_("ingest_not_a_count"),
    "parent_code_mismatch": N_("ingest_parent_code_mismatch"),
}

# The words for a reader's finding's parameter value: (parameter, value) -> key.
READER_VALUES = {
    ("reason", "empty"): N_("ingest_reason_empty"),
    ("reason", "binary"): N_("ingest_reason_binary"),
    ("reason", "pdf"): N_("ingest_reason_pdf"),
    ("reason", "excel"): N_("ingest_reason_excel"),
    ("reason", "csv"): N_("ingest_reason_csv"),
    ("reason", "too_large"): N_("ingest_reason_too_large"),
    ("reason", "internal"): N_("ingest_reason_internal"),
    ("reason", "sheet_rows"): N_("ingest_reason_sheet_rows"),
    ("reason", "sheet_columns"): N_("ingest_reason_sheet_columns"),
    ("reason", "sheet_cells"): N_("ingest_reason_sheet_cells"),
    ("reason", "zip_entries"): N_("ingest_reason_zip_entries"),
    ("reason", "zip_uncompressed"): N_("ingest_reason_zip_uncompressed"),
    ("reason", "zip_ratio"): N_("ingest_reason_zip_ratio"),
    ("reason", "shared_strings"): N_("ingest_reason_shared_strings"),
    ("reason", "csv_columns"): N_("ingest_reason_csv_columns"),
    ("reason", "reader_memory"): N_("ingest_reason_reader_memory"),
    ("reason", "reader_time"): N_("ingest_reason_reader_time"),
    ("reason", "reader_crashed"): N_("ingest_reason_reader_crashed"),
    ("reason", "not_count_density"): N_("ingest_reason_not_count_density"),
    ("reason", "not_count_area"): N_("ingest_reason_not_count_area"),
    ("reason", "not_count_share"): N_("ingest_reason_not_count_share"),
    ("reason", "not_count_average"): N_("ingest_reason_not_count_average"),
    ("reason", "not_count_growth"): N_("ingest_reason_not_count_growth"),
    ("convention", "id"): N_("ingest_convention_id"),
    ("convention", "en"): N_("ingest_convention_en"),
}

# A canonical column -> what it is called for the user (jumlah peserta).
FIELDS = {
    "region": N_("ingest_field_region"),
    "registered_or_parts": N_("ingest_field_registered_or_parts"),
    "region_code": N_("ingest_field_region_code"),
    "kecamatan": N_("ingest_field_kecamatan"),
    "kelurahan": N_("ingest_field_kelurahan"),
    "period": N_("ingest_field_period"),
    "population": N_("ingest_field_population"),
    "registered": N_("ingest_field_registered"),
    "active": N_("ingest_field_active"),
    "inactive": N_("ingest_field_inactive"),
    "pbi_apbn": N_("ingest_field_pbi_apbn"),
    "pbi_apbd": N_("ingest_field_pbi_apbd"),
    "ppu": N_("ingest_field_ppu"),
    "pbpu": N_("ingest_field_pbpu"),
    "bp": N_("ingest_field_bp"),
    "sex": N_("ingest_field_sex"),
    "year": N_("ingest_field_year"),
    "province_code": N_("ingest_field_province_code"),
    "kab_kota_code": N_("ingest_field_kab_kota_code"),
    "kecamatan_code": N_("ingest_field_kecamatan_code"),
}

# The importer's finding (imports.StoreIssue) -> its sentence, after the place in the file.
STORE_ISSUES = {
    "unknown_region": N_("import_unknown_region"),
    "unknown_code": N_("import_unknown_code"),
    "ambiguous_region": N_("import_ambiguous_region"),
    "no_region": N_("import_no_region"),
    "level_sum_mismatch": N_("import_level_sum_mismatch"),
    "bad_year": N_("import_bad_year"),
    "several_years": N_("import_several_years"),
    "year_not_in_file": N_("import_year_not_in_file"),
    "years_left_out": N_plural("import_years_left_out"),
    "as_of_month_not_in_file": N_("import_as_of_month_not_in_file"),
    "months_left_out": N_plural("import_months_left_out"),
    "bad_sex": N_("import_bad_sex"),
    "one_sex_only": N_("import_one_sex_only"),
    "sex_total_mismatch": N_("import_sex_total_mismatch"),
    "sexes_added_up": N_plural("import_sexes_added_up"),
    "similar_name": N_("import_similar_name"),
    "duplicate_region": N_("import_duplicate_region"),
    "active_above_registered": N_("import_active_above_registered"),
    "registered_missing": N_("import_registered_missing"),
    "population_missing": N_("import_population_missing"),
    "period_missing": N_("import_period_missing"),
    "period_missing_in_row": N_("import_period_missing_in_row"),
    "period_conflict": N_plural("import_period_conflict"),
    "as_of_missing": N_("import_as_of_missing"),
    "no_rows": N_("import_no_rows"),
    "registered_above_population": N_("import_registered_above_population"),
    "registered_above_stored_population": N_("import_registered_above_stored_population"),
    "regions_missing_kelurahan": N_plural("import_regions_missing_kelurahan"),
    "regions_missing_kecamatan": N_plural("import_regions_missing_kecamatan"),
    "registered_jump": N_("import_registered_jump"),
    "code_contradicts_name": N_("import_code_contradicts_name"),
    "name_over_code": N_("import_name_over_code"),
    "rows_outside_city": N_plural("import_rows_outside_city"),
    "all_rows_outside_city": N_plural("import_all_rows_outside_city"),
    "population_above_limit": N_("import_population_above_limit"),
    "registered_above_limit": N_("import_registered_above_limit"),
}
# A finding whose sentence has plural forms -> the parameter that holds its count.
STORE_ISSUE_COUNTS = {
    "years_left_out": "rows",
    "months_left_out": "rows",
    "sexes_added_up": "regions",
    "period_conflict": "rows",
    "regions_missing_kelurahan": "missing",
    "regions_missing_kecamatan": "missing",
    "rows_outside_city": "rows",
    "all_rows_outside_city": "rows",
}

LEVELS = {
    "provinsi": N_("import_level_provinsi"),
    "kota": N_("import_level_kota"),
    "kecamatan": N_("import_level_kecamatan"),
    "kelurahan": N_("import_level_kelurahan"),
}
KINDS = {"coverage": N_("import_kind_coverage"), "population": N_("import_kind_population")}
STATUSES = {
    "current": N_("import_status_current"),
    "partly_current": N_("import_status_partly_current"),
    "superseded": N_("import_status_superseded"),
    "restored": N_("import_status_restored"),
    "purged": N_("import_status_purged"),
}
# The figures an import changes, by its kind: the heading of its table of changes.
CHANGES = {"coverage": N_("import_changes_coverage"), "population": N_("import_changes_population")}


def store_issue_sentence(code: str, params: Mapping[str, object], language: str, **values: object) -> str:
    """The sentence of the importer's finding ``code``, in the form for its count when it has plural forms."""
    key = STORE_ISSUES[code]
    if code in STORE_ISSUE_COUNTS:
        return i18n.plural(key, params.get(STORE_ISSUE_COUNTS[code]), language, **values)  # type: ignore[arg-type]
    return i18n.text(key, language, **values)
