"""The gettext catalogs: every message the code names is in both, translated, with the same placeholders;
none is left over; the .pot is what extraction gives today; plural forms; a missing or stale .mo."""

from __future__ import annotations

import io
import os
import shutil
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from uhc import i18n, message_keys
from uhc.core import planner
from uhc.intake import wording

REPO_ROOT = Path(__file__).resolve().parents[1]
POT = i18n.LOCALE_DIR / "uhc.pot"
REMEDY = "run `make catalogs`, fill in the new msgstr of both uhc.po, and commit uhc.pot and the .po files"


def _extracted_pot() -> bytes:
    """The .pot as `make catalogs` writes it: babel.cfg's extraction over the code, sorted, no locations."""
    with (REPO_ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    template = Catalog()
    for file_name, line, message, comments, context in extract_from_dir(REPO_ROOT, method_map, options_map):
        template.add(message, None, [(file_name, line)], auto_comments=comments, context=context)
    written = io.BytesIO()
    write_po(written, template, width=76, no_location=True, omit_header=True, sort_output=True)
    return written.getvalue()


def _read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, locale=language, domain=i18n.DOMAIN)


def _entries(catalog: Catalog) -> dict[str, object]:
    """Key -> the message (the header left out)."""
    return {(m.id if isinstance(m.id, str) else m.id[0]): m for m in catalog if m.id}


def _forms(message) -> tuple[str, ...]:
    return (message.string,) if isinstance(message.string, str) else tuple(message.string)


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@pytest.fixture(scope="module")
def template() -> dict[str, object]:
    """The messages the code names today (extracted now, not the committed .pot)."""
    return _entries(read_po(io.BytesIO(_extracted_pot())))


@pytest.fixture(scope="module")
def catalogs() -> dict[str, dict[str, object]]:
    return {language: _entries(_read(i18n.catalog_path(language), language)) for language in i18n.LANGUAGES}


def test_the_pot_is_what_the_code_names_today():
    assert _extracted_pot().decode("utf-8") == POT.read_text(encoding="utf-8"), f"uhc.pot is out of date: {REMEDY}"


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_a_catalog_holds_every_message_the_code_names_and_no_other(language, template, catalogs):
    missing = sorted(set(template) - set(catalogs[language]))
    unused = sorted(set(catalogs[language]) - set(template))
    assert (missing, unused) == ([], []), f"{language}: (missing, unused): {REMEDY}"


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_a_message_has_plural_forms_in_the_catalog_where_the_code_counts_it(language, template, catalogs):
    differing = sorted(
        key
        for key, message in template.items()
        if key in catalogs[language] and message.pluralizable != catalogs[language][key].pluralizable
    )
    assert differing == [], REMEDY


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_message_is_translated(language):
    catalog = _read(i18n.catalog_path(language), language)
    untranslated = sorted(
        key
        for key, message in _entries(catalog).items()
        if message.fuzzy
        or len(_forms(message)) != (catalog.num_plurals if message.pluralizable else 1)
        or not all(_forms(message))
    )
    assert untranslated == [], f"{language}: untranslated or fuzzy messages"


@pytest.mark.parametrize(
    ("language", "plural_forms"), [("id", "nplurals=1; plural=0;"), ("en", "nplurals=2; plural=(n != 1);")]
)
def test_the_plural_rules_of_each_language(language, plural_forms):
    assert _read(i18n.catalog_path(language), language).plural_forms == plural_forms


def test_every_form_in_both_languages_fills_the_same_placeholders(catalogs):
    expected = {key: _placeholders(_forms(message)[0]) for key, message in catalogs[i18n.DEFAULT_LANGUAGE].items()}
    differing = sorted(
        (language, key)
        for language, entries in catalogs.items()
        for key, message in entries.items()
        if any(_placeholders(form) != expected.get(key) for form in _forms(message))
    )
    assert differing == []


def test_a_key_is_a_message_with_plurals_or_one_without_never_both():
    with (REPO_ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    kinds: dict[str, set[bool]] = {}
    for _, _, message, _, _ in extract_from_dir(REPO_ROOT, method_map, options_map):
        key, is_plural = (message[0], True) if isinstance(message, tuple) else (message, False)
        kinds.setdefault(key, set()).add(is_plural)
    assert sorted(key for key, seen in kinds.items() if len(seen) > 1) == []


# -- the extraction method ------------------------------------------------------------------------

SOURCE = """
from uhc import i18n
from uhc.intake.geo import BoundaryError

LABELS = {"a": i18n.N_("label_a"), "b": i18n.N_plural("rows_b")}
print(i18n.text("title", "id"), i18n.plural("months_count", 3, "en", months=3))
print(i18n.text("yes_key" if ok else "no_key", lang), i18n.text(LABELS[x], lang), exc.text("en"))
raise BoundaryError("geo_no_file", file="x")
Segment("ppu", "segment_ppu", "#48c9b0")
Figure("x", heading_key="col_x", value_keys={"a": "value_a"}, plural_heading_key="cost_months", help="not a key")
"""
OPTIONS = {
    "key_callables": "BoundaryError Segment:2",
    "key_keywords": "heading_key value_keys",
    "plural_key_keywords": "plural_heading_key",
}


def test_extraction_finds_keys_in_calls_markers_conditions_and_what_babel_cfg_names():
    found = sorted(
        (key, is_plural) for _, key, is_plural in message_keys.keys_in(SOURCE, "x.py", message_keys.rules(OPTIONS))
    )
    assert found == [
        ("col_x", False),
        ("cost_months", True),
        ("geo_no_file", False),
        ("label_a", False),
        ("months_count", True),
        ("no_key", False),
        ("rows_b", True),
        ("segment_ppu", False),
        ("title", False),
        ("value_a", False),
        ("yes_key", False),
    ]


@pytest.mark.parametrize(
    "built",
    [
        'i18n.text(f"col_{figure}", lang)',
        'i18n.text("col_" + figure, lang)',
        'i18n.plural("col_%s" % figure, 2, lang)',
        'i18n.template("col_{}".format(figure), lang)',
        'i18n.N_("a" if x else f"b_{y}")',
    ],
)
def test_extraction_refuses_a_key_built_from_pieces_and_says_where(built):
    with pytest.raises(message_keys.BuiltKey, match=r"^pages/x\.py:3: the message key .* is built from pieces"):
        list(message_keys.keys_in(f"import x\n\n{built}\n", "pages/x.py"))


# -- plural forms ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "language", "expected"),
    [
        (1, "id", "Biaya 1 bulan"),
        (2, "id", "Biaya 2 bulan"),
        (1, "en", "Cost for 1 month"),
        (2, "en", "Cost for 2 months"),
        (0, "en", "Cost for 0 months"),
    ],
)
def test_cost_for_n_months(n, language, expected):
    assert i18n.plural("plan_kpi_enrolment_cost", n, language, months=n) == expected


@pytest.mark.parametrize(
    ("n", "language", "expected"),
    [
        (1, "id", "1 kesalahan: berkas tidak dapat disimpan sebelum diperbaiki."),
        (2, "id", "2 kesalahan: berkas tidak dapat disimpan sebelum diperbaiki."),
        (1, "en", "1 error: the file cannot be saved until it is fixed."),
        (2, "en", "2 errors: the file cannot be saved until they are fixed."),
    ],
)
def test_n_errors(n, language, expected):
    assert i18n.plural("data_errors", n, language, n=i18n.number(n, language)) == expected


@pytest.mark.parametrize(
    ("people", "language", "expected"),
    [
        (1, "id", "1 orang"),
        (2, "id", "2 orang"),
        (1, "en", "1 person"),
        (1_234, "en", "1,234 people"),
        # a whole number of people: 1,4 is shown as 1 and takes the form of 1
        (1.4, "en", "1 person"),
    ],
)
def test_n_people(people, language, expected):
    assert i18n.plural("ranking_people", people, language, people=i18n.number(people, language)) == expected


@pytest.mark.parametrize(
    ("months", "language", "expected"),
    [
        (1, "id", "Biaya 1 bulan"),
        (3, "id", "Biaya 3 bulan"),
        (1, "en", "Cost for 1 month"),
        (3, "en", "Cost for 3 months"),
    ],
)
def test_the_worklist_header_counts_the_months_funded(months, language, expected):
    scenario = planner.Scenario(target_pct=98.0, iuran_idr_per_month=42_000, months_funded=months, budget_idr=0)
    assert expected in planner.worklist_figure_headers(scenario, language)


@pytest.mark.parametrize(
    ("rows", "language", "expected"),
    [
        (1, "id", "1 baris tahun 2024 tidak diimpor: hanya baris tahun 2025 (tahun tanggal yang dipilih)."),
        (2, "id", "2 baris tahun 2024 tidak diimpor: hanya baris tahun 2025 (tahun tanggal yang dipilih)."),
        (1, "en", "1 row of 2024 left out: only the rows of 2025 (the year of the date chosen) are imported."),
        (2, "en", "2 rows of 2024 left out: only the rows of 2025 (the year of the date chosen) are imported."),
    ],
)
def test_a_finding_of_the_importer_counts_its_rows(rows, language, expected):
    params = {"rows": rows, "years": "2024", "year": "2025"}
    shown = {"rows": i18n.number(rows, language), "years": "2024", "year": "2025"}
    assert wording.store_issue_sentence("years_left_out", params, language, value="–", **shown) == expected


# -- the compiled catalogs -------------------------------------------------------------------------


@pytest.fixture
def locale_copy(tmp_path, monkeypatch):
    """A copy of uhc/locale that i18n reads instead, with its compiled catalogs forgotten before and after."""
    copy = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, copy, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setattr(i18n, "LOCALE_DIR", copy)
    i18n._translations.cache_clear()
    yield copy
    i18n._translations.cache_clear()


def _write_mo(po_path: Path, language: str, key: str, text: str, mtime: float) -> None:
    """A .mo beside ``po_path`` compiled from it, but with message ``key`` saying ``text``."""
    catalog = _read(po_path, language)
    catalog[key].string = text
    mo_path = po_path.with_suffix(".mo")
    with mo_path.open("wb") as mo:
        write_mo(mo, catalog)
    os.utime(mo_path, (mtime, mtime))


def test_without_a_mo_the_po_is_read(locale_copy):
    assert not list(locale_copy.rglob("*.mo"))
    assert i18n.text("kpi_coverage", "id") == "Cakupan kepesertaan"
    assert i18n.plural("plan_kpi_enrolment_cost", 2, "en", months=2) == "Cost for 2 months"


def test_a_mo_as_new_as_its_po_is_used(locale_copy):
    po_path = locale_copy / "en" / "LC_MESSAGES" / "uhc.po"
    _write_mo(po_path, "en", "kpi_coverage", "Coverage (from the .mo)", po_path.stat().st_mtime + 10)
    assert i18n.text("kpi_coverage", "en") == "Coverage (from the .mo)"


def test_a_mo_older_than_its_po_is_not_used(locale_copy):
    po_path = locale_copy / "en" / "LC_MESSAGES" / "uhc.po"
    _write_mo(po_path, "en", "kpi_coverage", "Coverage (stale)", po_path.stat().st_mtime - 10)
    assert i18n.text("kpi_coverage", "en") == "Coverage"


def test_a_message_english_lacks_is_shown_in_indonesian_and_one_no_catalog_has_is_a_key_error(locale_copy):
    po_path = locale_copy / "en" / "LC_MESSAGES" / "uhc.po"
    catalog = _read(po_path, "en")
    catalog["kpi_coverage"].string = ""
    with po_path.open("wb") as po:
        write_po(po, catalog)
    assert i18n.text("kpi_coverage", "en") == "Cakupan kepesertaan"
    with pytest.raises(KeyError, match="no_such_message"):
        i18n.text("no_such_message", "en")
    with pytest.raises(KeyError, match="no_such_message"):
        i18n.plural("no_such_message", 2, "id")
