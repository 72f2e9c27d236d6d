"""Match the resident register against the BPJS participant list, verify programme recipients, check the recap.

Pure Polars over the stored columns (migrations 7 and 8): pseudonyms in, categories out. Nothing here
sees a NIK, a KK number or a name in clear, except the few names of close-name candidates that the
caller's :data:`NameSource` decrypts for the scoring.

Matching, in this order (each step only among the rows the steps before left unmatched):

1. **Duplicates set aside.** A register row whose NIK pseudonym appeared on an earlier row (batch,
   then source row) is ``register_duplicate``; a list row whose NIK or card pseudonym appeared on an
   earlier row is ``participant_duplicate``. Such a row takes no further part: the person is
   matched and counted on their first row.
2. **By NIK**: the NIK pseudonyms of rows whose NIK is well formed on both sides (uhc.core.nik:
   ``valid``, or ``birth_date_mismatch`` / ``sex_mismatch``, a typo in the row's stated date or sex
   beside a NIK that is the same on both lists; the row keeps its invalid-NIK note).
3. **By identity** (the keyed pseudonym of normalised name and birth date), for rows of which at
   least one side has no valid NIK (two valid NIKs that differ are two people, or a typo a person
   has to look at: step 4 shows them), within the same kelurahan (the participant's address), the
   sexes agreeing where both state one. A pair is a match only when neither row has another
   candidate; a row with several candidates is ``to_check`` against each of them.
4. **Close names** (only when the caller gives a :data:`NameSource`): unmatched living residents and
   unmatched participants of the city with the same kelurahan and birth date, whose normalised names
   score at least ``close_name_score`` (the better of rapidfuzz's ``ratio`` and ``token_sort_ratio``,
   0-100: a typo in a first letter and a swapped word order both score high) are ``to_check`` on both sides. Never a match: the resident stays ``to_visit`` and the
   participant ``participant_not_in_register`` where that applies.

Categories (:data:`CATEGORIES`; a row may be in several, each its own row of ``persons``):

- register side, one of :data:`RESIDENT_CATEGORIES` per row: ``to_visit`` a living resident matched
  neither by NIK nor by identity; ``registered_elsewhere`` matched, the list's address code in
  another kab/kota (active or not: the city's count does not hold them); ``to_reactivate`` matched
  here, the participant not active; ``active`` matched here and active; ``died_or_moved`` the register's
  life status is set: never to visit, never active or to reactivate, but matched like anyone else so
  that ``matched_by`` and ``partner_row`` tell when the list still holds them;
  ``register_duplicate`` see step 1. Notes beside that category (:data:`REGISTER_NOTES`):
  ``to_check`` see step 4; ``register_invalid_nik`` the NIK category is not ``valid`` (such a row
  is never to visit unflagged).
- participant side: ``participant_duplicate`` see step 1; ``participant_without_nik`` category
  ``missing``; ``participant_invalid_nik`` any other category but ``valid``;
  ``participant_not_in_register`` a valid NIK, an address in the city, and no resident found by NIK
  nor identity; ``to_check`` see step 4 (kept in ``persons`` to name the list row a person has to
  look at, but not counted: :meth:`Matched.counts` counts ``to_check`` as residents, one per
  resident whatever the number of candidates, so one pair counts 1).

``segment`` is the participant's segment on every row of a matched pair (so a PBPU in arrears to
reactivate is not a PBI case) and on every participant row; null for an unmatched resident.
Register rows are counted where they live (kelurahan, RW, RT); participant rows at the resident's
place when matched, else at their address's kelurahan (RW and RT null; null kelurahan when the
address is outside the city). ``families`` are the distinct KK pseudonyms among the persons counted
(a participant has the KK of the resident matched to them).

Speed: every step is a join, a window or a group over whole columns (one lazy query each), no Python
per row; the names of close-name candidates are normalised and scored per candidate, but there are
few (same kelurahan and birth date, both unmatched).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import polars as pl
from rapidfuzz import fuzz, process

from uhc import i18n
from uhc.figures import SEGMENTS
from uhc.names import normalised_names

# In report order: the register's categories, then the list's.
CATEGORIES: tuple[str, ...] = (
    "to_visit",
    "to_reactivate",
    "registered_elsewhere",
    "active",
    "to_check",
    "died_or_moved",
    "register_duplicate",
    "register_invalid_nik",
    "participant_duplicate",
    "participant_without_nik",
    "participant_invalid_nik",
    "participant_not_in_register",
)
CATEGORY_KEYS = {
    "to_visit": i18n.N_("match_to_visit"),
    "to_reactivate": i18n.N_("match_to_reactivate"),
    "registered_elsewhere": i18n.N_("match_registered_elsewhere"),
    "active": i18n.N_("match_active"),
    "to_check": i18n.N_("match_to_check"),
    "died_or_moved": i18n.N_("match_died_or_moved"),
    "register_duplicate": i18n.N_("match_register_duplicate"),
    "register_invalid_nik": i18n.N_("match_register_invalid_nik"),
    "participant_duplicate": i18n.N_("match_participant_duplicate"),
    "participant_without_nik": i18n.N_("match_participant_without_nik"),
    "participant_invalid_nik": i18n.N_("match_participant_invalid_nik"),
    "participant_not_in_register": i18n.N_("match_participant_not_in_register"),
}
# Each register row is in exactly one of these (the precedence is in _register_side): their sum is
# the register's rows. to_check and register_invalid_nik are notes beside it.
RESIDENT_CATEGORIES: tuple[str, ...] = (
    "to_visit",
    "to_reactivate",
    "registered_elsewhere",
    "active",
    "died_or_moved",
    "register_duplicate",
)
REGISTER_NOTES: tuple[str, ...] = ("to_check", "register_invalid_nik")
PARTICIPANT_CATEGORIES: tuple[str, ...] = tuple(c for c in CATEGORIES if c.startswith("participant_"))
REGISTER, PARTICIPANT = "register", "participant"
LEVELS = {"kelurahan": ("kemendagri_code",), "rw": ("kemendagri_code", "rw"), "rt": ("kemendagri_code", "rw", "rt")}
# The segment of the BPJS list checked in recipient verification: PBI paid by the central budget.
PBI_APBN = "pbi_apbn"
# Given (side, batch_id, source_row) of some rows, the same frame with their clear ``name`` column.
NameSource = Callable[[pl.DataFrame], pl.DataFrame]

_VALID, _MISSING = "valid", "missing"
# A NIK that is well formed (16 digits, a real kecamatan, a real birth date) but disagrees with the
# birth date or sex stated on its own row is still the person's key: the same digits on both lists are
# the same NIK, and the disagreement is a typo in the stated date or sex that the invalid-NIK note
# keeps in view. Two such NIKs are matched by NIK; they do not count as valid anywhere else.
_NIK_KEY_CATEGORIES = (_VALID, "birth_date_mismatch", "sex_mismatch")
_CATEGORY = pl.Enum(CATEGORIES)
_SEGMENT = pl.Enum(SEGMENTS)
_PERSON_COLUMNS = (
    "side",
    "batch_id",
    "source_row",
    "category",
    "segment",
    "kemendagri_code",
    "rw",
    "rt",
    "kk_pseudonym",
    "matched_by",
    "partner_row",
)


@dataclass(frozen=True)
class Matched:
    """Each person's categories (``persons``) and the register's and list's people per kelurahan.

    persons:          side, batch_id, source_row, category, segment, kemendagri_code, rw, rt,
                      kk_pseudonym, matched_by ('nik', 'identity' or null), partner_row (the other
                      side's source_row when matched or to check)
    register_counts:  kemendagri_code, residents (living, duplicate rows aside), participants (list
                      rows with an address in the kelurahan, duplicate rows aside): for :func:`recap_check`
    """

    persons: pl.DataFrame
    register_counts: pl.DataFrame

    def counts(self, level: Literal["kelurahan", "rw", "rt"]) -> pl.DataFrame:
        """Persons and families per area of ``level``, category and segment; only categories that occur.

        Columns: kemendagri_code[, rw[, rt]], category, segment, persons, families (distinct KK,
        null where none of the persons has one). Sorted by area, category (report order), segment.
        ``to_check`` counts residents (the register side): a pair of close names is 1, not 2.
        """
        area = list(LEVELS[level])
        return (
            self.persons.lazy()
            .filter((pl.col("category") != "to_check") | (pl.col("side") == REGISTER))
            .group_by([*area, "category", "segment"])
            .agg(
                persons=pl.len().cast(pl.UInt32),
                families=pl.when(pl.col("kk_pseudonym").is_not_null().any()).then(
                    pl.col("kk_pseudonym").drop_nulls().n_unique().cast(pl.UInt32)
                ),
            )
            .sort([*area, pl.col("category").cast(_CATEGORY), pl.col("segment").cast(_SEGMENT)], nulls_last=False)
            .collect()
        )


def _seen_before(column: str) -> pl.Expr:
    """True on a row whose ``column`` is set and appeared on an earlier row (batch, then source row)."""
    return pl.col(column).is_not_null() & (pl.col("_order") != pl.col("_order").min().over(column))


def _narrow(frame: pl.DataFrame, index: str, columns: list[str]) -> pl.LazyFrame:
    """The columns the matching reads, with each row's position (``index``) and order; the input's order kept.

    Sorting or joining the whole frame would carry its wide columns (KK pseudonyms) through every
    step; they are gathered once, by position, for the rows of the result.
    """
    return frame.lazy().select(
        pl.int_range(pl.len(), dtype=pl.UInt32).alias(index),
        "batch_id",
        "source_row",
        *columns,
        _order=pl.col("batch_id").cast(pl.Int64) * 2**32 + pl.col("source_row").cast(pl.Int64),
        _nik_ok=(pl.col("nik_category") == _VALID) & pl.col("nik_pseudonym").is_not_null(),
        _nik_key=pl.col("nik_category").is_in(_NIK_KEY_CATEGORIES) & pl.col("nik_pseudonym").is_not_null(),
    )


def _pairs(
    residents: pl.LazyFrame, participants: pl.LazyFrame, on: list[str], *, both_valid_allowed: bool
) -> pl.LazyFrame:
    """Candidate pairs (_r, _p) of the given residents and participants sharing ``on``."""
    pairs = residents.join(participants, on=on, suffix="_p")
    if not both_valid_allowed:
        pairs = pairs.filter(~(pl.col("_nik_ok") & pl.col("_nik_ok_p")))
    return pairs


def match_people(
    residents: pl.DataFrame,
    participants: pl.DataFrame,
    *,
    names: NameSource | None = None,
    close_name_score: float = 88.0,
) -> Matched:
    """Every register row's and list row's categories (module docstring), and people per kelurahan."""
    shared = ["nik_pseudonym", "identity_pseudonym", "sex", "birth_date", "kemendagri_code", "nik_category"]
    res = (
        _narrow(residents, "_r", [*shared, "life_status"])
        .with_columns(_dup=_seen_before("nik_pseudonym"), _living=pl.col("life_status").is_null())
        .collect()
    )
    par = (
        _narrow(participants, "_p", [*shared, "card_pseudonym", "segment", "active", "address_code"])
        .with_columns(_dup=_seen_before("nik_pseudonym") | _seen_before("card_pseudonym"))
        .collect()
    )
    r_first, p_first = res.lazy().filter(~pl.col("_dup")), par.lazy().filter(~pl.col("_dup"))

    # 2. By NIK: both sides hold each NIK once now, so the join pairs one to one.
    by_nik = (
        r_first.filter(pl.col("_nik_key"))
        .select("_r", "nik_pseudonym")
        .join(p_first.filter(pl.col("_nik_key")).select("_p", "nik_pseudonym"), on="nik_pseudonym")
        .select("_r", "_p", matched_by=pl.lit("nik"))
        .collect()
    )

    # 3. By identity within the kelurahan, sexes agreeing where both are stated, one candidate each.
    identity_columns = ["_r", "identity_pseudonym", "kemendagri_code", "sex", "_nik_ok"]
    r_left = r_first.join(by_nik.lazy(), on="_r", how="anti").filter(pl.col("identity_pseudonym").is_not_null())
    p_left = p_first.join(by_nik.lazy(), on="_p", how="anti").filter(
        pl.col("identity_pseudonym").is_not_null() & pl.col("kemendagri_code").is_not_null()
    )
    identity_pairs = (
        _pairs(
            r_left.select(identity_columns),
            p_left.select([c if c != "_r" else "_p" for c in identity_columns]),
            ["identity_pseudonym", "kemendagri_code"],
            both_valid_allowed=False,
        )
        .filter(pl.col("sex").is_null() | pl.col("sex_p").is_null() | (pl.col("sex") == pl.col("sex_p")))
        .with_columns(
            _sole=(pl.len().over("_r") == 1) & (pl.len().over("_p") == 1),
        )
        .select("_r", "_p", "_sole")
        .collect()
    )
    by_identity = identity_pairs.filter(pl.col("_sole")).select("_r", "_p", matched_by=pl.lit("identity"))
    matches = pl.concat([by_nik, by_identity])
    # Several candidates by identity: each pair is to check, scored as the same name (100).
    to_check = identity_pairs.filter(~pl.col("_sole")).select("_r", "_p", score=pl.lit(100.0))

    # 4. Close names among the living residents and the city's participants still unmatched.
    if names is not None:
        to_check = pl.concat([to_check, _close_names(res, par, matches, names, close_name_score)])
    to_check = to_check.unique(["_r", "_p"], keep="first").sort("score", "_r", "_p", descending=[True, False, False])

    persons = pl.concat(
        [
            _register_side(residents, res, par, matches, to_check),
            _participant_side(residents, res, par, matches, to_check),
        ]
    )
    return Matched(persons=persons, register_counts=_register_counts(res, par))


def _close_names(
    res: pl.DataFrame, par: pl.DataFrame, matches: pl.DataFrame, names: NameSource, threshold: float
) -> pl.DataFrame:
    """Pairs (_r, _p, score) of unmatched rows with the same kelurahan and birth date and close names."""
    on = ["kemendagri_code", "birth_date"]
    r_open = (
        res.lazy()
        .filter(~pl.col("_dup") & pl.col("_living") & pl.col("birth_date").is_not_null())
        .join(matches.lazy(), on="_r", how="anti")
        .select("_r", *on, r_batch="batch_id", r_row="source_row")
    )
    p_open = (
        par.lazy()
        .filter(~pl.col("_dup") & pl.col("birth_date").is_not_null() & pl.col("kemendagri_code").is_not_null())
        .join(matches.lazy(), on="_p", how="anti")
        .select("_p", *on, p_batch="batch_id", p_row="source_row")
    )
    pairs = r_open.join(p_open, on=on).collect()
    if pairs.is_empty():
        return pl.DataFrame(schema={"_r": pl.UInt32, "_p": pl.UInt32, "score": pl.Float64})
    wanted = pl.concat(
        [
            pairs.select(side=pl.lit(REGISTER), batch_id="r_batch", source_row="r_row").unique(),
            pairs.select(side=pl.lit(PARTICIPANT), batch_id="p_batch", source_row="p_row").unique(),
        ]
    )
    named = names(wanted).select(
        "side",
        "batch_id",
        "source_row",
        name=pl.col("name").map_batches(normalised_names, return_dtype=pl.String).fill_null(""),
    )
    r_names = named.filter(pl.col("side") == REGISTER).select(r_batch="batch_id", r_row="source_row", r_name="name")
    p_names = named.filter(pl.col("side") == PARTICIPANT).select(p_batch="batch_id", p_row="source_row", p_name="name")
    pairs = pairs.join(r_names, on=["r_batch", "r_row"], how="left").join(p_names, on=["p_batch", "p_row"], how="left")
    r_text, p_text = pairs["r_name"].fill_null("").to_list(), pairs["p_name"].fill_null("").to_list()
    # The better of the plain and the word-sorted score: sorting words first makes a typo in a first
    # letter (YUNI / JUNI KARTIKA) reorder the words, the plain score misses a swapped order.
    scores = np.maximum(
        process.cpdist(r_text, p_text, scorer=fuzz.ratio, workers=1),
        process.cpdist(r_text, p_text, scorer=fuzz.token_sort_ratio, workers=1),
    )
    blank = (pairs["r_name"].fill_null("") == "") | (pairs["p_name"].fill_null("") == "")
    return (
        pairs.with_columns(score=pl.Series(scores, dtype=pl.Float64))
        .filter(~blank & (pl.col("score") >= threshold))
        .select("_r", "_p", "score")
    )


def _by_position(n: int, at: pl.Series, values: pl.Series) -> pl.Series:
    """A column of ``n`` rows holding ``values`` at the positions ``at``, null elsewhere (no join)."""
    return pl.select(pl.repeat(None, n, dtype=values.dtype)).to_series().scatter(at, values)


def _partners(n: int, own: str, other: str, matches: pl.DataFrame, to_check: pl.DataFrame) -> pl.DataFrame:
    """For each of ``n`` rows of one side: the other side's position matched, how, and the best one to check."""
    best = to_check.unique(own, keep="first", maintain_order=True)  # to_check is sorted best score first
    return pl.DataFrame(
        {
            "_partner": _by_position(n, matches[own], matches[other]),
            "matched_by": _by_position(n, matches[own], matches["matched_by"]),
            "_check": _by_position(n, best[own], best[other]),
        }
    )


def _categorised(rows: pl.DataFrame, flags: dict[str, pl.Expr]) -> pl.DataFrame:
    """One row per category whose flag holds on a row (rows with none left out), in row order, categories in report order."""
    return (
        pl.concat(
            [
                rows.lazy()
                .filter(flag.fill_null(False))
                .with_columns(category=pl.lit(name), _key=pl.col("_order") * len(CATEGORIES) + CATEGORIES.index(name))
                for name, flag in flags.items()
            ]
        )
        .sort("_key")  # one integer key: row order, then report order
        .collect()
    )


def _register_side(
    residents: pl.DataFrame, res: pl.DataFrame, par: pl.DataFrame, matches: pl.DataFrame, to_check: pl.DataFrame
) -> pl.DataFrame:
    partners = _partners(res.height, "_r", "_p", matches, to_check)
    at, check = partners["_partner"], partners["_check"]
    rows = pl.concat(
        [
            res.select("_r", "_order", "batch_id", "source_row", "nik_category", "_dup", "_living"),
            partners.select("matched_by"),
            pl.DataFrame(
                {
                    "segment": par["segment"].gather(at),
                    "_active": par["active"].gather(at),
                    "_elsewhere": (par["kemendagri_code"].is_null() & par["address_code"].is_not_null()).gather(at),
                    "partner_row": par["source_row"].gather(at).fill_null(par["source_row"].gather(check)),
                    "_check_row": par["source_row"].gather(check),
                }
            ),
        ],
        how="horizontal",
    )
    found = pl.col("matched_by").is_not_null()
    living = ~pl.col("_dup") & pl.col("_living")
    # One resident category per row (RESIDENT_CATEGORIES), in this precedence: a duplicate row, then
    # died or moved, then not found, then an address elsewhere (whatever the status: the city's count
    # does not hold them until they move their address), then not active, then active.
    here = found & ~pl.col("_elsewhere").fill_null(False)
    flags = {
        "to_visit": living & ~found,
        "to_reactivate": living & here & ~pl.col("_active"),
        "registered_elsewhere": living & found & pl.col("_elsewhere"),
        "active": living & here & pl.col("_active"),
        "to_check": living & ~found & pl.col("_check_row").is_not_null(),
        "died_or_moved": ~pl.col("_dup") & ~pl.col("_living"),
        "register_duplicate": pl.col("_dup"),
        "register_invalid_nik": pl.col("nik_category") != _VALID,
    }
    categorised = _categorised(rows, flags)
    place = residents.select(pl.col("kemendagri_code", "rw", "rt", "kk_pseudonym").gather(categorised["_r"]))
    return pl.concat([categorised, place], how="horizontal").select(
        pl.lit(REGISTER).alias("side"), *_PERSON_COLUMNS[1:]
    )


def _participant_side(
    residents: pl.DataFrame,
    res: pl.DataFrame,
    par: pl.DataFrame,
    matches: pl.DataFrame,
    to_check: pl.DataFrame,
) -> pl.DataFrame:
    partners = _partners(par.height, "_p", "_r", matches, to_check)
    rows = pl.concat(
        [
            par.select(
                "_order", "batch_id", "source_row", "nik_category", "kemendagri_code", "segment", "_dup", "_nik_ok"
            ),
            partners.select("_partner", "matched_by", "_check"),
        ],
        how="horizontal",
    )
    found = pl.col("matched_by").is_not_null()
    first = ~pl.col("_dup")
    flags = {
        "to_check": first & ~found & pl.col("_check").is_not_null(),
        "participant_duplicate": pl.col("_dup"),
        "participant_without_nik": pl.col("nik_category") == _MISSING,
        "participant_invalid_nik": ~pl.col("nik_category").is_in([_VALID, _MISSING]),
        "participant_not_in_register": first & ~found & pl.col("_nik_ok") & pl.col("kemendagri_code").is_not_null(),
    }
    categorised = _categorised(rows, flags)
    # Matched: at the resident's place, with the resident's KK; else at the address's kelurahan.
    at = categorised["_partner"]
    place = residents.select(pl.col("kemendagri_code", "rw", "rt", "kk_pseudonym").gather(at))
    return pl.concat([categorised.drop("kemendagri_code"), place.drop("kemendagri_code")], how="horizontal").select(
        pl.lit(PARTICIPANT).alias("side"),
        "batch_id",
        "source_row",
        "category",
        "segment",
        kemendagri_code=pl.when(at.is_not_null())
        .then(place["kemendagri_code"])
        .otherwise(categorised["kemendagri_code"]),
        rw="rw",
        rt="rt",
        kk_pseudonym="kk_pseudonym",
        matched_by="matched_by",
        partner_row=pl.coalesce(res["source_row"].gather(at), res["source_row"].gather(categorised["_check"])),
    )


def _register_counts(res: pl.DataFrame, par: pl.DataFrame) -> pl.DataFrame:
    residents = (
        res.lazy()
        .filter(~pl.col("_dup") & pl.col("_living"))
        .group_by("kemendagri_code")
        .agg(residents=pl.len().cast(pl.UInt32))
    )
    participants = (
        par.lazy()
        .filter(~pl.col("_dup") & pl.col("kemendagri_code").is_not_null())
        .group_by("kemendagri_code")
        .agg(participants=pl.len().cast(pl.UInt32))
    )
    return (
        residents.join(participants, on="kemendagri_code", how="full", coalesce=True)
        .with_columns(pl.col("residents", "participants").fill_null(0))
        .sort("kemendagri_code")
        .collect()
    )


@dataclass(frozen=True)
class Verification:
    """Recipients of the verified programme who are also funded elsewhere, as persons and as families (KK).

    The rule (the question Pontianak asked before paying: is the city paying for someone the central
    budget or another programme already covers?): a *recipient* is a person the verified list names
    by valid NIK, or, for a row that gives only a KK (a family enrolled as such), each living resident
    the register puts in that KK. A recipient is *funded elsewhere* when their own NIK is on another
    programme's list or is an active PBI APBN participant of the BPJS list. A family is funded
    elsewhere when one of its recipients is, or when a row of the verified list that gives only its
    KK meets another programme listing that KK. Another member of the family on PBI APBN or another
    programme does not make the family funded elsewhere (that member is not paid for twice): such
    families are counted apart, as ``other_aid``.

    persons:   batch_id, source_row (the verified list's row), nik_pseudonym (the recipient),
               kk_pseudonym (their family, null if unknown), found_in ('programme' or
               'participants'), programme (the other list's name, or ``pbi_apbn`` for the BPJS
               list); one row per recipient and place found
    families:  kk_pseudonym, persons (recipients in the family), register_persons (living residents
               of the register with that KK), elsewhere (funded elsewhere, above), programmes (where),
               other_aid (not elsewhere, but another member or the KK is on another programme or PBI
               APBN), other_programmes (where)
    """

    persons: pl.DataFrame
    families: pl.DataFrame
    recipients: int  # distinct recipients (NIK) of the verified list, family rows' residents included
    rows_without_family: int  # rows of the verified list whose KK is unknown: not counted as families
    rows_not_in_register: int  # rows whose NIK (or, without a valid NIK, whose KK) no register row has

    @property
    def family_count(self) -> int:
        return self.families.height

    @property
    def families_elsewhere(self) -> int:
        return int(self.families["elsewhere"].sum())

    @property
    def families_other_aid(self) -> int:
        return int(self.families["other_aid"].sum())

    @property
    def persons_elsewhere(self) -> int:
        return self.persons["nik_pseudonym"].n_unique()


def verify_recipients(
    members: pl.DataFrame, residents: pl.DataFrame, participants: pl.DataFrame, verified: str
) -> Verification:
    """The programme list named ``verified`` against every other programme of ``members`` and PBI APBN.

    The rule is :class:`Verification`'s. A participant found by valid NIK counts only when in segment
    PBI APBN and active (a participant Kemensos has deactivated is exactly whom a city may take over).
    A row's family is its KK, or else the KK the register gives its NIK.
    """
    valid = (pl.col("nik_category") == _VALID) & pl.col("nik_pseudonym").is_not_null()
    kk_by_nik = (
        residents.lazy()
        .filter(pl.col("nik_pseudonym").is_not_null() & pl.col("kk_pseudonym").is_not_null())
        .sort("batch_id", "source_row")
        .unique("nik_pseudonym", keep="first", maintain_order=True)
        .select("nik_pseudonym", _register_kk="kk_pseudonym")
    )

    def with_family(rows: pl.LazyFrame) -> pl.LazyFrame:
        rows = rows.with_columns(_nik=pl.when(valid).then(pl.col("nik_pseudonym")))
        return rows.join(kk_by_nik, left_on="_nik", right_on="nik_pseudonym", how="left").with_columns(
            family=pl.coalesce("kk_pseudonym", "_register_kk")
        )

    listed = with_family(members.lazy())
    chosen = listed.filter(pl.col("programme") == verified).collect()
    others = pl.concat(
        [
            listed.filter(pl.col("programme") != verified).select(
                "_nik", "family", "programme", found_in=pl.lit("programme")
            ),
            with_family(
                participants.lazy()
                .filter((pl.col("segment") == PBI_APBN) & pl.col("active"))
                .with_columns(kk_pseudonym=pl.lit(None))  # a BPJS list gives no KK: the register's, by NIK
            ).select("_nik", "family", programme=pl.lit(PBI_APBN), found_in=pl.lit("participants")),
        ]
    ).collect()
    # Recipients: the rows' own NIKs, and for a row of a KK only, the living residents of that KK.
    family_rows = chosen.lazy().filter(pl.col("_nik").is_null() & pl.col("kk_pseudonym").is_not_null())
    members_of_family_rows = family_rows.select("batch_id", "source_row", "kk_pseudonym").join(
        residents.lazy()
        .filter(valid & pl.col("kk_pseudonym").is_not_null() & pl.col("life_status").is_null())
        .select("kk_pseudonym", _nik="nik_pseudonym"),
        on="kk_pseudonym",
    )
    recipients = (
        pl.concat(
            [
                chosen.lazy().filter(pl.col("_nik").is_not_null()).select("batch_id", "source_row", "_nik", "family"),
                members_of_family_rows.select("batch_id", "source_row", "_nik", family="kk_pseudonym"),
            ]
        )
        .unique()
        .collect()
    )
    persons = (
        recipients.lazy()
        .join(others.lazy().filter(pl.col("_nik").is_not_null()).select("_nik", "found_in", "programme"), on="_nik")
        .select(
            "batch_id",
            "source_row",
            nik_pseudonym="_nik",
            kk_pseudonym="family",
            found_in="found_in",
            programme="programme",
        )
        .unique()
        .sort("batch_id", "source_row", "nik_pseudonym", "found_in", "programme")
        .collect()
    )
    # Where each family is funded elsewhere: its recipients' places, and another list's KK meeting a family row.
    funded = pl.concat(
        [
            persons.select(family="kk_pseudonym", programme="programme").filter(pl.col("family").is_not_null()),
            family_rows.select(family="kk_pseudonym")
            .join(others.lazy().filter(pl.col("_nik").is_null()).select("family", "programme"), on="family")
            .collect(),
        ]
    )
    register_persons = (
        residents.lazy()
        .filter(pl.col("kk_pseudonym").is_not_null() & pl.col("life_status").is_null())
        .group_by("kk_pseudonym")
        .agg(
            # a NIK counted once (a repeated row is one resident), each row without one on its own
            register_persons=(
                pl.col("nik_pseudonym").drop_nulls().n_unique() + pl.col("nik_pseudonym").null_count()
            ).cast(pl.UInt32)
        )
    )

    def programmes_of(frame: pl.DataFrame, name: str) -> pl.LazyFrame:
        return (
            frame.lazy()
            .filter(pl.col("family").is_not_null())
            .group_by("family")
            .agg(pl.col("programme").unique().sort().alias(name))
        )

    families = (
        chosen.lazy()
        .filter(pl.col("family").is_not_null())
        .select("family")
        .unique()
        .join(
            recipients.lazy().group_by("family").agg(persons=pl.col("_nik").n_unique().cast(pl.UInt32)),
            on="family",
            how="left",
        )
        .join(register_persons, left_on="family", right_on="kk_pseudonym", how="left")
        .join(programmes_of(funded, "programmes"), on="family", how="left")
        .join(programmes_of(others, "other_programmes"), on="family", how="left")
        .select(
            kk_pseudonym="family",
            persons=pl.col("persons").fill_null(0),
            register_persons=pl.col("register_persons").fill_null(0),
            elsewhere=pl.col("programmes").is_not_null(),
            programmes=pl.col("programmes").fill_null([]),
            other_aid=pl.col("programmes").is_null() & pl.col("other_programmes").is_not_null(),
            other_programmes=pl.when(pl.col("programmes").is_null()).then(pl.col("other_programmes")).fill_null([]),
        )
        .sort("kk_pseudonym")
        .collect()
    )
    register_niks = residents.filter(pl.col("nik_pseudonym").is_not_null())["nik_pseudonym"].unique()
    register_kks = residents.filter(pl.col("kk_pseudonym").is_not_null())["kk_pseudonym"].unique()
    in_register = pl.col("_nik").is_in(register_niks.implode()) | (
        pl.col("_nik").is_null() & pl.col("kk_pseudonym").is_in(register_kks.implode())
    )
    return Verification(
        persons=persons,
        families=families,
        recipients=recipients["_nik"].n_unique(),
        rows_without_family=chosen.filter(pl.col("family").is_null()).height,
        rows_not_in_register=chosen.filter(~in_register.fill_null(False)).height,
    )


def recap_check(register_counts: pl.DataFrame, recap: pl.DataFrame, tolerance_pct: float = 2.0) -> pl.DataFrame:
    """The kelurahan where the register and the list differ from the stored figures by over ``tolerance_pct`` %.

    ``register_counts`` is :attr:`Matched.register_counts` (kemendagri_code, residents, participants);
    ``recap`` holds per kelurahan the stored ``population`` and the recap's ``registered``. A
    kelurahan only one side has counts 0 on the other. Columns: kemendagri_code, residents,
    population, residents_difference (people), residents_difference_pct (of the population; null
    when it is 0), participants, registered, participants_difference, participants_difference_pct.
    """
    both = register_counts.select("kemendagri_code", "residents", "participants").join(
        recap.select("kemendagri_code", "population", "registered"), on="kemendagri_code", how="full", coalesce=True
    )
    columns = [pl.col(c).fill_null(0).cast(pl.Int64) for c in ("residents", "population", "participants", "registered")]
    both = both.with_columns(columns).with_columns(
        residents_difference=pl.col("residents") - pl.col("population"),
        participants_difference=pl.col("participants") - pl.col("registered"),
    )

    def pct(difference: str, stored: str) -> pl.Expr:
        return pl.when(pl.col(stored) != 0).then(pl.col(difference) * 100.0 / pl.col(stored))

    def differs(difference: str, stored: str) -> pl.Expr:
        return (
            pl.when(pl.col(stored) != 0)
            .then(pct(difference, stored).abs() > tolerance_pct)
            .otherwise(pl.col(difference) != 0)
        )

    return (
        both.with_columns(
            residents_difference_pct=pct("residents_difference", "population"),
            participants_difference_pct=pct("participants_difference", "registered"),
        )
        .filter(differs("residents_difference", "population") | differs("participants_difference", "registered"))
        .select(
            "kemendagri_code",
            "residents",
            "population",
            "residents_difference",
            "residents_difference_pct",
            "participants",
            "registered",
            "participants_difference",
            "participants_difference_pct",
        )
        .sort("kemendagri_code")
    )
