"""Which properties of a boundary file hold region codes and names, and their values as the matcher reads them."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import polars as pl

# Property names (upper case) whose meaning is fixed by a known schema: (role, level, code system).
# BIG's batas administrasi: KDEPUM/KDCPUM/KDPKAB/KDPPUM = Kemendagri desa/kecamatan/kab/province
# code, KDEBPS/KDCBPS/KDBBPS/KDPBPS = the BPS ones, WADMKD/WADMKC/WADMKK/WADMPR = their names,
# NAMOBJ = the object's own name. HDX COD-AB (ADMn_EN, ADMn_PCODE) and GADM (NAME_n) below.
_KNOWN_FIELDS = {
    "KDEPUM": ("code", "kelurahan", "kemendagri"),
    "KDEBPS": ("code", "kelurahan", "bps"),
    "KDCPUM": ("code", "kecamatan", "kemendagri"),
    "KDCBPS": ("code", "kecamatan", "bps"),
    "KDPKAB": ("code", "kota", "kemendagri"),
    "KDBBPS": ("code", "kota", "bps"),
    "KDPPUM": ("code", "provinsi", "kemendagri"),
    "KDPBPS": ("code", "provinsi", "bps"),
    "WADMKD": ("name", "kelurahan", None),
    "WADMKC": ("name", "kecamatan", None),
    "WADMKK": ("name", "kota", None),
    "WADMPR": ("name", "provinsi", None),
    "NAMOBJ": ("name", None, None),
}
# HDX COD-AB for Indonesia: ADM1 province, ADM2 kab/kota, ADM3 kecamatan, ADM4 desa/kelurahan;
# ADMn_PCODE is "ID" + the BPS code (ID3273060003). GADM: NAME_3 kecamatan, NAME_4 desa.
_ADMIN_LEVELS = {"1": "provinsi", "2": "kota", "3": "kecamatan", "4": "kelurahan"}
_HDX_FIELD = re.compile(r"^ADM([1-4])_(PCODE|EN|ID|REF)$")
_GADM_FIELD = re.compile(r"^NAME_([1-4])$")
# Words of plain property names (KODE_KEL, nama_desa, village_code, District, kecamatan...).
_LEVEL_WORDS = {
    **dict.fromkeys(("KEL", "KELURAHAN", "DESA", "DS", "VILLAGE", "KELDESA", "DESAKEL"), "kelurahan"),
    **dict.fromkeys(("KEC", "KECAMATAN", "DISTRICT", "DISTRIK", "SUBDISTRICT"), "kecamatan"),
    **dict.fromkeys(("KAB", "KABUPATEN", "KOTA", "KABKOT", "KABKOTA", "REGENCY", "CITY"), "kota"),
    **dict.fromkeys(("PROV", "PROVINSI", "PROPINSI", "PROVINCE"), "provinsi"),
}
_CODE_WORDS = ("KODE", "CODE", "PCODE", "KD", "ID")
_NAME_WORDS = ("NAMA", "NAME", "NM")
# Words that may stand beside those without changing what the property is; any other word (N_KELURAHAN,
# LUAS_KEC, JUMLAH_DESA) makes it something else.
_FILLER_WORDS = {"WILAYAH", "WIL", "SUB", "BPS", "KEMENDAGRI", "DAGRI", "PUM", "ADM", "EN"}
_COUNTRY_PREFIX = re.compile(r"^(?:IDN|ID)(?=\d{2,}$)", re.IGNORECASE)


def field_as_spelled(properties, names) -> str | None:
    """The property among ``names`` (any case) that the file has, as the file spells it."""
    by_upper = {str(column).upper(): str(column) for column in properties.columns}
    return next((by_upper[name.upper()] for name in names if name.upper() in by_upper), None)


def field_list(properties) -> str:
    return ", ".join(map(str, properties.columns)) or "–"


def _texts(properties, column: str | None) -> list[str | None]:
    """A property's values as text: whole numbers without ``.0`` (codes read as numbers), blanks as null."""
    if column is None:
        return [None] * len(properties)
    values: list[str | None] = []
    for value in properties[column].tolist():
        if value is None or (isinstance(value, float) and math.isnan(value)):
            values.append(None)
        elif isinstance(value, float) and value.is_integer():
            values.append(str(int(value)))
        else:
            text = str(value).strip()
            values.append(text or None)
    return values


def _field_meaning(column: str) -> tuple[str, str | None, str | None, int] | None:
    """(role, level, code system, rank) of a property name, None when it is no region code or name.

    Role is ``code`` or ``name``; level is the region level it names (None: the feature itself, as
    ``kode``, ``nama``, ``NAMOBJ``); code system ``bps``, ``kemendagri`` or None (unknown). A lower
    rank is a better candidate among properties of one role and level.
    """
    upper = column.strip().upper()
    if upper in _KNOWN_FIELDS:
        return (*_KNOWN_FIELDS[upper], 0)
    if found := _HDX_FIELD.match(upper):
        kind = found.group(2)
        if kind == "PCODE":
            return ("code", _ADMIN_LEVELS[found.group(1)], "bps", 0)
        return ("name", _ADMIN_LEVELS[found.group(1)], None, ("EN", "ID", "REF").index(kind))
    if found := _GADM_FIELD.match(upper):
        return ("name", _ADMIN_LEVELS[found.group(1)], None, 1)
    words = []
    for word in re.split(r"[^A-Z0-9]+", upper):
        # merged words: KODEKEC, IDDESA, NAMAKEL
        prefix = next(
            (p for p in (*_CODE_WORDS, *_NAME_WORDS) if word.startswith(p) and word[len(p) :] in _LEVEL_WORDS), None
        )
        words.extend([prefix, word[len(prefix) :]] if prefix else [word] if word else [])
    if not words or any(
        w not in _LEVEL_WORDS and w not in _CODE_WORDS + _NAME_WORDS and w not in _FILLER_WORDS for w in words
    ):
        return None
    levels = {_LEVEL_WORDS[w] for w in words if w in _LEVEL_WORDS}
    is_code = any(w in _CODE_WORDS for w in words)
    is_name = any(w in _NAME_WORDS for w in words)
    if len(levels) > 1 or (is_code and is_name):
        return None
    level = levels.pop() if levels else None
    if level is None and (not (is_code or is_name) or words == ["ID"]):
        return None  # WILAYAH alone says nothing; ID alone is most often a running number
    system = "bps" if "BPS" in words else ("kemendagri" if {"KEMENDAGRI", "DAGRI", "PUM"} & set(words) else None)
    return ("code" if is_code else "name", level, system, 1 + (system == "bps"))


def _fields_for(properties, role: str, level: str | None) -> list[tuple[str, str | None]]:
    """(property, code system) of ``role`` at ``level`` in the file, best first."""
    found = []
    for position, column in enumerate(map(str, properties.columns)):
        meaning = _field_meaning(column)
        if meaning and meaning[0] == role and meaning[1] == level:
            found.append((meaning[3], position, column, meaning[2]))
    return [(column, system) for _, _, column, system in sorted(found)]


def code_fields(properties, level: str, code_field: str | None) -> Sequence[tuple[str | None, str | None]]:
    """The code properties to try for reading the file at ``level``: the one given, else each candidate."""
    if code_field:
        column = field_as_spelled(properties, (code_field,))
        meaning = _field_meaning(column) if column else None
        return [(column, meaning[2] if meaning else None)]
    return _fields_for(properties, "code", level) + _fields_for(properties, "code", None) or [(None, None)]


def _name_field(properties, level: str, name_field: str | None) -> str | None:
    if name_field:
        return field_as_spelled(properties, (name_field,))
    candidates = _fields_for(properties, "name", level) + _fields_for(properties, "name", None)
    return candidates[0][0] if candidates else None


def _codes_read(values: list[str | None], system: str | None, tree: pl.DataFrame):
    """Codes as written -> (codes for the matcher, digits of BPS codes, whether each is a BPS code).

    A code with a country prefix (ID3273060003, as HDX writes them) or from a BPS property is a BPS
    code: it is looked up among the tree's BPS codes and handed on as the Kemendagri code it is, or
    as nothing when the tree does not know it (the names decide then). Read any other way, BPS
    6171031002 (Darat Sekip) would be Kemendagri 61.71.03.1002 (Sungaijawi Dalam).
    """
    by_bps = {b: k for k, b in tree.select("kemendagri_code", "bps_code").iter_rows() if b}
    codes, digits, is_bps = [], [], []
    for value in values:
        text = None if value is None else re.sub(r"\s", "", value)
        prefixed = bool(text and _COUNTRY_PREFIX.match(text))
        bps = bool(text) and (prefixed or system == "bps")
        if bps and text:
            number = re.sub(r"[^0-9]", "", _COUNTRY_PREFIX.sub("", text))
            codes.append(by_bps.get(number))
            digits.append(number or None)
        else:
            codes.append(value)
            digits.append(None)
        is_bps.append(bps)
    return codes, digits, is_bps


def feature_labels(
    properties, level: str, code: tuple[str | None, str | None], name_field: str | None, tree: pl.DataFrame
):
    """The matcher's label columns for reading the file at ``level``, and the properties used.

    ``region_code`` and ``kecamatan`` are the labels as written (for messages); ``code_read`` and
    ``kecamatan_read`` what the matcher gets (BPS codes turned into the tree's Kemendagri codes).
    """
    code_field, code_system = code
    name = field_as_spelled(properties, (name_field,)) if name_field else _name_field(properties, level, None)
    used = {"code": code_field, "name": name, "kecamatan": None}
    written = _texts(properties, code_field)
    read, bps_digits, is_bps = _codes_read(written, code_system, tree)
    columns = {"region_code": written, "code_read": read, "bps_digits": bps_digits}
    if level == "kecamatan":
        columns["kecamatan"] = columns["kecamatan_read"] = _texts(properties, name)
    else:
        columns["kelurahan"] = _texts(properties, name)
        parent_codes = [f for f in _fields_for(properties, "code", "kecamatan") if f[0] != code_field]
        kecamatan_code, kecamatan_system = parent_codes[0] if parent_codes else (None, None)
        kecamatan_name = next(iter(_fields_for(properties, "name", "kecamatan")), (None,))[0]
        codes, names = _texts(properties, kecamatan_code), _texts(properties, kecamatan_name)
        codes_read, _, _ = _codes_read(codes, kecamatan_system, tree)
        # "61.71.01-Pontianak Selatan": the matcher tries the code, then the name
        columns["kecamatan"] = [
            "-".join(part for part in (c, n) if part) or None for c, n in zip(codes, names, strict=True)
        ]
        columns["kecamatan_read"] = [
            "-".join(part for part in (c, n) if part) or None for c, n in zip(codes_read, names, strict=True)
        ]
        used["kecamatan"] = " + ".join(f for f in (kecamatan_code, kecamatan_name) if f) or None
    frame = pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String)).with_columns(
        code_is_bps=pl.Series(is_bps, dtype=pl.Boolean)
    )
    return frame, used
