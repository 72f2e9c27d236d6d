"""What the Pendataan page counts per kelurahan, RW and RT: the persons of a stored match run by what
a cadre or an officer has to do with them (pure Polars).

The groups gather the match's categories (uhc.core.matching.CATEGORIES) as the page shows them:

- ``to_visit``: residents found on no BPJS list (a cadre enrols them);
- ``to_reactivate``: residents found here, not active (by the list's segment);
- ``to_check``: residents with a close name on the list (a person has to look);
- ``duplicate``: the second and later rows of a NIK, in the register or on the list;
- ``invalid_nik``: register or list rows whose NIK fails its checks, and list rows without one.

A viewer sees these counts only (from ``match_count``, which holds no personal value); an editor
also sees the persons, by :func:`person_rows`.
"""

from __future__ import annotations

import polars as pl

from uhc import figures, i18n
from uhc.core import campaign, formats, matching
from uhc.figures import SEGMENTS, segment

GROUPS: dict[str, tuple[str, ...]] = {
    "to_visit": ("to_visit",),
    "to_reactivate": ("to_reactivate",),
    "to_check": ("to_check",),
    "duplicate": ("register_duplicate", "participant_duplicate"),
    "invalid_nik": ("register_invalid_nik", "participant_invalid_nik", "participant_without_nik"),
}
GROUP_KEYS = {
    "to_visit": i18n.N_("visits_group_to_visit"),
    "to_reactivate": i18n.N_("visits_group_to_reactivate"),
    "to_check": i18n.N_("visits_group_to_check"),
    "duplicate": i18n.N_("visits_group_duplicate"),
    "invalid_nik": i18n.N_("visits_group_invalid_nik"),
}
_GROUP_OF_CATEGORY = {category: group for group, categories in GROUPS.items() for category in categories}
AREA_COLUMNS = matching.LEVELS  # kelurahan: (kemendagri_code,), rw: (+ rw), rt: (+ rw, rt)
_AREA_KEYS = {"kemendagri_code": i18n.N_("visits_heading_kelurahan"), "rw": "RW", "rt": "RT"}


def _grouped(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(group=pl.col("category").replace_strict(_GROUP_OF_CATEGORY, default=None)).filter(
        pl.col("group").is_not_null()
    )


def area_counts(counts: pl.DataFrame, level: str) -> pl.DataFrame:
    """Persons per area at ``level`` and group: the area's columns, then one Int64 column per group (GROUPS order).

    ``counts`` are a run's ``match_count`` rows (kemendagri_code, rw, rt, category, segment, persons).
    Every area of ``counts`` is kept (with zeros where it has none of a group), in code, RW, RT order.
    """
    area = list(AREA_COLUMNS[level])
    areas = counts.select(area).unique()
    summed = (
        _grouped(counts)
        .group_by([*area, "group"])
        .agg(pl.col("persons").sum().cast(pl.Int64))
        .pivot(on="group", index=area, values="persons")
    )
    joined = areas.join(summed, on=area, how="left", nulls_equal=True)
    return joined.select(
        *area,
        *(
            (pl.col(group) if group in joined.columns else pl.lit(None)).fill_null(0).cast(pl.Int64).alias(group)
            for group in GROUPS
        ),
    ).sort(area, nulls_last=True)


def reactivation_by_segment(counts: pl.DataFrame, level: str) -> pl.DataFrame:
    """Residents to reactivate per area at ``level`` and segment (persons), segments in uhc.figures order."""
    area = list(AREA_COLUMNS[level])
    order = pl.Enum(SEGMENTS)
    return (
        counts.filter(pl.col("category") == "to_reactivate")
        .group_by([*area, "segment"])
        .agg(pl.col("persons").sum().cast(pl.Int64))
        .sort([*area, pl.col("segment").cast(order)], nulls_last=True)
    )


def person_rows(persons: pl.DataFrame) -> pl.DataFrame:
    """A run's persons of one kelurahan (side, batch_id, source_row, category, segment, rw, rt, name) with
    their ``group``; persons of no group (active, registered elsewhere, died or moved) are left out."""
    return _grouped(persons).sort(
        [pl.col("group").cast(pl.Enum(list(GROUPS))), "rw", "rt", "side", "batch_id", "source_row"], nulls_last=True
    )


def area_table(rows: pl.DataFrame, kelurahan_names: dict[str, str], language: str) -> pl.DataFrame:
    """:func:`area_counts` rows as a table in ``language``: the kelurahan's name (unless the rows leave
    it out: the table of one kelurahan), RW and RT as given, each group's count written 1.234 or 1,234."""
    columns: list[pl.Series] = []
    for column in rows.columns:
        if column == "kemendagri_code":
            names = [kelurahan_names.get(code, code) for code in rows[column]]
            columns.append(pl.Series(i18n.text(_AREA_KEYS[column], language), names, dtype=pl.String))
        elif column in ("rw", "rt"):
            columns.append(pl.Series(_AREA_KEYS[column], rows[column].fill_null(i18n.MISSING), dtype=pl.String))
        else:
            texts = [i18n.number(value, language) for value in rows[column]]
            columns.append(pl.Series(i18n.text(GROUP_KEYS[column], language), texts, dtype=pl.String))
    return pl.DataFrame(columns)


def group_headings(language: str) -> list[str]:
    """The headings of :func:`area_table`'s count columns (right-aligned)."""
    return [i18n.text(key, language) for key in GROUP_KEYS.values()]


def segment_table(rows: pl.DataFrame, kelurahan_names: dict[str, str], language: str) -> pl.DataFrame:
    """:func:`reactivation_by_segment` rows as a table in ``language`` (the kelurahan's name unless left
    out, RW and RT where given, the segment's name, persons)."""
    return pl.DataFrame(
        [
            *(
                pl.Series(
                    i18n.text(_AREA_KEYS[column], language),
                    [kelurahan_names.get(code, code) for code in rows[column]],
                    dtype=pl.String,
                )
                for column in ("kemendagri_code",)
                if column in rows.columns
            ),
            *(
                pl.Series(_AREA_KEYS[column], rows[column].fill_null(i18n.MISSING), dtype=pl.String)
                for column in ("rw", "rt")
                if column in rows.columns
            ),
            pl.Series(
                i18n.text("visits_heading_segment", language),
                [i18n.text(segment(code).label_key, language) if code else i18n.MISSING for code in rows["segment"]],
                dtype=pl.String,
            ),
            pl.Series(
                i18n.text("visits_heading_persons", language),
                [i18n.number(value, language) for value in rows["persons"]],
                dtype=pl.String,
            ),
        ]
    )


def persons_table(rows: pl.DataFrame, language: str) -> pl.DataFrame:
    """:func:`person_rows` as a table in ``language``: RW, RT, name, what the match found, segment."""
    return pl.DataFrame(
        [
            pl.Series("RW", rows["rw"].fill_null(i18n.MISSING), dtype=pl.String),
            pl.Series("RT", rows["rt"].fill_null(i18n.MISSING), dtype=pl.String),
            pl.Series(
                i18n.text("visits_heading_name", language), rows["name"].fill_null(i18n.MISSING), dtype=pl.String
            ),
            pl.Series(
                i18n.text("visits_heading_category", language),
                [i18n.text(matching.CATEGORY_KEYS[category], language) for category in rows["category"]],
                dtype=pl.String,
            ),
            pl.Series(
                i18n.text("visits_heading_segment", language),
                [i18n.text(segment(code).label_key, language) if code else "" for code in rows["segment"]],
                dtype=pl.String,
            ),
        ]
    )


LISTED_GROUPS = ("to_visit", "to_reactivate", "to_check")  # the persons a cadre's list names
_PROGRESS_KEYS = {
    "persons": i18n.N_("visits_heading_persons"),
    "visited": i18n.N_("visits_heading_visited"),
    "not_visited": i18n.N_("visits_heading_not_visited"),
}


def listed_persons(persons: pl.DataFrame) -> pl.DataFrame:
    """The persons of a kelurahan a cadre's list names (to visit, reactivate or check), one row per
    person (kemendagri_code, rw, rt), for campaign.progress."""
    return (
        _grouped(persons)
        .filter(pl.col("group").is_in(LISTED_GROUPS))
        .unique(["side", "batch_id", "source_row"], keep="first", maintain_order=True)
        .select("kemendagri_code", "rw", "rt")
    )


def progress_table(rows: pl.DataFrame, language: str) -> pl.DataFrame:
    """campaign.progress rows (by RT or by cadre) as a table in ``language``: the area or team, the
    persons listed, visited, not visited, then each result's count; numbers written 1.234 or 1,234."""
    columns: list[pl.Series] = []
    for column in rows.columns:
        if column in ("rw", "rt"):
            columns.append(pl.Series(_AREA_KEYS[column], rows[column].fill_null(i18n.MISSING), dtype=pl.String))
        elif column == "cadre":
            columns.append(pl.Series(i18n.text("visits_heading_cadre", language), rows[column].fill_null(i18n.MISSING)))
        elif column in ("persons", "visited", "not_visited"):
            texts = [i18n.number(value, language) if value is not None else i18n.MISSING for value in rows[column]]
            columns.append(pl.Series(i18n.text(_PROGRESS_KEYS[column], language), texts, dtype=pl.String))
        elif column in campaign.RESULT_CODES:
            texts = [i18n.number(value, language) for value in rows[column]]
            columns.append(pl.Series(i18n.text(campaign.result(column).key, language), texts, dtype=pl.String))
    return pl.DataFrame(columns)


def figure_columns(table: pl.DataFrame, language: str) -> list[str]:
    """The columns of a :func:`progress_table` that hold numbers (shown right-aligned)."""
    labels = {"RW", "RT", i18n.text("visits_heading_cadre", language)}
    return [column for column in table.columns if column not in labels]


# The gap with the campaign's enrolments, as the Pendataan page shows it: the recap's figures, then the
# campaign's apart (uhc.core.campaign.gap_with_campaign).
CAMPAIGN_GAP_COLUMNS = (
    ("coverage_pct", figures.figure),
    ("people_needed", figures.figure),
    ("campaign_enrolled", figures.campaign_figure),
    ("campaign_reactivated", figures.campaign_figure),
    ("coverage_with_campaign_pct", figures.campaign_figure),
    ("people_needed_with_campaign", figures.campaign_figure),
)


def campaign_gap_table(rows: pl.DataFrame, language: str) -> pl.DataFrame:
    """gap_with_campaign rows as a table in ``language``: the region's name, then each figure written."""
    columns = [pl.Series(i18n.text("visits_heading_region", language), rows["name"].fill_null(i18n.MISSING))]
    for column, describe in CAMPAIGN_GAP_COLUMNS:
        figure = describe(column)
        texts = [formats.text_or_dash(figure, value, language) for value in rows[column]]
        columns.append(pl.Series(formats.label(figure, language), texts, dtype=pl.String))
    return pl.DataFrame(columns)
