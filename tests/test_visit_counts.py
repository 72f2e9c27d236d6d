"""uhc.core.visit_counts on tiny inline match_count frames, the counts worked out by hand."""

from __future__ import annotations

import polars as pl
from polars.testing import assert_frame_equal

from uhc.core import visit_counts

COUNT_SCHEMA = {
    "kemendagri_code": pl.String,
    "rw": pl.String,
    "rt": pl.String,
    "category": pl.String,
    "segment": pl.String,
    "persons": pl.Int32,
    "families": pl.Int32,
}
KEL_A, KEL_B = "61.71.01.1001", "61.71.01.1002"
COUNTS = pl.DataFrame(
    [
        (KEL_A, "001", "001", "to_visit", None, 3, 2),
        (KEL_A, "001", "002", "to_visit", None, 4, 1),
        (KEL_A, "001", "002", "to_reactivate", "pbpu", 2, 2),
        (KEL_A, "001", "002", "to_reactivate", "pbi_apbn", 1, 1),
        (KEL_A, "001", "001", "register_duplicate", None, 1, 1),
        (KEL_A, None, None, "participant_duplicate", None, 2, None),
        (KEL_A, "001", "001", "register_invalid_nik", None, 1, 1),
        (KEL_A, None, None, "participant_without_nik", None, 5, None),
        (KEL_A, "001", "001", "active", "ppu", 40, 12),
        (KEL_B, "002", "001", "active", "ppu", 9, 3),
        (KEL_B, "002", "001", "to_check", None, 1, 1),
    ],
    schema=COUNT_SCHEMA,
    orient="row",
)


def test_kelurahan_counts_gather_the_categories_into_the_pages_groups():
    # A: to visit 3 + 4 = 7; to reactivate 2 + 1 = 3; duplicates 1 (register) + 2 (list) = 3;
    # invalid NIK 1 (register) + 5 (list without NIK) = 6; the 40 active are in no group.
    # B: 9 active (no group), 1 to check: a kelurahan with no one to visit is still listed, with zeros.
    expected = pl.DataFrame(
        {
            "kemendagri_code": [KEL_A, KEL_B],
            "to_visit": [7, 0],
            "to_reactivate": [3, 0],
            "to_check": [0, 1],
            "duplicate": [3, 0],
            "invalid_nik": [6, 0],
        }
    )
    assert_frame_equal(visit_counts.area_counts(COUNTS, "kelurahan"), expected)


def test_rt_counts_keep_the_list_rows_without_an_rt_apart():
    rows = visit_counts.area_counts(COUNTS.filter(pl.col("kemendagri_code") == KEL_A), "rt")
    # RT 001: visit 3, duplicate 1, invalid 1; RT 002: visit 4, reactivate 2 + 1 = 3;
    # no RW/RT (list rows): duplicates 2, without NIK 5.
    expected = pl.DataFrame(
        {
            "kemendagri_code": [KEL_A] * 3,
            "rw": ["001", "001", None],
            "rt": ["001", "002", None],
            "to_visit": [3, 4, 0],
            "to_reactivate": [0, 3, 0],
            "to_check": [0, 0, 0],
            "duplicate": [1, 0, 2],
            "invalid_nik": [1, 0, 5],
        }
    )
    assert_frame_equal(rows, expected)


def test_reactivation_by_segment_in_the_registrys_segment_order():
    expected = pl.DataFrame({"kemendagri_code": [KEL_A, KEL_A], "segment": ["pbi_apbn", "pbpu"], "persons": [1, 2]})
    assert_frame_equal(visit_counts.reactivation_by_segment(COUNTS, "kelurahan"), expected)


def test_the_area_table_writes_indonesian_numbers_and_names():
    rows = pl.DataFrame(
        {
            "kemendagri_code": [KEL_A],
            "to_visit": [1234],
            "to_reactivate": [0],
            "to_check": [0],
            "duplicate": [0],
            "invalid_nik": [0],
        }
    )
    table = visit_counts.area_table(rows, {KEL_A: "Darat Sekip"}, "id")
    assert table.row(0) == ("Darat Sekip", "1.234", "0", "0", "0", "0")
    assert visit_counts.area_table(rows, {KEL_A: "Darat Sekip"}, "en").row(0)[1] == "1,234"


def test_persons_of_no_group_are_left_out_and_the_rest_ordered_by_group():
    persons = pl.DataFrame(
        {
            "side": ["register", "register", "participant", "register"],
            "batch_id": [1, 1, 2, 1],
            "source_row": [5, 2, 9, 7],
            "category": ["active", "to_reactivate", "participant_duplicate", "to_visit"],
            "segment": ["ppu", "pbpu", None, None],
            "rw": ["001", "001", None, "002"],
            "rt": ["001", "003", None, "001"],
            "name": ["A", "B", "C", "D"],
        }
    )
    rows = visit_counts.person_rows(persons)
    assert rows.select("name", "group").rows() == [("D", "to_visit"), ("B", "to_reactivate"), ("C", "duplicate")]


def test_the_table_of_one_kelurahan_leads_with_rw_and_rt():
    rows = visit_counts.area_counts(COUNTS.filter(pl.col("kemendagri_code") == KEL_A), "rt").drop("kemendagri_code")
    table = visit_counts.area_table(rows, {}, "id")
    assert table.columns[:3] == ["RW", "RT", "Dikunjungi (didaftarkan)"]
    assert table.row(2)[:2] == ("–", "–")  # the list rows without an RW or RT
    segments = visit_counts.segment_table(
        visit_counts.reactivation_by_segment(COUNTS, "rw").drop("kemendagri_code"), {}, "id"
    )
    assert segments.rows() == [("001", "PBI APBN", "1"), ("001", "PBPU/Mandiri", "2")]
