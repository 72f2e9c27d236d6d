"""What can be wrong with a boundary file or its features, said for the person who made the file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from uhc import i18n

_REASON_KEYS = {
    "no_label": i18n.N_("geo_feature_no_label"),
    "unknown_code": i18n.N_("geo_feature_unmatched"),
    "unknown_kecamatan": i18n.N_("geo_feature_unmatched"),
    "unknown_name": i18n.N_("geo_feature_unmatched"),
    "ambiguous_code": i18n.N_("geo_feature_ambiguous"),
    "ambiguous_name": i18n.N_("geo_feature_ambiguous"),
    "code_contradicts_name": i18n.N_("geo_feature_code_contradicts_name"),
    "wrong_level": i18n.N_("geo_feature_wrong_level"),
    "no_polygon": i18n.N_("geo_feature_no_polygon"),
}


@dataclass(frozen=True)
class Localised:
    """A value of a message that is written in the message's language (a number, a phrase)."""

    written: Callable[[str], str]

    def text(self, language: str) -> str:
        return self.written(language)


class BoundaryError(ValueError):
    """A boundary file that cannot be used; ``text(language)`` says why and what to do."""

    def __init__(self, key: str, **values):
        self.key = key
        self.values = values
        super().__init__(self.text("en"))

    def text(self, language: str = i18n.DEFAULT_LANGUAGE) -> str:
        values = {
            k: v.text(language) if isinstance(v, (BoundaryProblem, Localised)) else v for k, v in self.values.items()
        }
        return i18n.text(self.key, language, **values)


@dataclass(frozen=True)
class BoundaryProblem:
    """One feature that cannot be stored as it is (unmatched, no polygon, a second feature for a region)."""

    key: str
    values: dict
    feature_numbers: tuple[int, ...]
    skippable: bool

    def text(self, language: str = i18n.DEFAULT_LANGUAGE) -> str:
        return i18n.text(self.key, language, **self.values)


def _label_text(row: dict, used: dict, level: str) -> str:
    """The properties a feature was matched on, as the file has them: ``KDEPUM = '61.71.01.1002'``."""
    values = (
        (used["code"], row["region_code"]),
        (used["name"], row[level]),
        (used["kecamatan"], row["kecamatan"] if level == "kelurahan" else None),
    )
    return ", ".join(f"{name} = {value!r}" for name, value in values if name and value) or "–"


def feature_problems(features: pl.DataFrame, used: dict, context: dict) -> list[BoundaryProblem]:
    problems = []
    for row in features.filter(pl.col("unmatched_reason").is_not_null()).iter_rows(named=True):
        reason = row["unmatched_reason"]
        values = {
            **context,
            "feature": row["feature_number"],
            "labels": _label_text(row, used, context["level"]),
            "suggestions": "; ".join(row["suggestions"] or []) or "–",
        }
        problems.append(BoundaryProblem(_REASON_KEYS[reason], values, (row["feature_number"],), skippable=True))
    return problems


def duplicate_problems(features: pl.DataFrame, used: dict, context: dict) -> list[BoundaryProblem]:
    """Several features on one region with different labels: a wrong code, not parts of one region."""
    problems = []
    matched = features.filter(pl.col("kemendagri_code").is_not_null())
    for (code,), group in matched.group_by("kemendagri_code", maintain_order=True):
        labels = group.select("region_code", "kecamatan", "kelurahan").unique()
        if labels.height > 1:
            numbers = tuple(group["feature_number"].to_list())
            values = {
                **context,
                "features": ", ".join(map(str, numbers)),
                "region": code,
                "labels": "; ".join(_label_text(r, used, context["level"]) for r in group.iter_rows(named=True)),
                "codes": (code,),
            }
            problems.append(BoundaryProblem("geo_duplicate_region", values, numbers, skippable=False))
    return problems


def raise_other_city(matched: pl.DataFrame, file_name: str, cities: list[str]) -> None:
    """No feature lies in a stored city: name the kab/kota the codes point to, if they do."""
    digits = matched.filter(pl.col("unmatched_reason") == "outside_city")["region_code"].str.replace_all(r"[^0-9]", "")
    if digits.len():
        prefix = digits.str.slice(0, 4).mode().sort()[0]
        code = f"{prefix[:2]}.{prefix[2:]}"
        raise BoundaryError("geo_other_city", file=file_name, code=code, cities=", ".join(cities))
    if len(cities) > 1:
        raise BoundaryError("geo_city_unclear", file=file_name, cities=", ".join(cities))
