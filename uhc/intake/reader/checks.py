"""Checks inside a file: totals against their rows, registered = active + inactive, segments, parts, codes."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import polars as pl

from uhc.intake.reader.result import Issue, Parsed, _capped, _Findings
from uhc.intake.reader.schema import PARENT_CODE_COLUMNS, SEGMENT_COLUMNS

if TYPE_CHECKING:
    from uhc.intake.reader.headers import _Header
    from uhc.intake.reader.rows import _Body


def _with_parent_codes(parsed: Parsed, header: _Header) -> Parsed:
    """The parent code columns (read by the body) checked against region_code.

    A parent code must be the start of the row's more detailed code, digit by digit: 3173010 of
    3173010001, 31.73.01 of 31.73.01.1001. A row where they differ is an error naming both cells:
    which of the two is wrong only the person who made the file can tell.
    """
    parents = [c for c in PARENT_CODE_COLUMNS if c in header.columns]
    frame = parsed.rows
    if not parents or frame.height == 0:
        return parsed
    # Only the leading code of a cell counts: "31.73.01 Kec. Kembangan" is 317301.
    digits = {
        c: pl.col(c).str.extract(r"^\s*([0-9][0-9.\s-]*)", 1).str.replace_all(r"[^0-9]", "")
        for c in (*parents, "region_code")
    }
    issues = []
    detailed = ["region_code", *reversed(parents)]  # most detailed first
    for c in parents:
        below = [
            d for d in detailed if d == "region_code" or PARENT_CODE_COLUMNS.index(d) > PARENT_CODE_COLUMNS.index(c)
        ]
        other = pl.coalesce([pl.when(digits[d] != "").then(pl.lit(d)) for d in below])
        other_digits = pl.coalesce([pl.when(digits[d] != "").then(digits[d]) for d in below])
        wrong = frame.with_columns(other=other, other_digits=other_digits, own=digits[c]).filter(
            (pl.col("own") != "")
            & pl.col("other_digits").is_not_null()
            & ~pl.col("other_digits").str.starts_with(pl.col("own"))
        )
        for row in wrong.iter_rows(named=True):
            issues.append(
                Issue(
                    "error",
                    "parent_code_mismatch",
                    parsed.file_name,
                    row=row["row"],
                    column=parsed.columns[c],
                    value=row[c],
                    params={"field": c, "code": row[row["other"]], "code_column": parsed.columns[row["other"]]},
                    sheet=parsed.sheet,
                )
            )
    issues.sort(key=lambda issue: issue.row or 0)
    return dataclasses.replace(parsed, rows=frame, issues=(*parsed.issues, *_capped(issues)))


def _population_of_parts(
    values: dict[str, pl.Series],
    columns: dict[str, int],
    written: dict[str, str],
    findings: _Findings,
    body: _Body,
    is_data: pl.Series,
) -> None:
    """The population from its parts where the file writes no total; the total checked against them where it does."""
    for first, second in (("population_male", "population_female"), ("population_wni", "population_wna")):
        if first not in values or second not in values:
            continue
        both = values[first] + values[second]  # null where either part is missing: no half population
        names = {"first": written[first], "second": written[second]}
        if "population" not in values:
            values["population"] = both
            findings.add((0, 0), "warning", "population_from_parts", params=names)
            continue
        total = values["population"]
        differs = is_data & both.is_not_null() & total.is_not_null() & (both != total)
        for at in differs.arg_true().to_list():
            findings.add(
                (1, at, 70),
                "warning",
                "population_parts_mismatch",
                row=body.row(at),
                column=written["population"],
                value=str(total[at]),
                params={**names, "population": int(total[at]), "sum": int(both[at])},
            )


class _Blocks:
    """Total and subtotal rows, and which rows each one totals.

    A subtotal totals the rows since the last total or subtotal, a total those since the last total.
    A row with figures but no name is a total when each figure is the sum of the rows above it.
    Positions are records of the body (``at``) and indices among its data rows (``start``, ``end``).
    """

    def __init__(self, roles: pl.Series, unlabelled: pl.Series, values: dict[str, pl.Series], counts: list[str]):
        self.counts = counts
        self.values = values
        self.converted: set[int] = set()
        self.totals: list[tuple[int, str, int, int]] = []  # (at, role, first data index, end data index)
        is_data = roles == "data"
        special = (~is_data & (roles != "skip")) | unlabelled
        at_list = special.arg_true().to_list()
        self.data_rows = is_data.arg_true()
        if not at_list:
            return
        data_count = is_data.cast(pl.Int64)
        before = (data_count.cum_sum() - data_count).gather(at_list).to_list()
        kinds = roles.gather(at_list).to_list()
        # The sums and the counts of cells of each column over the first i data rows, at each i a
        # block can start or end at (Int128: no count times rows can wrap), all in one pass.
        bounds = sorted(
            {
                0,
                len(self.data_rows),
                *before,
                *(end + 1 for end, role in zip(before, kinds, strict=True) if role == "data"),
            }
        )
        ends = [i - 1 for i in bounds if i > 0]
        prefixes = (
            pl.DataFrame({c: values[c] for c in counts})
            .filter(is_data)
            .select(
                *(pl.col(c).cast(pl.Int128).fill_null(0).cum_sum().gather(ends).alias(f"sum {c}") for c in counts),
                *(pl.col(c).is_not_null().cast(pl.Int128).cum_sum().gather(ends).alias(f"cells {c}") for c in counts),
            )
        )
        at_bounds = [i for i in bounds if i > 0]
        self.sums = {c: {0: 0, **dict(zip(at_bounds, prefixes[f"sum {c}"].to_list(), strict=True))} for c in counts}
        self.cells = {c: {0: 0, **dict(zip(at_bounds, prefixes[f"cells {c}"].to_list(), strict=True))} for c in counts}
        figures = {c: values[c].gather(at_list).to_list() for c in counts}
        block = group = 0
        for j, (at, role, end) in enumerate(zip(at_list, kinds, before, strict=True)):
            if role == "data":  # no name: a total when it is the sums of the rows above
                given = [(c, figures[c][j]) for c in counts if figures[c][j] is not None]
                if given and end > block and all(v == self.sums[c][end] - self.sums[c][block] for c, v in given):
                    self.converted.add(at)
                    self.totals.append((at, "total", block, end))
                    block = group = end + 1
                continue
            self.totals.append((at, role, group if role == "subtotal" else block, end))
            group = end
            if role == "total":
                block = end

    def check(self, body: _Body, findings: _Findings, written: dict[str, str]) -> None:
        """Each total against the rows it totals (a warning per column that disagrees).

        A total row above its rows (right under the header) is checked against the rows below it: when
        they add up to less in every column, rows are missing (a sheet cut short) and that is an error.
        """
        later_totals = [end for _, role, _, end in self.totals if role == "total"]
        for j, (at, role, start, end) in enumerate(self.totals):
            label = body.total_label[at] or ""
            if role == "total" and start == end:
                start, end = end, next((e for e in later_totals if e > end), len(self.data_rows))
                leading = True
            else:
                leading = False
            compared = []
            for k, c in enumerate(self.counts):
                file_total = self.values[c][at]
                if file_total is None or self.cells[c][end] == self.cells[c][start]:
                    continue
                compared.append((k, c, file_total, self.sums[c][end] - self.sums[c][start]))
            wrong = [item for item in compared if item[3] != item[2]]
            if leading and wrong and all(rows_sum < file_total for _, _, file_total, rows_sum in compared):
                _, c, file_total, rows_sum = compared[0]
                findings.add(
                    (3, j, 0),
                    "error",
                    "rows_cut_short",
                    row=body.row(at),
                    column=written[c],
                    value=str(file_total),
                    params={
                        "label": label,
                        "file_total": file_total,
                        "rows_sum": int(rows_sum),
                        "last_row": body.row(self.data_rows[end - 1]) if end > start else body.row(at),
                    },
                )
                continue
            for k, c, file_total, rows_sum in wrong:
                findings.add(
                    (3, j, k),
                    "warning",
                    "total_mismatch",
                    row=body.row(at),
                    column=written[c],
                    value=str(file_total),
                    params={
                        "label": label,
                        "file_total": file_total,
                        "rows_sum": int(rows_sum),
                        "difference": abs(int(file_total) - int(rows_sum)),
                    },
                )


def _derived(
    frame: pl.DataFrame, columns: dict[str, int], written: dict[str, str], findings: _Findings
) -> pl.DataFrame:
    """Fill registered or active from the other two; check the counts that add up in the file."""
    registered, active, inactive = pl.col("registered"), pl.col("active"), pl.col("inactive")
    fill_registered = pl.lit("registered" not in columns) & active.is_not_null() & inactive.is_not_null()
    fill_active = ~fill_registered & pl.lit("active" not in columns) & registered.is_not_null() & inactive.is_not_null()
    frame = frame.with_columns(
        fill_registered=fill_registered,
        fill_active=fill_active,
        sum_checked=~fill_registered
        & ~fill_active
        & pl.all_horizontal(registered.is_not_null(), active.is_not_null(), inactive.is_not_null()),
    )
    for at, row, r, i in (
        frame.filter(pl.col("fill_active") & (inactive > registered))
        .select("at", "row", "registered", "inactive")
        .iter_rows()
    ):
        findings.add(
            (2, at, 0),
            "error",
            "inactive_above_registered",
            row=row,
            column=written["inactive"],
            value=str(i),
            params={"registered": r, "inactive": i},
        )
    for at, row, r, a, i in (
        frame.filter(pl.col("sum_checked") & (active + inactive != registered))
        .select("at", "row", "registered", "active", "inactive")
        .iter_rows()
    ):
        findings.add(
            (2, at, 0),
            "warning",
            "registered_mismatch",
            row=row,
            column=written["registered"],
            value=str(r),
            params={"registered": r, "active": a, "inactive": i, "sum": a + i},
        )
    frame = frame.with_columns(
        registered=pl.when(pl.col("fill_registered")).then(active + inactive).otherwise(registered),
        active=pl.when(pl.col("fill_active") & (inactive <= registered)).then(registered - inactive).otherwise(active),
    )
    present = [c for c in SEGMENT_COLUMNS if c in columns]
    if present:
        segments = frame.select(
            "at",
            "row",
            "registered",
            segments_sum=pl.sum_horizontal(present),
            given=pl.sum_horizontal(pl.col(present).is_not_null()),
        ).filter(pl.col("registered").is_not_null() & (pl.col("given") > 0))
        complete = pl.col("given") == len(SEGMENT_COLUMNS)
        wrong = (complete & (pl.col("segments_sum") != pl.col("registered"))) | (
            pl.col("segments_sum") > pl.col("registered")
        )
        for at, row, r, segments_sum, _ in segments.filter(wrong).iter_rows():
            findings.add(
                (2, at, 1),
                "warning",
                "segments_mismatch",
                row=row,
                params={"sum": segments_sum, "registered": r, "fields": present},
            )
    return frame
