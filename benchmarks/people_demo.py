"""Time the synthetic register and BPJS list (uhc.store.people_demo) at Jakarta Barat size.

    .venv/bin/python benchmarks/people_demo.py [--residents N] [--runs R]

Jakarta Barat (31.73) with its real kelurahan codes and 2.400.000 residents split over them by a
fixed pattern; participants are 98% of the residents, in the Pontianak demo's segment shares for
January 2026, and 80% of them active. Prints the median seconds of the runs and the peak memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from uhc.figures import SEGMENTS
from uhc.store import demo, people_demo
from uhc.store.regions import city_region_tree, kab_kota

JAKARTA_BARAT = "31.73"


def jakarta_barat_counts(residents: int) -> pl.DataFrame:
    """Residents and participants per kelurahan of Jakarta Barat adding up to ``residents``."""
    tree = city_region_tree(kab_kota(JAKARTA_BARAT))
    codes = tree.filter(pl.col("level") == "kelurahan")["kemendagri_code"].sort().to_list()
    weights = 0.6 + 0.8 * (np.arange(len(codes)) * 37 % 11) / 10
    population = demo.apportion(residents, weights)
    city = people_demo.demo_counts(dt.date(2026, 1, 1))
    shares = np.array([city[f"{s}_registered"].sum() for s in SEGMENTS], dtype=float)
    columns: dict[str, np.ndarray] = {}
    for j, segment in enumerate(SEGMENTS):
        registered = np.floor(population * 0.98 * shares[j] / shares.sum()).astype(np.int64)
        columns[f"{segment}_registered"] = registered
        columns[f"{segment}_active"] = np.floor(registered * 0.8).astype(np.int64)
    return pl.DataFrame({"kemendagri_code": codes, "population": population, **columns})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=2_400_000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    counts = jakarta_barat_counts(arguments.residents)
    elsewhere = ["36.71.01.1001"]  # Kota Tangerang, a neighbour
    seconds = []
    for _ in range(arguments.runs):
        start = time.perf_counter()
        planted = people_demo.synthetic_people(counts, dt.date(2026, 1, 31), elsewhere).planted
        seconds.append(time.perf_counter() - start)  # the frames are dropped before the next run
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(
        f"{planted.residents:,} residents in {counts.height} kelurahan, {planted.participants:,} participants: "
        f"median {statistics.median(seconds):.1f} s of {arguments.runs} runs, peak {peak_gb:.2f} GB"
    )


if __name__ == "__main__":
    main()
