"""Rows matched to the city's regions: codes, names, repeats and rows of another kab/kota."""

from __future__ import annotations

import datetime as dt

import polars as pl

from uhc.intake.imports.messages import importer_issue
from uhc.intake.reader import Issue, Parsed
from uhc.store.db import Store
from uhc.store.regions import (
    LABEL_COLUMNS,
    OTHER_KAB_KOTA_SEPARATOR,
    kab_kota_elsewhere,
    match_regions,
    region_name,
)


def row_label(row: dict) -> str:
    """The region as the file wrote it, for messages."""
    parts = [row[column] for column in ("region_code", "kecamatan", "kelurahan") if row.get(column)]
    return " / ".join(str(part).strip() for part in parts)


def _label_column(row: dict) -> str:
    for column in ("region_code", "kelurahan", "kecamatan"):
        if row.get(column):
            return column
    return "kelurahan"


def matched_rows(
    store: Store,
    rows: pl.DataFrame,
    parsed: Parsed,
    regions: pl.DataFrame,
    city_code: str,
    city_name: str,
    issues: list[Issue],
) -> pl.DataFrame:
    """Rows with kemendagri_code (null where unmatched, outside the city or repeated) and the region's name.

    ``regions`` are the city's. Rows of another kab/kota (a province-wide or national file) are left
    out with one warning that counts them per kab/kota; they are not errors.
    """
    labels = rows.select("row", *LABEL_COLUMNS)
    matches = match_regions(labels, regions).drop(LABEL_COLUMNS)
    city_bps = regions.filter(pl.col("kemendagri_code") == city_code)["bps_code"].drop_nulls().to_list()
    if not city_bps:  # a crosswalk of kelurahan only: the city's BPS prefix is the one its regions share
        prefixes = regions["bps_code"].drop_nulls().str.slice(0, 4).unique().to_list()
        city_bps = prefixes if len(prefixes) == 1 else []
    unmatched = labels.filter(matches["kemendagri_code"].is_null())  # only these can be of another kab/kota
    # A file whose rows matched by BPS code is BPS-coded throughout: its other prefixes are BPS too.
    by = matches["matched_by"].drop_nulls()
    bps_coded = by.len() > 0 and (by == "bps_code").sum() * 2 > by.len()
    outside = unmatched.select("row").with_columns(
        outside_code=kab_kota_elsewhere(unmatched, city_code, city_bps[0] if city_bps else None, bps_coded=bps_coded)
    )
    matches = matches.join(outside, on="row", how="left", maintain_order="left")
    rows = rows.join(matches, on="row", how="left", maintain_order="left")
    names = dict(zip(regions["kemendagri_code"], regions["name"], strict=True))
    first_row_of: dict[tuple[str, dt.date | None], int] = {}
    flagged_rows = {issue.row for issue in parsed.errors}
    kept = []
    outside_rows: dict[str, int] = {}
    for row in rows.iter_rows(named=True):
        code = row["kemendagri_code"]
        label, column = row_label(row), _label_column(row)
        where = {"row": row["row"], "column": column, "value": label}
        if code is None and row["outside_code"] is not None and row["unmatched_reason"] != "code_contradicts_name":
            outside_rows[row["outside_code"]] = outside_rows.get(row["outside_code"], 0) + 1
        elif code is None and row["unmatched_reason"] == "code_contradicts_name":
            *code_readings, name_reading = row["suggestions"]
            issues.append(
                importer_issue(
                    parsed,
                    "error",
                    "code_contradicts_name",
                    **where,
                    code_readings="; ".join(code_readings),
                    name_reading=name_reading,
                )
            )
        elif code is None:
            suggestions = ", ".join(row["suggestions"] or []) or None
            issue_code = _UNMATCHED_ISSUE.get(
                row["unmatched_reason"], "unknown_region" if suggestions else "unknown_code"
            )
            if row["row"] not in flagged_rows:  # the reader already said what is wrong with the row
                issues.append(
                    importer_issue(parsed, "error", issue_code, **where, city=city_name, suggestions=suggestions)
                )
        elif (code, row.get("period")) in first_row_of:
            first_row = first_row_of[(code, row.get("period"))]
            issues.append(
                importer_issue(
                    parsed,
                    "error",
                    "duplicate_region",
                    **where,
                    region_code=code,
                    region=names[code],
                    first_row=first_row,
                )
            )
            code = None
        else:
            first_row_of[(code, row.get("period"))] = row["row"]
            if row["matched_by"] == "similar_name":
                issues.append(
                    importer_issue(parsed, "warning", "similar_name", **where, region_code=code, region=names[code])
                )
            if row["matched_by"] == "name_over_code":
                issues.append(
                    importer_issue(
                        parsed,
                        "warning",
                        "name_over_code",
                        **where,
                        region_code=code,
                        region=names[code],
                        code_readings="; ".join(row["suggestions"]),
                    )
                )
        kept.append(code)
    if outside_rows:
        issues.append(
            _outside_issue(parsed, outside_rows, city_name, every_row=sum(outside_rows.values()) == rows.height)
        )
    return rows.with_columns(
        kemendagri_code=pl.Series(kept, dtype=pl.String),
    ).with_columns(name=pl.col("kemendagri_code").replace_strict(names, default=None, return_dtype=pl.String))


def _outside_issue(parsed: Parsed, outside_rows: dict[str, int], city_name: str, every_row: bool) -> Issue:
    """One warning for every row of another kab/kota: how many, and which, by code and name with their rows.

    An error when no row is the city's: the file is another city's, or its codes are read wrongly.
    """
    counts = sorted(outside_rows.items(), key=lambda pair: (-pair[1], pair[0]))
    return importer_issue(
        parsed,
        "error" if every_row else "warning",
        "all_rows_outside_city" if every_row else "rows_outside_city",
        rows=sum(outside_rows.values()),
        cities=[
            (code, OTHER_KAB_KOTA_SEPARATOR.join(map(region_name, code.split(OTHER_KAB_KOTA_SEPARATOR))), n)
            for code, n in counts
        ],
        city=city_name,
    )


# regions.match_regions' reasons for leaving a row unmatched -> the issue shown
_UNMATCHED_ISSUE = {
    "no_label": "no_region",
    "ambiguous_code": "ambiguous_region",
    "ambiguous_name": "ambiguous_region",
}
