"""The UHC Awards tiers: which one a city meets in a month, and what it still lacks for the next.

A tier (uhc_award_tier.sql rows: Utama, Madya, Pratama in 2026) is met when coverage and keaktifan
reach its minimums and, where it sets one, the residents the Pemda funds (PBI APBD / PBPU Pemda
registered) are at least its share of the population. What is lacking is counted in whole people,
rounded up as people_needed is (``metrics.people_short_of``): registrations, participants to make
active (at today's registered), residents for the Pemda to fund. Pure: values in, values out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from uhc import i18n
from uhc.core import metrics

TIER_KEYS = {"utama": i18n.N_("tier_utama"), "madya": i18n.N_("tier_madya"), "pratama": i18n.N_("tier_pratama")}


@dataclass(frozen=True)
class Lacking:
    """People a city lacks for one tier (0 where a condition is met; None where it cannot be told)."""

    tier: str
    registered: int
    active: int
    pemda_funded: int | None

    @property
    def met(self) -> bool:
        return self.registered == 0 and self.active == 0 and self.pemda_funded in (0, None)


@dataclass(frozen=True)
class AwardStatus:
    """The tier met (None: none) and the next one up with what it lacks (None: the highest is met)."""

    met: str | None
    next_tier: Lacking | None
    valid_from: dt.date


def tiers_in_force(period: dt.date, tiers: pl.DataFrame) -> pl.DataFrame:
    """The tier rows in force in ``period`` (the latest set dated on or before it), highest first."""
    dates = tiers["valid_from"].cast(pl.Date)
    in_force = dates.filter(dates <= period)
    if in_force.len() == 0:
        return tiers.clear()
    return tiers.filter(pl.col("valid_from").cast(pl.Date) == in_force.max()).sort("tier_rank")


def lacking(tier: dict, row: dict, pemda_registered: int | None) -> Lacking:
    """What the city of gap ``row`` lacks for ``tier`` (a uhc_award_tier.sql row)."""
    share = tier["min_pemda_share_pct"]
    if share is None:
        pemda: int | None = 0
    elif pemda_registered is None:
        pemda = None
    else:
        pemda = metrics.people_short_of(share, row["population"], pemda_registered)
    return Lacking(
        tier["tier"],
        metrics.people_short_of(tier["min_coverage_pct"], row["population"], row["registered"]),
        metrics.people_short_of(tier["min_activity_pct"], row["registered"], row["active"]),
        pemda,
    )


def award_status(row: dict, pemda_registered: int | None, tiers: pl.DataFrame) -> AwardStatus | None:
    """The tier the city of gap ``row`` meets and what the next lacks; None without tiers or figures.

    ``tiers`` are the rows in force (:func:`tiers_in_force`). A tier that sets a Pemda share is not
    met while the month has no PBI APBD figure (it cannot be told).
    """
    if tiers.height == 0 or not row.get("population") or row.get("registered") is None or row.get("active") is None:
        return None
    ranked = tiers.sort("tier_rank").to_dicts()  # highest first
    checks = [lacking(tier, row, pemda_registered) for tier in ranked]
    met_index = next((i for i, check in enumerate(checks) if check.met and check.pemda_funded is not None), None)
    if met_index is None:
        return AwardStatus(None, checks[-1], ranked[0]["valid_from"])
    return AwardStatus(checks[met_index].tier, checks[met_index - 1] if met_index else None, ranked[0]["valid_from"])


def award_sentence(status: AwardStatus, language: str) -> str:
    """ "UHC Awards (sejak Januari 2026): memenuhi Pratama. Untuk Madya masih kurang 25.982 peserta aktif."."""
    since = i18n.month(status.valid_from, language)
    if status.met is None:
        sentence = i18n.text("award_none", language, since=since)
    else:
        sentence = i18n.text("award_met", language, since=since, tier=i18n.text(TIER_KEYS[status.met], language))
    if status.next_tier is None:
        return sentence + " " + i18n.text("award_highest", language)
    lack = status.next_tier
    parts = [
        i18n.plural(key, count, language, count=i18n.number(count, language))
        for key, count in (
            (i18n.N_plural("award_lacks_registered"), lack.registered),
            (i18n.N_plural("award_lacks_active"), lack.active),
            (i18n.N_plural("award_lacks_pemda"), lack.pemda_funded),
        )
        if count
    ]
    if lack.pemda_funded is None:
        parts.append(i18n.text("award_lacks_pemda_unknown", language))
    return (
        sentence
        + " "
        + i18n.text(
            "award_next",
            language,
            tier=i18n.text(TIER_KEYS[lack.tier], language),
            lacking=i18n.text("uhc_missing_and", language).join(parts),
        )
    )
