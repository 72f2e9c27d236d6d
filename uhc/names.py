"""How a person's name is compared across lists (register, BPJS list, programme lists).

In the lowest layer so that both the readers (uhc.intake, which key the identity of name and birth
date) and the matching engine (uhc.core, which scores close names) follow the same rules: the two
layers may not import each other.
"""

from __future__ import annotations

import polars as pl

# Titles and honorifics dropped from a name before it is compared (H. Ahmad = Ahmad).
TITLES = frozenset({"H", "HJ", "HAJI", "HAJJAH", "IR", "DR", "DRS", "DRA", "PROF", "ST", "SE", "SH", "SKM", "SPD"})


def normalised_names(names: pl.Series) -> pl.Series:
    """Names as compared across lists: capitals, no accents, punctuation or titles, spaces collapsed.

    ``Hj. Siti Nur'aini, S.Pd`` and ``SITI NURAINI`` are the same name; ``Dédi`` is ``DEDI``.
    Honorifics before the name (H., Hj., Dr., Ir.) are dropped, and everything after a comma.
    """
    words = (
        names.str.replace(r",.*$", "")  # academic titles follow a comma: "Siti Aminah, S.Pd"
        .str.normalize("NFKD")
        .str.replace_all(r"\p{M}", "")
        .str.to_uppercase()
        .str.replace_all("'", "")
        .str.replace_all(r"[^A-Z]+", " ")
        .str.split(" ")
    )
    kept = words.list.eval(pl.element().filter((pl.element() != "") & ~pl.element().is_in(list(TITLES))))
    return kept.list.join(" ").alias(names.name)
