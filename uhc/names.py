"""How a person's name is compared across lists (register, BPJS list, programme lists).

In the lowest layer so that both the readers (uhc.intake, which key the identity of name and birth
date) and the matching engine (uhc.core, which scores close names) follow the same rules: the two
layers may not import each other.
"""

from __future__ import annotations

import re
import unicodedata

# Titles and honorifics dropped from a name before it is compared (H. Ahmad = Ahmad).
TITLES = frozenset({"H", "HJ", "HAJI", "HAJJAH", "IR", "DR", "DRS", "DRA", "PROF", "ST", "SE", "SH", "SKM", "SPD"})


def normalised_name(name: str) -> str:
    """A name as compared across lists: capitals, no accents, punctuation or titles, spaces collapsed."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().upper()
    words = re.sub(r"[^A-Z ]+", " ", plain.replace("'", "")).split()
    return " ".join(word for word in words if word not in TITLES)
