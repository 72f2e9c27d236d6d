"""Kemendagri <-> BPS code crosswalks: read one from a file, put its BPS codes on a region tree, keep them.

A crosswalk file is a CSV (comma or semicolon separated, UTF-8 or Windows-1252) with a Kemendagri
code column and a BPS code column, as ``../shared/real/*_kemendagri_bps_crosswalk.csv`` are laid
out (``kode_kemendagri``, ``kode_bps``; other columns are ignored). ``import coverage|population
FILE --crosswalk CROSSWALK`` uses one for that import; ``python -m uhc import crosswalk FILE``
keeps its codes in ``region.bps_code`` (one transaction, one import batch of kind ``crosswalk``),
so every later import and boundary file reads BPS codes without the option.
"""

from __future__ import annotations

import io
import re

import polars as pl

from uhc import i18n
from uhc.intake import wording
from uhc.store.db import Store
from uhc.store.regions import CODE_LENGTH, level_of_code, normalised_name

CROSSWALK_SCHEMA = {"kemendagri_code": pl.String, "bps_code": pl.String}
# BPS codes are undotted digits: 61 province, 6171 kab/kota, 6171031 kecamatan, 6171031002 kelurahan/desa.
BPS_DIGITS = {"provinsi": 2, "kota": 4, "kecamatan": 7, "kelurahan": 10}
_KEMENDAGRI_WIDTHS = {2: (2,), 4: (2, 2), 6: (2, 2, 2), 10: (2, 2, 2, 4)}
_DOTTED = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
# CrosswalkError's key -> its message; the code system a bad code should be in -> its words.
_MESSAGE_KEYS = {
    "no_file": i18n.N_("crosswalk_no_file"),
    "unreadable": i18n.N_("crosswalk_unreadable"),
    "no_columns": i18n.N_("crosswalk_no_columns"),
    "bad_code": i18n.N_("crosswalk_bad_code"),
    "level_mismatch": i18n.N_("crosswalk_level_mismatch"),
    "repeated": i18n.N_("crosswalk_repeated"),
    "prefix_mismatch": i18n.N_("crosswalk_prefix_mismatch"),
    "nothing": i18n.N_("crosswalk_nothing"),
}
_EXPECTED_KEYS = {"bps": i18n.N_("crosswalk_expected_bps"), "kemendagri": i18n.N_("crosswalk_expected_kemendagri")}


class CrosswalkError(ValueError):
    """A crosswalk file that cannot be used; ``text(language)`` says where, why and what to do."""

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(self.text("en"))

    def text(self, language: str) -> str:
        params = dict(self.params)
        if self.key == "bad_code":
            params["expected"] = i18n.text(_EXPECTED_KEYS[str(params["expected"])], language)
        for name in ("kemendagri_level", "expected") if self.key == "level_mismatch" else ():
            params[name] = i18n.text(wording.LEVELS[str(params[name])], language)
        return i18n.text(_MESSAGE_KEYS[self.key], language, **params)


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _code_column(columns: list[str], system: str, file_name: str) -> str:
    """The column holding the ``system`` (kemendagri / bps) code of the region itself, not of its parent."""
    found = [c for c in columns if system in c.lower() and not re.search(r"nama|name", c.lower())]
    if len(found) > 1:  # kode_kec_kemendagri beside kode_kemendagri: the parent's code
        found = [c for c in found if not re.search(r"(^|[^a-z])(kec|kab|kota|prov)", c.lower())] or found
    if len(found) != 1:
        raise CrosswalkError(
            "no_columns", file=file_name, missing=f"kode {system.upper()}", columns=", ".join(columns) or "–"
        )
    return found[0]


def _kemendagri_code(text: str) -> str | None:
    """A dotted Kemendagri code from ``61.71.05.1002`` or ``6171051002``; None when it is neither."""
    text = re.sub(r"\s", "", text)
    if _DOTTED.match(text):
        return text
    if text.isdigit() and len(text) in _KEMENDAGRI_WIDTHS:
        parts, start = [], 0
        for width in _KEMENDAGRI_WIDTHS[len(text)]:
            parts.append(text[start : start + width])
            start += width
        return ".".join(parts)
    return None


def read_crosswalk(data: bytes, file_name: str) -> pl.DataFrame:
    """The crosswalk's (kemendagri_code, bps_code) pairs, checked: codes well formed, of one level, one partner each."""
    frame = _frame(data, file_name)
    kemendagri_column = _code_column(frame.columns, "kemendagri", file_name)
    bps_column = _code_column(frame.columns, "bps", file_name)
    pairs: dict[str, str] = {}
    first_row: dict[str, int] = {}
    for number, (kemendagri_text, bps_text) in enumerate(frame.select(kemendagri_column, bps_column).iter_rows(), 2):
        if not (kemendagri_text or "").strip() and not (bps_text or "").strip():
            continue
        where = {"file": file_name, "row": number}
        kemendagri_code = _kemendagri_code(kemendagri_text or "")
        if kemendagri_code is None:
            raise CrosswalkError(
                "bad_code", **where, column=kemendagri_column, value=kemendagri_text or "", expected="kemendagri"
            )
        bps_code = re.sub(r"\.0$", "", re.sub(r"\s", "", bps_text or ""))
        if not bps_code.isdigit() or len(bps_code) not in BPS_DIGITS.values():
            raise CrosswalkError("bad_code", **where, column=bps_column, value=bps_text or "", expected="bps")
        level = level_of_code(kemendagri_code)
        if len(bps_code) != BPS_DIGITS[level]:
            raise CrosswalkError(
                "level_mismatch",
                **where,
                kemendagri_code=kemendagri_code,
                kemendagri_level=level,
                bps_code=bps_code,
                bps_digits=len(bps_code),
                expected=level,
                expected_digits=BPS_DIGITS[level],
            )
        for key, partner in ((f"k{kemendagri_code}", bps_code), (f"b{bps_code}", kemendagri_code)):
            if key in pairs and pairs[key] != partner:
                raise CrosswalkError("repeated", **where, value=key[1:], first_row=first_row[key])
            pairs.setdefault(key, partner)
            first_row.setdefault(key, number)
    rows = [(key[1:], bps) for key, bps in pairs.items() if key.startswith("k")]
    return pl.DataFrame(rows, schema=CROSSWALK_SCHEMA, orient="row")


def with_bps_codes(tree: pl.DataFrame, crosswalk: pl.DataFrame, file_name: str = "") -> pl.DataFrame:
    """The tree with the crosswalk's BPS codes (they replace stored ones), and each city's code where it follows.

    A kab/kota without a BPS code gets the first four digits of its kecamatan's BPS codes when every
    one of its kecamatan has one and they all agree (Jakarta Barat: 3174). A kelurahan BPS code
    must begin with its kecamatan's, else CrosswalkError.
    """
    given = dict(zip(crosswalk["kemendagri_code"], crosswalk["bps_code"], strict=True))
    tree = tree.with_columns(
        bps_code=pl.col("kemendagri_code").replace_strict(given, default=pl.col("bps_code"), return_dtype=pl.String)
    )
    bps = dict(zip(tree["kemendagri_code"], tree["bps_code"], strict=True))
    names = dict(zip(tree["kemendagri_code"], tree["name"], strict=True))
    for code, parent in (
        tree.filter(pl.col("level") == "kelurahan").select("kemendagri_code", "parent_code").iter_rows()
    ):
        if bps.get(code) and bps.get(parent) and not bps[code].startswith(bps[parent]):
            raise CrosswalkError(
                "prefix_mismatch",
                file=file_name,
                bps_code=bps[code],
                region=names[code],
                kecamatan_bps_code=bps[parent],
            )
    derived = {}
    for city in tree.filter((pl.col("level") == "kota") & pl.col("bps_code").is_null())["kemendagri_code"]:
        kecamatan = tree.filter((pl.col("level") == "kecamatan") & (pl.col("parent_code") == city))["bps_code"]
        prefixes = {code[:4] for code in kecamatan.to_list() if code}
        if kecamatan.len() and kecamatan.null_count() == 0 and len(prefixes) == 1:
            derived[city] = prefixes.pop()
    if derived:
        tree = tree.with_columns(
            bps_code=pl.col("kemendagri_code").replace_strict(
                derived, default=pl.col("bps_code"), return_dtype=pl.String
            )
        )
    return tree


def agreement(tree: pl.DataFrame) -> dict[str, tuple[int, int]]:
    """Per level (kota, kecamatan, kelurahan): (regions with a BPS code, regions) in ``tree``."""
    return {
        level: (
            tree.filter((pl.col("level") == level) & pl.col("bps_code").is_not_null()).height,
            tree.filter(pl.col("level") == level).height,
        )
        for level in ("kota", "kecamatan", "kelurahan")
    }


def store_crosswalk(store: Store, crosswalk: pl.DataFrame, *, file_name: str, sha256: str, user: str) -> dict:
    """Keep a crosswalk's BPS codes in ``region.bps_code`` for the store's regions, in one transaction.

    Returns what was done: ``batch_id``, ``cities`` (kab/kota code -> its agreement() counts, for the
    kab/kota the crosswalk touches), ``elsewhere`` (crosswalk rows for regions not in the store).
    Refuses (CrosswalkError) a crosswalk that names no region of the store.
    """
    stored = store.run("region_tree", scope_code="")
    known = set(stored["kemendagri_code"])
    elsewhere = crosswalk.filter(~pl.col("kemendagri_code").is_in(list(known))).height
    if elsewhere == crosswalk.height:
        raise CrosswalkError("nothing", file=file_name)
    tree = with_bps_codes(stored, crosswalk, file_name)
    changed = tree.join(stored.select("kemendagri_code", stored_bps="bps_code"), on="kemendagri_code").filter(
        pl.col("bps_code").ne_missing(pl.col("stored_bps"))
    )
    touched = {code[: CODE_LENGTH["kota"]] for code in crosswalk["kemendagri_code"] if code in known and len(code) >= 5}
    with store.transaction():
        for code, bps_code in changed.select("kemendagri_code", "bps_code").iter_rows():
            store.execute("update_region_bps_code", kemendagri_code=code, bps_code=bps_code)
        batch_id = store.scalar(
            "insert_import_batch",
            kind="crosswalk",
            file_name=file_name,
            sha256=sha256,
            row_count=crosswalk.height,
            imported_by=user,
            note=f"BPS codes for {crosswalk.height - elsewhere} regions from {file_name}",
        )
    cities = {city: agreement(tree.filter(pl.col("kemendagri_code").str.starts_with(city))) for city in sorted(touched)}
    return {"batch_id": batch_id, "cities": cities, "elsewhere": elsewhere}


def stored_text(result: dict, tree: pl.DataFrame, file_name: str, language: str) -> str:
    """store_crosswalk's result as one line in ``language``: per kab/kota how many regions have a BPS code."""
    names = dict(zip(tree["kemendagri_code"], tree["name"], strict=True))
    bps = dict(zip(tree["kemendagri_code"], tree["bps_code"], strict=True))
    cities = [
        i18n.text(
            "crosswalk_city",
            language,
            city_code=city,
            city=names.get(city, city),
            kelurahan=counts["kelurahan"][0],
            kelurahan_total=counts["kelurahan"][1],
            kecamatan=counts["kecamatan"][0],
            kecamatan_total=counts["kecamatan"][1],
            city_bps=bps.get(city) or i18n.text("crosswalk_city_none", language),
        )
        for city, counts in result["cities"].items()
    ]
    return i18n.text(
        "crosswalk_stored",
        language,
        file=file_name,
        cities="; ".join(cities),
        elsewhere=i18n.number(result["elsewhere"], language),
        batch=result["batch_id"],
    )


# -- BPS codes by name, from a list of BPS codes and names ------------------------------------

BPS_LIST_SCHEMA = {"bps_code": pl.String, "name": pl.String}


def _frame(data: bytes, file_name: str) -> pl.DataFrame:
    text = _decoded(data)
    first_line = text.split("\n", 1)[0]
    separator = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return pl.read_csv(io.StringIO(text), separator=separator, infer_schema=False)
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as exc:
        raise CrosswalkError("unreadable", file=file_name, reason=str(exc).splitlines()[0]) from None


def has_kemendagri_codes(data: bytes, file_name: str) -> bool:
    """Whether a codes file is a crosswalk (a Kemendagri code column) rather than a list of BPS codes and names."""
    return any(
        "kemendagri" in c.lower() and not re.search(r"nama|name", c.lower()) for c in _frame(data, file_name).columns
    )


def read_bps_list(data: bytes, file_name: str) -> pl.DataFrame:
    """A list of BPS codes and names (kode_bps, nama_bps; BPS's own master file) as (bps_code, name)."""
    frame = _frame(data, file_name)
    code_column = _code_column(frame.columns, "bps", file_name)
    names = [c for c in frame.columns if re.search(r"nama|name", c.lower())]
    names = [c for c in names if "bps" in c.lower()] or names
    if len(names) != 1:
        raise CrosswalkError("no_columns", file=file_name, missing="nama", columns=", ".join(frame.columns))
    pairs = frame.select(
        bps_code=pl.col(code_column).str.replace_all(r"\s", "").str.replace(r"\.0$", ""), name=pl.col(names[0])
    ).filter(pl.col("bps_code").str.contains(r"^\d+$") & pl.col("name").is_not_null())
    return pairs.unique(maintain_order=True)


def bps_codes_by_name(tree: pl.DataFrame, bps_list: pl.DataFrame) -> pl.DataFrame:
    """(kemendagri_code, bps_code) for the tree's kab/kota, kecamatan and kelurahan whose names match the list's.

    Names are compared normalised (regions.normalised_name) and only within parents: the city's
    kecamatan among the BPS kecamatan (7 digits) under one BPS kab/kota, each kelurahan among the
    BPS kelurahan (10 digits) under its kecamatan's BPS code. The BPS kab/kota is the one, in the
    same province, under which most of the city's kecamatan names are found, and at least half of
    them (Kemendagri 31.73 Jakarta Barat is BPS 3174: codes alone would pick Jakarta Pusat). A name
    found twice or not at all gets no code: nothing is guessed.
    """
    keys = bps_list.with_columns(key=pl.col("name").map_elements(normalised_name, return_dtype=pl.String))
    by_length = {length: keys.filter(pl.col("bps_code").str.len_chars() == length) for length in (7, 10)}
    pairs = []

    def unique_code(frame: pl.DataFrame, prefix: str, key: str) -> str | None:
        found = frame.filter(pl.col("bps_code").str.starts_with(prefix) & (pl.col("key") == key))["bps_code"]
        return found[0] if found.len() == 1 else None

    for city in tree.filter(pl.col("level") == "kota")["kemendagri_code"]:
        kecamatan = tree.filter((pl.col("level") == "kecamatan") & (pl.col("parent_code") == city))
        kecamatan_keys = [normalised_name(n) for n in kecamatan["name"]]
        in_province = by_length[7].filter(pl.col("bps_code").str.starts_with(city[:2]))
        scores = (
            in_province.filter(pl.col("key").is_in(kecamatan_keys))
            .group_by(prefix=pl.col("bps_code").str.slice(0, 4))
            .agg(pl.col("key").n_unique().alias("found"))
            .sort("found", "prefix", descending=[True, False])
        )
        if scores.height == 0 or 2 * scores["found"][0] < kecamatan.height:
            continue
        if scores.height > 1 and scores["found"][1] == scores["found"][0]:
            continue  # two BPS kab/kota fit as well: no guess
        city_bps = scores["prefix"][0]
        pairs.append((city, city_bps))
        for code, key in zip(kecamatan["kemendagri_code"], kecamatan_keys, strict=True):
            kecamatan_bps = unique_code(by_length[7], city_bps, key)
            if kecamatan_bps is None:
                continue
            pairs.append((code, kecamatan_bps))
            kelurahan = tree.filter((pl.col("level") == "kelurahan") & (pl.col("parent_code") == code))
            for kelurahan_code, name in kelurahan.select("kemendagri_code", "name").iter_rows():
                kelurahan_bps = unique_code(by_length[10], kecamatan_bps, normalised_name(name))
                if kelurahan_bps is not None:
                    pairs.append((kelurahan_code, kelurahan_bps))
    return pl.DataFrame(pairs, schema=CROSSWALK_SCHEMA, orient="row")
