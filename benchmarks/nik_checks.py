"""Time the NIK checks (uhc.core.nik.nik_checks) on 2.400.000 synthetic NIKs.

    .venv/bin/python benchmarks/nik_checks.py [--rows N]

The NIKs are made up: every kecamatan code of the gazetteer in turn, days 1-28 (plus 40 on every
other row), every month and two-digit year, serials 0001-9999; every tenth carries Excel's leading
apostrophe and one in a thousand is Excel's 6.17101E+15. Prints the median of five runs with a
stated sex and of three without, and the rows per category.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from uhc.core import nik
from uhc.store import regions


def synthetic_niks(rows: int, kecamatan_codes: list[str]) -> tuple[pl.Series, pl.Series]:
    """(NIKs as text, the sex each states as L/P) for ``rows`` made-up people."""
    i = pl.int_range(0, rows, eager=True)
    region = pl.Series([code.replace(".", "") for code in kecamatan_codes])
    women = i % 2 == 1
    frame = pl.DataFrame({"i": i}).with_columns(
        region=region.gather(i % len(kecamatan_codes)),
        day=(i % 28 + 1) + pl.when(women).then(40).otherwise(0),
        month=i % 12 + 1,
        yy=i % 100,
        serial=i % 9999 + 1,
    )
    digits = frame.select(
        pl.format(
            "{}{}{}{}{}",
            "region",
            *(pl.col(name).cast(pl.String).str.zfill(width) for name, width in (("day", 2), ("month", 2), ("yy", 2))),
            pl.col("serial").cast(pl.String).str.zfill(4),
        )
    ).to_series()
    values = pl.select(
        pl.when(i % 10 == 0)
        .then(pl.lit("'") + digits)
        .when(i % 1000 == 1)
        .then(pl.lit("6.17101E+15"))
        .otherwise(digits)
    ).to_series()
    sex = pl.select(pl.when(women).then(pl.lit("P")).otherwise(pl.lit("L"))).to_series()
    return values, sex


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_400_000)
    rows = parser.parse_args().rows
    codes = sorted(regions.kecamatan_codes())
    values, sex = synthetic_niks(rows, codes)
    on = dt.date(2026, 12, 3)
    for label, runs, stated_sex in (("NIK and stated sex", 5, sex), ("NIK alone", 3, None)):
        seconds = []
        for _ in range(runs):
            start = time.perf_counter()
            checked = nik.nik_checks(values, codes, on, stated_sex=stated_sex)
            seconds.append(time.perf_counter() - start)
        print(f"{rows:,} values, {label}: median {statistics.median(seconds):.2f} s of {runs} runs")
    print(nik.category_counts(checked))


if __name__ == "__main__":
    main()
