"""The demo city's synthetic register and BPJS list, imported and matched as a city's own would be.

``init --demo`` writes them after the coverage demo: uhc.store.people_demo draws the people
(synthetic names, real NIK structure, families, RT/RW, the messy cases), the files are read by the
same readers as any office's file, pseudonymised and encrypted with the demo's own city key, and
matched; so the door-to-door figures of the demo agree with its coverage figures. The demo key is
kept beside the demo store (``demo-city.key``): it protects synthetic people only.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import polars as pl

from uhc.cli.people import nik_checker, store_people
from uhc.core import matching
from uhc.intake.people.participants import read_participants
from uhc.intake.people.register import read_register
from uhc.store import demo, keys, people, people_demo
from uhc.store.db import Store

DEMO_KEY_NAME = keys.DEMO_KEY_NAME
DEMO_USER = "demo"
REGISTER_FILE, LIST_FILE = "demo-register.csv", "demo-peserta-bpjs.csv"


def demo_key(store_file: Path, key_file: str | None) -> keys.CityKey:
    """The demo's city key: ``key_file`` if given, else ``demo-city.key`` beside the store (made if missing)."""
    path = Path(key_file) if key_file else store_file.parent / DEMO_KEY_NAME
    return keys.load_key(path) if path.exists() else keys.create_key_file(path)


def _csv(frame: pl.DataFrame) -> bytes:
    out = io.BytesIO()
    frame.write_csv(out, separator=";")
    return out.getvalue()


def add_demo_people(store: Store, key: keys.CityKey) -> dict[str, int] | None:
    """Import and match the demo's people; None (nothing written) when the store already holds people."""
    if any(people.personal_rows(store).values()):
        return None
    drawn = people_demo.demo_people()
    register_bytes, list_bytes = _csv(drawn.residents), _csv(drawn.participants)
    tree = store.run("region_tree", scope_code=demo.CITY_CODE)
    checks = nik_checker()
    residents = read_register(register_bytes, REGISTER_FILE, key, tree, checks).residents
    participants = read_participants(list_bytes, LIST_FILE, key, tree, checks, demo.CITY_CODE).participants
    note = "Demo: synthetic people (uhc.store.people_demo), never real residents"
    register_batch = store_people(
        store, key, people.REGISTER_KIND, "resident", residents, REGISTER_FILE,
        hashlib.sha256(register_bytes).hexdigest(), DEMO_USER, note,
    )  # fmt: skip
    participant_batch = store_people(
        store, key, people.PARTICIPANTS_KIND, "participant", participants, LIST_FILE,
        hashlib.sha256(list_bytes).hexdigest(), DEMO_USER, note,
    )  # fmt: skip

    def names(rows: pl.DataFrame) -> pl.DataFrame:
        return people.names_of(store, key, rows)

    matched = matching.match_people(
        people.residents(store, register_batch), people.participants(store, participant_batch), names=names
    )
    run_id = people.save_match(
        store,
        register_batch=register_batch,
        participant_batch=participant_batch,
        made_by=DEMO_USER,
        persons=matched.persons,
        counts=matched.counts("rt"),
    )
    to_visit = matched.persons.filter(pl.col("category") == "to_visit").height
    return {"residents": residents.height, "participants": participants.height, "run": run_id, "to_visit": to_visit}
