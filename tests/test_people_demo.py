"""The synthetic register and BPJS list: deterministic, agreeing with the demo's figures, NIKs well formed, mess as stated."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from uhc.core import gap
from uhc.core.nik import category_counts, nik_checks
from uhc.figures import SEGMENTS
from uhc.store import people_demo
from uhc.store.people_demo import Messy, People

D = dt.date
CITY = "61.71"
MONTHS = [D(2026, 1, 1), D(2025, 6, 1)]
NO_MESS = Messy(0, 0, 0, 0, 0, 0, 0, 0)


@pytest.fixture(scope="module", params=MONTHS, ids=lambda month: f"{month:%Y-%m}")
def people(request: pytest.FixtureRequest) -> tuple[dt.date, People]:
    return request.param, people_demo.demo_people(request.param)


@pytest.fixture(scope="module")
def january() -> People:
    return people_demo.demo_people(D(2026, 1, 1))


def city_kecamatan(frame: pl.DataFrame) -> list[str]:
    return sorted({code[:8] for code in frame["KODE_KELURAHAN"] if code.startswith(CITY)})


def test_same_seed_same_frames_other_seed_other_frames(january):
    again = people_demo.demo_people(D(2026, 1, 1))
    assert_frame_equal(again.residents, january.residents)
    assert_frame_equal(again.participants, january.participants)
    assert again.planted == january.planted
    other = people_demo.demo_people(D(2026, 1, 1), seed=13)
    assert other.residents.height == january.residents.height
    assert not other.residents["NIK"].equals(january.residents["NIK"])


def test_residents_per_kelurahan_are_the_demo_population(demo_store, people):
    month, drawn = people
    expected = (
        gap.gap_for_period(demo_store, month, "kelurahan", CITY)
        .select(KODE_KELURAHAN="kemendagri_code", residents=pl.col("population").cast(pl.UInt32))
        .sort("KODE_KELURAHAN")
    )
    counted = drawn.residents.unique().group_by("KODE_KELURAHAN").agg(residents=pl.len()).sort("KODE_KELURAHAN")
    assert_frame_equal(counted, expected)
    assert drawn.planted.residents == expected["residents"].sum()


def test_participants_per_kelurahan_and_segment_are_the_demo_figures(demo_store, people):
    month, drawn = people
    store_rows = demo_store.run("segments_by_region_month", code_length=13, scope_code=CITY, periods=[month])
    expected = (
        store_rows.unpivot(
            index="kemendagri_code",
            on=[f"{s}_{kind}" for s in SEGMENTS for kind in ("registered", "active")],
        )
        .with_columns(
            segment=pl.col("variable").str.replace(r"_(registered|active)$", ""),
            kind=pl.col("variable").str.extract(r"_(registered|active)$"),
        )
        .pivot(on="kind", index=["kemendagri_code", "segment"], values="value")
        .select(
            KODE_KELURAHAN="kemendagri_code",
            SEGMEN=pl.col("segment").replace_strict(people_demo.SEGMENT_LABELS),
            registered=pl.col("registered").cast(pl.Int64),
            active=pl.col("active").cast(pl.Int64),
        )
        .filter(pl.col("registered") > 0)
        .sort("KODE_KELURAHAN", "SEGMEN")
    )
    counted = (
        drawn.participants.unique()
        .filter(pl.col("KODE_KELURAHAN").str.starts_with(CITY))
        .group_by("KODE_KELURAHAN", "SEGMEN")
        .agg(registered=pl.len().cast(pl.Int64), active=(pl.col("STATUS") == "AKTIF").sum().cast(pl.Int64))
        .sort("KODE_KELURAHAN", "SEGMEN")
    )
    assert_frame_equal(counted, expected)
    assert drawn.planted.participants == expected["registered"].sum()


def test_every_resident_nik_is_valid_and_encodes_the_row(january):
    residents = january.residents
    checked = nik_checks(
        residents["NIK"],
        city_kecamatan(residents),
        D(2026, 1, 31),
        stated_birth_date=residents["TANGGAL_LAHIR"],
        stated_sex=residents["JENIS_KELAMIN"],
    )
    assert checked["nik_category"].cast(pl.String).unique().to_list() == ["valid"]
    assert_frame_equal(
        checked.select(TANGGAL_LAHIR="nik_birth_date"), residents.select("TANGGAL_LAHIR"), check_dtypes=False
    )
    # one NIK per person: only the planted duplicate rows repeat one
    assert residents["NIK"].n_unique() == january.planted.residents
    assert residents["NO_KK"].str.contains(r"^\d{16}$").all()
    assert residents["NO_KK"].str.slice(0, 6).is_in([c.replace(".", "") for c in city_kecamatan(residents)]).all()


def test_families_have_one_head_and_plausible_size(january):
    families = (
        january.residents.unique()
        .group_by("NO_KK")
        .agg(
            heads=(pl.col("HUBUNGAN") == "KEPALA KELUARGA").sum(),
            people=pl.len(),
            kelurahan=pl.col("KODE_KELURAHAN").n_unique(),
            rt_rw=pl.struct("RT", "RW").n_unique(),
        )
    )
    assert families["heads"].unique().to_list() == [1]
    assert families["kelurahan"].unique().to_list() == [1]
    assert families["rt_rw"].unique().to_list() == [1]
    assert families["people"].min() >= 1 and families["people"].max() <= 8
    assert 3.3 < families["people"].mean() < 3.8
    wives = january.residents.filter(pl.col("HUBUNGAN") == "ISTRI")
    assert wives["JENIS_KELAMIN"].unique().to_list() == ["P"]


def test_planted_nik_problems_are_what_the_nik_checks_find(january):
    participants = january.participants.unique()
    checked = nik_checks(
        participants["NIK"],
        city_kecamatan(january.residents),
        D(2026, 1, 31),
        stated_birth_date=participants["TGL_LAHIR"],
    )
    found = dict(category_counts(checked).iter_rows())
    planted = january.planted
    assert found == {
        "valid": participants.height - planted.participants_without_nik - planted.invalid_niks,
        "missing": planted.participants_without_nik,
        "digits_lost": planted.invalid_nik_digits_lost,
        "not_16_digits": planted.invalid_nik_not_16_digits,
        "unknown_region": 0,
        "invalid_birth_date": planted.invalid_nik_invalid_birth_date,
        "future_birth_date": 0,  # the generator plants no birth after the recap's month
        "zero_serial": planted.invalid_nik_zero_serial,
        "birth_date_mismatch": 0,
        "sex_mismatch": 0,
    }
    assert (planted.participants_without_nik, planted.invalid_niks) == (30, 12 + 10 + 6 + 8)


def test_planted_duplicates_and_addresses_elsewhere(january):
    planted = january.planted
    residents, participants = january.residents, january.participants
    assert residents.height - residents.unique().height == planted.resident_duplicate_rows == 25
    assert participants.height - participants.unique().height == planted.participant_duplicate_rows == 40
    elsewhere = participants.unique().filter(~pl.col("KODE_KELURAHAN").str.starts_with(CITY))
    assert elsewhere.height == planted.registered_elsewhere == 50
    assert elsewhere["KODE_KELURAHAN"].str.starts_with("61.12.").all()  # Kabupaten Kubu Raya
    # they are residents of the city, in its register under the same NIK, name and birth date
    assert elsewhere.join(residents.unique(), on="NIK", how="anti").height == 0
    assert (
        elsewhere.select("NIK", "NAMA", TANGGAL_LAHIR="TGL_LAHIR")
        .join(residents.select("NIK", "NAMA", "TANGGAL_LAHIR"), on=["NIK", "NAMA", "TANGGAL_LAHIR"], how="anti")
        .is_empty()
    )


def test_participants_outside_the_register(january):
    in_city = january.participants.unique().filter(pl.col("KODE_KELURAHAN").str.starts_with(CITY))
    checked = nik_checks(in_city["NIK"], city_kecamatan(january.residents), D(2026, 1, 31))
    well_formed = in_city.filter(checked["nik_category"] == "valid")
    outside = well_formed.join(january.residents, on="NIK", how="anti").height
    planted = january.planted
    # a participant outside the register may also be one whose NIK was broken
    assert (
        outside
        <= planted.participants_not_in_register
        <= outside + planted.participants_without_nik + planted.invalid_niks
    )
    assert planted.participants_not_in_register > 0.03 * planted.participants - 30


def test_a_small_city_worked_by_hand():
    counts = pl.DataFrame(
        {
            "kemendagri_code": ["61.71.01.1002", "61.71.02.1001"],
            "population": [10, 5],
            # 7 participants of 10 residents: all in the register (3% of 7 rounds to 0);
            # 6 participants of 5 residents: 1 outside it
            "pbi_apbn_registered": [3, 0],
            "pbi_apbn_active": [2, 0],
            "pbi_apbd_registered": [0, 0],
            "pbi_apbd_active": [0, 0],
            "ppu_registered": [4, 0],
            "ppu_active": [4, 0],
            "pbpu_registered": [0, 6],
            "pbpu_active": [0, 3],
            "bp_registered": [0, 0],
            "bp_active": [0, 0],
        }
    )
    drawn = people_demo.synthetic_people(counts, D(2026, 1, 31), ["61.12.01.2001"], messy=Messy(1, 1, 0, 0, 0, 0, 0, 2))
    residents, participants = drawn.residents, drawn.participants
    assert residents.height == 16 and participants.height == 13 + 2 + 1
    assert dict(residents.unique().group_by("KODE_KELURAHAN").len().iter_rows()) == {
        "61.71.01.1002": 10,
        "61.71.02.1001": 5,
    }
    in_city = participants.unique().filter(pl.col("KODE_KELURAHAN").str.starts_with(CITY))
    assert in_city.group_by("KODE_KELURAHAN", "SEGMEN", "STATUS").len().sort(pl.all()).rows() == [
        ("61.71.01.1002", "PBI APBN", "AKTIF", 2),
        ("61.71.01.1002", "PBI APBN", "NON AKTIF", 1),
        ("61.71.01.1002", "PPU", "AKTIF", 4),
        ("61.71.02.1001", "PBPU", "AKTIF", 3),
        ("61.71.02.1001", "PBPU", "NON AKTIF", 3),
    ]
    elsewhere = participants.unique().filter(pl.col("KODE_KELURAHAN") == "61.12.01.2001")
    assert elsewhere["STATUS"].to_list() == ["AKTIF", "AKTIF"]
    # of the 3 residents of 61.71.01.1002 not on its list
    assert elsewhere.join(residents.filter(pl.col("KODE_KELURAHAN") == "61.71.01.1002"), on="NIK").height == 2
    assert in_city.join(residents, on="NIK", how="anti").height == 1
    assert drawn.planted.participants_not_in_register == 1
    assert drawn.planted.registered_elsewhere == 2
    assert (
        participants.filter(pl.col("STATUS") == "NON AKTIF")["KETERANGAN"]
        .is_in(["DINONAKTIFKAN KEMENSOS", "MENUNGGAK IURAN"])
        .all()
    )
    assert (
        participants["NO_KARTU"].str.contains(r"^\d{13}$").all() and participants.unique()["NO_KARTU"].n_unique() == 15
    )


def test_the_non_active_mandiri_participants_and_no_one_else_have_months_of_arrears(january):
    listed = january.participants
    mandiri = listed["SEGMEN"].is_in([people_demo.SEGMENT_LABELS[s] for s in ("pbpu", "bp")])
    in_arrears = mandiri & (listed["STATUS"] == "NON AKTIF")
    months = listed["JML_BLN_TUNGGAK"]
    assert months.is_not_null().to_list() == in_arrears.to_list()
    # 1 to 36 months: some above the 24 the arrears rule counts
    assert (months.min(), months.max()) == (1, 36)
    assert (months > 24).sum() > 0
