"""python -m uhc reactivate: the non-active participants to make active per kecamatan and criterion, in rupiah;
with ``--rt KELURAHAN``, a kelurahan's reactivation lists per RT from a stored match run."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

import polars as pl

from uhc import figures, i18n
from uhc.cli.common import EXIT_OK, BadInput, Refusal, period_of, scope_of
from uhc.core import gap, reactivation, reactivation_lists
from uhc.paths import store_path
from uhc.store.db import Store
from uhc.store.regions import match_regions


def reactivate_command(args: argparse.Namespace) -> int:
    if args.rt is not None:
        return _rt_lists(args)
    period = period_of(args)
    try:
        scenario = reactivation.Scenario(
            months_funded=args.months, arrears_months=args.arrears_months, write_off=args.write_off, split=args.split
        )
    except ValueError as exc:
        raise BadInput(str(exc)) from None
    with Store.open(store_path(args.db), read_only=True) as store:
        city_code = scope_of(args) or _only_city(store)
        plan = gap.reactivation_for_period(store, scenario, period, args.level, city_code)
        city_row = gap.gap_for_period(store, plan.period, "kota", city_code)
    regions, city = plan.regions, plan.city
    if args.criterion != "all":
        regions = regions.filter(pl.col("criterion") == args.criterion)
        city = city.filter(pl.col("criterion") == args.criterion)
        if city.height == 0:
            raise BadInput(
                f"no criterion {args.criterion!r} in {plan.period:%Y-%m}: a tier that asks no more keaktifan than "
                "the UHC criterion in force is planned as the UHC criterion (--criterion uhc); the criteria are "
                + ", ".join(plan.city["criterion"].to_list())
            )
    rows = pl.concat([regions, city])
    if args.format == "json":
        print(json.dumps(_json_rows(rows), ensure_ascii=False, indent=1))
    elif args.format == "csv":
        sys.stdout.write(rows.with_columns(pl.col("period").dt.strftime("%Y-%m")).write_csv())
    else:
        print(_text(regions, city, plan, scenario, city_row.row(0, named=True), args.lang))
    return EXIT_OK


def _only_city(store: Store) -> str:
    cities = store.run("city_with_data")
    if cities.height == 1:
        return cities["kemendagri_code"][0]
    known = ", ".join(f"{c} {n}" for c, n in zip(cities["kemendagri_code"], cities["name"], strict=True))
    if not known:
        raise gap.NoData("gap_no_data")
    raise BadInput(f"The store holds several cities; choose one with --city ({known}).")


def _json_rows(rows: pl.DataFrame) -> list[dict]:
    decimals = [f.name for f in figures.REACTIVATION_FIGURES if f.dtype.is_float()]
    return rows.with_columns(pl.col(decimals).round(4), pl.col("period").dt.strftime("%Y-%m")).to_dicts()


def _text(
    regions: pl.DataFrame,
    city: pl.DataFrame,
    plan: gap.ReactivationPlan,
    scenario: reactivation.Scenario,
    city_row: dict,
    language: str,
) -> str:
    """Per criterion: a title, the aligned table with the city's total last, the city's sentence; then the notes."""
    lines: list[str] = []
    numbers = set(reactivation.headings(language))
    month = i18n.month(city_row["period"], language)
    for total in city.iter_rows(named=True):
        shown = reactivation.rows_of(regions, city, total["criterion"])
        table = reactivation.table(shown, language)
        title = reactivation.criterion_text(total["criterion"], total["criterion_activity_pct"], language)
        lines += [f"{month} · {title}", *_aligned(table, numbers)]
        lines += [
            reactivation.city_sentence(
                total, city_row["active_needed"] if total["criterion"] == "uhc" else None, language
            ),
            "",
        ]
    lines += reactivation.notes(plan.regions, plan.rates, scenario, language)
    return "\n".join(lines)


def _aligned(table: pl.DataFrame, numbers: set[str]) -> list[str]:
    """The heading line and the rows of ``table``, columns two spaces apart, ``numbers`` right-aligned."""
    widths = {name: max(len(name), *(len(cell or "") for cell in table[name])) for name in table.columns}

    def line(cells: dict[str, str | None]) -> str:
        aligned = [
            (cells[n] or "").rjust(widths[n]) if n in numbers else (cells[n] or "").ljust(widths[n])
            for n in table.columns
        ]
        return "  ".join(aligned).rstrip()

    return [line({name: name for name in table.columns}), *map(line, table.iter_rows(named=True))]


def _kelurahan(store: Store, text: str) -> tuple[str, str]:
    """The kemendagri_code and name of the kelurahan ``text`` names (its code or its name), or a Refusal."""
    tree = store.run("region_tree", scope_code="")
    is_code = text.strip().replace(".", "").isdigit()
    labels = pl.DataFrame(
        {"region_code": [text if is_code else None], "kelurahan": [None if is_code else text]},
        schema={"region_code": pl.String, "kelurahan": pl.String},
    )
    code = match_regions(labels, tree)["kemendagri_code"][0]
    if code is None:
        raise Refusal("rtreact_unknown_kelurahan", kelurahan=text)
    kelurahan = tree.filter((pl.col("kemendagri_code") == code) & (pl.col("level") == "kelurahan"))
    if kelurahan.is_empty():
        raise Refusal("rtreact_unknown_kelurahan", kelurahan=text)
    return str(code), str(kelurahan["name"][0])


def _rt_lists(args: argparse.Namespace) -> int:
    """``reactivate --rt KELURAHAN``: per RT, the kelurahan's residents to reactivate, by reference, priced."""
    if not 1 <= args.months <= reactivation_lists.MONTHS_FUNDED:
        raise BadInput(f"--months must be 1 to {reactivation_lists.MONTHS_FUNDED}, not {args.months}")
    made_on = dt.date.today()
    with Store.open(store_path(args.db), read_only=True) as store:
        code, name = _kelurahan(store, args.rt)
        try:
            lists = reactivation_lists.lists_of_kelurahan(
                store, code, run_id=args.run, made_on=made_on, months_funded=args.months
            )
        except reactivation_lists.ListRefused as exc:
            raise Refusal(exc.key, **exc.params) from None
    if args.format == "json":
        print(json.dumps(lists.persons.to_dicts(), ensure_ascii=False, indent=1))
    elif args.format == "csv":
        sys.stdout.write(lists.persons.write_csv())
    else:
        print("\n".join(reactivation_lists.text_lines(lists, name, args.lang)))
    return EXIT_OK
