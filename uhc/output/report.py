"""One city-month for the press set and the mayor's briefing: its figures, read once, and its charts.

load() reads what the exports draw from a store; press_charts() builds the standard press set
from it (coverage trend with target, kecamatan map, kecamatan ranking, kecamatan small
multiples, segment mix, activity trend, the month's changes); lagging_kecamatan() is the briefing's table. The CLI reads a store with load(); the
dashboard builds the same CityMonth from its cached accessors (uhc.ui.reads.city_month).

Each picture's default headline is its finding, a pure function of the rows it draws:
headlines() for the press set, measure_finding() for a map of any measure (map_finding for
coverage), trend_findings() for one region's trends; the dashboard's "Unduh PNG" takes the same.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import cast

import geopandas as gpd
import plotly.graph_objects as go
import polars as pl

from uhc import figures, i18n
from uhc.core import changes, formats, gap, metrics, planner, reactivation, summary
from uhc.output import charts, events, export, maps
from uhc.store.db import Store
from uhc.store.regions import CODE_LENGTH

# Kecamatan in the briefing's table of those furthest from the target.
LAGGING_COUNT = 5
MANIFEST = "manifest.json"
# Settings key naming the demo city (uhc.store.demo writes it).
DEMO_CITY_SETTING = "demo_city"


@dataclass(frozen=True)
class CityMonth:
    """What the exports show for one city and month.

    city_trend: the city's gap rows of every month up to ``period``, oldest first
    kecamatan:  the kecamatan gap rows of ``period``
    segments:   the city's registered participants by segment, every month up to ``period``
    shapes:     the kecamatan display polygons (empty without boundaries)
    quota:      the city's PBI quotas for ``period``'s year (pbi_quota.sql rows; empty when none)
    award_tiers: the dated UHC Awards tiers (uhc_award_tier.sql rows)
    reactivation_plan: the reactivation planner at its defaults for ``period`` by kecamatan (None
                without kecamatan figures)
    month_changes: what changed against the month before (changes.changes_in_store, with the
                alert thresholds an editor set); None when built without it
    kecamatan_trend: the kecamatan gap rows of every month up to ``period``, oldest first (the small
                multiples); None when built without them
    """

    city_code: str
    city_name: str
    period: dt.date
    city: dict
    month_before: dict | None
    year_before: dict | None
    city_trend: pl.DataFrame
    kecamatan: pl.DataFrame
    segments: pl.DataFrame
    shapes: gpd.GeoDataFrame
    settings: dict
    quota: pl.DataFrame
    award_tiers: pl.DataFrame
    reactivation_plan: gap.ReactivationPlan | None
    population_origins: pl.DataFrame | None = None  # queries/population_origin.sql under the city
    demo_month: bool = True  # the month's figures are the demo's (not imported into the demo store)
    month_changes: changes.MonthChanges | None = None
    kecamatan_trend: pl.DataFrame | None = None

    @property
    def is_demo(self) -> bool:
        return self.settings.get(DEMO_CITY_SETTING) == self.city_code and self.demo_month

    @property
    def branding(self) -> export.Branding:
        return export.Branding.from_settings(self.settings, self.city_code, self.city_name, self.is_demo)

    @property
    def events(self) -> pl.DataFrame:
        """The city's dated events for the trends (events.city_events)."""
        return events.city_events(self.settings, self.city_code)

    @property
    def vintage(self) -> export.Vintage:
        as_of = self.city["population_as_of"]
        return export.Vintage(self.period, as_of, summary.recap_of_population(self.population_origins, as_of))


def store_branding(store: Store, city_code: str, changes: dict[str, str | None]) -> int:
    """Set (or with None remove) a city's export settings (export.SETTING_INSTANSI, SETTING_LOGO) in one transaction.

    Returns how many settings were written.
    """
    with store.transaction():
        for name, value in changes.items():
            key = export.setting_key(name, city_code)
            if value is None:
                store.execute("delete_setting", key=key)
            else:
                store.execute("upsert_setting", key=key, value=value)
    return len(changes)


def city_of(store: Store, city_code: str | None) -> tuple[str, str]:
    """(kemendagri_code, name) of the city to export: the one given, else the store's only city with data."""
    cities = store.run("city_with_data")
    if city_code is not None:
        chosen = cities.filter(pl.col("kemendagri_code") == city_code)
        if chosen.height:
            return chosen["kemendagri_code"][0], chosen["name"][0]
    elif cities.height == 1:
        return cities["kemendagri_code"][0], cities["name"][0]
    listed = ", ".join(f"{c} {n}" for c, n in zip(cities["kemendagri_code"], cities["name"], strict=True))
    if cities.height == 0:
        raise gap.NoData("gap_no_data")
    if city_code is None:
        raise gap.NoData("report_several_cities", cities=listed)
    raise gap.NoData("report_no_city_data", city=city_code, cities=listed)


def load(store: Store, city_code: str | None, period: dt.date) -> CityMonth:
    """The city-month from ``store``; gap.NoData (naming the months there are) when ``period`` has none."""
    code, name = city_of(store, city_code)

    def row(month: dt.date) -> dict | None:
        try:
            return gap.gap_for_period(store, month, "kota", code).row(0, named=True)
        except gap.NoData:
            return None

    city_rows = gap.gap_for_period(store, period, "kota", code)
    city = city_rows.row(0, named=True)
    _, month_before, year_before = metrics.months_for_changes(period)
    segments = store.run("segments_by_region_month", code_length=CODE_LENGTH["kota"], scope_code=code, periods=None)
    try:
        kecamatan = gap.gap_for_period(store, period, "kecamatan", code)
    except gap.NoData:  # a city-level recap: no kecamatan figures that month
        kecamatan = city_rows.clear()
    reactivation_plan = None
    if kecamatan.filter(pl.col("registered").is_not_null()).height:
        reactivation_plan = gap.reactivation_for_period(store, reactivation.Scenario(), period, "kecamatan", code)
    return CityMonth(
        city_code=code,
        city_name=name,
        period=period,
        city=city,
        month_before=row(month_before),
        year_before=row(year_before),
        city_trend=gap.gap_all_months(store, "kota", code).filter(pl.col("period") <= period),
        kecamatan=kecamatan,
        segments=segments.filter(pl.col("period") <= period),
        shapes=maps.display_shapes(store.run("region_geometry", scope_code=code, level="kecamatan")),
        settings=dict(store.run("setting").iter_rows()),
        quota=store.run("pbi_quota", kemendagri_code=code, year=period.year),
        award_tiers=store.run("uhc_award_tier"),
        reactivation_plan=reactivation_plan,
        population_origins=store.run("population_origin", scope_code=code),
        demo_month=store.run("demo_coverage_of_month", scope_code=code, period=period)["demo_figures"][0] > 0,
        month_changes=changes.changes_in_store(store, code, period),
        kecamatan_trend=gap.gap_all_months(store, "kecamatan", code).filter(pl.col("period") <= period),
    )


# The briefing's file kinds and their MIME types.
BRIEFING_KINDS = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def briefing_file_name(city_code: str, period: dt.date, language: str, kind: str) -> str:
    """``briefing_61.71_2026-01_id.pdf`` (``kind``: pdf or pptx)."""
    return f"briefing_{city_code}_{period:%Y-%m}_{language}.{kind}"


def press_zip_file_name(city_code: str, period: dt.date, size: str) -> str:
    """``pers_61.71_2026-01_1600x900.zip``: the press set in one file."""
    return f"pers_{city_code}_{period:%Y-%m}_{size}.zip"


def first_month(rows: pl.DataFrame) -> dt.date | None:
    """The first month of gap rows (a trend's start), None without rows."""
    return cast("dt.date | None", rows["period"].min()) if rows.height else None


def vintage(rows: pl.DataFrame, period: dt.date, population_origins: pl.DataFrame | None = None) -> export.Vintage:
    """The data vintage of a chart of gap ``rows`` at ``period``: that month and its population semester (or recap).

    ``population_origins`` (queries/population_origin.sql) credit a population taken from a BPJS
    recap to that recap's file.
    """
    at = rows.filter((pl.col("period") == period) & pl.col("population_as_of").is_not_null())
    as_of = cast("dt.date | None", at["population_as_of"].max()) if at.height else None
    return export.Vintage(period, as_of, summary.recap_of_population(population_origins, as_of))


@dataclass(frozen=True)
class Wording:
    """What a press picture says above and under its chart: the headline (its finding), subtitle and a note.

    An empty field means the default: the headline worked out from the data, the region and period
    as subtitle, no note.
    """

    headline: str = ""
    subtitle: str = ""
    note: str = ""

    def as_json(self, saved_over: SavedOver | None = None) -> str:
        """The setting's text; with ``saved_over`` also the default headline and month it was saved over."""
        body = {"headline": self.headline, "subtitle": self.subtitle, "note": self.note}
        if saved_over is not None:
            body |= {"saved_over": saved_over.headline, "period": saved_over.period.isoformat()}
        return json.dumps(body, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | None) -> Wording:
        """The wording a setting keeps; an empty Wording for a missing or unreadable one."""
        try:
            body = json.loads(text) if text else {}
        except ValueError:
            return cls()
        if not isinstance(body, dict):
            return cls()
        return cls(*(str(body.get(field) or "").strip() for field in ("headline", "subtitle", "note")))

    def over(self, default: Wording) -> Wording:
        """This wording with its empty fields taken from ``default``."""
        return Wording(self.headline or default.headline, self.subtitle or default.subtitle, self.note or default.note)


@dataclass(frozen=True)
class SavedOver:
    """What a kept headline replaced when it was saved: the default headline (the finding) of ``period``.

    A kept headline holds the numbers of the month it was written for; when a later month's
    finding differs, the form says so (saved_over_if_stale).
    """

    headline: str
    period: dt.date

    @classmethod
    def from_json(cls, text: str | None) -> SavedOver | None:
        """What a setting says its headline was saved over; None for a wording kept before it was noted."""
        try:
            body = json.loads(text) if text else {}
            headline, period = body["saved_over"], dt.date.fromisoformat(body["period"])
        except (ValueError, TypeError, KeyError):
            return None
        return cls(headline, period) if isinstance(headline, str) and headline else None


def saved_over_if_stale(settings: dict, city_code: str, stem: str, language: str, default: str) -> SavedOver | None:
    """What the kept headline of ``stem`` was saved over, when that differs from today's ``default`` headline.

    None when no headline is kept, when it was kept over this same finding, or when the setting
    is older than the note of what it was saved over (nothing known of its month).
    """
    text = settings.get(wording_key(city_code, stem, language))
    if not Wording.from_json(text).headline:
        return None
    saved = SavedOver.from_json(text)
    return saved if saved is not None and saved.headline != default else None


# The pictures of the press set, by file stem, in the set's order.
# cakupan-kecamatan-tren is the Tren page's small multiples: the same file name and kept wording there.
SMALL_MULTIPLES_STEM = "cakupan-kecamatan-tren"
PRESS_STEMS = (
    "cakupan-tren",
    "peta-kecamatan",
    "peringkat-kecamatan",
    SMALL_MULTIPLES_STEM,
    "segmen",
    "keaktifan-tren",
    "perubahan-bulan",
)
WORDING_FIELDS = ("headline", "subtitle", "note")


def wording_changes(city_month: CityMonth, language: str, given: dict[str, dict[str, str]]) -> dict[str, Wording]:
    """The wordings to keep when ``given`` ({stem: {field: text}}) changes some fields of the stored ones.

    A field given empty goes back to its default; the fields not given keep what was stored.
    """
    changed = {}
    for stem, fields in given.items():
        stored = stored_wording(city_month.settings, city_month.city_code, stem, language)
        values = {field: getattr(stored, field) for field in WORDING_FIELDS} | {
            field: text.strip() for field, text in fields.items()
        }
        changed[stem] = Wording(**values)
    return changed


def saved_over_changes(city_month: CityMonth, language: str, given: dict[str, dict[str, str]]) -> dict[str, SavedOver]:
    """What each headline kept by wording_changes(``given``) replaces: the month's finding when the
    headline is given now, else what the setting already noted (a subtitle changed later leaves it)."""
    found = headlines(city_month, language)
    noted = {}
    for stem, fields in given.items():
        kept = city_month.settings.get(wording_key(city_month.city_code, stem, language))
        if fields.get("headline", "").strip() and stem in found:
            noted[stem] = SavedOver(found[stem], city_month.period)
        elif (earlier := SavedOver.from_json(kept)) is not None:
            noted[stem] = earlier
    return noted


# Settings key of a picture's last wording: "export_wording:<kemendagri_code>:<stem>:<language>".
SETTING_WORDING = "export_wording"


def wording_key(city_code: str, stem: str, language: str) -> str:
    """The settings key of one picture's wording for one city and language: ``export_wording:61.71:segmen:id``."""
    return f"{SETTING_WORDING}:{city_code}:{stem}:{language}"


def wording_stem(stem: str, scope_code: str | None, city_code: str) -> str:
    """The name a picture's wording is kept under: ``stem`` for a picture of the city, ``stem@scope`` else.

    Every field may name its region (a headline "Pontianak Utara paling jauh dari target", a
    subtitle "Pontianak Utara · Januari 2026", a note about its figures), so the whole wording is
    kept per region: a picture of one kecamatan (the Tren page with a kecamatan chosen, the Peta
    page drilled down) keeps it as ``cakupan-tren@61.71.01`` and never shows another kecamatan's.
    A picture of the whole city (``scope_code`` None or the city) is the press set's picture of
    that stem, so an "Unduh PNG" of it and the Ekspor page share one wording.
    """
    return stem if scope_code is None or scope_code == city_code else f"{stem}@{scope_code}"


def stored_wording(settings: dict, city_code: str, stem: str, language: str) -> Wording:
    """The wording a city last kept for picture ``stem`` in ``language`` (empty fields where none)."""
    return Wording.from_json(settings.get(wording_key(city_code, stem, language)))


def store_wording(
    store: Store,
    city_code: str,
    language: str,
    wordings: dict[str, Wording],
    saved_over: dict[str, SavedOver] | None = None,
) -> int:
    """Keep each picture's wording (``{stem: Wording}``) as the city's setting, in one transaction.

    A wording with every field empty removes the setting (the picture goes back to its defaults).
    ``saved_over`` ({stem: SavedOver}) notes the default headline a kept headline replaced, and its
    month, so a later month can say the kept one is older. Returns how many settings were written or removed.
    """
    saved_over = saved_over or {}
    with store.transaction():
        for stem, wording in wordings.items():
            key = wording_key(city_code, stem, language)
            if wording == Wording():
                store.execute("delete_setting", key=key)
            else:
                over = saved_over.get(stem) if wording.headline else None
                store.execute("upsert_setting", key=key, value=wording.as_json(over))
    return len(wordings)


@dataclass(frozen=True)
class PressChart:
    """One picture of the press set: file stem, headline, subtitle and note in the language asked for, the figure.

    The figure is built on first use: a page that lists the set (titles, file names) builds none.
    ``default`` is the wording worked out from the data, before the city's own.
    """

    stem: str
    title: str
    subtitle: str
    build: Callable[[], go.Figure]
    note: str = ""
    default: Wording = Wording()

    @property
    def wording(self) -> Wording:
        return Wording(self.title, self.subtitle, self.note)

    @cached_property
    def figure(self) -> go.Figure:
        return self.build()


def subtitle(region: str, period: dt.date, language: str, since: dt.date | None = None) -> str:
    """ "Kota Pontianak · Januari 2026", or with ``since`` a span: "… · Januari 2022 – Januari 2026"."""
    when = i18n.month(period, language)
    if since is not None and since != period:
        when = f"{i18n.month(since, language)} – {when}"
    return f"{region} · {when}"


def _target(row: dict, language: str, column: str = "target_pct") -> str:
    """A dated target or criterion as a headline writes it: 98%, or 97,50% for one that is not whole."""
    value = row[column]
    return i18n.percent(value, language, digits=0 if value == round(value) else 2)


def level_word(level: str, language: str) -> str:
    """The regions' word in a sentence (kecamatan, kelurahan) in ``language``."""
    return i18n.text(maps.LEVEL_KEYS[level], language).lower()


def _all(count: int, language: str) -> str:
    """Every one of ``count`` regions in a sentence: "semua 6" / "all 6", and "kedua" / "both" for two."""
    if count == 2:
        return i18n.text(i18n.N_("headline_all_two"), language)
    return i18n.text(i18n.N_("headline_all_count"), language, count=count)


def _sentence(text: str) -> str:
    """``text`` with its first letter a capital (a sentence may open with "semua 6" / "kedua")."""
    return text[:1].upper() + text[1:]


def with_drawn(rows: pl.DataFrame, drawn: Collection[str] | None) -> pl.DataFrame:
    """``rows`` and, for each region the map draws (``drawn``: its shapes' codes) without a row, an empty one.

    A shape without a row is drawn as no data (maps.map_frame), so a finding counts it as a region
    without data, not as nothing.
    """
    if drawn is None:
        return rows
    absent = sorted(set(drawn) - set(rows["kemendagri_code"]))
    if not absent:
        return rows
    return pl.concat(
        [rows, pl.DataFrame({"kemendagri_code": absent}, schema={"kemendagri_code": pl.String})], how="diagonal_relaxed"
    )


def _without_data(finding: str, rows: pl.DataFrame, measured: pl.DataFrame, language: str) -> str:
    """``finding`` with "(1 tanpa data)" when some of the regions drawn (``rows``) have no value (not ``measured``)."""
    missing = rows.height - measured.height
    if missing <= 0:
        return finding
    return i18n.text(i18n.N_("headline_without_data"), language, finding=finding, missing=missing)


def map_finding(
    rows: pl.DataFrame, level: str, region: str, language: str, drawn: Collection[str] | None = None
) -> str | None:
    """A coverage map's finding for the regions it draws (``rows``: gap rows of one level in ``region``).

    "Semua 4 kelurahan di Pontianak Utara belum mencapai 98%"; one region is named with its value
    ("Siantan Hulu 93,95%, belum mencapai 98%"); None when no row has a target and a population
    (the map then keeps its plain title). ``level`` is the regions' word (kecamatan, kelurahan).
    The target is the rows' own: the regions were counted against it. Regions drawn without a
    figure (``drawn``, the codes of the map's shapes, names those without a row) are counted apart:
    "(1 tanpa data)".
    """
    rows = with_drawn(rows, drawn)
    measured = rows.filter(pl.col("people_needed").is_not_null() & pl.col("target_pct").is_not_null())
    if not measured.height:
        return None
    short = measured.filter(pl.col("people_needed") > 0).height
    first = measured.row(0, named=True)
    values = {
        "short": short,
        "count": measured.height,
        "all": _all(measured.height, language),
        "level": level,
        "region": region,
        "target": _target(first, language),
    }
    if measured.height == 1:
        values |= {
            "name": first["name"],
            "coverage": formats.percent_against(first.get("coverage_pct"), first["target_pct"], language),
        }
        key = i18n.N_("headline_level_one_short") if short else i18n.N_("headline_level_one_met")
        finding = i18n.text(key, language, **values)
    elif short == 0:
        finding = _sentence(i18n.text(i18n.N_("headline_level_all_met"), language, **values))
    elif short == measured.height:
        finding = _sentence(i18n.text(i18n.N_("headline_level_none_met"), language, **values))
    else:
        finding = i18n.plural(i18n.N_plural("headline_level_short"), short, language, **values)
    return _without_data(finding, rows, measured, language)


def _activity_map_finding(rows: pl.DataFrame, level: str, region: str, language: str, whole: dict | None) -> str | None:
    """The finding of a keaktifan map against the UHC criterion: how many fall below, the lowest.

    "Keaktifan JKN Kota Pontianak 78,12%: 3 dari 6 kecamatan di bawah 80%; terendah Pontianak
    Utara 71,05%". A value below means under the criterion, not rounded (79,99% is below 80%), and
    is printed rounded down (79,996 -> 79,99%). One region says what its trend says
    (activity_finding).
    """
    name, target = "activity_pct", "min_activity_pct"
    measured = rows.filter(pl.col(name).is_not_null() & pl.col(target).is_not_null())
    if not measured.height:
        return None
    lowest = measured.sort([name, "name"]).row(0, named=True)
    if measured.height == 1:
        return _without_data(cast("str", activity_finding(lowest, lowest["name"], language)), rows, measured, language)
    value = None if whole is None else whole.get(name)
    lead = i18n.text(
        i18n.N_("headline_lead_activity_region") if value is None else i18n.N_("headline_lead_activity"),
        language,
        region=region,
        value=formats.percent_against(value, None if whole is None else whole.get(target), language),
    )
    below = measured.filter(pl.col(name) < pl.col(target)).height
    if below == 0:
        key = i18n.N_("headline_threshold_all_reach")
    elif below == measured.height:
        key = i18n.N_("headline_threshold_all_below")
    else:
        key = i18n.N_("headline_threshold_some_below")
    finding = i18n.text(
        key,
        language,
        lead=lead,
        below=below,
        count=measured.height,
        all=_all(measured.height, language),
        level=level,
        threshold=_target(lowest, language, target),
        lowest=lowest["name"],
        lowest_value=formats.percent_against(lowest[name], lowest[target], language),
    )
    return _without_data(finding, rows, measured, language)


def _active_coverage_map_finding(
    rows: pl.DataFrame, level: str, region: str, language: str, whole: dict | None
) -> str | None:
    """The finding of a map of cakupan aktif: the region's value, the lowest and the highest region.

    "Cakupan aktif JKN Kota Pontianak 80,43%: terendah Pontianak Utara 79,10%, tertinggi Pontianak
    Kota 84,20%". Cakupan aktif has no target of its own (98% is cakupan kepesertaan's), so it is
    not counted against one.
    """
    name = "active_coverage_pct"
    measured = rows.filter(pl.col(name).is_not_null()).sort([name, "name"])
    if not measured.height:
        return None
    value = None if whole is None else whole.get(name)
    lowest, highest = measured.row(0, named=True), measured.row(-1, named=True)
    if measured.height == 1:
        finding = i18n.text(
            i18n.N_("headline_lead_active_coverage"),
            language,
            region=lowest["name"],
            value=i18n.percent(lowest[name], language),
        )
        return _without_data(finding, rows, measured, language)
    lead = i18n.text(
        i18n.N_("headline_lead_active_coverage_region") if value is None else i18n.N_("headline_lead_active_coverage"),
        language,
        region=region,
        value=i18n.percent(value, language),
    )
    finding = i18n.text(
        i18n.N_("headline_active_coverage_range"),
        language,
        lead=lead,
        lowest=lowest["name"],
        lowest_value=i18n.percent(lowest[name], language),
        highest=highest["name"],
        highest_value=i18n.percent(highest[name], language),
    )
    return _without_data(finding, rows, measured, language)


def _people_map_finding(rows: pl.DataFrame, level: str, region: str, language: str) -> str | None:
    """The finding of a map of people still to enrol: their total in the regions short of the target, the most.

    "Kota Pontianak: 7.539 warga lagi menuju 98% di 2 dari 6 kecamatan; terbanyak Pontianak Utara
    5.669". The total adds up the regions drawn that are short, so it can exceed the parent's own
    figure (a region above the target does not make up for another one on this map). With regions
    drawn without a figure it never says "semuanya": they may be short too.
    """
    measured = rows.filter(pl.col("people_needed").is_not_null() & pl.col("target_pct").is_not_null())
    if not measured.height:
        return None
    short = measured.filter(pl.col("people_needed") > 0).sort(["people_needed", "name"], descending=[True, False])
    if short.height == 0:
        return map_finding(rows, level, region, language)
    if short.height == 1:
        key = (
            i18n.N_plural("headline_people_one_short")
            if rows.height == measured.height
            else i18n.N_plural("headline_people_one_short_unknown")
        )
    elif short.height == measured.height:
        key = i18n.N_plural("headline_people_all_short")
    else:
        key = i18n.N_plural("headline_people_some_short")
    total = int(short["people_needed"].sum())
    most = short.row(0, named=True)
    finding = i18n.plural(
        key,
        total,
        language,
        region=region,
        people=i18n.number(total, language),
        target=_target(most, language),
        short=short.height,
        count=measured.height,
        all=_all(measured.height, language),
        level=level,
        most_name=most["name"],
        most=i18n.number(most["people_needed"], language),
    )
    return _without_data(finding, rows, measured, language)


def _change_map_finding(rows: pl.DataFrame, level: str, region: str, language: str) -> str | None:
    """The finding of a map of the 12-month change in coverage: how many rose, the largest rise and fall.

    "Cakupan JKN naik di 5 dari 6 kecamatan di Kota Pontianak dalam 12 bulan; kenaikan terbesar:
    Pontianak Utara +3,10 poin, penurunan terbesar: Pontianak Kota -0,20 poin". A change counts as a
    rise or a fall as printed (two decimals): +0,001 is 0,00, unchanged.
    """
    name = "coverage_change_12m_pp"
    measured = rows.filter(pl.col(name).is_not_null())
    if not measured.height:
        return None
    measured = measured.with_columns(
        pl.Series("shown_pp", [float(formats.shown(value)) for value in measured[name]], pl.Float64)
    )
    rose = measured.filter(pl.col("shown_pp") > 0).sort([name, "name"], descending=[True, False])
    fell = measured.filter(pl.col("shown_pp") < 0).sort([name, "name"])
    values: dict = {
        "region": region,
        "level": level,
        "count": measured.height,
        "all": _all(measured.height, language),
        "rose": rose.height,
    }
    if rose.height:
        values |= {"up_name": rose["name"][0], "up": i18n.points(rose[name][0], language)}
    if fell.height:
        values |= {"down_name": fell["name"][0], "down": i18n.points(fell[name][0], language)}
    if measured.height == 1:
        only = measured.row(0, named=True)
        values |= {"name": only["name"], "change": i18n.decimal(abs(only[name]), language, digits=2)}
        if rose.height:
            key = i18n.N_("headline_change_one_rose")
        elif fell.height:
            key = i18n.N_("headline_change_one_fell")
        else:
            key = i18n.N_("headline_change_one_unchanged")
    elif rose.height == measured.height:
        key = i18n.N_("headline_change_all_rose")
    elif fell.height == measured.height:
        key = i18n.N_("headline_change_all_fell")
    elif rose.height and fell.height:
        key = i18n.N_("headline_change_rose_fell")
    elif rose.height:
        key = i18n.N_("headline_change_rose")
    elif fell.height:
        key = i18n.N_("headline_change_none_rose")
    else:
        key = i18n.N_("headline_change_unchanged")
    return _without_data(i18n.text(key, language, **values), rows, measured, language)


def measure_finding(
    name: str,
    rows: pl.DataFrame,
    level: str,
    region: str,
    language: str,
    whole: dict | None = None,
    drawn: Collection[str] | None = None,
) -> str | None:
    """The finding of a map of measure ``name`` (maps.measures()) for the regions it draws, the default headline.

    ``rows`` are the gap rows of one level in ``region``, ``level`` their word (kecamatan,
    kelurahan), ``whole`` the gap row of ``region`` itself (its value opens the sentence where one
    does), ``drawn`` the codes of the regions the map draws (a shape without a row is a region
    without data, "(1 tanpa data)"). None when the rows have nothing to say (no value, no target):
    the map keeps its plain title.
    """
    rows = with_drawn(rows, drawn)
    if name == "coverage_pct":
        return map_finding(rows, level, region, language)
    if name == "people_needed":
        return _people_map_finding(rows, level, region, language)
    if name == "coverage_change_12m_pp":
        return _change_map_finding(rows, level, region, language)
    if name == "activity_pct":
        return _activity_map_finding(rows, level, region, language, whole)
    if name == "active_coverage_pct":
        return _active_coverage_map_finding(rows, level, region, language, whole)
    return None


def coverage_finding(row: dict, region: str, language: str) -> str | None:
    """A coverage trend's finding for ``region`` from its gap row of the month: the value, who is left, when.

    "Cakupan JKN Pontianak Utara 94,03%: 5.669 warga lagi menuju 98%; dengan laju 12 bulan terakhir
    sekitar Juni 2026" (the arrival month when the pace of the last 12 months gets there); None
    without a coverage, a target or a people count. "12 bulan" and the month are joined by no-break
    spaces (in the catalogs, and here), so a wrapped headline never splits them.
    """
    if row.get("coverage_pct") is None or row.get("target_pct") is None or row.get("people_needed") is None:
        return None  # without the people count it cannot say whether the target is met
    people = row["people_needed"]
    arrives = people > 0 and row.get("projection_status") == "projected" and row.get("projected_target_period")
    if arrives:
        key = i18n.N_plural("headline_coverage_short_arrives")
    elif people > 0:
        key = i18n.N_plural("headline_coverage_short")
    else:
        key = i18n.N_plural("headline_coverage_met")
    return i18n.plural(
        key,
        people,
        language,
        city=region,
        coverage=formats.percent_against(row["coverage_pct"], row["target_pct"], language),
        people=i18n.number(people, language),
        target=_target(row, language),
        month=i18n.month(row["projected_target_period"], language).replace(" ", "\u00a0") if arrives else "",
    )


def activity_finding(row: dict, region: str, language: str) -> str | None:
    """An activity trend's finding for ``region``: its keaktifan against the UHC criterion in force."""
    if row.get("activity_pct") is None or row.get("min_activity_pct") is None:
        return None
    return i18n.text(
        i18n.N_("headline_activity_met")
        if row["activity_pct"] >= row["min_activity_pct"]
        else i18n.N_("headline_activity_short"),
        language,
        city=region,
        activity=formats.percent_against(row["activity_pct"], row["min_activity_pct"], language),
        minimum=_target(row, language, "min_activity_pct"),
    )


def segments_finding(segments: pl.DataFrame, period: dt.date, region: str, language: str) -> str | None:
    """A segment trend's finding for ``region``: the largest segment's share of the registered in ``period``."""
    now = segments.filter(pl.col("period") == period)
    if not now.height or not now["registered"][0]:
        return None
    counts = [(segment, now[f"{segment.code}_registered"][0]) for segment in figures.JKN_SEGMENTS]
    counts = [(segment, count) for segment, count in counts if count is not None]
    if not counts:
        return None
    segment, count = max(counts, key=lambda pair: pair[1])
    return i18n.text(
        "headline_segments",
        language,
        segment=i18n.text(segment.label_key, language),
        share=i18n.percent(count * 100.0 / now["registered"][0], language),
        city=region,
    )


def trend_stem(figure: figures.Figure) -> str:
    """The file stem of a registered figure's own trend on the Tren page: ``cakupan-aktif-tren`` style."""
    return f"{figure.key.replace('_', '-')}-tren"


def trend_findings(
    trend: pl.DataFrame, segments: pl.DataFrame, period: dt.date, region: str, language: str
) -> dict[str, str]:
    """The findings of one region's trend pictures ({stem: headline}): coverage, activity, segments.

    ``trend`` are the region's gap rows month by month up to ``period`` (oldest first),
    ``segments`` its registered participants by segment. The city's are the press set's
    (headlines); a kecamatan's say the same of the kecamatan. A trend whose month ``period`` has
    no row says nothing (its plain title stays).
    """
    trend = trend.filter(pl.col("period") <= period)
    if not trend.height or trend["period"][-1] != period:
        return {}
    row = trend.row(-1, named=True)
    found = {
        "cakupan-tren": coverage_finding(row, region, language),
        "keaktifan-tren": activity_finding(row, region, language),
        "segmen": segments_finding(segments, period, region, language),
    }
    return {stem: finding for stem, finding in found.items() if finding is not None}


def has_changes_picture(month_changes: changes.MonthChanges) -> bool:
    """Whether the month has kecamatan compared with the month before (the picture of what changed)."""
    return month_changes.moved is not None and month_changes.moved.height > 0


def changes_headline(month_changes: changes.MonthChanges, city_name: str, language: str) -> str:
    """The picture of what changed, its finding: '2 perubahan status di Kota Serang bulan ini; gerak terbesar: ...'.

    Counts the crossings up to or below a threshold (not the falls of more than N points) and names
    the kecamatan whose coverage moved most either way. Needs has_changes_picture.
    """
    moved = cast("pl.DataFrame", month_changes.moved)
    biggest = moved.sort(pl.col("coverage_change_1m_pp").abs(), descending=True).row(0, named=True)
    statuses = month_changes.crossed.filter(pl.col("alert") != "fall").height
    return i18n.plural(
        i18n.N_plural("headline_changes_status") if statuses else i18n.N_plural("headline_changes_no_status"),
        statuses,
        language,
        count=i18n.number(statuses, language),
        city=city_name,
        region=biggest["name"],
        change=i18n.points(biggest["coverage_change_1m_pp"], language),
    )


def changes_figure(month_changes: changes.MonthChanges, language: str) -> go.Figure:
    """The picture of what changed: the city (unless its month is a partial sum) and the kecamatan compared."""
    return charts.month_changes_bars(
        None if month_changes.missing_kelurahan else month_changes.city,
        cast("pl.DataFrame", month_changes.moved),
        month_changes.crossed,
        language,
    )


def small_multiples_rows(city_month: CityMonth) -> pl.DataFrame:
    """The kecamatan rows the small multiples draw: those with a coverage figure, up to the month."""
    rows = city_month.kecamatan_trend
    if rows is None:
        return city_month.kecamatan.clear()
    return rows.filter(pl.col("coverage_pct").is_not_null())


def small_multiples_left_out(city_month: CityMonth, language: str) -> str | None:
    """Why the small multiples have nothing to draw (fewer than two months or two kecamatan), None when they do."""
    rows = small_multiples_rows(city_month)
    months = rows["period"].n_unique()
    if months < 2:
        return i18n.text("export_left_out_months", language, months=months)
    if rows["kemendagri_code"].n_unique() < 2:
        return i18n.text("export_left_out_small_multiples", language)
    return None


def small_multiples_headline(city_month: CityMonth, language: str) -> str | None:
    """The small multiples' finding: how many kecamatan are at the target this month, and which rose most.

    "4 dari 6 kecamatan di Kota Pontianak mencapai 98%; kenaikan terbesar sejak Januari 2022:
    Pontianak Utara +3,10 poin". At the target means no one left to enrol (people_needed 0, as the
    map's headline counts); the rise is the month's coverage less the first month's, in points,
    of the kecamatan with both. Without a rise (none measured at both ends, or none rose) the
    sentence stops at the count; None when no kecamatan has a figure this month.
    """
    cm = city_month
    rows = small_multiples_rows(cm)
    now = rows.filter((pl.col("period") == cm.period) & pl.col("people_needed").is_not_null())
    if now.height == 0 or cm.city.get("target_pct") is None:
        return None
    first = cast("dt.date", rows["period"].min())
    change = (
        now.join(rows.filter(pl.col("period") == first), on="kemendagri_code", suffix="_first")
        .with_columns((pl.col("coverage_pct") - pl.col("coverage_pct_first")).alias("rise_pp"))
        .filter(pl.col("rise_pp") > 0)
        .sort(["rise_pp", "name"], descending=[True, False])
    )
    met = now.filter(pl.col("people_needed") == 0).height
    values = {"met": met, "count": now.height, "city": cm.city_name, "target": _target(cm.city, language)}
    if first == cm.period or change.height == 0:
        return i18n.text("headline_small_multiples", language, **values)
    top = change.row(0, named=True)
    return i18n.text(
        "headline_small_multiples_rise",
        language,
        **values,
        since=i18n.month(first, language),
        region=top["name"],
        change=i18n.points(top["rise_pp"], language),
    )


def headlines(city_month: CityMonth, language: str) -> dict[str, str]:
    """Each press picture's default headline, its finding in words from the data ({stem: headline}).

    "Cakupan JKN Kota Pontianak 87,86%: 69.246 warga lagi menuju 98%". A picture whose figures
    are missing keeps its plain title (export_title_*). The trends' are the city's trend_findings,
    the map's its map_finding, as on the Tren and Peta pages.
    """
    cm = city_month
    found = trend_findings(cm.city_trend, cm.segments, cm.period, cm.city_name, language)
    found = {stem: found[stem] for stem in ("cakupan-tren", "segmen", "keaktifan-tren") if stem in found}
    drawn = None if cm.shapes.empty else cm.shapes["kemendagri_code"].tolist()
    kecamatan_map = map_finding(cm.kecamatan, level_word("kecamatan", language), cm.city_name, language, drawn)
    if kecamatan_map is not None:
        found["peta-kecamatan"] = kecamatan_map
        short = cm.kecamatan.filter(pl.col("people_needed") > 0).sort(
            ["people_needed", "coverage_pct"], descending=[True, False]
        )
        found["peringkat-kecamatan"] = kecamatan_map  # every kecamatan at the target: the map's sentence
        if short.height:
            worst = short.row(0, named=True)
            found["peringkat-kecamatan"] = i18n.plural(
                "headline_ranking",
                worst["people_needed"],
                language,
                kecamatan=worst["name"],
                people=i18n.number(worst["people_needed"], language),
                target=_target(worst, language),
            )
    small_multiples = small_multiples_headline(cm, language)
    if small_multiples is not None:
        found[SMALL_MULTIPLES_STEM] = small_multiples
    if cm.month_changes is not None and has_changes_picture(cm.month_changes):
        found["perubahan-bulan"] = changes_headline(cm.month_changes, cm.city_name, language)
    return found


def press_plan(
    city_month: CityMonth,
    language: str,
    wordings: dict[str, Wording] | None = None,
    highlight_code: str | None = None,
) -> tuple[list[PressChart], list[dict]]:
    """The standard press set (trend with target, map, ranking, kecamatan small multiples, segments,
    activity, the month's changes) and what is left out.

    Each picture says what ``wordings`` gives for its stem, else what the city's settings kept
    (store_wording), else its defaults: the headline from the data (headlines), the region and
    period as subtitle, no note. A picture with nothing to draw is left out, with the reason in
    ``language``: the trends with fewer than two months, the map without kecamatan boundaries,
    the map and the ranking without kecamatan figures, the segments when the recaps never split
    them, the small multiples without two months and two kecamatan of figures. Each left-out picture is ``{"chart": stem, "title": ..., "reason": ...}``.
    ``highlight_code`` (a kecamatan) stands out in the map and the ranking.
    """
    cm = city_month
    months = cm.city_trend.height
    first = cm.city_trend["period"][0] if months else cm.period
    span = subtitle(cm.city_name, cm.period, language, since=first)
    one_month = subtitle(cm.city_name, cm.period, language)
    segment_columns = [f"{segment}_registered" for segment in figures.SEGMENTS]
    has_segments = cm.segments.select(pl.any_horizontal(pl.col(segment_columns).is_not_null()).any()).item()
    too_few_months = None if months >= 2 else i18n.text("export_left_out_months", language, months=months)
    no_kecamatan = None if cm.kecamatan.height else i18n.text("export_left_out_kecamatan", language)
    plan = [
        (
            "cakupan-tren",
            "export_title_coverage",
            span,
            too_few_months,
            lambda: charts.coverage_trend(
                cm.city_trend,
                language,
                events=cm.events,
                recap_dates=summary.recap_population_dates(cm.population_origins),
            ),
        ),
        (
            "peta-kecamatan",
            "export_title_map",
            one_month,
            no_kecamatan or (i18n.text("export_left_out_map", language) if cm.shapes.empty else None),
            lambda: maps.press_map_figure(cm.shapes, cm.kecamatan, "coverage", language, highlight_code=highlight_code),
        ),
        (
            "peringkat-kecamatan",
            "export_title_ranking",
            one_month,
            no_kecamatan,
            lambda: charts.kecamatan_ranking(cm.kecamatan, language, highlight_code),
        ),
        (
            SMALL_MULTIPLES_STEM,
            i18n.N_("export_title_small_multiples"),
            span,
            small_multiples_left_out(cm, language),
            lambda: charts.kecamatan_small_multiples(small_multiples_rows(cm), language, highlight_code, cm.city_name),
        ),
        (
            "segmen",
            "export_title_segments",
            span,
            too_few_months or (None if has_segments else i18n.text("export_left_out_segments", language)),
            lambda: charts.segment_trend(cm.segments, cm.city_name, language),
        ),
        (
            "keaktifan-tren",
            "export_title_activity",
            span,
            too_few_months,
            lambda: charts.activity_trend(cm.city_trend, language, events=cm.events),
        ),
    ]
    month_changes = cm.month_changes
    before = metrics.months_for_changes(cm.period)[1]
    plan.append(
        (
            "perubahan-bulan",
            "export_title_changes",
            i18n.text(
                "changes_subtitle",
                language,
                city=cm.city_name,
                month=i18n.month(cm.period, language),
                before=i18n.month(before, language),
            ),
            None
            if month_changes is not None and has_changes_picture(month_changes)
            else i18n.text("export_left_out_changes", language, before=i18n.month(before, language)),
            lambda: changes_figure(cast("changes.MonthChanges", month_changes), language),
        )
    )
    found = headlines(cm, language)
    chosen, left_out = [], []
    for stem, title_key, sub, reason, figure in plan:
        title = i18n.text(title_key, language)
        if reason is None:
            default = Wording(found.get(stem, title), sub)
            given = (wordings or {}).get(stem) or stored_wording(cm.settings, cm.city_code, stem, language)
            wording = given.over(default)
            chosen.append(PressChart(stem, wording.headline, wording.subtitle, figure, wording.note, default))
        else:
            left_out.append({"chart": stem, "title": title, "reason": reason})
    return chosen, left_out


def press_charts(city_month: CityMonth, language: str, wordings: dict[str, Wording] | None = None) -> list[PressChart]:
    """The pictures of the press set that have something to draw (see press_plan)."""
    return press_plan(city_month, language, wordings)[0]


# The big-number card's file stem and its wording's settings name (Wording: headline = its sentence).
CARD_STEM = "kartu-angka"


def card_default(city_month: CityMonth, language: str) -> Wording:
    """The big-number card's sentence worked out from the data, as a Wording's headline."""
    cm, city = city_month, city_month.city
    people = city.get("people_needed") or 0
    return Wording(
        i18n.plural(
            i18n.N_plural("card_sentence_short") if people > 0 else i18n.N_plural("card_sentence_met"),
            people,
            language,
            city=cm.city_name,
            people=i18n.number(people, language),
            target=i18n.percent(city["target_pct"], language, digits=0) if city.get("target_pct") else "",
        )
    )


def card(city_month: CityMonth, language: str, wording: Wording | None = None) -> export.Card:
    """The big-number card of the city-month: its coverage, the sentence of what is left, the month.

    The sentence is ``wording``'s headline, else the one the city kept (store_wording under
    CARD_STEM), else worked out from the data (card_default); its note likewise.
    """
    cm, city = city_month, city_month.city
    default = card_default(cm, language)
    given = wording or stored_wording(cm.settings, cm.city_code, CARD_STEM, language)
    chosen = given.over(default)
    return export.Card(
        i18n.percent(city.get("coverage_pct"), language),
        chosen.headline,
        chosen.subtitle or i18n.month(cm.period, language),
        chosen.note,
    )


def card_png(city_month: CityMonth, language: str, size: str, wording: Wording | None = None) -> bytes:
    """The big-number card as PNG (export.CARD_SIZES, 2x)."""
    return export.card_png(
        card(city_month, language, wording),
        size=size,
        branding=city_month.branding,
        vintage=city_month.vintage,
        language=language,
    )


def card_file_name(city_code: str, period: dt.date, size: str) -> str:
    """``kartu-angka_61.71_2026-01_1080x1350.png``."""
    return export.png_file_name(CARD_STEM, city_code, period, size)


def lagging_kecamatan(kecamatan: pl.DataFrame, count: int = LAGGING_COUNT) -> pl.DataFrame:
    """The ``count`` kecamatan furthest from the target: most people still to enrol first, none at target."""
    return (
        kecamatan.filter(pl.col("people_needed") > 0)
        .sort(["people_needed", "coverage_pct"], descending=[True, False])
        .head(count)
    )


def kecamatan_total_sentences(city_month: CityMonth, language: str) -> list[str]:
    """What every kecamatan short of the target needs together, when that is more than the city's figure.

    The city's need comes from city totals, so kecamatan above the target make up for others:
    without this, a briefing could say "no one to enrol" above a table of kecamatan that lag.
    """
    short = city_month.kecamatan.filter(pl.col("people_needed") > 0)
    at_target = city_month.kecamatan.filter(pl.col("people_needed") == 0)
    people = int(short["people_needed"].sum())
    city_people = city_month.city["people_needed"]
    # Without a kecamatan at the target the sums differ only by rounding each kecamatan up.
    if short.height == 0 or at_target.height == 0 or city_people is None or people <= city_people:
        return []
    return [
        i18n.text(
            "brief_lagging_total",
            language,
            people=i18n.number(people, language),
            cost=i18n.rupiah_compact(int(short["annual_cost_idr"].sum()), language),
            city_people=i18n.number(city_people, language),
        )
    ]


def need_sentence(city_month: CityMonth, language: str) -> str:
    """The planner's sentence at the dated target, iuran and 12 months: people and rupiah to reach UHC."""
    row = city_month.city
    if summary.without_target(row):  # a month before every dated target (2014): say so, not "no data"
        return summary.no_target_sentence(row, language)
    if row["iuran_idr_per_month"] is None:
        return i18n.text("plan_need_no_data", language)
    scenario = planner.Scenario(iuran_idr_per_month=int(row["iuran_idr_per_month"]))
    plan = planner.city_plan(row, planner.worklist(city_month.kecamatan, scenario), scenario)
    return planner.need_sentence(row, plan, scenario, city_month.city_name, language)


def press_chart_png(
    city_month: CityMonth, chart: PressChart, language: str, size: str, scale: float = export.SCALE
) -> bytes:
    """One chart of the set framed for the press (export.press_figure) as PNG, ``scale`` pixels a layout pixel."""
    return export.press_png(
        chart.figure,
        size,
        scale=scale,
        title=chart.title,
        subtitle=chart.subtitle,
        note=chart.note,
        branding=city_month.branding,
        vintage=city_month.vintage,
        language=language,
    )


def press_set(
    city_month: CityMonth,
    language: str,
    size: str,
    wordings: dict[str, Wording] | None = None,
    highlight_code: str | None = None,
) -> tuple[list[tuple[dict, bytes]], dict]:
    """Every picture of the press set as PNG bytes with its manifest entry, and the set's manifest."""
    width, height = export.parse_size(size)
    chosen, left_out = press_plan(city_month, language, wordings, highlight_code)
    made = []
    for chart in chosen:
        entry = {
            "file": export.png_file_name(chart.stem, city_month.city_code, city_month.period, size),
            "chart": chart.stem,
            "title": chart.title,
            "subtitle": chart.subtitle,
            "note": chart.note,
            "period": f"{city_month.period:%Y-%m}",
            "vintage": city_month.vintage.as_json(),
            "size": size,
            "pixels": [width * export.SCALE, height * export.SCALE],
        }
        made.append((entry, press_chart_png(city_month, chart, language, size)))
    return made, manifest(city_month, language, size, [entry for entry, _ in made], left_out, dt.datetime.now())


def manifest(
    city_month: CityMonth, language: str, size: str, entries: list[dict], left_out: list[dict], made_at: dt.datetime
) -> dict:
    """manifest.json of a press set: what, for whom, from which data, one entry per file, what was left out."""
    return {
        "city_code": city_month.city_code,
        "city_name": city_month.city_name,
        "period": f"{city_month.period:%Y-%m}",
        "language": language,
        "size": size,
        "vintage": city_month.vintage.as_json(),
        "source": i18n.text("export_source", language, agency=city_month.branding.agency(language)),
        "demo_data": city_month.is_demo,
        "made_at": made_at.isoformat(timespec="seconds"),
        "files": entries,
        "left_out": left_out,
    }


def _manifest_text(body: dict) -> str:
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def write_press_set(
    city_month: CityMonth,
    language: str,
    size: str,
    out_dir: Path,
    wordings: dict[str, Wording] | None = None,
    highlight_code: str | None = None,
) -> dict:
    """Write the press set's PNGs into ``out_dir`` (made if missing), then manifest.json; the manifest."""
    made, body = press_set(city_month, language, size, wordings, highlight_code)
    out_dir.mkdir(parents=True, exist_ok=True)
    for entry, data in made:
        (out_dir / entry["file"]).write_bytes(data)
    (out_dir / MANIFEST).write_text(_manifest_text(body), encoding="utf-8")
    return body


def press_set_zip(city_month: CityMonth, language: str, size: str) -> bytes:
    """The press set and its manifest.json as one ZIP (the Ekspor page's download)."""
    made, body = press_set(city_month, language, size)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:  # PNGs are compressed already
        for entry, data in made:
            archive.writestr(entry["file"], data)
        archive.writestr(MANIFEST, _manifest_text(body))
    return out.getvalue()
