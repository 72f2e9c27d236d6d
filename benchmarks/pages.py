"""One viewer at a time: how long each page takes to settle, and the Ekspor page's previews.

    .venv/bin/python benchmarks/pages.py [--rounds R] [--keep DIR]

1. Ekspor previews, in this process on the demo store, step by step: reading the store
   (report.load), building the press set's framed figures (seven on the demo) (report.press_charts, export.press_figure),
   Kaleido's Chromium starting (export.png's first picture), then the seven pictures with the
   server warm, at the download's scale (2) and at the preview's (export.PREVIEW_SCALE).
2. The dashboard as ``make run`` starts it (benchmarks/load.py's server) on a fresh demo store,
   and one real Chromium (Debian's, through Playwright) driving one viewer at a time:
   - the fresh server's first overview (its caches empty), shown for information; then every page
     once, and a wait until the server is idle (its start draws the latest month's previews ahead):
     the rounds after it measure fresh browsers on a server in service, not a server starting;
   - the first page of a fresh browser session, R sessions one after the other (target < 2 s),
     until it has settled and is complete (the overview's map and table drawn too), broken down: the page's own clock (HTML, scripts loaded, first paint, heading, key figures,
     settled; when st.metric's and Plotly's script chunks arrived; when the map and the table
     first appeared), and its websocket (when the script's first element and the key figures'
     element were sent, when its run finished, how many runs the browser asked for before the key
     figures showed);
   - every page of the sidebar opened by a click, R rounds (later pages, target < 1 s each);
   - the Ekspor page's "Pratinjau" switched on until its seven pictures are drawn (target < 1,5 s),
     in English, clicked the moment the page settled: for the latest month (drawn in the
     background since the server's start), again (drawn), and for an older month (OLDER: nothing
     drew it before, so the switch waits for uhc/ui/previews.py's threads still drawing it).
   A page has settled when its heading names it, its own content is drawn and Streamlit's
   "running" indicator is gone (as in benchmarks/load.py).
3. Prints the figures against the targets with the machine's load average (1 minute) beside each:
   the machine may be shared, and a figure taken at a load above the core count measures the
   neighbours too.

Where the first page's time goes (2026-12-08, load 2-3; Chrome traces and py-spy besides this
script's figures): page loaded ~0,4 s, websocket open ~0,45 s, one script run (no second rerun)
finished by ~0,9 s, every script fetched by ~1 s; the rest is the browser evaluating Plotly's
4,7 MB chunk (0,3-0,6 s) and drawing. Two server faults cost ~0,8 s before: every answer after a
connection's first waited 40 ms for a delayed ACK (uhc/ui/no_delay.py; the kept-alive line below
shows it), and Streamlit's source watcher walked every loaded module on the event loop after each
run (off in .streamlit/config.toml).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import http.client
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from load import CHROMIUM_ARGS, PROJECT_ROOT, build_demo_store, server_idle, start_server, stop_server
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
PREVIEWS = 7  # the demo month's press set (report.PRESS_STEMS, none left out), January 2026's and OLDER's
OLDER = dt.date(2025, 12, 1)  # a month before the latest: its previews are not drawn at the server's start
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


# When the overview's map and table first appear (page clock, ms), noted by the page itself from its start.
DRAWN_JS = """(() => {
    window.uhcDrawn = {};
    const marks = {map: '[data-testid=stPlotlyChart] .js-plotly-plot .main-svg', table: '[data-testid=stDataFrame] canvas'};
    new MutationObserver(() => {
        for (const [name, selector] of Object.entries(marks)) {
            if (!(name in window.uhcDrawn) && document.querySelector(selector)) window.uhcDrawn[name] = performance.now();
        }
    }).observe(document, {subtree: true, childList: true});
})()"""

TIMELINE_JS = r"""() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const paint = performance.getEntriesByType('paint').find(entry => entry.name === 'first-contentful-paint');
    const resources = performance.getEntriesByType('resource');
    const scripts = resources.filter(entry => entry.name.split('?')[0].endsWith('.js'));
    return {
        html: nav.responseEnd, dom_ready: nav.domContentLoadedEventEnd, loaded: nav.loadEventEnd,
        first_paint: paint ? paint.startTime : null,
        scripts_fetched: Math.max(0, ...scripts.map(entry => entry.responseEnd)),
        metric_chunk: Math.max(0, ...scripts.filter(entry => /\/Metric\.[^/]*\.js/.test(entry.name)).map(entry => entry.responseEnd)),
        plotly_chunk: Math.max(0, ...scripts.filter(entry => /\/PlotlyChart\.[^/]*\.js/.test(entry.name)).map(entry => entry.responseEnd)),
        transferred: resources.reduce((sum, entry) => sum + (entry.transferSize || 0), nav.transferSize || 0),
        decoded: resources.reduce((sum, entry) => sum + (entry.decodedBodySize || 0), nav.decodedBodySize || 0),
        files: resources.length,
    };
}"""


def watch_websocket(page: Page, started: float) -> dict:
    """What goes over the page's websocket, in seconds from ``started`` (just before page.goto: the
    navigation's start within a few ms): the reruns the browser asks for, the script's first element,
    the key figures' element (the first st.metric) and the end of each script run."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    seen: dict = {"reruns": [], "finished": []}

    def sent(payload) -> None:
        if isinstance(payload, (bytes, bytearray)):
            message = BackMsg()
            message.ParseFromString(bytes(payload))
            if message.WhichOneof("type") == "rerun_script":
                seen["reruns"].append(time.perf_counter() - started)

    def received(payload) -> None:
        if not isinstance(payload, (bytes, bytearray)):
            return
        message = ForwardMsg()
        message.ParseFromString(bytes(payload))
        kind = message.WhichOneof("type")
        now = time.perf_counter() - started
        if kind == "script_finished":
            seen["finished"].append(now)
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            seen.setdefault("first_element", now)
            if message.delta.new_element.WhichOneof("type") == "metric":
                seen.setdefault("metric_sent", now)

    def opened(socket) -> None:
        seen.setdefault("opened", time.perf_counter() - started)
        socket.on("framesent", sent)
        socket.on("framereceived", received)

    page.on("websocket", opened)
    return seen


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


async def browse(url: str, rounds: int, server_pid: int) -> dict:
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
            socket = watch_websocket(page, started)
            await page.add_init_script(DRAWN_JS)
            await page.goto(url)
            timeline = await settle_timed(page, "ringkasan")
            # and complete: the map and the table drawn too (they may come after Streamlit's run ends)
            await page.wait_for_function("() => 'map' in window.uhcDrawn && 'table' in window.uhcDrawn")
            views["cold" if session == 0 else "first"].append((time.perf_counter() - started, load_average()))
            if session:
                drawn = await page.evaluate("() => window.uhcDrawn")
                timeline["complete"] = max(drawn["map"], drawn["table"])
                reruns_before = [moment for moment in socket["reruns"] if moment * 1000 < timeline["content"]]
                timelines.append(
                    timeline
                    | {
                        "ws_opened": socket.get("opened", 0) * 1000,
                        "first_element": socket.get("first_element", 0) * 1000,
                        "metric_sent": socket.get("metric_sent", 0) * 1000,
                        "script_finished": (socket["finished"] or [0])[0] * 1000,
                        "script_run": ((socket["finished"] or [0])[0] - (socket["reruns"] or [0])[0]) * 1000,
                        "reruns": len(reruns_before),
                    }
                )
            if session == 0:  # the fresh server: every page once, so that the timed rounds find its caches full
                for name in TOUR:
                    await page.get_by_test_id("stSidebarNav").get_by_text(PAGES[name][0], exact=True).click()
                    await settle(page, name)
                views["start_work"] = [(await server_idle(server_pid), load_average())]
            else:
                for name in TOUR:
                    started = time.perf_counter()
                    await page.get_by_test_id("stSidebarNav").get_by_text(PAGES[name][0], exact=True).click()
                    await settle(page, name)
                    views.setdefault(name, []).append((time.perf_counter() - started, load_average()))
            await context.close()
        context = await browser.new_context(viewport={"width": 1400, "height": 1000})
        page = await context.new_page()
        # in English, which the tour's Ekspor visits (in Indonesian) have not drawn: the latest month's
        # pictures drawn from the server's start; then an older month's, which nothing drew before, so
        # the switch, clicked the moment the page settled, waits for the ones still being drawn
        for address, kinds in (
            ("/ekspor?lang=en", ("previews_first", "previews_again")),
            (f"/ekspor?lang=en&bulan={OLDER:%Y-%m}", ("previews_older",)),
        ):
            await page.goto(url + address)
            await settle(page, "ekspor_en")
            toggle = page.locator(".st-key-export_previews label").first
            for kind in kinds:
                started = time.perf_counter()
                await toggle.click()
                await page.locator(PREVIEW_IMAGES).nth(PREVIEWS - 1).wait_for(timeout=TIMEOUT_MS)
                await page.wait_for_function(
                    f"""() => [...document.querySelectorAll('{PREVIEW_IMAGES}')]
                        .filter(image => image.complete && image.naturalWidth > 0).length >= {PREVIEWS}""",
                    timeout=TIMEOUT_MS,
                )
                await script_done(page)
                views.setdefault(kind, []).append((time.perf_counter() - started, load_average()))
                await toggle.click()  # off again
                await script_done(page)
                await page.locator(PREVIEW_IMAGES).first.wait_for(state="detached", timeout=TIMEOUT_MS)
        await context.close()
        await browser.close()
    return views


KEPT_ALIVE_REQUESTS = 20


def kept_alive_answer(url: str) -> tuple[float, float, float]:
    """The first and the median later answer (seconds) for a small file asked for over one kept-alive
    connection, as a browser fetches Streamlit's scripts, and the load. Without TCP_NODELAY on the
    server's socket (uhc/ui/no_delay.py) every answer after the first waits ~40 ms for the browser's
    delayed acknowledgement."""
    address = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    times = []
    try:
        for _ in range(KEPT_ALIVE_REQUESTS):
            started = time.perf_counter()
            connection.request("GET", "/favicon.png")
            response = connection.getresponse()
            response.read()
            times.append(time.perf_counter() - started)
    finally:
        connection.close()
    return times[0], statistics.median(times[1:]), load_average()


def report(steps: list[tuple[str, float, float]], views: dict, rounds: int) -> str:
    rows: list[tuple[str, str, str, str, str]] = []

    def line(label: str, seconds: float, load: float, target: float | None = None) -> None:
        verdict = "" if target is None else ("OK" if seconds < target else "over target")
        rows.append((label, f"{seconds:.2f} s", "" if target is None else f"< {target:g} s", f"{load:.2f}", verdict))

    for label, seconds, load in steps:
        line(label, seconds, load, TARGETS["previews"] if "preview scale" in label else None)
    first, later, load = views["kept_alive"]
    rows.append(
        (
            f"a small file over one kept-alive connection: first answer, median of the {KEPT_ALIVE_REQUESTS - 1} after",
            f"{first * 1000:.1f} / {later * 1000:.1f} ms",
            "",
            f"{load:.2f}",
            "",
        )
    )
    for label, key, target in (
        ("fresh server: the first overview (caches empty)", "cold", None),
        (
            "fresh server: its start's work done (previews drawn ahead), waited after its first pages",
            "start_work",
            None,
        ),
        (f"first page of a fresh browser session, slowest of {rounds}", "first", TARGETS["first"]),
    ):
        seconds, load = max(views[key])
        line(label, seconds, load, target)
    for label, key in (
        ("  of which: the HTML answered", "html"),
        ("  of which: the page loaded (its scripts run)", "loaded"),
        ("  of which: the websocket open (the browser asks for the script's run)", "ws_opened"),
        ("  of which: the script's first element sent (server)", "first_element"),
        ("  of which: the key figures' element sent (server)", "metric_sent"),
        ("  of which: the script's run finished (server)", "script_finished"),
        ("  of which: the script's run, asked to finished (server and socket)", "script_run"),
        ("  of which: the first paint (Streamlit's frame)", "first_paint"),
        ("  of which: the heading drawn (the script's first output)", "heading"),
        ("  of which: st.metric's script chunk fetched", "metric_chunk"),
        ("  of which: Plotly's script chunk fetched", "plotly_chunk"),
        ("  of which: every script fetched", "scripts_fetched"),
        ("  of which: the key figures drawn", "content"),
        ("  of which: the script done (settled)", "settled"),
        ("  and: the map and the table drawn (the page complete)", "complete"),
    ):
        marks = [timeline[key] for timeline in views["timelines"] if timeline[key] is not None]
        if marks:
            where = "" if key == "script_run" else ", from the navigation"
            line(f"{label}, median{where}", statistics.median(marks) / 1000, views["first"][-1][1])
    if views["timelines"]:
        reruns = [timeline["reruns"] for timeline in views["timelines"]]
        rows.append((f"  script runs before the key figures (per session: {reruns})", f"{max(reruns)}", "", "", ""))
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
        ("Ekspor: Pratinjau on the moment the page settled, latest month (drawn from the start)", "previews_first"),
        ("Ekspor: Pratinjau on again (drawn)", "previews_again"),
        (f"Ekspor: Pratinjau on the moment the page settled, {OLDER:%m/%Y} (being drawn)", "previews_older"),
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
            views = asyncio.run(browse(url, args.rounds, server.pid))
            views["kept_alive"] = kept_alive_answer(url)
        finally:
            stop_server(server)
        print(report(steps, views, args.rounds))
        return 0
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
