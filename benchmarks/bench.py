"""Benchmark the gap engine on a synthetic store of every kelurahan/desa in Indonesia.

    .venv/bin/python benchmarks/bench.py [--months N] [--keep DIR]

1. Builds the store with ``python -m uhc --db <tmp>/national.duckdb demo-national`` in a
   subprocess: wall time and that process's peak memory (RSS).
2. In a fresh subprocess (so its peak memory is the query path's alone) opens the store
   read-only and times, from the store to the result frame:
   - gap.gap_for_period(store, <latest month>, "kelurahan", ""): one month, every kelurahan
   - gap.gap_all_months(store, "kota", ""): every month rolled up to kab/kota
   each the first run (cold) and the median of the next five.
3. In a fresh subprocess per store, times every page of the dashboard (pages/*.py) through
   Streamlit's AppTest: one script run of the page with the cache warm (median of five), on the
   demo city and on one city of the national store (Kota Pontianak, 61.71).
4. In a fresh subprocess on the demo city, times the exports: the first press PNG of a process
   (Kaleido's Chromium starting included), each further PNG (median), the whole press set and
   the briefing PDF made in-process, and ``python -m uhc export charts`` and ``export briefing``
   as whole commands (Python starting included).
5. Times the import reader (``uhc.intake.reader.read_file``) on the bytes of a BPJS-style recap of every
   kelurahan of the synthetic store (83.762 rows) against ``polars.read_csv`` on the same bytes
   (median of 3 each; target: within 20x), and on a generated 1.000.000-row CSV (target < 10 s).
   ``--reader-only`` runs this step alone.
6. Prints a table against the targets. The store is removed afterwards unless ``--keep DIR``
   is given; with ``--keep DIR`` an existing DIR/national.duckdb is reused (not rebuilt).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
STORE_NAME = "national.duckdb"
REPEATS = 5
# (figure key, label, target, unit)
TARGETS = {
    "kelurahan_month": 0.2,  # seconds: one month, kelurahan level, whole country
    "kota_all_months": 1.0,  # seconds: every month rolled up to kab/kota
    "query_peak_rss": 1.5 * 1024**3,  # bytes
    "page_demo": 0.3,  # seconds: one warm script run of a page, demo city
    "page_national": 2.0,  # seconds: the same on a city of the national store
    "first_png": 3.0,  # seconds: the first press PNG of a process
    "next_png": 0.5,  # seconds: each further PNG
    "press_set": 10.0,  # seconds: the whole press set (five PNGs and the manifest)
    "briefing": 15.0,  # seconds: the briefing PDF
    "reader_ratio": 20.0,  # reader.read_file over polars.read_csv on the national kelurahan CSV
    "reader_million": 10.0,  # seconds: reader.read_file on a 1.000.000-row CSV
}
READER_REPEATS = 3
MILLION = 1_000_000
EXPORT_PERIOD = "2026-01"
PAGE_CITY = "61.71"


def _peak_rss_bytes(who: int) -> int:
    """Peak resident set size of this process or its waited-for children (Linux reports KiB)."""
    peak = resource.getrusage(who).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


# the query process ------------------------------------------------------------------------------


def measure(store_path: Path) -> dict:
    """Runs in its own process: times the two gap paths and reports figures as a dict."""
    sys.path.insert(0, str(PROJECT_ROOT))
    from uhc.core import gap
    from uhc.store.db import Store

    figures: dict = {}
    started = time.perf_counter()
    store = Store.open(store_path, read_only=True)
    figures["open_s"] = time.perf_counter() - started
    with store:
        latest = gap.months_with_data(store)[-1]
        figures["latest_month"] = f"{latest:%Y-%m}"

        def timed(call) -> tuple[list[float], object]:
            seconds, result = [], None
            for _ in range(1 + REPEATS):
                started = time.perf_counter()
                result = call()
                seconds.append(time.perf_counter() - started)
            return seconds, result

        seconds, frame = timed(lambda: gap.gap_for_period(store, latest, "kelurahan", ""))
        figures["kelurahan_month"] = {"first": seconds[0], "median": statistics.median(seconds[1:])}
        figures["kelurahan_rows"] = frame.height
        figures["kelurahan_with_data"] = frame.filter(frame["uhc_status"] != "no_data").height

        seconds, frame = timed(lambda: gap.gap_all_months(store, "kota", ""))
        figures["kota_all_months"] = {"first": seconds[0], "median": statistics.median(seconds[1:])}
        figures["kota_rows"] = frame.height
        figures["kota_regions"] = frame["kemendagri_code"].n_unique()
        figures["months"] = frame["period"].n_unique()

        population = store.run("population_by_region", code_length=13, scope_code="", as_of_from=None, as_of_until=None)
        figures["population_rows"] = population.height
        figures["snapshots"] = int(store.run("coverage_month", scope_code="")["region_count"].sum())
        figures["regions"] = store.run("region", scope_code="", level=None).height
    figures["query_peak_rss"] = _peak_rss_bytes(resource.RUSAGE_SELF)
    return figures


def measure_pages(store_path: Path, city_code: str) -> dict:
    """Runs in its own process: each page's warm script run (median of REPEATS) through AppTest."""
    import os

    os.environ["UHC_DB"] = str(store_path)
    from streamlit.testing.v1 import AppTest

    figures: dict = {"pages": {}}
    for page in sorted(path.relative_to(PROJECT_ROOT).as_posix() for path in (PROJECT_ROOT / "pages").glob("*.py")):
        at = AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=120)
        at.query_params["kota"] = city_code
        started = time.perf_counter()
        at.run()
        figures.setdefault("cold_start", time.perf_counter() - started)  # the process's first run: empty caches
        started = time.perf_counter()
        at.switch_page(page).run()  # the first run of this page fills its caches
        first = time.perf_counter() - started
        if at.exception:
            sys.exit(f"{page} raised: {at.exception[0].value}")
        seconds = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            at.run()
            seconds.append(time.perf_counter() - started)
        figures["pages"][page] = {"first": first, "median": statistics.median(seconds)}
    return figures


def measure_exports(store_path: Path) -> dict:
    """Runs in its own process: the export timings on the demo store (see the module docstring)."""
    import datetime as dt

    sys.path.insert(0, str(PROJECT_ROOT))
    from uhc.core import gap
    from uhc.output import briefing, report
    from uhc.store.db import Store

    period = gap.parse_period(EXPORT_PERIOD)
    with Store.open(store_path, read_only=True) as store:
        city_month = report.load(store, None, period)
    charts = report.press_charts(city_month, "id")
    started = time.perf_counter()
    report.press_chart_png(city_month, charts[0], "id", "1600x900")
    figures: dict = {"first_png": time.perf_counter() - started}
    seconds = []
    for index in range(2 * len(charts)):
        started = time.perf_counter()
        report.press_chart_png(city_month, charts[index % len(charts)], "id", "1600x900")
        seconds.append(time.perf_counter() - started)
    figures["next_png"] = statistics.median(seconds)
    figures["next_png_max"] = max(seconds)
    started = time.perf_counter()
    report.press_set(city_month, "id", "1600x900")
    figures["press_set_warm"] = time.perf_counter() - started
    started = time.perf_counter()
    briefing.pdf_bytes(briefing.briefing(city_month, "id", dt.datetime.now()))
    figures["briefing_warm"] = time.perf_counter() - started
    return figures


def time_export_commands(store_path: Path, folder: Path) -> dict:
    """Wall time of the two export commands, each a new process (Python, imports and Chromium start)."""
    figures = {}
    for key, args in (
        ("press_set", ["charts", "--out", str(folder / "pers")]),
        ("briefing", ["briefing", "--out", str(folder / "briefing.pdf")]),
    ):
        command = [sys.executable, "-m", "uhc", "--db", str(store_path), "export", *args, "--period", EXPORT_PERIOD]
        started = time.perf_counter()
        done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True)
        figures[key] = time.perf_counter() - started
        if done.returncode != 0:
            sys.exit(f"export {args[0]} failed ({done.returncode}):\n{done.stderr}")
    return figures


# the driver -------------------------------------------------------------------------------------


def build(store_path: Path, months: int) -> dict:
    command = [sys.executable, "-m", "uhc", "--db", str(store_path), "demo-national", "--months", str(months)]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"building the store failed ({done.returncode}):\n{done.stderr}")
    return {"build_s": seconds, "build_peak_rss": _peak_rss_bytes(resource.RUSAGE_CHILDREN), "summary": done.stdout}


def run_measure(store_path: Path, *extra: str) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", str(store_path), *extra]
    done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"the query process failed ({done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# the import reader ------------------------------------------------------------------------------


def _thousands_id(values) -> list[str]:
    """Counts as Indonesian recaps write them: 687.031."""
    return [f"{value:,}".replace(",", ".") for value in values]


def national_kelurahan_csv() -> tuple[bytes, int]:
    """A BPJS-style recap of every kelurahan/desa of the synthetic national store, as a city exports it.

    A title row, ``;`` separators, Indonesian thousands, one row per kelurahan with its Kemendagri
    code, kecamatan, name, population, registered, active, inactive and the five segments, and a
    Jumlah row. Returns the bytes and the number of kelurahan rows.
    """
    import datetime as dt

    import polars as pl

    from uhc.store import national

    tree = national.national_tree()
    kelurahan = tree.filter(pl.col("level") == "kelurahan").sort("kemendagri_code")
    kecamatan = tree.filter(pl.col("level") == "kecamatan").select(parent_code="kemendagri_code", kecamatan="name")
    month = dt.date(2025, 6, 1)
    semesters = national.semesters_for(month, month)
    coverage = national.national_coverage_month(kelurahan, month, semesters)
    population = national.national_population(kelurahan, semesters)
    table = (
        kelurahan.join(kecamatan, on="parent_code", how="left")
        .join(coverage, on="kemendagri_code")
        .join(
            population.filter(pl.col("as_of") == pl.col("as_of").max()).select("kemendagri_code", "population"),
            on="kemendagri_code",
        )
        .with_columns(inactive=pl.col("registered") - pl.col("active"))
    )
    counts = ["population", "registered", "active", "inactive", *(f"{s}_registered" for s in national.SEGMENTS)]
    header = ["No", "Kode Wilayah", "Kecamatan", "Kelurahan/Desa", "Jumlah Penduduk", "Jumlah Peserta"]
    header += ["Peserta Aktif", "Non Aktif", "PBI APBN", "PBI APBD", "PPU", "PBPU", "BP"]
    columns = [
        [str(n) for n in range(1, table.height + 1)],
        table["kemendagri_code"].to_list(),
        table["kecamatan"].to_list(),
        table["name"].to_list(),
        *(_thousands_id(table[c].to_list()) for c in counts),
    ]
    lines = ["REKAPITULASI KEPESERTAAN JKN PER KELURAHAN/DESA, POSISI: JUNI 2025", "", ";".join(header)]
    lines += [";".join(row) for row in zip(*columns, strict=True)]
    totals = _thousands_id(int(table[c].sum()) for c in counts)
    lines.append(";".join(["", "", "", "Jumlah", *totals]))
    return ("\n".join(lines) + "\n").encode("utf-8"), table.height


def million_row_csv() -> bytes:
    """A 1.000.000-row population table (code, name, population, registered), under the 50 MB cap."""
    import polars as pl

    from uhc.store import national

    kelurahan = national.national_tree().filter(pl.col("level") == "kelurahan").sort("kemendagri_code")
    codes, names = kelurahan["kemendagri_code"].to_list(), kelurahan["name"].to_list()
    lines = ["Kode Wilayah;Kelurahan;Jumlah Penduduk;Jumlah Peserta"]
    for n in range(MILLION):
        population = 1_000 + (n * 7919) % 60_000
        lines.append(f"{codes[n % len(codes)]};{names[n % len(names)]};{population:,};{population * 9 // 10:,}")
    return ("\n".join(lines) + "\n").replace(",", ".").encode("utf-8")


def measure_reader() -> dict:
    """Runs in its own process: the import reader against polars.read_csv on the same bytes."""
    import io

    import polars as pl

    sys.path.insert(0, str(PROJECT_ROOT))
    from uhc.intake import reader

    def median_of(call) -> float:
        seconds = []
        for _ in range(READER_REPEATS):
            started = time.perf_counter()
            call()
            seconds.append(time.perf_counter() - started)
        return statistics.median(seconds)

    data, rows = national_kelurahan_csv()
    polars_s = median_of(lambda: pl.read_csv(io.BytesIO(data), separator=";", skip_rows=2, infer_schema=False))
    parsed = reader.read_file(data, "kelurahan.csv", "coverage")
    assert parsed.errors == () and parsed.rows.height == rows, parsed.issues[:3]
    reader_s = median_of(lambda: reader.read_file(data, "kelurahan.csv", "coverage"))
    million = million_row_csv()
    started = time.perf_counter()
    parsed = reader.read_file(million, "sejuta.csv", "population")
    million_s = time.perf_counter() - started
    assert parsed.errors == () and parsed.rows.height == MILLION, parsed.issues[:3]
    return {
        "rows": rows,
        "bytes": len(data),
        "polars_s": polars_s,
        "reader_s": reader_s,
        "million_bytes": len(million),
        "million_s": million_s,
    }


def reader_lines(reader: dict) -> list[tuple[str, str, str, str]]:
    ratio = reader["reader_s"] / reader["polars_s"]
    ok = ("OK", "over target")
    return [
        (
            f"reader: polars.read_csv, kelurahan CSV ({reader['rows']:,} rows, {_size(reader['bytes'])})",
            _seconds(reader["polars_s"]),
            "",
            "",
        ),
        ("reader: reader.read_file, same bytes, median of 3", _seconds(reader["reader_s"]), "", ""),
        ("reader: read_file / polars.read_csv", f"{ratio:.1f}x", "< 20x", ok[ratio >= TARGETS["reader_ratio"]]),
        (
            f"reader: reader.read_file, {MILLION:,}-row CSV ({_size(reader['million_bytes'])})",
            _seconds(reader["million_s"]),
            "< 10 s",
            ok[reader["million_s"] >= TARGETS["reader_million"]],
        ),
    ]


def print_lines(lines: list[tuple[str, str, str, str]]) -> None:
    widths = [max(len(r[i]) for r in lines) for i in range(4)]
    for row in lines:
        print(f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}".rstrip())


def run_reader() -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--reader"]
    done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"timing the reader failed ({done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout)


def _seconds(value: float) -> str:
    return f"{value:.3f} s"


def _size(value: float) -> str:
    return f"{value / 1024**2:,.0f} MB"


def build_demo(store_path: Path) -> None:
    command = [sys.executable, "-m", "uhc", "--db", str(store_path), "init", "--demo"]
    done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"building the demo store failed ({done.returncode}):\n{done.stderr}")


def report(
    built: dict | None, figures: dict, store_path: Path, months: int, pages: dict, exports: dict, reader: dict
) -> str:
    rows: list[tuple[str, str, str, str]] = []

    def line(label: str, value: str, target: str = "", ok: bool | None = None) -> None:
        rows.append((label, value, target, "" if ok is None else ("OK" if ok else "over target")))

    if built is None:
        line("build: demo-national (subprocess)", "reused store, not timed")
    else:
        line("build: demo-national (subprocess)", _seconds(built["build_s"]))
        line("build: peak RSS", _size(built["build_peak_rss"]))
    line("store file size", _size(store_path.stat().st_size))
    line("query process: open store read-only", _seconds(figures["open_s"]))
    for key, label, target in (
        ("kelurahan_month", f"one month ({figures['latest_month']}), kelurahan, nationwide", "< 0.2 s"),
        ("kota_all_months", f"all {figures['months']} months rolled up to kab/kota", "< 1 s"),
    ):
        for which in ("first", "median"):
            value = figures[key][which]
            name = f"{label}: {'first run' if which == 'first' else f'median of {REPEATS}'}"
            line(name, _seconds(value), target, value < TARGETS[key])
    peak = figures["query_peak_rss"]
    line("query process: peak RSS", _size(peak), "< 1.5 GB", peak < TARGETS["query_peak_rss"])
    for store, label, target in (
        ("demo", "demo city", "< 0.3 s"),
        ("national", f"national store, {PAGE_CITY}", "< 2 s"),
    ):
        line(f"dashboard's first run in a fresh process, {label}", _seconds(pages[store]["cold_start"]))
        for page, seconds in pages[store]["pages"].items():
            line(f"page {page}, {label}: first run", _seconds(seconds["first"]))
            value = seconds["median"]
            line(
                f"page {page}, {label}: warm, median of {REPEATS}",
                _seconds(value),
                target,
                value < TARGETS[f"page_{store}"],
            )

    inside, commands = exports["in_process"], exports["commands"]
    for label, value, key in (
        ("export: first press PNG of a process (Chromium starts)", inside["first_png"], "first_png"),
        ("export: each further PNG, median of 10", inside["next_png"], "next_png"),
        ("export: each further PNG, slowest of 10", inside["next_png_max"], "next_png"),
        ("export: press set, server warm (5 PNGs)", inside["press_set_warm"], "press_set"),
        ("export: python -m uhc export charts (whole command)", commands["press_set"], "press_set"),
        ("export: briefing PDF, server warm", inside["briefing_warm"], "briefing"),
        ("export: python -m uhc export briefing (whole command)", commands["briefing"], "briefing"),
    ):
        line(label, _seconds(value), f"< {TARGETS[key]:g} s", value < TARGETS[key])
    rows.extend(reader_lines(reader))

    widths = [max(len(r[i]) for r in [*rows, ("measure", "figure", "target", "")]) for i in range(4)]
    out = [
        f"uhc-dashboard benchmark: synthetic national store, {months} months"
        if built
        else "uhc-dashboard benchmark: synthetic national store (reused)",
        f"store: {figures['regions']:,} regions, {figures['snapshots']:,} coverage snapshots, "
        f"{figures['population_rows']:,} population rows",
        f"results: {figures['kelurahan_rows']:,} kelurahan rows ({figures['kelurahan_with_data']:,} with data); "
        f"{figures['kota_rows']:,} kab/kota-month rows ({figures['kota_regions']} kab/kota)",
        "",
    ]
    header = ("measure", "figure", "target", "")
    for row in [header, tuple("-" * w for w in widths), *rows]:
        out.append(f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}".rstrip())
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--months", type=int, default=36, help="months of snapshots (default 36)")
    parser.add_argument("--keep", metavar="DIR", help=f"build into DIR/{STORE_NAME} and keep it (reused if there)")
    parser.add_argument("--measure", metavar="STORE", help=argparse.SUPPRESS)  # the query subprocess
    parser.add_argument("--pages-of", metavar="CITY", help=argparse.SUPPRESS)  # the page subprocess
    parser.add_argument("--exports", action="store_true", help=argparse.SUPPRESS)  # the export subprocess
    parser.add_argument("--reader", action="store_true", help=argparse.SUPPRESS)  # the reader subprocess
    parser.add_argument("--reader-only", action="store_true", help="time the import reader only")
    args = parser.parse_args(argv)
    if args.reader:
        print(json.dumps(measure_reader()))
        return 0
    if args.reader_only:
        print_lines(reader_lines(run_reader()))
        return 0
    if args.measure:
        if args.exports:
            print(json.dumps(measure_exports(Path(args.measure))))
        elif args.pages_of:
            print(json.dumps(measure_pages(Path(args.measure), args.pages_of)))
        else:
            print(json.dumps(measure(Path(args.measure))))
        return 0

    with tempfile.TemporaryDirectory(prefix="uhc-bench-") as scratch:
        folder = Path(args.keep) if args.keep else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        store_path = folder / STORE_NAME
        built = None
        if store_path.exists() and args.keep:
            print(f"reusing {store_path} (upgraded in place if it is older)", file=sys.stderr)
            command = [sys.executable, "-m", "uhc", "--db", str(store_path), "migrate"]
            subprocess.run(command, cwd=PROJECT_ROOT, check=True, capture_output=True)
        else:
            print(f"building {store_path} ({args.months} months)...", file=sys.stderr)
            built = build(store_path, args.months)
            print(built["summary"].strip(), file=sys.stderr)
        print("measuring in a fresh process...", file=sys.stderr)
        figures = run_measure(store_path)
        print("timing the pages on the demo city and on the national store...", file=sys.stderr)
        demo_path = Path(scratch) / "demo.duckdb"
        build_demo(demo_path)
        pages = {
            "demo": run_measure(demo_path, "--pages-of", PAGE_CITY),
            "national": run_measure(store_path, "--pages-of", PAGE_CITY),
        }
        print("timing the exports on the demo city...", file=sys.stderr)
        exports = {
            "in_process": run_measure(demo_path, "--exports"),
            "commands": time_export_commands(demo_path, Path(scratch)),
        }
        print("timing the import reader...", file=sys.stderr)
        reader = run_reader()
        print(report(built, figures, store_path, args.months, pages, exports, reader))
        if args.keep:
            print(f"store kept at {store_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
