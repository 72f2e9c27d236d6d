"""The matching engine on a hand-worked register of ten people and a BPJS list of twelve rows.

Pseudonyms are any 64 hex digits (sha256 of a label here): the engine never needs the key.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from uhc.core.matching import (
    CATEGORIES,
    CATEGORY_KEYS,
    PARTICIPANT_CATEGORIES,
    REGISTER_NOTES,
    RESIDENT_CATEGORIES,
    match_people,
    recap_check,
    verify_recipients,
)

K1, K2 = "61.71.01.1001", "61.71.01.1002"  # two kelurahan of the city
ELSEWHERE = "61.12.01.2001"  # a desa of Kubu Raya: another kab/kota
D = dt.date


def h(label: str | None) -> str | None:
    return None if label is None else hashlib.sha256(label.encode()).hexdigest()


RESIDENT_SCHEMA = {
    "batch_id": pl.Int32,
    "source_row": pl.Int32,
    "nik_pseudonym": pl.String,
    "kk_pseudonym": pl.String,
    "identity_pseudonym": pl.String,
    "sex": pl.String,
    "birth_date": pl.Date,
    "rt": pl.String,
    "rw": pl.String,
    "relationship": pl.String,
    "kemendagri_code": pl.String,
    "nik_category": pl.String,
    "life_status": pl.String,
}
PARTICIPANT_SCHEMA = {
    "batch_id": pl.Int32,
    "source_row": pl.Int32,
    "nik_pseudonym": pl.String,
    "card_pseudonym": pl.String,
    "identity_pseudonym": pl.String,
    "sex": pl.String,
    "birth_date": pl.Date,
    "segment": pl.String,
    "active": pl.Boolean,
    "inactive_reason": pl.String,
    "fktp_code": pl.String,
    "address_code": pl.String,
    "kemendagri_code": pl.String,
    "nik_category": pl.String,
}


def residents_frame(rows: list[tuple]) -> pl.DataFrame:
    """(row, nik, kk, identity, sex, birth, kelurahan, rw, rt, nik_category, life_status) -> stored columns."""
    return pl.DataFrame(
        [
            (1, row, h(nik), h(kk), h(identity), sex, birth, rt, rw, None, kel, category, life)
            for row, nik, kk, identity, sex, birth, kel, rw, rt, category, life in rows
        ],
        schema=RESIDENT_SCHEMA,
        orient="row",
    )


def participants_frame(rows: list[tuple]) -> pl.DataFrame:
    """(row, nik, card, identity, sex, birth, segment, active, address_code, kelurahan, nik_category)."""
    return pl.DataFrame(
        [
            (2, row, h(nik), h(card), h(identity), sex, birth, segment, active, None, None, address, kel, category)
            for row, nik, card, identity, sex, birth, segment, active, address, kel, category in rows
        ],
        schema=PARTICIPANT_SCHEMA,
        orient="row",
    )


# The register: ten rows (source rows 2-11), five families F1-F5.
RESIDENTS = residents_frame(
    [
        (2, "A", "F1", None, "male", D(1980, 1, 1), K1, "001", "001", "valid", None),  # on the list, active
        (3, "B", "F1", None, "female", D(1982, 2, 2), K1, "001", "001", "valid", None),  # on it, in arrears
        (4, "C", "F2", None, "male", D(1975, 3, 3), K1, "001", "002", "valid", None),  # on it, address elsewhere
        (5, "D", "F2", None, "female", D(2000, 1, 1), K1, "001", "002", "valid", None),  # not on it
        (6, "D", "F2", None, "female", D(2000, 1, 1), K1, "001", "002", "valid", None),  # row 5 again
        (7, "E", "F3", None, "male", D(1940, 4, 4), K1, "002", "001", "valid", "died"),  # died, still listed
        (8, None, "F3", "I8", "female", D(1995, 6, 6), K1, "002", "001", "not_16_digits", None),  # by identity
        (9, "G", "F4", "I9", "male", D(1990, 5, 1), K2, "001", "001", "valid", None),  # sex disagrees
        (10, "H", "F4", "I10", "female", D(1985, 1, 1), K2, "001", "001", "valid", None),  # a name not close
        (11, "K", "F5", "I11", None, D(1970, 7, 7), K2, "002", "003", "birth_date_mismatch", None),  # NIK typo
    ]
)
# The list: twelve rows (source rows 2-13).
PARTICIPANTS = participants_frame(
    [
        (2, "A", "c1", None, "male", D(1980, 1, 1), "pbpu", True, K1, K1, "valid"),
        (3, "B", "c2", None, "female", D(1982, 2, 2), "pbpu", False, K1, K1, "valid"),
        (4, "C", "c3", None, "male", D(1975, 3, 3), "pbi_apbn", True, ELSEWHERE, None, "valid"),
        (5, "E", "c4", None, "male", D(1940, 4, 4), "ppu", True, K1, K1, "valid"),
        (6, None, "c5", "I8", "female", D(1995, 6, 6), "pbi_apbd", True, K1, K1, "missing"),
        (7, "X", "c6", "I9", "female", D(1990, 5, 1), "pbpu", True, K2, K2, "zero_serial"),
        (8, "J", "c7", "I8x", "female", D(1985, 1, 1), "pbpu", True, K2, K2, "valid"),
        (9, "K", "c8", "I11", "male", D(1970, 7, 7), "bp", True, K2, K2, "valid"),
        (10, "A", "c1", None, "male", D(1980, 1, 1), "pbpu", True, K1, K1, "valid"),  # row 2 again
        (11, "M", "c9", None, "male", D(1970, 1, 1), "ppu", True, K1, K1, "valid"),  # not in the register
        (12, "N", "c10", None, "male", D(1970, 1, 1), "ppu", True, ELSEWHERE, None, "valid"),  # not ours
        (13, None, "c6", None, "female", D(1990, 5, 1), "pbpu", True, K2, K2, "missing"),  # card of row 7
    ]
)
NAMES = {
    ("register", 9): "H. Budi Santoso",  # the title goes: BUDI SANTOSO
    ("participant", 7): "BUDI SANTOSA",  # against BUDI SANTOSO: one letter of 24, 91,7 >= 88
    ("register", 10): "SITI RAHAYU",
    ("participant", 8): "SITI RAHAYU NINGSIH",  # 11 letters of 30 unshared: 73,3 < 88
}


class Names:
    """The caller's decrypting name source, recording which rows it was asked for."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, int]] = []

    def __call__(self, rows: pl.DataFrame) -> pl.DataFrame:
        self.asked += [(side, row) for side, row in rows.select("side", "source_row").iter_rows()]
        return rows.with_columns(
            name=pl.struct("side", "source_row").map_elements(
                lambda r: NAMES.get((r["side"], r["source_row"])), return_dtype=pl.String
            )
        )


PERSON_SCHEMA = {
    "side": pl.String,
    "batch_id": pl.Int32,
    "source_row": pl.Int32,
    "category": pl.String,
    "segment": pl.String,
    "kemendagri_code": pl.String,
    "rw": pl.String,
    "rt": pl.String,
    "kk_pseudonym": pl.String,
    "matched_by": pl.String,
    "partner_row": pl.Int32,
}


def persons(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(
        [(side, 1 if side == "register" else 2, row, cat, seg, kel, rw, rt, h(kk), by, partner)
         for side, row, cat, seg, kel, rw, rt, kk, by, partner in rows],
        schema=PERSON_SCHEMA,
        orient="row",
    )  # fmt: skip


def test_every_category_of_a_hand_worked_register_and_list():
    names = Names()
    matched = match_people(RESIDENTS, PARTICIPANTS, names=names)
    R, P = "register", "participant"
    expected = persons(
        [
            # R2 = P2 by NIK, active PBPU.
            (R, 2, "active", "pbpu", K1, "001", "001", "F1", "nik", 2),
            # R3 = P3 by NIK, non-active PBPU: a PBPU arrears case.
            (R, 3, "to_reactivate", "pbpu", K1, "001", "001", "F1", "nik", 3),
            # R4 = P4 by NIK, active PBI APBN, but the list's address is in Kubu Raya: registered
            # elsewhere, and only that (the city's count does not hold R4).
            (R, 4, "registered_elsewhere", "pbi_apbn", K1, "001", "002", "F2", "nik", 4),
            # R5: NIK D on no list row, no identity: to visit.
            (R, 5, "to_visit", None, K1, "001", "002", "F2", None, None),
            # R6: NIK D again, after row 5: a duplicate and nothing else.
            (R, 6, "register_duplicate", None, K1, "001", "002", "F2", None, None),
            # R7 died; the list still holds them (P5, PPU): never to visit.
            (R, 7, "died_or_moved", "ppu", K1, "002", "001", "F3", "nik", 5),
            # R8 has no NIK (flagged) but its identity is P6's in K1, both female: active PBI APBD.
            (R, 8, "active", "pbi_apbd", K1, "002", "001", "F3", "identity", 6),
            (R, 8, "register_invalid_nik", "pbi_apbd", K1, "002", "001", "F3", "identity", 6),
            # R9's identity is P7's, but R9 is male and P7 female: no match. Same K2 and birth date,
            # names scored 91,7: to check against P7, and still to visit.
            (R, 9, "to_visit", None, K2, "001", "001", "F4", None, 7),
            (R, 9, "to_check", None, K2, "001", "001", "F4", None, 7),
            # R10: NIK H not listed; P8 shares K2 and birth date but scores 73,3: to visit only.
            (R, 10, "to_visit", None, K2, "001", "001", "F4", None, None),
            # R11: its NIK disagrees with its stated birth date (flagged), but P9 holds the same NIK:
            # matched by NIK (the stated date is the typo), active BP, the note kept.
            (R, 11, "active", "bp", K2, "002", "003", "F5", "nik", 9),
            (R, 11, "register_invalid_nik", "bp", K2, "002", "003", "F5", "nik", 9),
            # P2, P3, P4, P5, P9 are matched and valid: no category. P6 has no NIK: counted at R8's place.
            (P, 6, "participant_without_nik", "pbi_apbd", K1, "002", "001", "F3", "identity", 8),
            # P7: zero serial, unmatched, to check against R9 (at its own kelurahan, no RW/RT/KK).
            (P, 7, "to_check", "pbpu", K2, None, None, None, None, 9),
            (P, 7, "participant_invalid_nik", "pbpu", K2, None, None, None, None, 9),
            # P8: valid NIK J, address in K2, no resident J nor identity I8x.
            (P, 8, "participant_not_in_register", "pbpu", K2, None, None, None, None, None),
            # P10: NIK A and card c1 again, after P2.
            (P, 10, "participant_duplicate", "pbpu", K1, None, None, None, None, None),
            # P11: valid NIK M in K1, not in the register.
            (P, 11, "participant_not_in_register", "ppu", K1, None, None, None, None, None),
            # P12: address outside the city: not ours, no category.
            # P13: card c6 again (P7's), and no NIK.
            (P, 13, "participant_duplicate", "pbpu", K2, None, None, None, None, None),
            (P, 13, "participant_without_nik", "pbpu", K2, None, None, None, None, None),
        ]
    )
    assert_frame_equal(matched.persons, expected)
    # Names were decrypted only for the two close-name candidate pairs (same kelurahan and birth date).
    assert sorted(names.asked) == [("participant", 7), ("participant", 8), ("register", 9), ("register", 10)]


def test_counts_per_kelurahan_rw_and_rt_with_families():
    counts = match_people(RESIDENTS, PARTICIPANTS, names=Names()).counts
    by_kelurahan = counts("kelurahan").filter(pl.col("kemendagri_code") == K2)
    # K2: R9, R10 to visit (both F4: 1 family); R9 to check; R11 active BP and invalid NIK (F5);
    # P7 invalid NIK (its to_check row is R9's pair: counted once, as the resident R9);
    # P8 not in the register; P13 duplicate and without NIK (no KK).
    expected = pl.DataFrame(
        [
            (K2, "to_visit", None, 2, 1),
            (K2, "active", "bp", 1, 1),
            (K2, "to_check", None, 1, 1),
            (K2, "register_invalid_nik", "bp", 1, 1),
            (K2, "participant_duplicate", "pbpu", 1, None),
            (K2, "participant_without_nik", "pbpu", 1, None),
            (K2, "participant_invalid_nik", "pbpu", 1, None),
            (K2, "participant_not_in_register", "pbpu", 1, None),
        ],
        schema={"kemendagri_code": pl.String, "category": pl.String, "segment": pl.String,
                "persons": pl.UInt32, "families": pl.UInt32},
        orient="row",
    )  # fmt: skip
    assert_frame_equal(by_kelurahan, expected)
    # RW 001 of K1: R2, R3 (F1) and R4, R5, R6 (F2). Active: R2 PBPU; R4 is registered elsewhere only.
    by_rt = counts("rt").filter((pl.col("kemendagri_code") == K1) & (pl.col("rw") == "001"))
    expected_rt = pl.DataFrame(
        [
            (K1, "001", "001", "to_reactivate", "pbpu", 1, 1),
            (K1, "001", "001", "active", "pbpu", 1, 1),
            (K1, "001", "002", "to_visit", None, 1, 1),
            (K1, "001", "002", "registered_elsewhere", "pbi_apbn", 1, 1),
            (K1, "001", "002", "register_duplicate", None, 1, 1),
        ],
        schema={"kemendagri_code": pl.String, "rw": pl.String, "rt": pl.String, "category": pl.String,
                "segment": pl.String, "persons": pl.UInt32, "families": pl.UInt32},
        orient="row",
    )  # fmt: skip
    assert_frame_equal(by_rt, expected_rt)
    # Per RW of K1 to visit: only R5 in RW 001; RW 002 has R7 (died) and R8 (active): none.
    to_visit = counts("rw").filter((pl.col("kemendagri_code") == K1) & (pl.col("category") == "to_visit"))
    assert to_visit.select("rw", "persons", "families").rows() == [("001", 1, 1)]


def test_each_of_the_ten_residents_is_in_exactly_one_resident_category_and_they_add_up():
    matched = match_people(RESIDENTS, PARTICIPANTS, names=Names())
    register = matched.persons.filter(pl.col("side") == "register")
    one_each = register.filter(pl.col("category").is_in(RESIDENT_CATEGORIES)).group_by("source_row").len()
    assert sorted(one_each["source_row"]) == list(range(2, 12))  # R2..R11: every register row
    assert set(one_each["len"]) == {1}  # and once each
    totals = dict(matched.counts("kelurahan").group_by("category").agg(pl.col("persons").sum()).iter_rows())
    # to_visit R5, R9, R10 = 3; to_reactivate R3 = 1; registered_elsewhere R4 = 1 (active there,
    # not counted active); active R2, R8, R11 = 3; died_or_moved R7 = 1; register_duplicate R6 = 1.
    assert {c: totals.get(c, 0) for c in RESIDENT_CATEGORIES} == {
        "to_visit": 3,
        "to_reactivate": 1,
        "registered_elsewhere": 1,
        "active": 3,
        "died_or_moved": 1,
        "register_duplicate": 1,
    }
    assert sum(totals.get(c, 0) for c in RESIDENT_CATEGORIES) == 10  # 3 + 1 + 1 + 3 + 1 + 1: the ten rows
    # Notes beside: R9 to check (one pair R9-P7 counts 1, not 2), R8 and R11 invalid NIKs.
    assert (totals["to_check"], totals["register_invalid_nik"]) == (1, 2)
    assert set(RESIDENT_CATEGORIES) | set(REGISTER_NOTES) | set(PARTICIPANT_CATEGORIES) == set(CATEGORIES)


def test_a_resident_with_two_close_names_is_one_to_check():
    # R with no NIK on the list; two list rows of the same kelurahan and birth date without NIK and
    # with names close to R's (identity differs: other spellings): two pairs, one resident to check.
    residents = residents_frame([(2, "A", "F1", "IA", "female", D(1990, 1, 1), K1, "1", "1", "valid", None)])
    participants = participants_frame(
        [
            (2, None, "c1", "IB", "female", D(1990, 1, 1), "pbpu", True, K1, K1, "missing"),
            (3, None, "c2", "IC", "female", D(1990, 1, 1), "pbpu", True, K1, K1, "missing"),
        ]
    )
    spelled = {("register", 2): "SITI AMINAH", ("participant", 2): "SITI AMINA", ("participant", 3): "SITI AMINAHH"}

    def names(rows: pl.DataFrame) -> pl.DataFrame:
        return rows.with_columns(
            name=pl.struct("side", "source_row").map_elements(
                lambda r: spelled[(r["side"], r["source_row"])], return_dtype=pl.String
            )
        )

    matched = match_people(residents, participants, names=names)
    # Both pairs are kept (the list rows a person has to look at) ...
    assert matched.persons.filter(pl.col("category") == "to_check").height == 3  # R2, P2, P3
    # ... and counted as the one resident to check, in the area and in the total.
    counts = matched.counts("kelurahan").filter(pl.col("category") == "to_check")
    assert counts.select("kemendagri_code", "persons").rows() == [(K1, 1)]


def test_every_category_has_a_message_key_and_counts_use_only_them():
    assert set(CATEGORY_KEYS) == set(CATEGORIES)
    matched = match_people(RESIDENTS, PARTICIPANTS, names=Names())
    assert set(matched.persons["category"]) <= set(CATEGORIES)
    # Every category of this register is in play except none: all twelve occur.
    assert set(matched.persons["category"]) == set(CATEGORIES)


@pytest.mark.parametrize(("resident_sex", "participant_sex", "matched_by"), [
    ("male", "female", None),  # both stated and disagreeing: not the same person
    ("male", "male", "identity"),
    (None, "female", "identity"),  # stated on one side only: nothing contradicts
])  # fmt: skip
def test_identity_fallback_needs_the_sexes_to_agree_where_both_are_stated(resident_sex, participant_sex, matched_by):
    residents = residents_frame([(2, None, "F1", "I", resident_sex, D(1990, 1, 1), K1, "1", "1", "missing", None)])
    participants = participants_frame(
        [(2, None, "c", "I", participant_sex, D(1990, 1, 1), "pbpu", True, K1, K1, "missing")]
    )
    found = match_people(residents, participants).persons.filter(pl.col("side") == "register")
    categories = ["to_visit", "register_invalid_nik"] if matched_by is None else ["active", "register_invalid_nik"]
    assert found["category"].to_list() == categories
    assert found["matched_by"].to_list() == [matched_by] * 2


def test_identity_in_another_kelurahan_is_no_match():
    residents = residents_frame([(2, None, "F1", "I", "male", D(1990, 1, 1), K1, "1", "1", "missing", None)])
    participants = participants_frame([(2, None, "c", "I", "male", D(1990, 1, 1), "pbpu", True, K2, K2, "missing")])
    found = match_people(residents, participants).persons.filter(pl.col("side") == "register")
    assert found["category"].to_list() == ["to_visit", "register_invalid_nik"]


def test_an_identity_with_two_candidates_is_to_check_not_matched():
    # Two list rows without NIK carry the identity of one resident: which one is the resident is a
    # person's call.
    residents = residents_frame([(2, None, "F1", "I", "male", D(1990, 1, 1), K1, "1", "1", "missing", None)])
    participants = participants_frame(
        [
            (2, None, "c1", "I", "male", D(1990, 1, 1), "pbpu", True, K1, K1, "missing"),
            (3, None, "c2", "I", "male", D(1990, 1, 1), "pbpu", False, K1, K1, "missing"),
        ]
    )
    found = match_people(residents, participants).persons
    register = found.filter(pl.col("side") == "register")
    assert register.select("category", "matched_by", "partner_row").rows() == [
        ("to_visit", None, 2),
        ("to_check", None, 2),
        ("register_invalid_nik", None, 2),
    ]
    assert found.filter(pl.col("category") == "to_check")["source_row"].to_list() == [2, 2, 3]


def test_close_names_below_the_score_or_without_a_name_source_are_not_to_check():
    strict = match_people(RESIDENTS, PARTICIPANTS, names=Names(), close_name_score=95.0).persons
    assert strict.filter(pl.col("category") == "to_check").is_empty()  # 91,7 < 95
    loose = match_people(RESIDENTS, PARTICIPANTS, names=Names(), close_name_score=70.0).persons
    # 73,3 >= 70: R10 and P8 are now to check too, and still unmatched.
    assert loose.filter(pl.col("category") == "to_check").select("side", "source_row", "partner_row").rows() == [
        ("register", 9, 7),
        ("register", 10, 8),
        ("participant", 7, 9),
        ("participant", 8, 10),
    ]
    assert loose.filter(pl.col("source_row") == 10, pl.col("side") == "register")["matched_by"].to_list() == [None] * 2
    without = match_people(RESIDENTS, PARTICIPANTS).persons
    assert without.filter(pl.col("category") == "to_check").is_empty()


def test_register_counts_give_residents_and_participants_per_kelurahan():
    counts = match_people(RESIDENTS, PARTICIPANTS).register_counts
    # K1 residents: R2, R3, R4, R5, R8 (R6 a duplicate, R7 died); K2: R9, R10, R11.
    # K1 participants: P2, P3, P5, P6, P11 (P4, P12 elsewhere, P10 a duplicate); K2: P7, P8, P9 (P13 a duplicate).
    expected = pl.DataFrame(
        {"kemendagri_code": [K1, K2], "residents": [5, 3], "participants": [5, 3]},
        schema={"kemendagri_code": pl.String, "residents": pl.UInt32, "participants": pl.UInt32},
    )
    assert_frame_equal(counts, expected)


def test_recap_check_reports_kelurahan_over_the_tolerance_only():
    register_counts = pl.DataFrame(
        {"kemendagri_code": [K1, K2], "residents": [1000, 500], "participants": [900, 400]},
        schema={"kemendagri_code": pl.String, "residents": pl.UInt32, "participants": pl.UInt32},
    )
    # K1: 1000 against 1015 is -1,48% and 900 against 900: within 2%, not reported.
    # K2: 500 against 490 is +2,04% (over); 400 against 401 is -0,25%.
    recap = pl.DataFrame({"kemendagri_code": [K1, K2], "population": [1015, 490], "registered": [900, 401]})
    expected = pl.DataFrame(
        {
            "kemendagri_code": [K2],
            "residents": [500],
            "population": [490],
            "residents_difference": [10],
            "residents_difference_pct": [10 * 100 / 490],
            "participants": [400],
            "registered": [401],
            "participants_difference": [-1],
            "participants_difference_pct": [-100 / 401],
        }
    )
    assert_frame_equal(recap_check(register_counts, recap), expected)
    assert recap_check(register_counts, recap, tolerance_pct=1.0)["kemendagri_code"].to_list() == [K1, K2]


MEMBER_SCHEMA = {
    "batch_id": pl.Int32,
    "source_row": pl.Int32,
    "programme": pl.String,
    "nik_pseudonym": pl.String,
    "kk_pseudonym": pl.String,
    "nik_category": pl.String,
}


def test_recipient_verification_by_person_and_family():
    apbd = "PBI APBD 2026"
    members = pl.DataFrame(
        [
            (3, 2, apbd, h("A"), h("F1"), "valid"),  # F1, on no other list
            (3, 3, apbd, h("B"), None, "valid"),  # F1 through the register (R3)
            (3, 4, apbd, h("D"), None, "valid"),  # F2 through the register (R5); on no other list
            (3, 5, apbd, None, h("F3"), "missing"),  # a family listed by KK only; BANSOS lists that KK
            (3, 6, apbd, h("Z"), None, "valid"),  # no KK given, not in the register: no family
            (3, 7, apbd, h("G"), None, "valid"),  # F4 through the register (R9); also on PKH
            (4, 2, "PKH", h("G"), None, "valid"),
            (5, 2, "BANSOS", None, h("F3"), "missing"),
        ],
        schema=MEMBER_SCHEMA,
        orient="row",
    )
    verification = verify_recipients(members, RESIDENTS, PARTICIPANTS, apbd)
    # G (row 7) is on PKH: the one recipient funded elsewhere. C (R4, family F2) is active PBI APBN
    # on the BPJS list (P4), but C is not on the APBD list: D, F2's recipient, is paid for once.
    assert_frame_equal(
        verification.persons,
        pl.DataFrame(
            [(3, 7, h("G"), h("F4"), "programme", "PKH")],
            schema={"batch_id": pl.Int32, "source_row": pl.Int32, "nik_pseudonym": pl.String,
                    "kk_pseudonym": pl.String, "found_in": pl.String, "programme": pl.String},
            orient="row",
        ),
    )  # fmt: skip
    # Four families: F1 (A, B; 2 residents), F2 (D; residents C and D: R6 repeats D; C's PBI APBN
    # is other aid, not double funding), F3 (listed by KK only, as BANSOS lists it: elsewhere; the
    # register's living F3 is R8 without a valid NIK: 1 resident, 0 recipients by NIK, R7 died),
    # F4 (G on PKH; residents G and H).
    expected = pl.DataFrame(
        {
            "kk_pseudonym": [h("F1"), h("F2"), h("F3"), h("F4")],
            "persons": [2, 1, 0, 1],
            "register_persons": [2, 2, 1, 2],
            "elsewhere": [False, False, True, True],
            "programmes": [[], [], ["BANSOS"], ["PKH"]],
            "other_aid": [False, True, False, False],
            "other_programmes": [[], ["pbi_apbn"], [], []],
        },
        schema={"kk_pseudonym": pl.String, "persons": pl.UInt32, "register_persons": pl.UInt32,
                "elsewhere": pl.Boolean, "programmes": pl.List(pl.String), "other_aid": pl.Boolean,
                "other_programmes": pl.List(pl.String)},
    )  # fmt: skip
    assert_frame_equal(verification.families.sort("kk_pseudonym"), expected.sort("kk_pseudonym"))
    # 4 families, 2 funded elsewhere (F3, F4), 1 with other aid (F2); recipients A, B, D, Z, G = 5,
    # 1 of them elsewhere (G); Z's row has no family and is not in the register.
    assert (verification.family_count, verification.families_elsewhere, verification.families_other_aid) == (4, 2, 1)
    assert (verification.recipients, verification.persons_elsewhere) == (5, 1)
    assert (verification.rows_without_family, verification.rows_not_in_register) == (1, 1)


def test_a_family_enrolled_by_kk_has_its_living_residents_as_recipients():
    # The APBD list gives KK F2 only: its recipients are the register's living F2 with a valid NIK,
    # C (R4) and D (R5; R6 repeats D). C is active PBI APBN (P4): paid for twice, so F2 is elsewhere.
    apbd = "PBI APBD 2026"
    members = pl.DataFrame([(3, 2, apbd, None, h("F2"), "missing")], schema=MEMBER_SCHEMA, orient="row")
    verification = verify_recipients(members, RESIDENTS, PARTICIPANTS, apbd)
    assert verification.persons.select("source_row", "nik_pseudonym", "found_in", "programme").rows() == [
        (2, h("C"), "participants", "pbi_apbn")
    ]
    assert verification.families.select("persons", "register_persons", "elsewhere", "programmes").rows() == [
        (2, 2, True, ["pbi_apbn"])
    ]
    assert (verification.recipients, verification.persons_elsewhere, verification.rows_not_in_register) == (2, 1, 0)


@pytest.mark.parametrize("category", ["birth_date_mismatch", "sex_mismatch"])
def test_the_same_nik_on_both_lists_matches_though_the_rows_stated_date_or_sex_disagrees(category):
    # A resident whose stated birth date (or sex) is a typo against her own NIK, on the BPJS list with
    # the same NIK and active: she is insured, not a resident to visit; her row keeps the NIK note.
    residents = residents_frame([(2, "N", "F1", "I1", "female", D(1990, 1, 26), K1, "1", "1", category, None)])
    participants = participants_frame([(2, "N", "c", "I2", "female", D(1990, 1, 25), "pbpu", True, K1, K1, "valid")])
    found = match_people(residents, participants).persons
    register = found.filter(pl.col("side") == "register")
    assert register.select("category", "matched_by").rows() == [("active", "nik"), ("register_invalid_nik", "nik")]
    assert "participant_not_in_register" not in found["category"].to_list()


def test_a_nik_with_an_impossible_date_is_not_matched_by_nik():
    # invalid_birth_date: the digits are no real NIK, so the same digits on the list prove nothing; the
    # identity (name and birth date) is the fallback, and here it differs: to visit.
    residents = residents_frame(
        [(2, "N", "F1", "I1", "female", D(1990, 1, 26), K1, "1", "1", "invalid_birth_date", None)]
    )
    participants = participants_frame(
        [(2, "N", "c", "I2", "female", D(1990, 1, 25), "pbpu", True, K1, K1, "invalid_birth_date")]
    )
    register = match_people(residents, participants).persons.filter(pl.col("side") == "register")
    assert register["category"].to_list() == ["to_visit", "register_invalid_nik"]
