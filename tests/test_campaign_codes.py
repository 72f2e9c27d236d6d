"""The campaign's vocabulary (uhc/core/campaign.py): result numbers and words, references, masked NIKs."""

import pytest

from uhc.core import campaign


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        (1, "enrolled"),
        (1.0, "enrolled"),
        ("1", "enrolled"),
        (" 6 ", "not_at_address"),
        ("terdaftar", "enrolled"),
        ("Aktif-Kembali", "reactivated"),
        ("TERDAFTAR_DI  TEMPAT LAIN", "registered_elsewhere"),
        ("Not at address", "not_at_address"),
        ("meninggal", "died"),
        ("to_check", "to_check"),
    ],
)
def test_a_result_is_read_from_its_number_or_a_word_in_either_language(cell, code):
    assert campaign.read_result(cell).code == code


@pytest.mark.parametrize("cell", [0, 9, 1.5, "", "SUDAH", "TERDAFTAR?", True])
def test_anything_else_is_no_result(cell):
    assert campaign.read_result(cell) is None


def test_the_numbers_are_one_to_eight_each_once():
    assert sorted(result.number for result in campaign.RESULTS) == list(range(1, 9))
    # Only enrolled and reactivated make a person a participant again, and both say as which segment.
    assert [r.code for r in campaign.RESULTS if r.covered] == ["enrolled", "reactivated"]
    assert [r.code for r in campaign.RESULTS if r.needs_segment] == ["enrolled", "reactivated"]


def test_a_reference_is_written_and_read_back():
    reference = campaign.Reference(12, "register", 3, 1045)
    assert str(reference) == "12-R3-1045"
    assert campaign.read_reference(" 12-r3-1045 ") == reference
    assert campaign.read_reference("7-P4-2") == campaign.Reference(7, "participant", 4, 2)


@pytest.mark.parametrize("cell", ["12-X3-1045", "12-R3", "R3-1045", "12-R3-1045-1", "12 R3 1045", ""])
def test_a_malformed_reference_is_none(cell):
    assert campaign.read_reference(cell) is None


def test_the_masked_nik_keeps_the_first_and_last_four_digits():
    # 6171 (Kota Pontianak) + 8 dots + 0012: 4 + 8 + 4 = 16 characters.
    masked = campaign.mask_nik("6171011708850012")
    assert masked == "6171\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u20220012"
    assert len(masked) == 16
    assert campaign.mask_nik("617101170885001") is None
    assert campaign.mask_nik("61710117088500AB") is None
