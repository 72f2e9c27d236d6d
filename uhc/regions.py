"""The region tree: Kemendagri codes and names from the gazetteer, code rules, name matching."""

from __future__ import annotations

import difflib
import re

import polars as pl
from lokal import wilayah

# Length of a dotted Kemendagri code at each level: 61 / 61.71 / 61.71.04 / 61.71.04.1001.
CODE_LENGTH = {"provinsi": 2, "kota": 5, "kecamatan": 8, "kelurahan": 13}
LEVELS = tuple(CODE_LENGTH)
_LEVEL_OF_TYPE = {
    "provinsi": "provinsi",
    "kabupaten": "kota",
    "kota": "kota",
    "kecamatan": "kecamatan",
    "distrik": "kecamatan",
    "kelurahan": "kelurahan",
    "desa": "kelurahan",
    "desa_adat": "kelurahan",
}
REGION_SCHEMA = {
    "kemendagri_code": pl.String,
    "name": pl.String,
    "level": pl.String,
    "region_type": pl.String,
    "parent_code": pl.String,
    "bps_code": pl.String,
    "aliases": pl.List(pl.String),
}
_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")


class UnknownRegion(ValueError):
    """A region code or name the gazetteer does not know; the message suggests close matches."""


def level_of_code(kemendagri_code: str) -> str:
    """The level (provinsi, kota, kecamatan, kelurahan) a dotted Kemendagri code is at."""
    for level, length in CODE_LENGTH.items():
        if len(kemendagri_code) == length:
            return level
    raise ValueError(f"{kemendagri_code!r} is not a Kemendagri code such as 61.71 or 61.71.04.1001")


def parent_code(kemendagri_code: str) -> str | None:
    """The code one level up (61.71.04 -> 61.71), or None for a province."""
    return kemendagri_code.rsplit(".", 1)[0] if "." in kemendagri_code else None


def normalised_name(name: str) -> str:
    """A region name reduced for matching: lower case, no prefix such as Kec./Kel., letters only."""
    text = name.strip().lower()
    text = re.sub(r"^\d[\d.]*\s*[-:]\s*", "", text)  # composite labels: "6171031-PONTIANAK KOTA"
    # A bare "Kota" is part of many names (kecamatan Kota Manna beside Manna), so only the
    # administrative prefixes go; each must end at a word boundary (Kotabaru is not "baru").
    text = re.sub(
        r"^(kota adm(inistrasi)?\.?|kabupaten\b|kab\.|kecamatan\b|kec\.|kelurahan\b|kel\.|desa\b|ds\.)\s*", "", text
    )
    return re.sub(r"[^a-z]", "", text)


def _kab_kota_key(name: str) -> str:
    """A kab/kota name without its Kota/Kabupaten prefix, for matching a name a user typed."""
    return normalised_name(
        re.sub(r"^\s*(kota adm(inistrasi)?\.?|kota|kabupaten|kab\.)\s+", "", name, flags=re.IGNORECASE)
    )


def kab_kota(code_or_name: str) -> wilayah.Wilayah:
    """The kab/kota for a Kemendagri code (61.71, 6171) or an unambiguous name (Kota Pontianak)."""
    text = code_or_name.strip()
    if re.fullmatch(r"[\d.]+", text):
        code = wilayah.normalize_wilayah_code(text)
        found = wilayah.get_wilayah(code) if _CODE.match(code) else None
        if found is not None and found.level == 2:
            return found
        raise UnknownRegion(_unknown_code_message(code, found))
    matches = [w for w in wilayah.search_wilayah(text, limit=10) if w.level == 2]
    exact = [w for w in matches if w.name.lower() == text.lower()] or [
        w for w in matches if _kab_kota_key(w.name) == _kab_kota_key(text)
    ]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        choices = ", ".join(f"{w.code} {w.name}" for w in exact)
        raise UnknownRegion(f"{text!r} names several kab/kota: {choices}. Give the code instead.")
    if not matches:
        every = {w.code: w for p in wilayah.list_wilayah() for w in wilayah.list_wilayah(p.code)}
        by_name: dict[str, list[wilayah.Wilayah]] = {}
        for w in every.values():
            by_name.setdefault(_kab_kota_key(w.name), []).append(w)
        close = difflib.get_close_matches(_kab_kota_key(text), list(by_name), n=5, cutoff=0.6)
        matches = [w for key in close for w in by_name[key]]
    suggestions = ", ".join(f"{w.code} {w.name}" for w in matches[:5]) or "none"
    raise UnknownRegion(f"No kab/kota is named {text!r}. Close matches: {suggestions}.")


def _unknown_code_message(code: str, found: wilayah.Wilayah | None) -> str:
    if found is not None:
        return (
            f"{code} is a {found.type} ({found.name}), not a kab/kota. "
            "Give a kab/kota code such as 61.71 (Kota Pontianak)."
        )
    province = code[:2]
    if wilayah.get_wilayah(province):
        candidates = wilayah.list_wilayah(province)
    else:
        candidates = [w for p in wilayah.list_wilayah() for w in wilayah.list_wilayah(p.code)]
    close = difflib.get_close_matches(code, [w.code for w in candidates], n=5, cutoff=0.0)
    names = {w.code: w.name for w in candidates}
    suggestions = ", ".join(f"{c} {names[c]}" for c in close)
    return f"Unknown kab/kota code {code}. Close matches: {suggestions}."


def _row(w: wilayah.Wilayah) -> dict:
    return {
        "kemendagri_code": w.code,
        "name": w.name,
        "level": _LEVEL_OF_TYPE[w.type],
        "region_type": w.type,
        "parent_code": parent_code(w.code),
        "bps_code": None,
        "aliases": [],
    }


def city_region_tree(city: wilayah.Wilayah) -> pl.DataFrame:
    """Province, kab/kota, its kecamatan and kelurahan/desa, one row each, from the gazetteer."""
    rows = [_row(wilayah.get_wilayah(city.code[:2])), _row(city)]
    for kecamatan in wilayah.list_wilayah(city.code):
        rows.append(_row(kecamatan))
        rows.extend(_row(kelurahan) for kelurahan in wilayah.list_wilayah(kecamatan.code))
    return pl.DataFrame(rows, schema=REGION_SCHEMA)


def national_region_tree() -> pl.DataFrame:
    """Every province, kab/kota, kecamatan and kelurahan/desa in the gazetteer."""
    rows = []

    def walk(parent: str | None) -> None:
        for child in wilayah.list_wilayah(parent):
            rows.append(_row(child))
            if child.level < 4:
                walk(child.code)

    walk(None)
    return pl.DataFrame(rows, schema=REGION_SCHEMA)
