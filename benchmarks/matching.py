"""Benchmark door-to-door matching at Jakarta Barat scale: 2,4 M register rows against 2,3 M BPJS rows.

    .venv/bin/python benchmarks/matching.py [--residents N] [--keep DIR]

1. In a subprocess, generates a synthetic register and BPJS list for Jakarta Barat (31.73, its real
   56 kelurahan) with uhc.store.people_demo, written as the CSV files an office would send
   (not timed: it stands for the files arriving).
2. Runs the real commands one after another, each in its own process as a city runs them, against
   a new store holding Jakarta Barat's region tree and an editor: ``register import``,
   ``participants import``, ``match``: reading, checking NIKs, pseudonymising, encrypting, storing
   and matching, end to end. Prints the wall time, CPU time and peak memory of each (from the
   kernel's account of the process), the total against the target (60 s on 2 cores), the largest
   peak against its target (4 GB) and the load average: on a machine shared with other work the
   wall time says little, the CPU time more.
3. Times the stored counts of one kelurahan (the first run and the median of the next five;
   target 0,2 s), as a page would read them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

TARGETS = {"end_to_end": 60.0, "peak_rss": 4 * 1024**3, "kelurahan_counts": 0.2}
EDITOR, PASSWORD = "bench-editor", "bench-password-1234"
JAKARTA_BARAT = "31.73"


def generate(folder: Path, residents: int) -> dict:
    """Write register.csv and participants.csv for Jakarta Barat into ``folder``."""
    sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))
    from people_demo import jakarta_barat_counts  # the benchmark's own Jakarta Barat split

    from uhc.store import people_demo

    counts = jakarta_barat_counts(residents)
    drawn = people_demo.synthetic_people(counts, dt.date(2026, 1, 31), ["36.71.01.1001"])
    drawn.residents.write_csv(folder / "register.csv", separator=";")
    drawn.participants.write_csv(folder / "participants.csv", separator=";")
    return {
        "register_rows": drawn.residents.height,
        "participant_rows": drawn.participants.height,
        "kelurahan": counts.height,
    }


def _command(*argv: str, stdin: str = "") -> dict:
    """Run ``python -m uhc ARGV`` in its own process, as a city runs each command: its wall time,
    CPU time (user + system, all threads) and peak memory, from the kernel's account of the child."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "uhc", *argv],
        cwd=PROJECT_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert child.stdin is not None and child.stderr is not None
    child.stdin.write(stdin.encode())
    child.stdin.close()
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        sys.exit(f"uhc {' '.join(argv)} failed with {child.returncode}: {errors.decode()[-2000:]}")
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss * 1024}


def measure(folder: Path) -> dict:
    """The commands end to end on the files in ``folder``, each in its own process."""
    from uhc.store import auth, keys, seed
    from uhc.store.db import Store

    store_path, key_path = folder / "jakarta-barat.duckdb", folder / "city.key"
    for stale in (store_path, Path(f"{store_path}.wal"), key_path):
        stale.unlink(missing_ok=True)
    with Store.open(store_path) as store:
        seed.add_city(store, JAKARTA_BARAT)
        auth.add_user(store, EDITOR, PASSWORD, "editor")
    keys.create_key_file(key_path)
    login = ("--user", EDITOR, "--password-stdin", "--key-file", str(key_path))
    base = ("--db", str(store_path))
    steps = {
        "register_import": (*base, "register", "import", str(folder / "register.csv"), *login),
        "participants_import": (*base, "participants", "import", str(folder / "participants.csv"), *login),
        "match": (*base, "match", "--format", "json", *login),
    }
    figures: dict = {}
    for name, argv in steps.items():
        done = _command(*argv, stdin=PASSWORD + "\n")
        figures[name], figures[f"{name}_cpu"], figures[f"{name}_rss"] = done["seconds"], done["cpu"], done["rss"]
    figures["end_to_end"] = sum(figures[name] for name in steps)
    figures["cpu_seconds"] = sum(figures[f"{name}_cpu"] for name in steps)
    figures["peak_rss"] = max(figures[f"{name}_rss"] for name in steps)
    figures["load_average"] = os.getloadavg()[0]
    with Store.open(store_path, read_only=True) as store:
        run_id = int(store.run("match_run")["run_id"][0])
        code = store.run("region_tree", scope_code=JAKARTA_BARAT).filter(level="kelurahan")["kemendagri_code"][0]
        seconds = []
        for _ in range(6):
            start = time.perf_counter()
            store.run("match_count_of_area", run_id=run_id, kemendagri_code=code)
            seconds.append(time.perf_counter() - start)
    figures["kelurahan_counts_cold"] = seconds[0]
    figures["kelurahan_counts"] = statistics.median(seconds[1:])
    figures["store_bytes"] = store_path.stat().st_size
    return figures


def _subprocess(*argv: str) -> dict:
    done = subprocess.run([sys.executable, __file__, *argv], cwd=PROJECT_ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"benchmarks/matching.py {' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def lines(generated: dict, figures: dict) -> list[tuple[str, str, str, str]]:
    """(figure, value, target, verdict) rows for the benchmark table."""

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    rows = [
        ("register rows, BPJS rows", f"{generated['register_rows']:,} x {generated['participant_rows']:,}", "", ""),
    ]
    for name, label in (
        ("register_import", "register import"),
        ("participants_import", "participants import"),
        ("match", "match (and store the result)"),
    ):
        value = f"{figures[name]:.1f} s (CPU {figures[f'{name}_cpu']:.1f} s), {figures[f'{name}_rss'] / 1024**3:.2f} GB"
        rows.append((f"  {label}: wall (CPU), peak memory", value, "", ""))
    rows.append(
        (
            "matching end to end (Jakarta Barat)",
            f"{figures['end_to_end']:.1f} s",
            f"< {TARGETS['end_to_end']:.0f} s",
            verdict(figures["end_to_end"] < TARGETS["end_to_end"]),
        )
    )
    rows.append(
        (
            "  CPU time of the three commands (both cores); load average",
            f"{figures['cpu_seconds']:.1f} s; {figures['load_average']:.1f}",
            "",
            "",
        )
    )
    rows.append(
        (
            "matching peak memory (the largest of the three)",
            f"{figures['peak_rss'] / 1024**3:.2f} GB",
            "< 4 GB",
            verdict(figures["peak_rss"] < TARGETS["peak_rss"]),
        )
    )
    rows.append(
        (
            "one kelurahan's counts (warm; cold)",
            f"{figures['kelurahan_counts']:.3f} s; {figures['kelurahan_counts_cold']:.3f} s",
            "< 0.2 s",
            verdict(max(figures["kelurahan_counts"], figures["kelurahan_counts_cold"]) < TARGETS["kelurahan_counts"]),
        )
    )
    return rows


def run(residents: int, keep: str | None = None) -> tuple[dict, dict]:
    with tempfile.TemporaryDirectory(prefix="uhc-bench-match-") as scratch:
        folder = Path(keep) if keep else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"generating {residents:,} residents of Jakarta Barat...", file=sys.stderr)
        generated = _subprocess("--generate", str(folder), "--residents", str(residents))
        print("importing and matching, each command in its own process...", file=sys.stderr)
        figures = _subprocess("--measure", str(folder))
    return generated, figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--residents", type=int, default=2_400_000)
    parser.add_argument("--keep", metavar="DIR", help="write the files and the store into DIR and keep them")
    parser.add_argument("--generate", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--measure", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    os.environ.setdefault("POLARS_MAX_THREADS", str(os.cpu_count() or 2))
    if args.generate:
        print(json.dumps(generate(Path(args.generate), args.residents)))
        return 0
    if args.measure:
        print(json.dumps(measure(Path(args.measure))))
        return 0
    generated, figures = run(args.residents, args.keep)
    rows = lines(generated, figures)
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        print(f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
