"""The dashboard in a real headless Chromium: `streamlit run serve.py` on the demo store, driven with Playwright.

Uses Debian's chromium (never `playwright install`: there is no internet). On failure a full-page
screenshot goes to test-artifacts/<test name>.png, with the views the test took to look at
(keep_view: overview.png, anggaran.png, the first load on a phone phone_<id|en>.png, ...). A
passing run writes nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from PIL import Image
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright
from pypdf import PdfReader

pytestmark = pytest.mark.browser

REPO_ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO_ROOT / "test-artifacts"
# Without these Chromium calls Google services, which fail (and log errors) on a closed network.
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync"]
SERVER_START_TIMEOUT_S = 60
# A cold run of the overview computes the gap engine for the whole demo city.
PAGE_TIMEOUT_MS = 30_000
# expect() has a timeout of its own (5 s), too short on a loaded 2-core machine, where Plotly's
# bundle alone can take longer to load: give it the page's.
expect.set_options(timeout=PAGE_TIMEOUT_MS)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _health(url: str) -> str | None:
    """The body of GET <url>/_stcore/health, None while the server does not answer."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().decode()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _stop(process: subprocess.Popen) -> None:
    """End the server and anything it started (it leads its own process group)."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@contextmanager
def _serve(store_path: Path, log_dir: Path) -> Iterator[str]:
    """`streamlit run serve.py` (the dashboard as `make run` starts it) on a store, on a free localhost port;
    yields its URL."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = log_dir / "server.log"
    env = {**os.environ, "UHC_DB": str(store_path), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    command = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(port)]
    # A fixed address keeps Streamlit from looking up the machine's external IP on the internet.
    command += ["--server.headless", "true", "--server.address", "127.0.0.1"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while _health(url) != "ok":
            if process.poll() is not None or time.monotonic() > deadline:
                state = f"exited with {process.returncode}" if process.poll() is not None else "never answered"
                pytest.fail(
                    f"The dashboard server {state} at {url}/_stcore/health within {SERVER_START_TIMEOUT_S} s.\n"
                    f"Server log:\n{log_path.read_text(errors='replace')}",
                    pytrace=False,
                )
            time.sleep(0.25)
        yield url
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def dashboard_url(demo_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard on the demo store, shared by the module's tests."""
    with _serve(demo_store_path, tmp_path_factory.mktemp("streamlit_server")) as url:
        yield url


@pytest.fixture(scope="module")
def chromium_browser() -> Iterator[Browser]:
    """Debian's headless Chromium, shared by the module's tests."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail(
            "Chromium not found on PATH. Install Debian's package: `sudo apt-get install chromium` "
            "(or `make chromium`). Never run `playwright install`: it downloads a browser.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# The views a test takes for a human to look at (name, PNG): written to ARTIFACTS only if it fails.
_VIEWS: list[tuple[str, bytes]] = []


def keep_view(page: Page | Locator, name: str, *, full_page: bool = True) -> None:
    """A picture of ``page`` (or of one element) kept as test-artifacts/<name>.png should the test fail."""
    _VIEWS.append((name, page.screenshot() if isinstance(page, Locator) else page.screenshot(full_page=full_page)))


@pytest.fixture(autouse=True)
def views_kept_on_failure(request: pytest.FixtureRequest) -> Iterator[None]:
    """Writes the test's keep_view pictures into ARTIFACTS when it failed; a passing test leaves none."""
    _VIEWS.clear()
    failed_before = request.session.testsfailed
    yield
    if request.session.testsfailed > failed_before and _VIEWS:
        ARTIFACTS.mkdir(exist_ok=True)
        for name, png in _VIEWS:
            (ARTIFACTS / f"{name}.png").write_bytes(png)
    _VIEWS.clear()


@pytest.fixture
def console_errors() -> list[str]:
    """Console errors and uncaught exceptions of the page, filled while the test runs."""
    return []


@pytest.fixture
def tab(chromium_browser: Browser, console_errors: list[str], request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh browser session (new Streamlit session); a full-page screenshot if the test fails."""
    context = chromium_browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: console_errors.append(f"uncaught: {error}"))
    failed_before = request.session.testsfailed
    yield page
    # The call phase's report is logged before fixtures are torn down, so a failure is counted by now.
    if request.session.testsfailed > failed_before:
        ARTIFACTS.mkdir(exist_ok=True)
        name = "".join(c if c.isalnum() or c in "-_" else "_" for c in request.node.name)
        page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
    context.close()


def open_overview(page: Page, url: str) -> None:
    """Load the dashboard and wait until the coverage card has a value."""
    page.goto(url)
    expect(kpi_value(page, "coverage")).to_be_visible()


def kpi_value(page: Page, kpi_key: str):
    """The value of the KPI card in the container keyed kpi_<key> (pages/ringkasan.py)."""
    return page.locator(f".st-key-kpi_{kpi_key}").get_by_test_id("stMetricValue")


def choose_month(page: Page, month_name: str) -> None:
    """Pick a month in the sidebar's month box (key period_id while the page is in Bahasa Indonesia)."""
    page.get_by_test_id("stSidebar").locator(".st-key-period_id").get_by_test_id("stSelectbox").click()
    # The list draws only the options in view (49 months); typing narrows it to the one wanted.
    page.keyboard.type(month_name)
    page.get_by_role("option", name=month_name, exact=True).click()


def test_overview_loads_with_the_latest_coverage(tab, dashboard_url, console_errors):
    open_overview(tab, dashboard_url)

    expect(tab.get_by_role("heading", level=1)).to_contain_text("Cakupan JKN Kota Pontianak, Januari 2026")
    # 683.706 registered / 690.277 residents (S2 2025) = 99,0481%
    expect(kpi_value(tab, "coverage")).to_have_text("99,05%")
    expect(tab.get_by_test_id("stException")).to_have_count(0)
    # Let the table and the rest of the page finish drawing before the picture for humans.
    expect(tab.get_by_test_id("stDataFrame")).to_be_visible()
    tab.wait_for_timeout(500)
    keep_view(tab, "overview")
    assert console_errors == []


def test_choosing_june_2025_shows_its_coverage(tab, dashboard_url, console_errors):
    open_overview(tab, dashboard_url)

    choose_month(tab, "Juni 2025")

    # 674.242 / 687.031 = 98,1385%; 540.472 / 674.242 = 80,1599%
    expect(kpi_value(tab, "coverage")).to_have_text("98,14%")
    expect(kpi_value(tab, "activity")).to_have_text("80,16%")
    expect(tab.get_by_role("heading", level=1)).to_contain_text("Juni 2025")
    expect(tab.get_by_test_id("stException")).to_have_count(0)
    assert console_errors == []


def test_the_text_to_send_is_drawn_when_its_expander_opens(tab, dashboard_url, console_errors):
    # Not drawn before (st.code's highlighter script would be fetched and run before the key figures
    # show, benchmarks/pages.py); the click runs the page again with the expander open.
    open_overview(tab, dashboard_url)
    expect(tab.get_by_test_id("stDataFrame")).to_be_visible()
    expect(tab.get_by_test_id("stCode")).to_have_count(0)

    tab.get_by_test_id("stExpander").filter(has_text="Teks siap kirim").locator("summary").click()

    expect(tab.get_by_test_id("stCode")).to_contain_text("Apa yang berubah — Kota Pontianak, Januari 2026")
    expect(tab.get_by_test_id("stException")).to_have_count(0)
    assert console_errors == []


def test_switching_to_english(tab, dashboard_url, console_errors):
    open_overview(tab, dashboard_url)

    tab.get_by_test_id("stSidebar").locator(".st-key-language").get_by_text("English", exact=True).click()

    expect(tab.locator(".st-key-kpi_coverage").get_by_test_id("stMetricLabel")).to_have_text("Coverage")
    expect(kpi_value(tab, "coverage")).to_have_text("99.05%")
    expect(tab.get_by_role("heading", level=1)).to_contain_text("JKN coverage, Kota Pontianak, January 2026")
    # the month box shows the month in English too, not the label it was first drawn with
    month_box = tab.get_by_test_id("stSidebar").locator(".st-key-period_en input")
    expect(month_box).to_have_value("January 2026")
    expect(tab.get_by_test_id("stException")).to_have_count(0)
    assert console_errors == []


def test_a_page_link_opened_first_after_a_restart_keeps_the_sidebar(tab, demo_store_path, tmp_path, console_errors):
    # A folder named pages/ makes a fresh Streamlit process run pages/*.py on their own until
    # st.navigation has run once; the first request of this new server is the page's own URL.
    failed_requests: list[str] = []
    tab.on("response", lambda response: failed_requests.append(response.url) if response.status >= 400 else None)
    with _serve(demo_store_path, tmp_path) as url:
        tab.goto(f"{url}/ringkasan")
        expect(kpi_value(tab, "coverage")).to_have_text("99,05%")
        expect(tab.get_by_test_id("stSidebar").locator(".st-key-period_id")).to_be_visible()
        expect(tab.get_by_test_id("stException")).to_have_count(0)
    # On a URL below the root, Streamlit's frontend first looks for its server under that path
    # (/ringkasan/_stcore/health and /host-config), gets 404, then uses the root: expected noise.
    probes = {f"{url}/ringkasan/_stcore/health", f"{url}/ringkasan/_stcore/host-config"}
    assert [request for request in failed_requests if request not in probes] == []
    assert [error for error in console_errors if not error.startswith("Failed to load resource")] == []


def test_the_command_line_cannot_write_while_the_dashboard_serves_even_before_a_page_view(
    tab, editor_store, tmp_path, console_errors
):
    def add_user_from_the_command_line() -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "uhc", "--db", str(editor_store), "users", "add", "tia", "--role", "editor"]
        return subprocess.run(
            [*command, "--password-stdin"],
            cwd=REPO_ROOT,
            input="sandi tia 12345\n",
            capture_output=True,
            text=True,
            timeout=120,
        )

    with _serve(editor_store, tmp_path) as url:
        before_any_page = add_user_from_the_command_line()  # the server answers its health check, nobody visited
        open_overview(tab, url)
        after_a_page = add_user_from_the_command_line()

    for refused in (before_any_page, after_a_page):
        assert refused.returncode != 0
        assert "is in use by another program (is the dashboard running?)" in refused.stderr
    # nothing was written: rina is still the only user
    listed = subprocess.run(
        [sys.executable, "-m", "uhc", "--db", str(editor_store), "users", "list"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "rina" in listed.stdout and "tia" not in listed.stdout
    assert console_errors == []


def test_a_failing_page_shows_the_short_message_and_the_log_keeps_where(tab, demo_store_path, tmp_path, console_errors):
    import duckdb

    damaged = tmp_path / "damaged.duckdb"  # a store damaged by hand: the overview's cost query fails
    shutil.copy(demo_store_path, damaged)
    with duckdb.connect(str(damaged)) as con:
        con.execute("DROP TABLE iuran")

    with _serve(damaged, tmp_path) as url:
        tab.goto(url)
        expect(tab.get_by_test_id("stAlertContentError").locator("p")).to_have_text(
            "Maaf, halaman ini tidak dapat ditampilkan: terjadi kesalahan di dasbor. Kesalahan itu sudah dicatat "
            "di log server. Muat ulang halaman; bila terjadi lagi, beri tahu pengelola dasbor."
        )
        expect(tab.get_by_test_id("stException")).to_have_count(0)
        assert "Traceback" not in tab.get_by_test_id("stMain").inner_text()
    log = (tmp_path / "server.log").read_text(errors="replace")
    assert "ERROR uhc.dashboard: page ringkasan failed: CatalogException" in log
    assert "iuran" not in log  # the error's text (it names the table) stays out of the log


def test_a_link_opens_the_month_and_language_it_names(tab, dashboard_url, console_errors):
    tab.goto(f"{dashboard_url}/?lang=en&kota=61.71&bulan=2025-06")

    # 674.242 / 687.031 = 98,1385%
    expect(kpi_value(tab, "coverage")).to_have_text("98.14%")
    expect(tab.get_by_role("heading", level=1)).to_contain_text("June 2025")
    expect(tab.get_by_test_id("stException")).to_have_count(0)
    assert console_errors == []


def test_the_overview_s_own_name_is_a_link_to_it(tab, dashboard_url, console_errors):
    tab.goto(f"{dashboard_url}/ringkasan?bulan=2025-06")

    expect(tab.get_by_role("heading", level=1)).to_contain_text("Cakupan JKN Kota Pontianak, Juni 2025")
    # 674.242 registered / 687.031 residents (S1 2025) = 98,1385%
    expect(kpi_value(tab, "coverage")).to_have_text("98,14%")
    expect(tab).to_have_url(re.compile(r"/\?lang=id&kota=61\.71&bulan=2025-06$"))
    settled(tab)
    expect(tab.get_by_text("Page not found")).to_have_count(0)
    expect(tab.get_by_test_id("stAlert").filter(has_text="diabaikan")).to_have_count(0)  # nothing was ignored
    assert [error for error in console_errors if not error.startswith("Failed to load resource")] == []


def test_a_link_with_absurd_parameters_says_what_it_ignored(tab, dashboard_url, console_errors):
    kecamatan = "61.71.04" + "9" * 99_992  # 100.000 characters
    started = time.monotonic()
    tab.goto(f"{dashboard_url}/tren?bulan=2025-13&kecamatan={kecamatan}&lang=xx")

    expect(tab.get_by_role("heading", level=1)).to_contain_text("Kota Pontianak")
    settle_s = time.monotonic() - started
    ignored = tab.get_by_test_id("stAlert").filter(has_text="Bagian tautan ini diabaikan")
    expect(ignored.get_by_test_id("stMarkdownContainer")).to_have_text(
        "Bagian tautan ini diabaikan: bulan=2025-13, kecamatan=61.71.04999999… (100.000 karakter), lang=xx. "
        "Yang ditampilkan: Kota Pontianak, Januari 2026."
    )
    expect(tab).to_have_url(re.compile(r"/tren\?lang=id&kota=61\.71&bulan=2026-01$"))
    print(f"a 100.000-character link settled in {settle_s:.1f} s")
    assert [error for error in console_errors if not error.startswith("Failed to load resource")] == []


def sidebar_page_names(page: Page):
    """The page names of the sidebar's navigation, top to bottom (without the icons' ligature text)."""
    return page.get_by_test_id("stSidebarNav").get_by_test_id("stSidebarNavLink").get_by_test_id("stMarkdownContainer")


def test_a_link_in_english_names_the_pages_in_english_on_the_first_load(tab, dashboard_url, console_errors):
    # A fresh browser context is a new session: nothing has been chosen yet but what the link says.
    tab.goto(f"{dashboard_url}/?lang=en")

    expect(kpi_value(tab, "coverage")).to_have_text("99.05%")
    expect(sidebar_page_names(tab)).to_have_text(
        ["Overview", "Map", "Trends", "Gap & budget", "Door to door", "Export", "Data"]
    )
    expect(tab.get_by_role("heading", level=1)).to_contain_text("JKN coverage, Kota Pontianak, January 2026")
    assert console_errors == []


def test_the_pages_are_named_in_indonesian_by_default(tab, dashboard_url, console_errors):
    open_overview(tab, dashboard_url)

    expect(sidebar_page_names(tab)).to_have_text(list(PAGE_TITLES_ID.values()))
    assert console_errors == []


PHONE_FIRST_LOAD = {  # language: (path, heading, the sidebar's page names)
    "id": (
        "/",
        "Cakupan JKN Kota Pontianak, Januari 2026",
        ["Ringkasan", "Peta", "Tren", "Kesenjangan & Anggaran", "Pendataan", "Ekspor", "Data"],
    ),
    "en": (
        "/?lang=en",
        "JKN coverage, Kota Pontianak, January 2026",
        ["Overview", "Map", "Trends", "Gap & budget", "Door to door", "Export", "Data"],
    ),
}


@pytest.mark.parametrize("language", sorted(PHONE_FIRST_LOAD))
def test_the_first_load_on_a_phone_is_in_the_links_language(chromium_browser, dashboard_url, language):
    # A phone's viewport (390 x 844 CSS pixels): the sidebar starts closed; nothing is wider than the screen.
    path, heading, page_names = PHONE_FIRST_LOAD[language]
    context = chromium_browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    try:
        phone = context.new_page()
        phone.set_default_timeout(PAGE_TIMEOUT_MS)
        phone.goto(dashboard_url + path)
        expect(kpi_value(phone, "coverage")).to_be_visible()
        expect(phone.get_by_role("heading", level=1)).to_have_text(heading)
        assert phone.evaluate("document.documentElement.scrollWidth") == 390
        phone.wait_for_timeout(500)
        keep_view(phone, f"phone_{language}", full_page=False)
        phone.get_by_test_id("stExpandSidebarButton").click()
        expect(sidebar_page_names(phone)).to_have_text(page_names)
        phone.wait_for_timeout(500)
        keep_view(phone, f"phone_{language}_sidebar", full_page=False)
    finally:
        context.close()


def test_the_address_bar_follows_the_chosen_month(tab, dashboard_url, console_errors):
    open_overview(tab, dashboard_url)

    choose_month(tab, "Februari 2025")

    expect(kpi_value(tab, "coverage")).to_have_text("87,86%")
    expect(tab).to_have_url(re.compile(r"[?&]bulan=2025-02(&|$)"))
    assert console_errors == []


# -- trends page (pages/tren.py) --


def plotly_charts(page: Page):
    """The Plotly figures Streamlit drew on the page."""
    return page.get_by_test_id("stPlotlyChart").locator(".js-plotly-plot")


def test_trends_page_draws_its_four_charts(tab, dashboard_url, console_errors):
    open_overview(tab, dashboard_url)

    tab.get_by_test_id("stSidebarNav").get_by_text("Tren", exact=True).click()

    expect(tab.get_by_role("heading", level=1)).to_have_text("Tren cakupan JKN Kota Pontianak sampai Januari 2026")
    expect(plotly_charts(tab)).to_have_count(4)
    coverage = plotly_charts(tab).nth(0)
    # each chart's title is text above it (it wraps on a phone), none inside the plot
    expect(tab.get_by_text("Cakupan kepesertaan JKN, Kota Pontianak", exact=True)).to_be_visible()
    expect(plotly_charts(tab).locator(".gtitle")).to_have_count(0)
    expect(coverage.locator(".legendtext").filter(has_text=re.compile(r"^Kota Pontianak$"))).to_have_count(1)
    # the small multiples: a panel per kecamatan
    expect(tab.get_by_text("Cakupan JKN per kecamatan, Kota Pontianak", exact=True)).to_be_visible()
    expect(plotly_charts(tab).nth(1).locator(".annotation-text").filter(has_text="Pontianak Utara")).to_have_count(1)
    expect(plotly_charts(tab).nth(2).locator(".legendtext")).to_have_text(
        ["PBI APBN", "PBI APBD/Pemda", "PPU", "PBPU/Mandiri", "BP"]
    )
    expect(tab.get_by_test_id("stException")).to_have_count(0)
    expect(tab).to_have_url(re.compile(r"/tren\?"))
    tab.set_viewport_size({"width": 1400, "height": 2300})  # the main area scrolls: show all of it
    tab.wait_for_timeout(500)
    keep_view(tab, "trends")
    assert console_errors == []


def test_on_a_phone_the_trend_titles_wrap_inside_the_screen(tab, dashboard_url, console_errors):
    tab.set_viewport_size({"width": 390, "height": 844})
    open_overview(tab, dashboard_url)  # then by the link's own page name, as a colleague's link would
    tab.goto(f"{dashboard_url}/tren")
    expect(plotly_charts(tab)).to_have_count(4)
    for title in ("Cakupan kepesertaan JKN, Kota Pontianak", "Peserta terdaftar menurut segmen, Kota Pontianak"):
        heading = tab.get_by_text(title, exact=True)
        expect(heading).to_be_visible()
        box = heading.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, (title, box)
    keep_view(tab, "trends_phone", full_page=False)
    # A URL below the root makes the frontend probe for its server under that path: expected 404s
    # (see test_a_trends_link_with_a_kecamatan_draws_its_line); nothing else may fail.
    assert [error for error in console_errors if "404 (Not Found)" not in error] == []


def _boxes(chart, selector: str) -> list[dict]:
    """Text, transform and page box of every SVG element matching ``selector`` in a Plotly chart."""
    return chart.locator(selector).evaluate_all(
        """elements => elements.map(element => {
            const box = element.getBoundingClientRect();
            return {text: element.textContent, transform: element.getAttribute('transform') || '',
                    x: box.x, y: box.y, width: box.width, height: box.height};
        })"""
    )


def _overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    """Pairs of boxes that cover each other by more than a pixel."""
    pairs = []
    for index, one in enumerate(boxes):
        for other in boxes[index + 1 :]:
            across = min(one["x"] + one["width"], other["x"] + other["width"]) - max(one["x"], other["x"])
            down = min(one["y"] + one["height"], other["y"] + other["height"]) - max(one["y"], other["y"])
            if across > 1 and down > 1:
                pairs.append((one["text"], other["text"]))
    return pairs


def test_on_a_phone_the_trend_panels_and_month_labels_are_legible(tab, dashboard_url, console_errors):
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.goto(dashboard_url + "/tren")
    expect(plotly_charts(tab)).to_have_count(4)
    small_multiples = plotly_charts(tab).nth(1)
    keep_view(small_multiples, "trends_phone_small_multiples")
    keep_view(plotly_charts(tab).nth(0), "trends_phone_coverage")
    titles = _boxes(small_multiples, ".annotation[data-index] .annotation-text")
    panel_titles = [box for box in titles if box["text"].startswith("Pontianak")]
    # Pontianak's six kecamatan, each titled with its name and its latest coverage
    assert len(panel_titles) == 6, titles
    assert _overlapping(panel_titles) == []
    for box in panel_titles:
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    for index in range(4):
        chart = plotly_charts(tab).nth(index)
        ticks = _boxes(chart, ".xaxislayer-above text")
        assert ticks, f"chart {index} has no month labels"
        # upright: Plotly writes rotate(...) into a label it has turned on its side
        assert [tick for tick in ticks if "rotate" in tick["transform"]] == [], (index, ticks)
        assert _overlapping(ticks) == [], (index, ticks)
        for tick in ticks:
            assert tick["x"] >= 0 and tick["x"] + tick["width"] <= 390, (index, tick)
    assert [error for error in console_errors if "404 (Not Found)" not in error] == []


def test_a_trends_link_with_a_kecamatan_draws_its_line(tab, dashboard_url, console_errors):
    failed_requests: list[str] = []
    tab.on("response", lambda response: failed_requests.append(response.url) if response.status >= 400 else None)

    tab.goto(f"{dashboard_url}/tren?kecamatan=61.71.04")

    expect(plotly_charts(tab)).to_have_count(4)
    expect(tab.locator(".st-key-trend_kecamatan_id input")).to_have_value("Pontianak Utara")
    for chart in (plotly_charts(tab).nth(0), plotly_charts(tab).nth(3)):  # coverage and activity
        expect(chart.locator(".legendtext").filter(has_text=re.compile(r"^Pontianak Utara$"))).to_have_count(1)
    expect(tab.get_by_text("Peserta terdaftar menurut segmen, Pontianak Utara", exact=True)).to_be_visible()
    expect(tab.get_by_test_id("stException")).to_have_count(0)
    expect(tab).to_have_url(re.compile(r"[?&]kecamatan=61\.71\.04(&|$)"))
    tab.set_viewport_size({"width": 1400, "height": 2300})
    tab.wait_for_timeout(500)
    keep_view(tab, "trends_pontianak_utara")
    # A URL below the root first makes the frontend probe for its server under that path (see
    # test_a_page_link_opened_first_after_a_restart_keeps_the_sidebar): expected 404s.
    probes = {f"{dashboard_url}/tren/_stcore/health", f"{dashboard_url}/tren/_stcore/host-config"}
    assert [request for request in failed_requests if request not in probes] == []


def settled(page: Page) -> None:
    """Wait until the script run a widget change started has finished (Streamlit's stApp says so).

    A download button lower on the page is drawn late in the run: clicked before the run ends,
    it serves the file of the run before. The short wait lets the change's rerun begin first.
    """
    page.wait_for_timeout(300)
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning", timeout=60_000)


def planner_kpi(page: Page, kpi_key: str):
    """The value of the planner's KPI card in the container keyed plan_kpi_<key> (pages/anggaran.py)."""
    return page.locator(f".st-key-plan_kpi_{kpi_key}").get_by_test_id("stMetricValue")


def test_planner_scenario_and_its_csv_download(tab, dashboard_url, console_errors):
    tab.goto(f"{dashboard_url}/anggaran")
    expect(planner_kpi(tab, "people_needed")).to_be_visible()
    choose_month(tab, "Juni 2025")
    expect(tab.get_by_role("heading", level=1)).to_contain_text("Juni 2025")

    tab.locator(".st-key-plan_target").get_by_text("99%", exact=True).click()
    # 0,99 x 687.031 = 680.160,69 -> 680.161 - 674.242 registered = 5.919
    expect(planner_kpi(tab, "people_needed")).to_have_text("5.919")
    budget = tab.locator(".st-key-plan_budget input")
    budget.fill("2000000000")
    budget.press("Enter")
    # 2.000.000.000 / (42.000 x 12) = 3.968,25 -> 3.968
    expect(planner_kpi(tab, "people_funded")).to_have_text("3.968")
    expect(tab.get_by_text("Rp2 miliar membiayai 3.968 orang selama 12 bulan.")).to_be_visible()
    settled(tab)

    with tab.expect_download() as download:
        tab.locator(".st-key-plan_csv button").click()
    assert download.value.suggested_filename == "daftar_kerja_61.71_2025-06_kecamatan.csv"
    rows = pl.read_csv(download.value.path(), separator=";", decimal_comma=True)
    assert sorted(rows["Kode Kemendagri"]) == [f"61.71.0{n}" for n in range(1, 7)]
    assert rows["Target (%)"].to_list() == [99.0] * 6
    assert rows["Perlu didaftarkan"].dtype == pl.Int64
    # the budget's 3.968 people are spent down the ranking, none lost, none added
    assert rows["Dibiayai"].sum() == 3_968

    expect(tab.get_by_test_id("stException")).to_have_count(0)
    tab.wait_for_timeout(500)
    keep_view(tab, "anggaran")
    # Below the root, Streamlit's frontend first probes /anggaran/_stcore/... (404), then the root.
    assert [error for error in console_errors if not error.startswith("Failed to load resource")] == []


def test_numbers_are_typed_as_indonesians_write_them(tab, dashboard_url, console_errors):
    tab.goto(f"{dashboard_url}/anggaran")
    expect(planner_kpi(tab, "people_funded")).to_be_visible()
    budget = tab.locator(".st-key-plan_budget input")
    budget.click()
    budget.press("Control+A")
    budget.press_sequentially("2.000.000.000")
    budget.press("Enter")
    # 2.000.000.000 / (42.000 x 12) = 3.968,25 -> 3.968 (a number_input read the same keys as Rp2)
    expect(planner_kpi(tab, "people_funded")).to_have_text("3.968")
    expect(budget).to_have_value("2.000.000.000")

    budget.press("Control+A")
    budget.press_sequentially("1,5 M")
    budget.press("Enter")
    refusal = tab.locator(".st-key-plan_budget_box").get_by_test_id("stAlert")
    expect(refusal).to_contain_text("“1,5 M” tidak terbaca sebagai angka")
    expect(refusal).to_contain_text("Nilai tetap 2.000.000.000.")
    expect(planner_kpi(tab, "people_funded")).to_have_text("3.968")  # the old value is kept
    expect(budget).to_have_value("1,5 M")
    assert [error for error in console_errors if not error.startswith("Failed to load resource")] == []


def test_the_hint_under_a_changed_number_is_in_the_page_s_language(tab, dashboard_url, console_errors):
    tab.goto(f"{dashboard_url}/anggaran")
    budget = tab.locator(".st-key-plan_budget")
    budget.locator("input").fill("2000000000")

    hint = budget.get_by_test_id("InputInstructions")
    expect(hint).to_be_visible()
    expect(hint.locator("span")).to_be_hidden()  # Streamlit's "Press Enter to apply"
    assert hint.evaluate("element => getComputedStyle(element, '::after').content") == '"Tekan Enter untuk menerapkan"'
    assert [error for error in console_errors if not error.startswith("Failed to load resource")] == []


def test_a_trend_chart_downloads_as_a_press_png_of_the_chosen_size(tab, dashboard_url, console_errors):
    tab.goto(f"{dashboard_url}/tren")
    popover = tab.locator(".st-key-trend_coverage_png_popover")
    popover.get_by_role("button").first.click()
    tab.get_by_text("1080 × 1080 (media sosial)", exact=True).click()
    settled(tab)

    with tab.expect_download() as download:
        tab.locator(".st-key-trend_coverage_png_download button").click()

    assert download.value.suggested_filename == "cakupan-tren_61.71_2026-01_1080x1080.png"
    with Image.open(download.value.path()) as picture:
        assert picture.size == (2160, 2160)
        grey = np.asarray(picture.convert("L"), dtype=np.int16)
    assert grey.std() > 10 and grey.mean() > 170  # a chart on white paper, not blank, not black
    assert [error for error in console_errors if not error.startswith("Failed to load resource")] == []


def test_the_export_page_downloads_the_briefing_pdf(tab, dashboard_url, console_errors):
    tab.goto(f"{dashboard_url}/ekspor")
    expect(tab.get_by_role("heading", level=1)).to_contain_text("Ekspor: Kota Pontianak, Januari 2026")

    with tab.expect_download() as download:
        tab.locator(".st-key-export_pdf button").click()

    assert download.value.suggested_filename == "briefing_61.71_2026-01_id.pdf"
    reader = PdfReader(download.value.path())
    assert len(reader.pages) == 2
    # January 2026: 683.706 registered / 690.277 residents (S2 2025) = 99,05%
    assert "Cakupan kepesertaan 99,05%" in " ".join(reader.pages[0].extract_text().split())


PAGE_TITLES_ID = {
    "pages/ringkasan.py": "Ringkasan",
    "pages/peta.py": "Peta",
    "pages/tren.py": "Tren",
    "pages/anggaran.py": "Kesenjangan & Anggaran",
    "pages/pendataan.py": "Pendataan",
    "pages/ekspor.py": "Ekspor",
    "pages/data.py": "Data",
}


@pytest.mark.parametrize("page_file", sorted(PAGE_TITLES_ID))
def test_every_page_loads_offline_without_errors(tab, dashboard_url, console_errors, page_file):
    # Reached as a user does, from the sidebar; every request must stay on the dashboard's own server.
    outside: list[str] = []
    tab.on(
        "request", lambda request: outside.append(request.url) if not request.url.startswith(dashboard_url) else None
    )
    open_overview(tab, dashboard_url)

    tab.get_by_test_id("stSidebarNav").get_by_text(PAGE_TITLES_ID[page_file], exact=True).click()

    expect(tab.get_by_role("heading", level=1)).to_be_visible()
    tab.wait_for_timeout(1500)  # let charts and tables finish drawing
    expect(tab.get_by_test_id("stException")).to_have_count(0)
    expect(tab.get_by_test_id("stAlertContentError")).to_have_count(0)
    assert console_errors == []
    assert outside == []


def test_every_registered_page_is_checked_in_the_browser():
    assert sorted(PAGE_TITLES_ID) == sorted(
        path.relative_to(REPO_ROOT).as_posix() for path in (REPO_ROOT / "pages").glob("*.py")
    )
