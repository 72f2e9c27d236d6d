"""The region tree: Kemendagri codes and names from the gazetteer, code rules, name matching."""

from __future__ import annotations

import difflib
import re
from functools import cache

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
REGION_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
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
    """A region name reduced for matching: lower case, no prefix such as Kec./Kel., letters only.

    Numbers become Indonesian words (``35 Ilir`` -> ``tigapuluhlimailir``, ``Ilir Barat II`` ->
    ``ilirbaratdua``) and common abbreviations are spelled out (``Tj.`` -> tanjung, ``Sei`` -> sungai),
    because the gazetteer writes them so.
    """
    text = name.strip().lower()
    text = _COMPOSITE_PREFIX.sub("", text)
    # A bare "Kota" is part of many names (kecamatan Kota Manna beside Manna), so only the
    # administrative prefixes go; each must end at a word boundary (Kotabaru is not "baru").
    text = re.sub(
        r"^(kota adm(inistrasi)?\.?|kabupaten\b|kab\.|kecamatan\b|kec\b\.?|kelurahan\b|kel\b\.?|desa\b|ds\b\.?)\s*",
        "",
        text,
    )
    words = re.findall(r"[a-z]+|\d+", text)
    if len(words) > 1 and words[-1] in _ROMAN:
        words[-1] = str(_ROMAN[words[-1]])
    spelled = []
    for word in words:
        if word.isdigit():
            spelled.append(number_in_words(int(word)) if 1 <= int(word) <= 999 else word)
        else:
            spelled.append(_ABBREVIATIONS.get(word, word))
    return re.sub(r"[^a-z0-9]", "", "".join(spelled))


# Abbreviations written before a name in real files, spelled out so both spellings meet.
_ABBREVIATIONS = {"tj": "tanjung", "tg": "tanjung", "kp": "kampung", "sei": "sungai", "pd": "pondok"}
_UNITS = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
# A code written before a name: "6171031-PONTIANAK KOTA", "61.71.05 Pontianak Kota". At least four
# digits and dots, so names that start with a number ("3-4 Ulu") keep it.
_COMPOSITE_PREFIX = re.compile(r"^\d[\d.]{3,}\s*[-:]?\s*")


def number_in_words(number: int) -> str:
    """An integer from 1 to 999 in Indonesian words (35 -> tiga puluh lima), as the gazetteer spells it."""
    if not 1 <= number <= 999:
        raise ValueError(f"{number} is outside 1-999")
    hundreds, rest = divmod(number, 100)
    words = [] if not hundreds else ["seratus" if hundreds == 1 else f"{_UNITS[hundreds]} ratus"]
    tens, units = divmod(rest, 10)
    if tens == 1:
        words.append({0: "sepuluh", 1: "sebelas"}.get(units, f"{_UNITS[units]} belas"))
    else:
        if tens:
            words.append(f"{_UNITS[tens]} puluh")
        if units:
            words.append(_UNITS[units])
    return " ".join(words)


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
    province = wilayah.get_wilayah(city.code[:2])
    if province is None:
        raise UnknownRegion(f"The gazetteer has no province {city.code[:2]} for {city.code} {city.name}.")
    rows = [_row(province), _row(city)]
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


@cache
def kecamatan_codes() -> frozenset[str]:
    """The dotted Kemendagri code of every kecamatan (and distrik) in the gazetteer: 61.71.01, ..."""
    return frozenset(
        kecamatan.code
        for province in wilayah.list_wilayah()
        for city in wilayah.list_wilayah(province.code)
        for kecamatan in wilayah.list_wilayah(city.code)
    )


# -- matching labels to regions ------------------------------------------------------------

MATCH_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "kemendagri_code": pl.String,
    "matched_by": pl.String,
    "unmatched_reason": pl.String,
    "suggestions": pl.List(pl.String),
}
LABEL_COLUMNS = ("region_code", "kecamatan", "kelurahan")
# Undotted code lengths per code system; a 4- or 10-digit code can be either, so the tree decides.
_KEMENDAGRI_DIGITS = {2: (2,), 4: (2, 2), 6: (2, 2, 2), 10: (2, 2, 2, 4)}
_BPS_DIGITS = (2, 4, 7, 10)
_SIMILAR_RATIO = 0.85
_SUGGESTIONS = 3


class _Tree:
    """Lookups over a city's region tree: codes of both systems, names and aliases within a parent."""

    def __init__(self, tree: pl.DataFrame):
        self.rows = {row["kemendagri_code"]: row for row in tree.iter_rows(named=True)}
        self.by_bps = {row["bps_code"]: code for code, row in self.rows.items() if row.get("bps_code")}
        self.keys: dict[str, set[str]] = {}
        for code, row in self.rows.items():
            names = [row["name"], *(row.get("aliases") or [])]
            self.keys[code] = {normalised_name(n) for n in names if n} - {""}

    def level(self, code: str) -> str:
        return self.rows[code]["level"]

    def at_level(self, level: str, parent: str | None = None) -> list[str]:
        return [
            code
            for code, row in self.rows.items()
            if row["level"] == level and (parent is None or row["parent_code"] == parent)
        ]

    def label(self, code: str) -> str:
        """``code name`` for a suggestion, with the kecamatan for a kelurahan (names repeat across kecamatan)."""
        row = self.rows[code]
        if row["level"] == "kelurahan" and row["parent_code"] in self.rows:
            return f"{code} {row['name']} (Kec. {self.rows[row['parent_code']]['name']})"
        return f"{code} {row['name']}"

    def code_readings(self, text: str) -> dict[str, str]:
        """Code system -> Kemendagri code of every reading of ``text`` that exists in the tree."""
        text = re.sub(r"\s", "", text)
        text = re.sub(r"\.0$", "", text) if re.fullmatch(r"\d+\.0", text) else text  # a code read as a float
        readings = {}
        if "." in text:
            if text in self.rows:
                readings["kemendagri_code"] = text
            return readings
        if not text.isdigit():
            return readings
        if len(text) in _KEMENDAGRI_DIGITS:
            parts, start = [], 0
            for width in _KEMENDAGRI_DIGITS[len(text)]:
                parts.append(text[start : start + width])
                start += width
            if ".".join(parts) in self.rows:
                readings["kemendagri_code"] = ".".join(parts)
        if len(text) in _BPS_DIGITS and text in self.by_bps:
            readings["bps_code"] = self.by_bps[text]
        return readings

    def by_name(self, key: str, candidates: list[str]) -> list[str]:
        return [code for code in candidates if key in self.keys[code]]

    def similar(self, key: str, candidates: list[str]) -> list[tuple[float, str]]:
        """Candidates by how close their name is to ``key``, closest first: (ratio, code)."""
        scored = []
        for code in candidates:
            ratio = max((difflib.SequenceMatcher(None, key, k).ratio() for k in self.keys[code]), default=0.0)
            scored.append((ratio, code))
        return sorted(scored, key=lambda pair: (-pair[0], pair[1]))

    def one_similar(self, key: str, candidates: list[str]) -> str | None:
        """The one candidate whose name is a likely misspelling of ``key`` (one or two letters off), if any."""
        close = [code for code in candidates if self.name_fits(key, code, near=True)]
        return close[0] if len(close) == 1 else None

    def name_fits(self, key: str, code: str, near: bool = False) -> bool:
        """Whether the normalised name ``key`` is the region's name (or, ``near``, one or two letters off it)."""
        if key in self.keys[code]:
            return True
        if not near:
            return False
        allowed = 1 if len(key) < 8 else 2
        return any(
            difflib.SequenceMatcher(None, key, k).ratio() >= _SIMILAR_RATIO and _edit_distance(key, k) <= allowed
            for k in self.keys[code]
        )

    def named(self, name: str | None, candidates: list[str]) -> str | None:
        """The one candidate a name gives, by its normalised name or else as a near miss; None if not one."""
        if not name:
            return None
        key = normalised_name(name)
        found = self.by_name(key, candidates)
        if len(found) == 1:
            return found[0]
        return None if found else self.one_similar(key, candidates)

    def names_reading(self, kec_name: str | None, kel_name: str | None, target: str | None) -> str | None:
        """The region the row's names alone give: its kecamatan by name, its kelurahan within it (or the city)."""
        kecamatan = self.named(kec_name, self.at_level("kecamatan"))
        if target != "kelurahan" or not kel_name:
            return kecamatan
        return self.named(kel_name, self.at_level("kelurahan", kecamatan)) or kecamatan

    def contradicts(self, code: str, kec_name: str | None, kel_name: str | None, target: str | None) -> bool:
        """Whether the row's names point at another region than ``code`` (a code never wins against its row).

        The kecamatan label names another kecamatan than the code's, or the kelurahan label is not
        the code's kelurahan and names another one (within the named kecamatan, or the city). A
        name that names nothing contradicts nothing: a renamed kelurahan keeps its code.
        """
        row = self.rows[code]
        own_kecamatan = code if row["level"] == "kecamatan" else row["parent_code"]
        named_kecamatan = self.named(kec_name, self.at_level("kecamatan"))
        if row["level"] in ("kecamatan", "kelurahan") and named_kecamatan not in (None, own_kecamatan):
            return True
        if row["level"] != "kelurahan" or target != "kelurahan" or not kel_name:
            return False
        key = normalised_name(kel_name)
        if self.name_fits(key, code, near=True):
            return False
        other = self.named(kel_name, self.at_level("kelurahan", named_kecamatan))
        return other is not None and other != code

    def unverifiable_bps(self, text: str) -> bool:
        """Whether an undotted code may be a BPS code this tree cannot check (it holds no BPS code of that length)."""
        digits = re.sub(r"\s", "", text)
        if not digits.isdigit() or len(digits) not in (7, 10):
            return False
        return not any(len(bps) == len(digits) for bps in self.by_bps)

    def other_kab_kota(self, text: str) -> str | None:
        """``code name`` of the region of another kab/kota an undotted or dotted code names (gazetteer), if any."""
        digits = re.sub(r"[\s.]", "", text)
        cities = [code for code, row in self.rows.items() if row["level"] == "kota"]
        if not digits.isdigit() or len(digits) < 4 or len(cities) != 1:
            return None
        own = {cities[0].replace(".", ""), *(b for b in [self.rows[cities[0]].get("bps_code")] if b)}
        if digits[:4] in own:
            return None
        city = wilayah.get_wilayah(f"{digits[:2]}.{digits[2:4]}")
        if city is None or city.level != 2:
            return None
        widths = _KEMENDAGRI_DIGITS.get(len(digits))
        full = None
        if widths:
            parts, start = [], 0
            for width in widths:
                parts.append(digits[start : start + width])
                start += width
            full = wilayah.get_wilayah(".".join(parts))
        if full is not None and full.level > 2:
            return f"{full.code} {full.name} ({city.name})"
        return f"{city.code} {city.name}"


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: letters inserted, deleted or replaced to turn ``a`` into ``b``."""
    previous = list(range(len(b) + 1))
    for i, letter_a in enumerate(a, 1):
        current = [i]
        for j, letter_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (letter_a != letter_b)))
        previous = current
    return previous[-1]


def _split_label(label: str | None) -> tuple[str | None, str | None]:
    """(code, name) of a label: ``6171031-PONTIANAK KOTA`` -> (6171031, PONTIANAK KOTA); a bare code has no name."""
    if label is None or not label.strip():
        return None, None
    label = label.strip()
    found = _COMPOSITE_PREFIX.match(label)
    if found is None:
        return None, label
    code = re.sub(r"[\s:-]", "", found.group(0)).rstrip(".")
    rest = label[found.end() :].strip()
    return code, (rest or None)


def _result(code=None, matched_by=None, reason=None, suggestions=()) -> dict:
    return {
        "kemendagri_code": code,
        "matched_by": matched_by,
        "unmatched_reason": reason,
        "suggestions": list(suggestions),
    }


def _match_one(tree: _Tree, region_code: str | None, kecamatan: str | None, kelurahan: str | None, system: str | None):
    code_text, _ = _split_label(region_code)
    if region_code is not None and code_text is None and region_code.strip():
        code_text = region_code.strip()
    kec_code, kec_name = _split_label(kecamatan)
    kel_code, kel_name = _split_label(kelurahan)
    target = "kelurahan" if kel_name or kel_code else ("kecamatan" if kec_name or kec_code else None)

    scope = None  # a kecamatan the row lies in, when its code was given above a kelurahan name
    unknown_codes = []
    rejected: list[str] = []  # readings of the row's codes in the city that its names contradict
    elsewhere: list[str] = []  # ``code name`` of the other kab/kota's regions the row's codes name
    unverifiable = True  # every rejected code may be a BPS code the tree cannot check
    for text in (code_text, kel_code, kec_code):
        if not text:
            continue
        readings = tree.code_readings(text)
        if not readings and (other := tree.other_kab_kota(text)):
            elsewhere.append(other)  # a code of another kab/kota: this city's names cannot outvote it
            unknown_codes.append(text)
            continue
        contradicted = [code for code in readings.values() if tree.contradicts(code, kec_name, kel_name, target)]
        if readings and len(contradicted) == len(readings):
            rejected.extend(dict.fromkeys(contradicted))
            unverifiable = (
                unverifiable and "." not in text and "bps_code" not in readings and tree.unverifiable_bps(text)
            )
            continue
        readings = {by: code for by, code in readings.items() if code not in contradicted}
        if len(set(readings.values())) > 1 and system in readings:
            readings = {system: readings[system]}
        if len(set(readings.values())) > 1:
            # Both code systems name a region here: a label can still tell which one is meant.
            named = [
                (by, code)
                for by, code in readings.items()
                if any(normalised_name(n) in tree.keys[code] for n in (kel_name, kec_name) if n)
            ]
            if len(named) != 1:
                return _result(reason="ambiguous_code", suggestions=[tree.label(c) for c in readings.values()])
            readings = dict(named)
        if not readings:
            unknown_codes.append(text)
            continue
        matched_by, code = next(iter(readings.items()))
        if target is None or tree.level(code) == target or len(code) > CODE_LENGTH[target]:
            return _result(code, matched_by)
        scope = code if tree.level(code) == "kecamatan" else scope

    if target is None:
        return _result(reason="unknown_code" if unknown_codes else "no_label")
    by_names = _match_names(tree, scope, kec_name, kel_name, target)
    found = by_names["kemendagri_code"]
    if not rejected and (not elsewhere or found is None):
        return by_names  # a code of another kab/kota whose names are not this city's: the caller says where
    if found is not None and not elsewhere and unverifiable and _kecamatan_backs(tree, found, rejected, kec_name):
        # The codes may be BPS codes (the tree holds none to check them by), and the row's name and
        # its kecamatan both give one region other than the code's: the names decide, and the
        # rejected reading is kept (as the suggestions) to be reported.
        return _result(found, "name_over_code", suggestions=[tree.label(code) for code in rejected])
    name_reading = found or tree.names_reading(kec_name, kel_name, target)
    labels = [*elsewhere, *(tree.label(code) for code in rejected), tree.label(name_reading) if name_reading else "–"]
    return _result(reason="code_contradicts_name", suggestions=labels)


def _kecamatan_backs(tree: _Tree, found: str, rejected: list[str], kec_name: str | None) -> bool:
    """Whether the row's kecamatan label names the kecamatan of ``found`` and of none of the ``rejected`` readings."""
    kecamatan = tree.named(kec_name, tree.at_level("kecamatan"))

    def kecamatan_of(code: str) -> str:
        return code if tree.level(code) == "kecamatan" else tree.rows[code]["parent_code"]

    return (
        kecamatan is not None
        and kecamatan_of(found) == kecamatan
        and all(kecamatan_of(code) != kecamatan for code in rejected)
    )


def _match_names(tree: _Tree, scope: str | None, kec_name: str | None, kel_name: str | None, target: str) -> dict:
    """The match of a row by its names: the kecamatan among the city's, the kelurahan within it."""
    if scope is None and kec_name:
        kecamatan_codes = tree.at_level("kecamatan")
        key = normalised_name(kec_name)
        found = tree.by_name(key, kecamatan_codes)
        matched_by = "name"
        if not found and (similar := tree.one_similar(key, kecamatan_codes)):
            found, matched_by = [similar], "similar_name"
        if len(found) != 1:
            suggestions = [tree.label(c) for c in found] or [
                tree.label(c) for _, c in tree.similar(key, kecamatan_codes)[:_SUGGESTIONS]
            ]
            if target == "kelurahan" and kel_name:
                suggestions += [tree.label(c) for c in tree.by_name(normalised_name(kel_name), tree.at_level(target))]
            return _result(reason="ambiguous_name" if found else "unknown_kecamatan", suggestions=suggestions)
        if target == "kecamatan":
            return _result(found[0], matched_by)
        scope = found[0]

    if not kel_name:
        return _result(reason="unknown_code")
    key = normalised_name(kel_name)
    candidates = tree.at_level("kelurahan", scope)
    found = tree.by_name(key, candidates)
    if len(found) == 1:
        return _result(found[0], "name")
    if len(found) > 1:
        return _result(reason="ambiguous_name", suggestions=[tree.label(c) for c in found])
    similar = tree.one_similar(key, candidates)
    if similar:
        return _result(similar, "similar_name")
    suggestions = [tree.label(c) for _, c in tree.similar(key, candidates)[:_SUGGESTIONS]]
    if scope is not None:  # the same name under another kecamatan: the kecamatan label may be wrong
        suggestions += [tree.label(c) for c in tree.by_name(key, tree.at_level("kelurahan")) if c not in candidates]
    return _result(reason="unknown_name", suggestions=suggestions)


def _code_system(tree: _Tree, codes: pl.Series) -> str | None:
    """The one code system the column's codes are written in, when every code that reads one way only agrees."""
    systems: set[str] = set()
    for text in codes.drop_nulls().unique():
        code, _ = _split_label(text)
        readings = tree.code_readings(code or text)
        if len(readings) == 1:
            systems.update(readings)
    return systems.pop() if len(systems) == 1 else None


def match_regions(labels: pl.DataFrame, tree: pl.DataFrame) -> pl.DataFrame:
    """Each row's region in the city's tree, found from the codes and names the row gives.

    Parameters
    ----------
    labels
        Any of the columns ``region_code`` (Kemendagri code, dotted or not, or a BPS code),
        ``kecamatan`` and ``kelurahan`` (names as written, or composite ``6171031-PONTIANAK KOTA``);
        null where a row has none. Other columns are kept.
    tree
        The city's regions as stored in table ``region`` (``kemendagri_code``, ``name``, ``level``,
        ``parent_code``; ``bps_code`` and ``aliases`` when known), e.g. :func:`city_region_tree`.

    Returns
    -------
    The rows with ``kemendagri_code`` (null when unmatched), ``matched_by`` (``kemendagri_code``,
    ``bps_code``, ``name``, or ``similar_name`` for a name one or two letters off a single region),
    ``unmatched_reason`` (``no_label``, ``unknown_code``, ``ambiguous_code``, ``unknown_kecamatan``,
    ``unknown_name``, ``ambiguous_name``) and ``suggestions`` (``code name`` of the closest regions,
    for unmatched rows).

    A code is tried first: dotted is Kemendagri; undotted is read by its length and by which
    reading exists in the tree (Kemendagri 3173 is Jakarta Barat, BPS 3173 is Jakarta Pusat), and
    when both readings exist the rest of the column or the row's names decide. Then the names: a
    kecamatan among the city's kecamatan, a kelurahan within its kecamatan when one is given, else
    within the whole city when the name is unique there. A row with only a kecamatan label is
    matched at kecamatan level.
    """
    tree_lookup = _Tree(tree)
    present = [c for c in LABEL_COLUMNS if c in labels.columns]
    frame = labels.with_columns(pl.lit(None, pl.String).alias(c) for c in LABEL_COLUMNS if c not in labels.columns)
    frame = frame.with_columns(pl.col(c).cast(pl.String) for c in LABEL_COLUMNS)
    system = _code_system(tree_lookup, frame["region_code"]) if "region_code" in present else None
    keys = frame.select(LABEL_COLUMNS).unique(maintain_order=True)
    matches = pl.DataFrame(
        [
            _match_one(tree_lookup, code, kecamatan, kelurahan, system)
            for code, kecamatan, kelurahan in keys.iter_rows()
        ],
        schema=MATCH_SCHEMA,
    )
    found = pl.concat([keys, matches], how="horizontal")
    kept = labels.drop([c for c in MATCH_SCHEMA if c in labels.columns])
    joined = frame.drop([c for c in MATCH_SCHEMA if c in frame.columns]).join(
        found, on=list(LABEL_COLUMNS), how="left", nulls_equal=True, maintain_order="left"
    )
    return pl.concat([kept, joined.select(list(MATCH_SCHEMA))], how="horizontal")


# -- rows of other kab/kota ---------------------------------------------------------------------


def region_name(kemendagri_code: str) -> str:
    """The gazetteer's name of a region (``61.72`` -> Kota Singkawang), or the code when it has none."""
    if kemendagri_code.startswith(BPS_PREFIX):  # a BPS code: the gazetteer holds Kemendagri codes only
        return kemendagri_code
    found = wilayah.get_wilayah(kemendagri_code)
    return found.name if found is not None else kemendagri_code


OTHER_KAB_KOTA_SEPARATOR = " / "
# A kab/kota named by its BPS code only (kab_kota_elsewhere on a BPS-coded file): "BPS 3173".
BPS_PREFIX = "BPS "


@cache
def _kecamatan_elsewhere(province_code: str, city_code: str) -> dict[str, frozenset[str]]:
    """Normalised kecamatan name -> the other kab/kota of the province with a kecamatan so named (none of the city's)."""
    found: dict[str, set[str]] = {}
    for city in wilayah.list_wilayah(province_code):
        if city.code == city_code:
            continue
        for kecamatan in wilayah.list_wilayah(city.code):
            found.setdefault(normalised_name(kecamatan.name), set()).add(city.code)
    own = {normalised_name(kecamatan.name) for kecamatan in wilayah.list_wilayah(city_code)}
    return {key: frozenset(codes) for key, codes in found.items() if key not in own}


def kab_kota_elsewhere(
    labels: pl.DataFrame, city_code: str, city_bps_code: str | None = None, *, bps_coded: bool = False
) -> pl.Series:
    """Per row, the other kab/kota its labels name (Kemendagri code), or the province for its total row; else null.

    A code is read by its first four digits (the kab/kota part, the same in both code systems outside
    DKI Jakarta): not the city's (Kemendagri or its BPS code) and a kab/kota in the gazetteer. A row
    without a code is another kab/kota's when its kecamatan name is a kecamatan of other kab/kota of
    the province and not of the city (the caller asks only about rows the city's tree did not
    match); several such kab/kota are joined by OTHER_KAB_KOTA_SEPARATOR (Sungai Raya is a
    kecamatan of Kab. Bengkayang and of Kab. Kubu Raya). Names of kelurahan alone repeat too often
    across a province to tell.

    ``bps_coded``: the file's codes are BPS codes (its matched rows matched by BPS code). Then only the
    city's BPS prefix is its own, and another prefix is named ``BPS <digits>``: in DKI Jakarta BPS
    3173 is Jakarta Pusat while Kemendagri 31.73 is Jakarta Barat, so the gazetteer cannot name it.
    """
    province = city_code[:2]
    if bps_coded and city_bps_code:
        own = {city_bps_code[:4]}
    else:
        own = {city_code.replace(".", ""), *([city_bps_code[:4]] if city_bps_code else [])}
    frame = labels.with_columns(pl.lit(None, pl.String).alias(c) for c in LABEL_COLUMNS if c not in labels.columns)
    found = []
    for region_code, kecamatan, kelurahan in frame.select(pl.col(LABEL_COLUMNS).cast(pl.String)).iter_rows():
        code_text, _ = _split_label(region_code)
        texts = [code_text or (region_code or "").strip(), _split_label(kelurahan)[0], _split_label(kecamatan)[0]]
        digits = [re.sub(r"[\s.]", "", re.sub(r"\.0$", "", t)) for t in texts if t]
        digits = [d for d in digits if d.isdigit()]
        city = None
        for number in digits:
            if len(number) == 2 and number == province:
                city = province  # the province's own total row
            elif len(number) >= 4 and number[:4] not in own and bps_coded and city_bps_code:
                city = f"{BPS_PREFIX}{number[:4]}" if number[:2] == city_bps_code[:2] else None
            elif len(number) >= 4 and number[:4] not in own:
                other = wilayah.get_wilayah(f"{number[:2]}.{number[2:4]}")
                city = other.code if other is not None and other.level == 2 else None
            break
        if city is None and not digits and kecamatan:
            cities = _kecamatan_elsewhere(province, city_code).get(normalised_name(_split_label(kecamatan)[1] or ""))
            city = OTHER_KAB_KOTA_SEPARATOR.join(sorted(cities)) if cities else None
        found.append(city)
    return pl.Series("outside_code", found, dtype=pl.String)
