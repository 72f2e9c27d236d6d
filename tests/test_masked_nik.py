"""The readers store each NIK's masked form (6171••••••••0001) encrypted with the city key, never in clear."""

from __future__ import annotations

import polars as pl
from command_line import uhc_as_editor
from test_register import city, register_csv  # noqa: F401  (city is a fixture)

from uhc.core import campaign
from uhc.store import keys
from uhc.store.db import Store


def test_the_column_mask_agrees_with_the_campaigns_one():
    digits = pl.Series(["6171011708850001", "617101450690", None, " 6171016103900002 "])
    # 16 digits: the first four, eight dots, the last four; anything else: null.
    expected = ["6171" + "\u2022" * 8 + "0001", None, None, "6171" + "\u2022" * 8 + "0002"]
    assert keys.masked_niks(digits).to_list() == expected
    assert campaign.mask_nik("6171011708850001") == expected[0]


def test_the_masked_nik_is_stored_encrypted_and_decrypts_with_the_key(city, tmp_path):  # noqa: F811
    db, key_file = city
    done = uhc_as_editor(
        "--db", db, "register", "import", register_csv(tmp_path / "dukcapil.csv"), "--key-file", key_file
    )
    assert done.returncode == 0, done.stderr
    stored = b"".join(path.read_bytes() for path in db.parent.glob(db.name + "*"))
    key = keys.load_key(key_file)
    with Store.open(db, read_only=True) as store:
        rows = store.run("resident_on_list", batch_id=2, rows=[3, 4, 12], participant_batch=0)
    masked = [None if blob is None else keys.decrypt(key, blob) for blob in rows["nik_masked_encrypted"]]
    # Rows 3 and 4 are the file's first two people (6171011708850001, 6171016103900002); row 12 is
    # Yuni Kartika's 12-digit NIK, which has no masked form.
    assert masked == ["6171" + "\u2022" * 8 + "0001", "6171" + "\u2022" * 8 + "0002", None]
    for shown in masked[:2]:
        assert shown is not None
        assert shown.encode() not in stored
        assert shown.encode("utf-16-le") not in stored
