"""python -m uhc match | register purge: the register against the BPJS list, and the end of a campaign."""

from __future__ import annotations

import argparse
import json
import sys

import polars as pl

from uhc import figures, i18n
from uhc.cli.common import EXIT_OK, BadInput
from uhc.cli.login import editor_login
from uhc.core import gap, matching
from uhc.paths import store_path
from uhc.store import keys, people
from uhc.store.db import Store


def _batches(store: Store, args: argparse.Namespace) -> tuple[int, int]:
    register = args.register_batch or people.latest_batch(store, people.REGISTER_KIND)
    participants = args.participants_batch or people.latest_batch(store, people.PARTICIPANTS_KIND)
    if register is None:
        raise BadInput(i18n.text("match_no_register", args.lang))
    if participants is None:
        raise BadInput(i18n.text("match_no_participants", args.lang))
    # A purged batch has no rows left: matching it would report zeros as if no one were on the lists.
    for batch in (register, participants):
        if (purged_at := people.purged_at(store, batch)) is not None:
            raise BadInput(i18n.text("match_purged", args.lang, batch=batch, day=i18n.moment(purged_at, args.lang)))
    return register, participants


def match_history(store: Store, language: str) -> list[str]:
    """The stored runs, newest first: batches, who and when, and when their personal rows were purged."""
    runs = store.run("match_run")
    if runs.is_empty():
        return [i18n.text("match_history_empty", language)]
    return [
        i18n.text(
            "match_history_run" if run["purged_at"] is None else "match_history_purged_run",
            language,
            run=run["run_id"],
            register=run["register_batch"],
            participants=run["participant_batch"],
            who=run["made_by"],
            when=i18n.moment(run["made_at"], language),
            purged=i18n.moment(run["purged_at"], language),
        )
        for run in runs.iter_rows(named=True)
    ]


def _recap(store: Store, matched: matching.Matched) -> pl.DataFrame:
    """The register's and the list's counts against the coverage recap the store holds (its latest month).

    Empty when the store has no recap to compare with.
    """
    try:
        recap = gap.gap_for_period(store, None, "kelurahan", "")
    except gap.NoData:
        return pl.DataFrame()
    return matching.recap_check(matched.register_counts, recap.select("kemendagri_code", "population", "registered"))


def match_command(args: argparse.Namespace) -> int:
    if args.history:
        with Store.open(store_path(args.db), read_only=True) as store:
            for line in match_history(store, args.lang):
                print(line)
        return EXIT_OK
    with Store.open(store_path(args.db), read_only=args.dry_run) as store:
        user = None if args.dry_run else editor_login(store, args)
        register_batch, participant_batch = _batches(store, args)
        # Imports bind the store to their key, so a store with a register is bound to one.
        key = keys.load_key(keys.key_file_path(args.key_file))
        keys.check_key(store, key)
        residents = people.residents(store, register_batch)
        participants = people.participants(store, participant_batch)

        def names(rows: pl.DataFrame) -> pl.DataFrame:
            return people.names_of(store, key, rows)

        with store.small_cache():  # the lists are frames now: DuckDB gives its cached blocks back
            matched = matching.match_people(residents, participants, names=names)
        counts = matched.counts(args.level)
        recap = _recap(store, matched)
        verification = None
        if args.verify:
            members = people.programme_members(store)
            programmes = sorted(set(members["programme"]))
            if args.verify not in programmes:
                listed = ", ".join(f'"{name}"' for name in programmes) or i18n.text("match_no_programmes", args.lang)
                raise BadInput(i18n.text("match_no_programme", args.lang, name=args.verify, programmes=listed))
            verification = matching.verify_recipients(members, residents, participants, args.verify)
        tree = store.run("region_tree", scope_code="")
        names_by_code = dict(zip(tree["kemendagri_code"], tree["name"], strict=True))
        report = _report(
            matched, counts, recap, verification, names_by_code, register_batch, participant_batch, args.verify
        )
        run_id = None
        if user is not None:
            # Stored before anything is printed: `match | head` closes the output early, and the run a
            # user saw begin must not be lost to the broken pipe.
            run_id = people.save_match(
                store,
                register_batch=register_batch,
                participant_batch=participant_batch,
                made_by=user.name,
                persons=matched.persons,
                counts=matched.counts("rt"),
            )
    if args.format == "json":
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for line in _lines(report, args.lang):
            print(line)
    if run_id is None:
        if args.format != "json":
            print(i18n.text("people_dry_run", args.lang))
        return EXIT_OK
    if args.format != "json":
        print(i18n.text("match_saved", args.lang, run=run_id))
    return EXIT_OK


def _report(
    matched: matching.Matched,
    counts: pl.DataFrame,
    recap: pl.DataFrame,
    verification: matching.Verification | None,
    names: dict[str, str],
    register_batch: int,
    participant_batch: int,
    verification_name: str | None,
) -> dict:
    # The totals are the areas' counts summed: the same rule (to_check counts residents) in both.
    totals = matched.counts("kelurahan").group_by("category").agg(pl.col("persons").sum())
    total_of = {str(category): int(persons) for category, persons in totals.iter_rows()}
    areas = counts.with_columns(
        name=pl.col("kemendagri_code").replace_strict(names, default=None, return_dtype=pl.String),
        # Families are the register's KKs: a list row (a participant without NIK matched by identity
        # carries the resident's KK) counts persons only, as every other participant category does.
        families=pl.when(pl.col("category").cast(pl.String).is_in(list(matching.PARTICIPANT_CATEGORIES)))
        .then(None)
        .otherwise(pl.col("families")),
    )
    report: dict = {
        "register_batch": register_batch,
        "participant_batch": participant_batch,
        "totals": {category: total_of.get(category, 0) for category in matching.CATEGORIES},
        # Each register row is in one of matching.RESIDENT_CATEGORIES: their sum.
        "register_rows": sum(total_of.get(category, 0) for category in matching.RESIDENT_CATEGORIES),
        "areas": areas.to_dicts(),
        "recap_differences": recap.to_dicts(),
    }
    if verification is not None:
        report["recipients"] = {
            "programme": verification_name,
            "recipients": verification.recipients,
            "persons_elsewhere": verification.persons_elsewhere,
            "families": verification.family_count,
            "families_elsewhere": verification.families_elsewhere,
            "families_other_aid": verification.families_other_aid,
            "rows_not_in_register": verification.rows_not_in_register,
            "rows_without_family": verification.rows_without_family,
        }
    return report


def _lines(report: dict, language: str) -> list[str]:
    number = i18n.number
    lines = [
        i18n.text(
            "match_heading", language, register=report["register_batch"], participants=report["participant_batch"]
        )
    ]
    totals = report["totals"]
    groups = (
        (i18n.text("match_register_rows", language, rows=number(report["register_rows"], language)),
         matching.RESIDENT_CATEGORIES),
        (i18n.text("match_register_notes", language), matching.REGISTER_NOTES),
        (i18n.text("match_list_rows", language), matching.PARTICIPANT_CATEGORIES),
    )  # fmt: skip
    for heading, categories in groups:
        lines.append(heading)
        for category in categories:
            label = i18n.text(matching.CATEGORY_KEYS[category], language)
            lines.append(f"  {label}: {number(totals[category], language)}")
    lines.append(i18n.text("match_by_area", language))
    for area in report["areas"]:
        place = " ".join(str(area[part]) for part in ("kemendagri_code", "name") if area.get(part))
        for part, key in (("rw", i18n.N_("match_rw")), ("rt", i18n.N_("match_rt"))):
            if area.get(part):
                place += " " + i18n.text(key, language, number=area[part])
        segment = f" ({i18n.text(figures.segment(area['segment']).label_key, language)})" if area.get("segment") else ""
        category = i18n.text(matching.CATEGORY_KEYS[area["category"]], language)
        lines.append(f"  {place}: {category}{segment}: {number(area['persons'], language)}")
    if report["recap_differences"]:
        lines.append(i18n.text("match_recap_heading", language))
        for row in report["recap_differences"]:
            lines.append("  " + i18n.text("match_recap_row", language, **_recap_params(row, language)))
    if "recipients" in report:
        shown = {k: i18n.number(v, language) if isinstance(v, int) else v for k, v in report["recipients"].items()}
        lines.append(i18n.text("match_recipients", language, **shown))
    return lines


def _recap_params(row: dict, language: str) -> dict:
    """The recap check's row as the message shows it: people in the language's format, percentages signed."""
    shown = {key: i18n.number(value, language) if isinstance(value, int) else value for key, value in row.items()}
    for key in ("residents_difference", "participants_difference"):
        shown[key] = i18n.signed_number(row[key], language)
    for key in ("residents_difference_pct", "participants_difference_pct"):
        shown[key] = "-" if row[key] is None else i18n.percent(row[key], language)
    return shown


def purge_command(args: argparse.Namespace) -> int:
    if not args.yes:
        raise BadInput(i18n.text("purge_needs_yes", args.lang))
    with Store.open(store_path(args.db)) as store:
        user = editor_login(store, args)
        deleted = people.purge(store, user.name)
    print(
        i18n.text(
            "purge_done",
            args.lang,
            residents=i18n.number(deleted["residents"], args.lang),
            participants=i18n.number(deleted["participants"], args.lang),
            members=i18n.number(deleted["programme_members"], args.lang),
        )
    )
    return EXIT_OK
