"""Alerts: thresholds an editor sets, crossings raised once, by each import, in both languages."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest
import serang_like
from command_line import uhc
from polars.testing import assert_frame_equal

from uhc.core import alerts
from uhc.store.db import Store


def _month(m: int) -> dt.date:
    return dt.date(2025, m, 1)


def test_crossings_are_raised_once_per_crossing_and_again_on_recovery():
    # One kecamatan, six months; coverage against 98%, keaktifan against 80%, falls of more than 1 point:
    #   Jan 98,5 / 81,0
    #   Feb 97,9 / 80,5   coverage 98,5 -> 97,9: below 98 (fall 0,6: not more than 1)
    #   Mar 97,5 / 79,0   coverage still below: nothing; keaktifan 80,5 -> 79,0: below 80 and a fall of 1,5
    #   Apr 98,0 / 79,5   coverage 97,5 -> 98,0: back at 98 (98,0 >= 98)
    #   May  --  /  --    no data: compared with April from June on
    #   Jun 96,9 / 79,2   coverage 98,0 -> 96,9: below 98, a fall of 1,1 (> 1)
    series = pl.DataFrame(
        {
            "kemendagri_code": ["61.71.01"] * 6,
            "name": ["Pontianak Selatan"] * 6,
            "level": ["kecamatan"] * 6,
            "period": [_month(m) for m in range(1, 7)],
            "coverage_pct": [98.5, 97.9, 97.5, 98.0, None, 96.9],
            "activity_pct": [81.0, 80.5, 79.0, 79.5, None, 79.2],
        }
    )
    found = alerts.crossings(series, alerts.Thresholds(coverage_pct=98.0, activity_pct=80.0, fall_pp=1.0))
    expected = pl.DataFrame(
        {
            "period": [_month(2), _month(3), _month(3), _month(4), _month(6), _month(6)],
            "previous_period": [_month(1), _month(2), _month(2), _month(3), _month(4), _month(4)],
            "figure": ["coverage", "activity", "activity", "coverage", "coverage", "coverage"],
            "alert": ["below", "below", "fall", "recovered", "below", "fall"],
            "threshold": [98.0, 80.0, 1.0, 98.0, 98.0, 1.0],
            "value_before_pct": [98.5, 80.5, 80.5, 97.5, 98.0, 98.0],
            "value_pct": [97.9, 79.0, 79.0, 98.0, 96.9, 96.9],
        }
    )
    assert_frame_equal(found.select(expected.columns), expected)


def test_an_alert_switched_off_raises_nothing():
    series = pl.DataFrame(
        {
            "kemendagri_code": ["61.71"] * 2,
            "name": ["Kota Pontianak"] * 2,
            "level": ["kota"] * 2,
            "period": [_month(1), _month(2)],
            "coverage_pct": [98.5, 90.0],
            "activity_pct": [81.0, 70.0],
        }
    )
    assert alerts.crossings(series, alerts.Thresholds(None, None, None)).height == 0


def test_thresholds_round_trip_through_the_settings():
    chosen = alerts.Thresholds(coverage_pct=95.0, activity_pct=None, fall_pp=0.5)
    assert alerts.Thresholds.from_settings(chosen.settings()) == chosen
    assert alerts.Thresholds.from_settings({}) == alerts.Thresholds(98.0, 80.0, None)
    assert alerts.parse_threshold("98,5", "--coverage") == 98.5
    assert alerts.parse_threshold("off", "--fall") is None
    with pytest.raises(ValueError, match="--coverage must be above 0 and at most 100"):
        alerts.parse_threshold("120", "--coverage")


def _recap(folder: Path, name: str, changed: dict[str, tuple[int, ...]]) -> Path:
    """The Serang-like December recap with some kecamatan's figures replaced (registered, active, 5 segments)."""
    rows = {code: row[2:] for code, row in serang_like.KECAMATAN.items()} | changed
    path = folder / name
    path.write_text(
        "Kode;Kecamatan;Jumlah Peserta;Peserta Aktif;PBI APBN;PBI APBD;PPU;PBPU;BP\n"
        + "".join(
            f"{code};{serang_like.KECAMATAN[code][0]};" + ";".join(f"{n:_}".replace("_", ".") for n in numbers) + "\n"
            for code, numbers in rows.items()
        ),
        encoding="utf-8",
    )
    return path


# January 2026 against December 2025 (tests/serang_like.py; population S1 2025):
#   Kasemen   registered 14.800 -> 14.650 of 15.000: 98,67% -> 97,67%, below 98% (PBPU 3.300 -> 3.150)
#   Taktakan  active 15.400 -> 15.840 of 19.800: 77,78% -> 80,00%, back at 80%
#   the city  99.040 / 100.000 = 99,04% (above 98%); 73.543 / 99.040 = 74,26% (still below 80%: no alert)
JANUARY = {
    "36.73.02": (14_650, 10_500, 7_000, 1_500, 2_500, 3_150, 500),
    "36.73.06": (19_800, 15_840, 8_000, 2_000, 5_200, 4_000, 600),
}
# February: Kasemen 14.600 of 15.000 = 97,33%: still below 98% (no new alert), a fall of 0,33 points
FEBRUARY = JANUARY | {"36.73.02": (14_600, 10_500, 7_000, 1_500, 2_500, 3_100, 500)}


@pytest.fixture
def serang_store(tmp_path: Path) -> Path:
    return serang_like.serang_like_store(tmp_path)


def test_each_import_lists_the_alerts_it_raised_once(serang_store: Path, tmp_path: Path):
    january = _recap(tmp_path, "rekap_januari_2026.csv", JANUARY)
    done = uhc("--db", serang_store, "import", "coverage", january, "--period", "2026-01")
    assert done.returncode == 0, done.stderr
    assert (
        "2 notifikasi ambang terpicu:\n"
        "  Kasemen, Januari 2026: cakupan turun di bawah 98% (98,67% → 97,67%)\n"
        "  Taktakan, Januari 2026: keaktifan naik ke 80% atau lebih (77,78% → 80,00%)\n"
    ) in done.stdout

    again = uhc("--db", serang_store, "import", "coverage", january, "--period", "2026-01", "--lang", "en")
    assert again.returncode == 0 and "alert" not in again.stdout  # the same figures: nothing written, nothing raised

    # Kasemen stays below 98% in February: no second alert, until an editor asks for falls of more than 0,3 points
    assert uhc("--db", serang_store, "alerts", "--fall", "0,3").returncode == 0
    february = _recap(tmp_path, "rekap_februari_2026.csv", FEBRUARY)
    done = uhc("--db", serang_store, "import", "coverage", february, "--period", "2026-02", "--lang", "en")
    assert done.returncode == 0, done.stderr
    # 97,6667 - 97,3333 = 0,33 points > 0,3
    assert (
        "1 alert raised:\n"
        "  Kasemen, February 2026: coverage fell 0.33 points in a month, more than the limit of 0.3 points "
        "(97.67% → 97.33%)\n"
    ) in done.stdout

    history = json.loads(uhc("--db", serang_store, "history", "--format", "json").stdout)
    summaries = {row["file_name"]: row["summary"] for row in history}
    assert summaries["rekap_januari_2026.csv"].endswith("; 2 notifikasi ambang")
    assert summaries["rekap_februari_2026.csv"].endswith("; 1 notifikasi ambang")
    assert "notifikasi ambang" not in summaries["rekap_desember_2025.csv"]


def test_alerts_since_a_month_as_json_and_table(serang_store: Path, tmp_path: Path):
    for name, month, rows in (("jan.csv", "2026-01", JANUARY), ("feb.csv", "2026-02", FEBRUARY)):
        assert (
            uhc("--db", serang_store, "import", "coverage", _recap(tmp_path, name, rows), "--period", month).returncode
            == 0
        )
    assert uhc("--db", serang_store, "alerts", "--fall", "0,3").returncode == 0
    done = uhc("--db", serang_store, "alerts", "--since", "2026-01", "--format", "json", "--lang", "en")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["thresholds"] == {"coverage_pct": 98.0, "activity_pct": 80.0, "fall_pp": 0.3}
    # January: Kasemen below 98% and a fall of 98,67 - 97,67 = 1,00 > 0,3; Taktakan back at 80%.
    # February: Kasemen's fall of 0,33. The city's coverage falls 0,15 and 0,05 points: under 0,3.
    assert [(a["period"], a["kemendagri_code"], a["figure"], a["alert"]) for a in out["alerts"]] == [
        ("2026-01", "36.73.02", "coverage", "below"),
        ("2026-01", "36.73.02", "coverage", "fall"),
        ("2026-01", "36.73.06", "activity", "recovered"),
        ("2026-02", "36.73.02", "coverage", "fall"),
    ]
    assert out["alerts"][0]["value_before_pct"] == pytest.approx(14_800 / 150)
    assert out["alerts"][0]["text"] == "Kasemen, January 2026: coverage fell below 98% (98.67% → 97.67%)"

    table = uhc("--db", serang_store, "alerts", "--since", "2026-02").stdout.splitlines()
    assert (
        table[0]
        == "Ambang notifikasi: cakupan di bawah 98%; keaktifan di bawah 80%; turun lebih dari 0,3 poin dalam sebulan"
    )
    assert table[1].split() == ["Bulan", "Kode", "Wilayah", "Angka", "Notifikasi", "Sebelumnya", "Sesudah"]
    assert table[2].split() == ["2026-02", "36.73.02", "Kasemen", "cakupan", "turun", "tajam", "97,67%", "97,33%"]
    assert len(table) == 3


def test_thresholds_are_kept_in_the_store_and_bad_ones_refused(serang_store: Path):
    refused = uhc("--db", serang_store, "alerts", "--coverage", "98%")
    assert refused.returncode == 2 and "nothing was changed" in refused.stderr
    assert uhc("--db", serang_store, "alerts", "--keaktifan", "off", "--coverage", "95").returncode == 0
    with Store.open(serang_store, read_only=True) as store:
        assert alerts.stored_thresholds(store) == alerts.Thresholds(coverage_pct=95.0, activity_pct=None, fall_pp=None)


def test_a_restore_raises_the_crossings_its_figures_bring_back(serang_store: Path, tmp_path: Path):
    january = _recap(tmp_path, "rekap_januari_2026.csv", JANUARY)
    assert uhc("--db", serang_store, "import", "coverage", january, "--period", "2026-01").returncode == 0
    # a corrected January: Kasemen at 14.800 again (98,67%), so its fall below 98% is gone; Taktakan stays at 80,00%
    corrected = _recap(tmp_path, "rekap_januari_2026_revisi.csv", {"36.73.06": JANUARY["36.73.06"]})
    done = uhc("--db", serang_store, "import", "coverage", corrected, "--period", "2026-01")
    assert done.returncode == 0 and "notifikasi" not in done.stdout
    history = json.loads(uhc("--db", serang_store, "history", "--format", "json").stdout)
    first = next(row["batch_id"] for row in history if row["file_name"] == "rekap_januari_2026.csv")
    restored = uhc("--db", serang_store, "restore", str(first), "--lang", "en")
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.splitlines()[-2:] == [
        "1 alert raised:",
        "  Kasemen, January 2026: coverage fell below 98% (98.67% → 97.67%)",
    ]


def test_a_month_that_leaves_out_kelurahan_is_not_compared():
    # The city 61.71 at 99% in January, a February file of one kelurahan (its sum: 7%), March complete
    # at 97,5%: February is skipped, March is compared with January: 99 -> 97,5 crosses 98% once.
    series = pl.DataFrame(
        {
            "kemendagri_code": ["61.71"] * 3,
            "name": ["Kota Pontianak"] * 3,
            "level": ["kota"] * 3,
            "period": [dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1)],
            "coverage_pct": [99.0, 7.0, 97.5],
            "activity_pct": [85.0, 85.0, 85.0],
        }
    )
    missing = pl.DataFrame({"period": [dt.date(2026, 2, 1)], "kemendagri_code": ["61.71.01.1002"]})
    kept = alerts.complete_months(series, missing)
    assert kept["period"].to_list() == [dt.date(2026, 1, 1), dt.date(2026, 3, 1)]
    found = alerts.crossings(kept, alerts.Thresholds(coverage_pct=98.0, activity_pct=80.0, fall_pp=None))
    assert found.select("period", "figure", "alert", "value_before_pct", "value_pct").rows() == [
        (dt.date(2026, 3, 1), "coverage", "below", 99.0, 97.5)
    ]
    # a kelurahan of another city missing changes nothing here
    other = pl.DataFrame({"period": [dt.date(2026, 2, 1)], "kemendagri_code": ["36.73.01.1001"]})
    assert alerts.complete_months(series, other).height == 3


# The demo's January 2026 (uhc/store/demo.py, kelurahan level, Dukcapil S2 2025) as a February recap with two
# kelurahan changed (registered, active):
#   61.71.01.1002 Benuamelayu Laut  26.099 / 21.282 -> 26.099 / 20.700: keaktifan 21.282 / 26.099 = 81,54%
#                                   -> 20.700 / 26.099 = 79,31%, below 80%
#   61.71.02.1002 Banjar Serasan    10.961 / 9.202 -> 11.100 / 9.202 of 11.289 residents: coverage
#                                   10.961 / 11.289 = 97,09% -> 11.100 / 11.289 = 98,33%, back at 98%
# Their kecamatan and the city cross nothing: Pontianak Selatan's keaktifan 79.548 / 101.161 = 78,64% was below
# 80% already ((79.548 - 582) / 101.161 = 78,06%); Pontianak Timur 92.175 / 95.964 = 96,05% -> 92.314 / 95.964
# = 96,20%, still below 98%; the city 99,05% -> 99,07% and 81,20% -> 81,11% stay above.
FEBRUARY_KELURAHAN = {"61.71.01.1002": (26_099, 20_700), "61.71.02.1002": (11_100, 9_202)}
KELURAHAN_ALERTS_ID = [
    "Benuamelayu Laut (Pontianak Selatan), Februari 2026: keaktifan turun di bawah 80% (81,54% → 79,31%)",
    "Banjar Serasan (Pontianak Timur), Februari 2026: cakupan naik ke 98% atau lebih (97,09% → 98,33%)",
]


def kelurahan_february(db: Path, folder: Path) -> Path:
    """The demo store's January 2026 kelurahan figures as a February recap, with FEBRUARY_KELURAHAN changed."""
    from uhc.core import gap

    with Store.open(db, read_only=True) as store:
        january = gap.gap_for_period(store, dt.date(2026, 1, 1), "kelurahan", "61.71")
    # the title names the month, as a branch office writes it (the Data page then needs no month chosen)
    lines = [
        "REKAP KEPESERTAAN JKN KOTA PONTIANAK",
        "Posisi: Februari 2026",
        "",
        "No;Kode Wilayah;Kelurahan;Jumlah Peserta;Peserta Aktif",
    ]
    rows = january.select("kemendagri_code", "name", "registered", "active").rows()
    for number, (code, name, registered, active) in enumerate(rows, start=1):
        registered, active = FEBRUARY_KELURAHAN.get(code, (registered, active))
        lines.append(f"{number};{code};{name};{registered:_};{active:_}".replace("_", "."))
    path = folder / "rekap_februari_2026.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_import_raises_alerts_at_kelurahan_level(store_copy: Path, tmp_path: Path):
    february = kelurahan_february(store_copy, tmp_path)
    done = uhc("--db", store_copy, "import", "coverage", february, "--period", "2026-02")
    assert done.returncode == 0, done.stderr
    assert ("2 notifikasi ambang terpicu:\n" + "".join(f"  {line}\n" for line in KELURAHAN_ALERTS_ID)) in done.stdout

    listed = json.loads(uhc("--db", store_copy, "alerts", "--since", "2026-02", "--format", "json").stdout)
    assert [(a["kemendagri_code"], a["level"], a["figure"], a["alert"]) for a in listed["alerts"]] == [
        ("61.71.01.1002", "kelurahan", "activity", "below"),
        ("61.71.02.1002", "kelurahan", "coverage", "recovered"),
    ]
    assert listed["alerts"][0]["value_pct"] == pytest.approx(20_700 / 26_099 * 100)
    assert [a["text"] for a in listed["alerts"]] == KELURAHAN_ALERTS_ID
    # --level kecamatan leaves the kelurahan out: nothing at the city or kecamatan crossed in February
    table = uhc("--db", store_copy, "alerts", "--since", "2026-02", "--level", "kecamatan", "--lang", "en").stdout
    assert table.splitlines()[1:] == ["No threshold was crossed."]
    history = json.loads(uhc("--db", store_copy, "history", "--format", "json").stdout)
    assert history[0]["summary"].endswith("; 2 notifikasi ambang")


def test_kelurahan_names_carry_their_kecamatan():
    # Serang has two kelurahan named Sukawana: the alert names each one's kecamatan
    kelurahan = pl.DataFrame(
        {"kemendagri_code": ["36.73.01.1001", "36.73.04.1002", "36.73.09.1001"], "name": ["Sukawana"] * 3}
    )
    kecamatan = pl.DataFrame({"kemendagri_code": ["36.73.01", "36.73.04"], "name": ["Serang", "Curug"]})
    assert alerts.with_kecamatan_names(kelurahan, kecamatan)["name"].to_list() == [
        "Sukawana (Serang)",
        "Sukawana (Curug)",
        "Sukawana",  # a kecamatan the store does not name: the kelurahan's own name
    ]
