"""The UHC Awards tiers (uhc/core/awards.py): the tier met and what the next lacks, worked out by hand.

Tiers as migration 0010 stores them, from January 2026: Utama >= 99% coverage, >= 95% keaktifan and
Pemda-funded residents >= 18% of the population; Madya >= 98% and >= 85%; Pratama >= 98% and >= 80%.
"""

from __future__ import annotations

import datetime as dt

import pytest

from uhc.core import awards
from uhc.store.db import Store

D = dt.date


@pytest.fixture(scope="module")
def tiers(tmp_path_factory):
    """The tiers as a new store holds them (migration 0010)."""
    with Store.open(tmp_path_factory.mktemp("tiers") / "tiers.duckdb") as store:
        return store.run("uhc_award_tier")


def city(population: int, registered: int, active: int) -> dict:
    return {"population": population, "registered": registered, "active": active}


def test_the_tiers_are_in_force_from_january_2026(tiers):
    assert awards.tiers_in_force(D(2026, 1, 1), tiers)["tier"].to_list() == ["utama", "madya", "pratama"]
    assert awards.tiers_in_force(D(2025, 12, 1), tiers).height == 0
    # no tiers in force: nothing to say
    assert (
        awards.award_status(city(100_000, 99_190, 73_103), 2_000, awards.tiers_in_force(D(2025, 12, 1), tiers)) is None
    )


@pytest.mark.parametrize(
    ("row", "pemda", "met", "next_tier", "id_sentence"),
    [
        # The demo city, January 2026: 683.706 of 690.277 (99,05%), 555.169 active (81,20%), 161.843 PBI APBD.
        # Pratama met; Madya: 0,85 x 683.706 = 581.150,1 -> 581.151 - 555.169 = 25.982 active; coverage met
        # (0,98 x 690.277 = 676.471,46 -> 676.472 <= 683.706).
        (
            city(690_277, 683_706, 555_169),
            161_843,
            "pratama",
            awards.Lacking("madya", 0, 25_982, 0),
            "UHC Awards (syarat sejak Januari 2026): memenuhi UHC Awards Pratama. Untuk UHC Awards Madya masih "
            "kurang 25.982 peserta aktif (keaktifan).",
        ),
        # Madya met (98.000 <= 98.500; 0,85 x 98.500 = 83.725 <= 85.000). Utama: 99.000 - 98.500 = 500
        # registered; 0,95 x 98.500 = 93.575 - 85.000 = 8.575 active; 18% of 100.000 = 18.000 - 17.000 = 1.000.
        (
            city(100_000, 98_500, 85_000),
            17_000,
            "madya",
            awards.Lacking("utama", 500, 8_575, 1_000),
            "UHC Awards (syarat sejak Januari 2026): memenuhi UHC Awards Madya. Untuk UHC Awards Utama masih "
            "kurang 500 peserta terdaftar (cakupan) dan 8.575 peserta aktif (keaktifan) dan 1.000 penduduk "
            "didaftarkan Pemda (PBI APBD).",
        ),
        # Utama met exactly: 99.000 <= 99.500; 0,95 x 99.500 = 94.525 <= 95.000; 18.000 >= 18% of 100.000.
        (
            city(100_000, 99_500, 95_000),
            18_000,
            "utama",
            None,
            "UHC Awards (syarat sejak Januari 2026): memenuhi UHC Awards Utama. Itu tingkat tertinggi.",
        ),
        # Serang-like (99,19%, 73,70%): no tier; Pratama lacks 0,80 x 99.190 = 79.352 - 73.103 = 6.249 active.
        (
            city(100_000, 99_190, 73_103),
            2_000,
            None,
            awards.Lacking("pratama", 0, 6_249, 0),
            "UHC Awards (syarat sejak Januari 2026): belum memenuhi tingkat mana pun. Untuk UHC Awards Pratama "
            "masih kurang 6.249 peserta aktif (keaktifan).",
        ),
        # Utama's figures but no PBI APBD figure this month: Utama cannot be told, Madya is met.
        (
            city(100_000, 99_500, 95_000),
            None,
            "madya",
            awards.Lacking("utama", 0, 0, None),
            "UHC Awards (syarat sejak Januari 2026): memenuhi UHC Awards Madya. Untuk UHC Awards Utama masih "
            "kurang data PBI APBD bulan ini (porsi penduduk didaftarkan Pemda tidak dapat dinilai).",
        ),
    ],
)
def test_the_tier_met_and_what_the_next_lacks(tiers, row, pemda, met, next_tier, id_sentence):
    status = awards.award_status(row, pemda, awards.tiers_in_force(D(2026, 1, 1), tiers))

    assert status is not None
    assert (status.met, status.next_tier) == (met, next_tier)
    assert awards.award_sentence(status, "id") == id_sentence


def test_the_sentence_in_english(tiers):
    status = awards.award_status(city(690_277, 683_706, 555_169), 161_843, awards.tiers_in_force(D(2026, 1, 1), tiers))
    assert awards.award_sentence(status, "en") == (
        "UHC Awards (conditions since January 2026): UHC Awards Pratama met. UHC Awards Madya still needs 25,982 "
        "more active participants (activity)."
    )
