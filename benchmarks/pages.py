"""One viewer at a time: how long each page takes to settle, and the Ekspor page's previews.

    .venv/bin/python benchmarks/pages.py [--rounds R] [--keep DIR]

1. Ekspor previews, in this process on the demo store, step by step: reading the store
   (report.load), building the press set's framed figures (seven on the demo) (report.press_charts, export.press_figure),
   Kaleido's Chromium starting (export.png's first picture), then the seven pictures with the
   server warm, at the download's scale (2) and at the preview's (export.PREVIEW_SCALE).
2. The dashboard as ``make run`` starts it (benchmarks/load.py's server) on a fresh demo store,
   and one real Chromium (Debian's, through Playwright) driving one viewer at a time:
   - the fresh server's first overview (its caches empty), shown for information;
   - the first page of a fresh browser session, R sessions one after the other (target < 2 s);
   - every page of the sidebar opened by a click, R rounds (later pages, target < 1 s each);
   - the Ekspor page's "Pratinjau" switched on until its seven pictures are drawn (target < 1,5 s):
     in English (pictures no earlier visit has drawn), clicked the moment the page settled, while
     the page's background renderer (uhc/ui/previews.py) is still drawing them; and again.
   A page has settled when its heading names it, its own content is drawn and Streamlit's
   "running" indicator is gone (as in benchmarks/load.py).
3. Prints the figures against the targets with the machine's load average (1 minute) beside each:
   the machine may be shared, and a figure taken at a load above the core count measures the
   neighbours too.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from load import CHROMIUM_ARGS, PROJECT_ROOT, build_demo_store, start_server, stop_server
from playwright.async_api import Page, async_playwright

sys.path.insert(0, str(PROJECT_ROOT))

ROUNDS = 3
TIMEOUT_MS = 60_000
TARGETS = {"first": 2.0, "later": 1.0, "previews": 1.5}
CITY, PERIOD = "61.71", dt.date(2026, 1, 1)
# page: (its name in the sidebar, how its heading starts, what must be drawn for it to have settled)
PAGES = {
    "ringkasan": ("Ringkasan", "Cakupan JKN", ".st-key-kpi_coverage [data-testid=stMetricValue]"),
    "peta": ("Peta", "Peta cakupan", "[data-testid=stPlotlyChart] .js-plotly-plot"),
    "tren": ("Tren", "Tren cakupan", "[data-testid=stPlotlyChart] .js-plotly-plot >> nth=3"),
    "anggaran": ("Kesenjangan & Anggaran", "Kesenjangan & anggaran", ".st-key-plan_scenario"),
    "pendataan": ("Pendataan", "Pendataan dari pintu ke pintu", "[data-testid=stDataFrame]"),
    "ekspor": ("Ekspor", "Ekspor:", ".st-key-export_zip"),
    "data": ("Data", "Data ", "h1"),
    "ekspor_en": ("Export", "Export:", ".st-key-export_zip"),  # its heading: what follows depends on the login
}
TOUR = ["peta", "tren", "anggaran", "pendataan", "ekspor", "data", "ringkasan"]
PREVIEWS = 7  # the demo month's press set (report.PRESS_STEMS, none left out)
PREVIEW_IMAGES = "[data-testid=stImage] img"


def load_average() -> float:
    return os.getloadavg()[0]


def measure_previews(store_path: Path) -> list[tuple[str, float, float]]:
    """The Ekspor previews step by step in this process: (step, seconds, load average)."""
    from uhc.output import export, report
    from uhc.store.db import Store

    steps: list[tuple[str, float, float]] = []

    def timed(label: str, call):
        started = time.perf_counter()
        result = call()
        steps.append((label, time.perf_counter() - started, load_average()))
        return result

    with Store.open(store_path, read_only=True) as store:
        city_month = timed("previews: read the store (report.load)", lambda: report.load(store, CITY, PERIOD))
    charts = timed("previews: the seven charts (report.press_charts)", lambda: report.press_charts(city_month, "id"))

    def framed():
        return [
            export.press_figure(
                chart.figure,
                title=chart.title,
                subtitle=chart.subtitle,
                note=chart.note,
                branding=city_month.branding,
                vintage=city_month.vintage,
                language="id",
            )
            for chart in charts
        ]

    timed("previews: framing them (export.press_figure x 7)", framed)
    timed(
        "previews: Kaleido's first picture (Chromium starts)",
        lambda: report.press_chart_png(city_month, charts[0], "id", export.DEFAULT_SIZE),
    )
    for label, scale in (("download scale 2", export.SCALE), (f"preview scale {export.PREVIEW_SCALE:g}", None)):
        timed(
            f"previews: seven pictures, server warm, {label}",
            lambda scale=scale: [
                report.press_chart_png(
                    city_month, chart, "id", export.DEFAULT_SIZE, export.PREVIEW_SCALE if scale is None else scale
                )
                for chart in charts
            ],
        )
    return steps


async def settle(page: Page, name: str) -> None:
    """Wait until page ``name`` is drawn and Streamlit has finished its run."""
    _, heading, content = PAGES[name]
    await (
        page.get_by_role("heading", level=1)
        .filter(has_text=re.compile("^" + re.escape(heading)))
        .wait_for(timeout=TIMEOUT_MS)
    )
    await page.locator(content).first.wait_for(timeout=TIMEOUT_MS)
    await script_done(page)


TIMELINE_JS = """() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const paint = performance.getEntriesByType('paint').find(entry => entry.name === 'first-contentful-paint');
    const resources = performance.getEntriesByType('resource');
    const scripts = resources.filter(entry => entry.name.split('?')[0].endsWith('.js'));
    return {
        html: nav.responseEnd, dom_ready: nav.domContentLoadedEventEnd, loaded: nav.loadEventEnd,
        first_paint: paint ? paint.startTime : null,
        scripts_fetched: Math.max(0, ...scripts.map(entry => entry.responseEnd)),
        transferred: resources.reduce((sum, entry) => sum + (entry.transferSize || 0), nav.transferSize || 0),
        decoded: resources.reduce((sum, entry) => sum + (entry.decodedBodySize || 0), nav.decodedBodySize || 0),
        files: resources.length,
    };
}"""


async def settle_timed(page: Page, name: str) -> dict:
    """``settle``, noting when (ms after the navigation started, the page's own clock) each step was seen."""
    _, heading, content = PAGES[name]
    marks = {}
    await (
        page.get_by_role("heading", level=1)
        .filter(has_text=re.compile("^" + re.escape(heading)))
        .wait_for(timeout=TIMEOUT_MS)
    )
    marks["heading"] = await page.evaluate("() => performance.now()")
    await page.locator(content).first.wait_for(timeout=TIMEOUT_MS)
    marks["content"] = await page.evaluate("() => performance.now()")
    await script_done(page)
    marks["settled"] = await page.evaluate("() => performance.now()")
    return {**await page.evaluate(TIMELINE_JS), **marks}


async def script_done(page: Page) -> None:
    await page.wait_for_function(
        "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState !== 'running'",
        timeout=TIMEOUT_MS,
    )


async def browse(url: str, rounds: int) -> dict:
    """The single-viewer figures: lists of (seconds, load average) per kind of view."""
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("Chromium not found: sudo apt-get install chromium (never `playwright install`)")
    views: dict[str, list] = {"cold": [], "first": [], "previews_first": [], "previews_again": []}
    timelines: list[dict] = views.setdefault("timelines", [])
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for session in range(rounds + 1):
            context = await browser.new_context(viewport={"width": 1400, "height": 1000})
            page = await context.new_page()
            started = time.perf_counter()
            await page.goto(url)
            timeline = await settle_timed(page, "ringkasan")
            views["cold" if session == 0 else "first"].append((time.perf_counter() - started, load_average()))
            if session:
                timelines.append(timeline)
            if session == 0:  # the fresh server: every page once, so that the timed rounds find its caches full
                for name in TOUR:
                    await page.get_by_test_id("stSidebarNav").get_by_text(PAGES[name][0], exact=True).click()
                    await settle(page, name)
            else:
                for name in TOUR:
                    started = time.perf_counter()
                    await page.get_by_test_id("stSidebarNav").get_by_text(PAGES[name][0], exact=True).click()
                    await settle(page, name)
                    views.setdefault(name, []).append((time.perf_counter() - started, load_average()))
            await context.close()
        context = await browser.new_context(viewport={"width": 1400, "height": 1000})
        page = await context.new_page()
        # in English: pictures the tour's Ekspor visits (in Indonesian) have not drawn ahead yet, so the
        # first switch, clicked the moment the page settled, waits for the background renderer
        await page.goto(url + "/ekspor?lang=en")
        await settle(page, "ekspor_en")
        toggle = page.locator(".st-key-export_previews label").first
        for kind in ("previews_first", "previews_again"):
            started = time.perf_counter()
            await toggle.click()
            await page.locator(PREVIEW_IMAGES).nth(PREVIEWS - 1).wait_for(timeout=TIMEOUT_MS)
            await page.wait_for_function(
                f"""() => [...document.querySelectorAll('{PREVIEW_IMAGES}')]
                    .filter(image => image.complete && image.naturalWidth > 0).length >= {PREVIEWS}""",
                timeout=TIMEOUT_MS,
            )
            await script_done(page)
            views[kind].append((time.perf_counter() - started, load_average()))
            await toggle.click()  # off again
            await script_done(page)
            await page.locator(PREVIEW_IMAGES).first.wait_for(state="detached", timeout=TIMEOUT_MS)
        await context.close()
        await browser.close()
    return views


def report(steps: list[tuple[str, float, float]], views: dict, rounds: int) -> str:
    rows: list[tuple[str, str, str, str, str]] = []

    def line(label: str, seconds: float, load: float, target: float | None = None) -> None:
        verdict = "" if target is None else ("OK" if seconds < target else "over target")
        rows.append((label, f"{seconds:.2f} s", "" if target is None else f"< {target:g} s", f"{load:.2f}", verdict))

    for label, seconds, load in steps:
        line(label, seconds, load, TARGETS["previews"] if "preview scale" in label else None)
    for label, key, target in (
        ("fresh server: the first overview (caches empty)", "cold", None),
        (f"first page of a fresh browser session, slowest of {rounds}", "first", TARGETS["first"]),
    ):
        seconds, load = max(views[key])
        line(label, seconds, load, target)
    for label, key in (
        ("  of which: the HTML answered", "html"),
        ("  of which: Streamlit's and Plotly's scripts fetched", "scripts_fetched"),
        ("  of which: the page loaded (its scripts run)", "loaded"),
        ("  of which: the first paint (Streamlit's frame)", "first_paint"),
        ("  of which: the heading drawn (the script's first output)", "heading"),
        ("  of which: the key figures drawn", "content"),
        ("  of which: the script done (settled)", "settled"),
    ):
        marks = [timeline[key] for timeline in views["timelines"] if timeline[key] is not None]
        if marks:
            line(f"{label}, median, from the navigation", statistics.median(marks) / 1000, views["first"][-1][1])
    if views["timelines"]:
        timeline = views["timelines"][-1]
        rows.append(
            (
                f"  files fetched by the first page ({timeline['files']})",
                f"{timeline['transferred'] / 1e6:.1f} MB",
                f"{timeline['decoded'] / 1e6:.1f} MB unpacked",
                "",
                "",
            )
        )
    for name in TOUR:
        values = views[name]
        seconds, load = max(values)
        median = statistics.median(value for value, _ in values)
        line(f"later page {PAGES[name][0]}: slowest of {len(values)} (median {median:.2f} s)", seconds, load, 1.0)
    for label, key in (
        ("Ekspor: Pratinjau on the moment the page settled (being drawn ahead)", "previews_first"),
        ("Ekspor: Pratinjau on again (drawn)", "previews_again"),
    ):
        seconds, load = views[key][0]
        line(label, seconds, load, TARGETS["previews"])
    header = ("measure", "figure", "target", "load 1 min", "")
    widths = [max(len(row[i]) for row in [*rows, header]) for i in range(5)]
    text = [f"one viewer at a time, demo city ({os.cpu_count()} cores)"]
    for row in [header, *rows]:
        text.append(
            f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]:>{widths[3]}}  {row[4]}".rstrip()
        )
    return "\n".join(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS, help=f"fresh sessions and tours (default {ROUNDS})")
    parser.add_argument("--keep", type=Path, help="keep the store and the server log in this folder")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="uhc-pages-"))
    folder.mkdir(parents=True, exist_ok=True)
    store = folder / "demo.duckdb"
    try:
        build_demo_store(store)
        print("timing the Ekspor previews step by step...", file=sys.stderr)
        steps = measure_previews(store)
        server, url = start_server(store, folder / "server.log")
        try:
            print(f"one viewer at a time on {url}...", file=sys.stderr)
            views = asyncio.run(browse(url, args.rounds))
        finally:
            stop_server(server)
        print(report(steps, views, args.rounds))
        return 0
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
