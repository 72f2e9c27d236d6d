"""Recipient verification for the gap & budget planner: the city's APBD list against every other list.

The question Pontianak asked before paying for its 2.965 APBD families: is the city paying for
someone the central budget or another programme already covers? The rule is
:func:`uhc.core.matching.verify_recipients` (the one ``python -m uhc match --verify`` prints), run
on the store's newest register and BPJS list. Counts only: nothing here decrypts a name.

What verification would save: every recipient funded elsewhere is paid for twice, so the city's
iuran for them is saved, people x the Pemda iuran in force x 12 months a year.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from uhc import i18n
from uhc.core import matching
from uhc.store import people
from uhc.store.db import Store

MONTHS_A_YEAR = 12


@dataclass(frozen=True)
class RecipientCheck:
    """One programme list verified: the counts of :class:`uhc.core.matching.Verification` and the saving."""

    programme: str
    recipients: int
    persons_elsewhere: int
    families: int
    families_elsewhere: int
    families_other_aid: int
    rows_not_in_register: int
    rows_without_family: int
    register_persons: int  # living residents the register puts in the list's families
    iuran_idr_per_month: int | None
    saving_idr_per_year: int | None  # persons_elsewhere x iuran x 12; None without an iuran

    @property
    def persons_per_family(self) -> float | None:
        """The register's living residents per family of the list, to two decimals (None without families)."""
        return round(self.register_persons / self.families, 2) if self.families else None

    @property
    def families_not_elsewhere(self) -> int:
        """The list's families none of whose recipients is funded elsewhere: those the city alone pays for."""
        return self.families - self.families_elsewhere


def programmes(store: Store) -> list[str]:
    """The names of the programme lists the store holds, sorted."""
    return sorted(set(people.programme_members(store)["programme"].to_list()))


def checked(verification: matching.Verification, programme: str, iuran_idr_per_month: int | None) -> RecipientCheck:
    """The counts of ``verification`` and what the city would save a year at ``iuran_idr_per_month``."""
    elsewhere = verification.persons_elsewhere
    return RecipientCheck(
        programme=programme,
        recipients=verification.recipients,
        persons_elsewhere=elsewhere,
        families=verification.family_count,
        families_elsewhere=verification.families_elsewhere,
        families_other_aid=verification.families_other_aid,
        rows_not_in_register=verification.rows_not_in_register,
        rows_without_family=verification.rows_without_family,
        register_persons=int(verification.families["register_persons"].sum()),
        iuran_idr_per_month=iuran_idr_per_month,
        saving_idr_per_year=None if iuran_idr_per_month is None else elsewhere * iuran_idr_per_month * MONTHS_A_YEAR,
    )


def check_in_store(store: Store, programme: str, iuran_idr_per_month: int | None) -> RecipientCheck | None:
    """``programme`` verified against the store's newest register and BPJS list; None without both."""
    register = people.latest_batch(store, people.REGISTER_KIND)
    participants = people.latest_batch(store, people.PARTICIPANTS_KIND)
    if register is None or participants is None:
        return None
    if people.purged_at(store, register) is not None or people.purged_at(store, participants) is not None:
        return None
    members = people.programme_members(store)
    verification = matching.verify_recipients(
        members, people.residents(store, register), people.participants(store, participants), programme
    )
    return checked(verification, programme, iuran_idr_per_month)


def sentences(check: RecipientCheck, language: str) -> list[str]:
    """What the verification found, in words, with the saving a year."""
    said = [
        i18n.text(
            "verify_found",
            language,
            programme=check.programme,
            recipients=i18n.number(check.recipients, language),
            elsewhere=i18n.number(check.persons_elsewhere, language),
            families=i18n.number(check.families, language),
            families_elsewhere=i18n.number(check.families_elsewhere, language),
        )
    ]
    if check.saving_idr_per_year is not None and check.iuran_idr_per_month is not None:
        said.append(
            i18n.text(
                "verify_saving",
                language,
                saving=i18n.rupiah(check.saving_idr_per_year, language),
                elsewhere=i18n.number(check.persons_elsewhere, language),
                iuran=i18n.rupiah(check.iuran_idr_per_month, language),
            )
        )
    if check.families_other_aid:
        said.append(i18n.text("verify_other_aid", language, families=i18n.number(check.families_other_aid, language)))
    if check.rows_not_in_register or check.rows_without_family:
        said.append(
            i18n.text(
                "verify_unplaced",
                language,
                not_in_register=i18n.number(check.rows_not_in_register, language),
                without_family=i18n.number(check.rows_without_family, language),
            )
        )
    return said


def kpi_rows(check: RecipientCheck, language: str) -> pl.DataFrame:
    """The view's cards: key, label and value in the page's language."""
    rows = [
        ("recipients", i18n.text("verify_kpi_recipients", language), i18n.number(check.recipients, language)),
        ("elsewhere", i18n.text("verify_kpi_elsewhere", language), i18n.number(check.persons_elsewhere, language)),
        (
            "families_elsewhere",
            i18n.text("verify_kpi_families_elsewhere", language),
            i18n.number(check.families_elsewhere, language),
        ),
        ("saving", i18n.text("verify_kpi_saving", language), i18n.rupiah_compact(check.saving_idr_per_year, language)),
    ]
    return pl.DataFrame(rows, schema={"key": pl.String, "label": pl.String, "value": pl.String}, orient="row")
