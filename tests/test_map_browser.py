"""The map page in a real headless Chromium (see tests/test_browser.py): offline, clickable, linkable.

A failing test saves its views (test-artifacts/map_*.png) and a full-page screenshot; a passing run writes nothing.
Demo (uhc/store/demo.py), January 2026: Pontianak Utara (61.71.04, four kelurahan) is the only kecamatan
below 95% (134.258 / 142.782 = 94,03%), so it is the one drawn in the policy's red.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from test_browser import (  # noqa: F401  (fixtures)
    _serve,
    chromium_browser,
    console_errors,
    keep_view,
    tab,
    views_kept_on_failure,
)

from uhc.output import charts

pytestmark = pytest.mark.browser

# A cold run computes the gap engine and the display geometry; expect's own default is 5 s.
DRAWN_TIMEOUT_MS = 30_000
KECAMATAN_COUNT = 6
UTARA_KELURAHAN_COUNT = 4


@pytest.fixture(scope="module")
def dashboard_url(demo_store_path, tmp_path_factory):
    """The dashboard on the demo store, shared by this module's tests."""
    with _serve(demo_store_path, tmp_path_factory.mktemp("streamlit_map_server")) as url:
        yield url


@pytest.fixture
def requests_outside(tab: Page, dashboard_url: str) -> list[str]:  # noqa: F811
    """URLs the page asks for anywhere but the dashboard's own server, filled while the test runs."""
    outside: list[str] = []
    tab.on("request", lambda request: None if request.url.startswith(dashboard_url) else outside.append(request.url))
    return outside


def shapes(page: Page):
    """The regions drawn by the map's geo traces (one SVG path each)."""
    return page.get_by_test_id("stPlotlyChart").locator("path.choroplethlocation")


def rgb(hex_colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)))


def follow_the_map_link(page: Page) -> None:
    """From a page of the dashboard, the sidebar's link to the map page."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Peta").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Peta cakupan Kota Pontianak, Januari 2026", timeout=DRAWN_TIMEOUT_MS
    )


def open_map_from_the_overview(page: Page, url: str) -> None:
    """Load the dashboard, wait for the overview's small map, then follow the link to the map page."""
    page.goto(url)
    expect(shapes(page)).to_have_count(KECAMATAN_COUNT, timeout=DRAWN_TIMEOUT_MS)
    follow_the_map_link(page)


def screenshot(page: Page, name: str) -> None:
    """A picture for humans once the map has finished drawing (kept if the test fails)."""
    page.wait_for_timeout(500)
    keep_view(page, name)


def test_the_map_page_draws_every_kecamatan_offline(tab, dashboard_url, console_errors, requests_outside):  # noqa: F811
    tab.set_viewport_size({"width": 1400, "height": 1500})
    tab.goto(dashboard_url)
    expect(shapes(tab)).to_have_count(KECAMATAN_COUNT, timeout=DRAWN_TIMEOUT_MS)  # the overview's small map
    screenshot(tab, "map_overview")

    follow_the_map_link(tab)

    expect(shapes(tab)).to_have_count(KECAMATAN_COUNT, timeout=DRAWN_TIMEOUT_MS)
    expect(tab.get_by_test_id("stException")).to_have_count(0)
    # the one notice is the demo's: its figures below city level are synthetic
    expect(tab.get_by_test_id("stAlertContainer")).to_have_count(1)
    expect(tab.get_by_test_id("stAlertContainer")).to_contain_text("angka kecamatan dan kelurahan sintetis")
    screenshot(tab, "map_city")
    assert console_errors == []
    assert requests_outside == []


def test_clicking_a_kecamatan_shows_its_kelurahan_and_the_breadcrumb_returns(
    tab,  # noqa: F811
    dashboard_url,
    console_errors,  # noqa: F811
    requests_outside,
):
    tab.set_viewport_size({"width": 1400, "height": 1500})
    open_map_from_the_overview(tab, dashboard_url)
    utara = shapes(tab).and_(tab.locator(f'[fill="{rgb(charts.COLOUR_BELOW_95)}"]'))
    expect(utara).to_have_count(1, timeout=DRAWN_TIMEOUT_MS)

    # Plotly's geo map takes the pointer on a layer above the shapes and finds the region itself.
    utara.hover(force=True)
    expect(tab.locator(".hoverlayer")).to_contain_text("Pontianak Utara")
    expect(tab.locator(".hoverlayer")).to_contain_text("94,03%")
    utara.click(force=True)

    expect(tab.locator(".st-key-map_breadcrumb")).to_contain_text("Pontianak Utara", timeout=DRAWN_TIMEOUT_MS)
    expect(shapes(tab)).to_have_count(UTARA_KELURAHAN_COUNT)
    expect(tab).to_have_url(re.compile(r"[?&]kecamatan=61\.71\.04(&|$)"))
    screenshot(tab, "map_kecamatan")

    tab.locator(".st-key-map_back").get_by_role("button", name="Kota Pontianak").first.click()

    expect(shapes(tab)).to_have_count(KECAMATAN_COUNT, timeout=DRAWN_TIMEOUT_MS)
    expect(tab.locator(".st-key-map_breadcrumb")).to_have_count(0)
    expect(tab).not_to_have_url(re.compile(r"kecamatan="))
    expect(tab.get_by_test_id("stException")).to_have_count(0)
    assert console_errors == []
    assert requests_outside == []


def test_a_link_opens_a_kecamatan_in_a_month(tab, dashboard_url, console_errors, requests_outside):  # noqa: F811
    tab.goto(f"{dashboard_url}/peta?kecamatan=61.71.04&bulan=2025-06")

    expect(tab.get_by_role("heading", level=1)).to_contain_text(
        "Peta cakupan Kota Pontianak, Juni 2025", timeout=DRAWN_TIMEOUT_MS
    )
    expect(shapes(tab)).to_have_count(UTARA_KELURAHAN_COUNT, timeout=DRAWN_TIMEOUT_MS)
    expect(tab.locator(".st-key-map_breadcrumb")).to_contain_text("Pontianak Utara")
    expect(tab.locator(".st-key-map_period_id")).to_contain_text("Juni 2025")
    expect(tab.get_by_test_id("stSidebar").locator(".st-key-period_id input")).to_have_value("Juni 2025")
    expect(tab.get_by_test_id("stException")).to_have_count(0)
    screenshot(tab, "map_link")
    # On a URL below the root Streamlit's frontend first looks for its server under that path
    # (404s logged as "Failed to load resource"), then uses the root: see tests/test_browser.py.
    assert [error for error in console_errors if not error.startswith("Failed to load resource")] == []
    assert requests_outside == []


def test_the_month_slider_moves_the_sidebar_month(tab, dashboard_url, console_errors, requests_outside):  # noqa: F811
    open_map_from_the_overview(tab, dashboard_url)

    thumb = tab.locator(".st-key-map_period_id").get_by_role("slider")
    thumb.focus()
    tab.keyboard.press("ArrowLeft")  # one month back from January 2026

    expect(tab.get_by_role("heading", level=1)).to_contain_text("Desember 2025", timeout=DRAWN_TIMEOUT_MS)
    expect(tab.get_by_test_id("stSidebar").locator(".st-key-period_id input")).to_have_value("Desember 2025")
    expect(tab).to_have_url(re.compile(r"[?&]bulan=2025-12(&|$)"))
    expect(shapes(tab)).to_have_count(KECAMATAN_COUNT)
    assert console_errors == []
    assert requests_outside == []


@pytest.mark.parametrize(("start", "leave_to"), [(None, "Peta"), ("Peta", "Ringkasan")])
def test_a_map_fetches_no_topojson_and_leaving_it_at_once_logs_no_error(
    tab,  # noqa: F811
    dashboard_url,
    console_errors,  # noqa: F811
    start,
    leave_to,
):
    # plotly.js fetches the world topojson for a geo map whose first trace is a choropleth and draws
    # the map, names and all, when the answer comes: on a map the user had left by then, the names
    # trace threw "Cannot read properties of undefined (reading 'typesetMath')". Our maps put their
    # legend's point traces first (uhc/output/maps.py), so nothing is fetched and the map is drawn
    # at once. Any fetch is held back here until the user has left the page.
    held = []
    tab.route("**/static/topojson/**", lambda route: held.append(route))
    tab.goto(dashboard_url)
    if start:  # by the sidebar's link: a page's own URL loaded afresh makes Streamlit probe for a base path (404s)
        expect(shapes(tab)).to_have_count(KECAMATAN_COUNT, timeout=DRAWN_TIMEOUT_MS)
        tab.get_by_test_id("stSidebarNav").get_by_role("link", name=start).click()
        expect(tab.get_by_role("heading", level=1)).to_contain_text("Peta cakupan", timeout=DRAWN_TIMEOUT_MS)
    expect(shapes(tab)).to_have_count(KECAMATAN_COUNT, timeout=DRAWN_TIMEOUT_MS)
    # both maps write the six names inside (the overview's shortened where needed)
    expect(tab.get_by_test_id("stPlotlyChart").first.locator("g.geo g.trace.scattergeo text")).to_have_count(
        KECAMATAN_COUNT
    )
    tab.get_by_test_id("stSidebarNav").get_by_role("link", name=leave_to).click()
    for route in held:
        route.continue_()
    tab.unroute("**/static/topojson/**")
    expect(tab.get_by_role("heading", level=1)).not_to_contain_text(
        "Peta" if start else "Cakupan JKN", timeout=DRAWN_TIMEOUT_MS
    )
    tab.wait_for_timeout(1000)  # time for a late answer to reach the map left behind
    assert held == []
    assert console_errors == []


@pytest.mark.parametrize(("width", "height"), [(1366, 900), (390, 844)])
def test_the_kecamatan_names_are_drawn_apart_and_a_click_on_a_name_opens_its_kecamatan(
    tab,  # noqa: F811
    dashboard_url,
    console_errors,  # noqa: F811
    width,
    height,
):
    tab.set_viewport_size({"width": width, "height": height})
    tab.goto(f"{dashboard_url}/peta")
    expect(shapes(tab)).to_have_count(KECAMATAN_COUNT, timeout=DRAWN_TIMEOUT_MS)
    # the names layer: one text per kecamatan (tests/test_maps.py: all six fit the page's frame)
    names = tab.get_by_test_id("stPlotlyChart").first.locator("g.geo g.trace.scattergeo text")
    expect(names).to_have_count(KECAMATAN_COUNT)
    names.first.scroll_into_view_if_needed()
    screenshot(tab, f"map_names_{width}")
    # as the browser drew them, in its font: no two names overlap, and each sits on its own region
    boxes = [names.nth(i).bounding_box() for i in range(KECAMATAN_COUNT)]
    for index, box in enumerate(boxes):
        for other in boxes[index + 1 :]:
            apart = (
                box["x"] + box["width"] <= other["x"]
                or other["x"] + other["width"] <= box["x"]
                or box["y"] + box["height"] <= other["y"]
                or other["y"] + other["height"] <= box["y"]
            )
            assert apart, (box, other)
    utara = names.filter(has_text="Pontianak Utara")
    utara.scroll_into_view_if_needed()
    box = utara.bounding_box()
    tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    # the hover under a name is its region's: name, code and figures
    expect(tab.locator(".hoverlayer")).to_contain_text("61.71.04")
    expect(tab.locator(".hoverlayer")).to_contain_text("94,03%")
    tab.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(tab.locator(".st-key-map_breadcrumb")).to_contain_text("Pontianak Utara", timeout=DRAWN_TIMEOUT_MS)
    expect(shapes(tab)).to_have_count(UTARA_KELURAHAN_COUNT)
    # the 404s of a URL below the root (see test_a_link_opens_a_kecamatan_in_a_month)
    assert [error for error in console_errors if not error.startswith("Failed to load resource")] == []
