"""The city key: pseudonyms of NIK/KK numbers, encryption of names and addresses, the key file and the store's binding."""

from __future__ import annotations

import hashlib
import hmac
import os
import stat

import polars as pl
import pytest
from polars.testing import assert_series_equal

from tests.command_line import uhc
from uhc.store import keys
from uhc.store.db import Store

KEY = bytes(range(32))  # 00 01 02 ... 1f: a fixed key, so the expected values can be worked out outside the module
OTHER_KEY = bytes(range(1, 33))
NIK = "3171012345678901"
# HMAC-SHA256 of "nik:" + NIK under the pseudonym subkey of KEY, worked out once with hmac and hashlib alone
PINNED_NIK_PSEUDONYM = "f02c31eb4f0bb8a2fb5aeb49dcab2adfb4351a50807268bf4f1cb43d8bf59103"


def hkdf_sha256(key: bytes, info: bytes) -> bytes:
    """RFC 5869 HKDF-SHA256 with no salt (32 zero bytes), one 32-byte block: written out here, not taken from the module."""
    prk = hmac.new(b"\x00" * 32, key, hashlib.sha256).digest()
    return hmac.new(prk, info + b"\x01", hashlib.sha256).digest()


def test_the_pseudonym_is_the_hmac_of_kind_and_digits_under_the_hkdf_subkey():
    subkey = hkdf_sha256(KEY, b"uhc-dashboard/city-key/v1/pseudonym")
    expected = hmac.new(subkey, b"nik:" + NIK.encode(), hashlib.sha256).hexdigest()
    assert keys.pseudonym(keys.CityKey(KEY), "nik", NIK) == expected
    # pinned: a change of labels or format would orphan every pseudonym a store holds
    assert expected == PINNED_NIK_PSEUDONYM


def test_a_nik_and_a_kk_of_the_same_digits_have_unrelated_pseudonyms():
    key = keys.CityKey(KEY)
    subkey = hkdf_sha256(KEY, b"uhc-dashboard/city-key/v1/pseudonym")
    as_kk = keys.pseudonym(key, "kk", NIK)
    assert as_kk == hmac.new(subkey, b"kk:" + NIK.encode(), hashlib.sha256).hexdigest()
    assert as_kk != keys.pseudonym(key, "nik", NIK)
    assert keys.pseudonym(keys.CityKey(OTHER_KEY), "nik", NIK) != keys.pseudonym(key, "nik", NIK)


def test_the_column_version_gives_the_same_pseudonyms_and_keeps_nulls():
    key = keys.CityKey(KEY)
    numbers = pl.Series("nik", [NIK, None, " 6171020304050607 "])
    expected = pl.Series(
        "nik_pseudonym", [keys.pseudonym(key, "nik", NIK), None, keys.pseudonym(key, "nik", "6171020304050607")]
    )
    assert_series_equal(keys.pseudonyms(key, "nik", numbers), expected)


@pytest.mark.parametrize(
    "number",
    [
        "3171.0123.4567.8901",
        "317101234567890",
        "31710123456789012",
        "3.17101E+15",
        "31710123456789O1",
        "٣١٧١٠١٢٣٤٥٦٧٨٩٠١",
        "",
    ],
)
def test_anything_but_16_ascii_digits_is_refused(number):
    with pytest.raises(keys.BadNumber, match="16 digits") as refused:
        keys.pseudonym(keys.CityKey(KEY), "nik", number)
    assert number.strip() == "" or number not in str(refused.value)  # never repeats a possibly real number


def test_the_column_version_names_the_rows_it_refuses_not_the_numbers():
    numbers = pl.Series([NIK, "3171-0123-4567-8901", NIK, "3.17101E+15"])
    with pytest.raises(keys.BadNumber, match=r"^KK in row 2, 4: a KK number is 16 digits") as refused:
        keys.pseudonyms(keys.CityKey(KEY), "kk", numbers)
    assert "3171" not in str(refused.value)


def test_the_fingerprint_is_an_hmac_of_a_label_never_the_key():
    subkey = hkdf_sha256(KEY, b"uhc-dashboard/city-key/v1/fingerprint")
    mark = hmac.new(subkey, b"uhc-dashboard city key fingerprint", hashlib.sha256).hexdigest()[:16]
    key = keys.CityKey(KEY)
    assert key.fingerprint == f"{mark[0:4]}-{mark[4:8]}-{mark[8:12]}-{mark[12:16]}"
    assert key.fingerprint != keys.CityKey(OTHER_KEY).fingerprint
    assert KEY.hex()[:8] not in key.fingerprint.replace("-", "")
    assert KEY.hex() not in repr(key)


@pytest.mark.parametrize(
    "text", ["Siti Nurhaliza", "Jl. Gajah Mada No. 12, RT 003/RW 005", "Ni Luh Putu Ayu Ṣaraswati", ""]
)
def test_names_and_addresses_come_back_as_they_went_in(text):
    key = keys.CityKey(KEY)
    first, second = keys.encrypt(key, text), keys.encrypt(key, text)
    assert first != second  # a fresh nonce each time: equal names do not give equal blobs
    assert text.encode() not in first or text == ""
    assert len(first) == 1 + 12 + len(text.encode()) + 16
    assert keys.decrypt(key, first) == text
    assert keys.decrypt(key, second) == text


def test_the_blob_is_aes_gcm_under_the_hkdf_encryption_subkey():
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    blob = keys.encrypt(keys.CityKey(KEY), "Siti Nurhaliza")
    subkey = hkdf_sha256(KEY, b"uhc-dashboard/city-key/v1/encryption")
    assert AESGCM(subkey).decrypt(blob[1:13], blob[13:], b"\x01") == b"Siti Nurhaliza"


def test_a_changed_blob_is_refused():
    key = keys.CityKey(KEY)
    blob = keys.encrypt(key, "Jl. Gajah Mada No. 12, RT 003/RW 005")
    for position in (1, 12, 13, len(blob) - 1):  # nonce, ciphertext, tag
        changed = bytearray(blob)
        changed[position] ^= 0x01
        with pytest.raises(keys.Undecryptable, match="or it was changed since"):
            keys.decrypt(key, bytes(changed))
    with pytest.raises(keys.Undecryptable, match="unknown format or cut short"):
        keys.decrypt(key, b"\x02" + blob[1:])
    with pytest.raises(keys.Undecryptable, match="unknown format or cut short"):
        keys.decrypt(key, blob[:20])


def test_another_key_is_refused():
    blob = keys.encrypt(keys.CityKey(KEY), "Siti Nurhaliza")
    other = keys.CityKey(OTHER_KEY)
    with pytest.raises(keys.Undecryptable, match=f"not encrypted with the city key {other.fingerprint}"):
        keys.decrypt(other, blob)


def test_a_new_key_file_is_private_from_the_start(tmp_path):
    path = tmp_path / "config" / "uhc-dashboard" / "city.key"
    saved = os.umask(0)  # even with a umask that lets everyone read new files
    try:
        key = keys.create_key_file(path)
    finally:
        os.umask(saved)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert path.read_bytes() == key.key and len(key.key) == 32
    assert sorted(p.name for p in path.parent.iterdir()) == ["city.key"]  # no temporary file left
    assert keys.load_key(path).fingerprint == key.fingerprint


def test_an_existing_key_is_never_replaced(tmp_path):
    path = tmp_path / "city.key"
    first = keys.create_key_file(path)
    with pytest.raises(keys.CityKeyError, match=r"already holds a city key; .* Back it up"):
        keys.create_key_file(path)
    assert path.read_bytes() == first.key


def test_a_key_others_may_read_is_refused(tmp_path):
    path = tmp_path / "city.key"
    keys.create_key_file(path)
    path.chmod(0o644)
    with pytest.raises(
        keys.CityKeyError, match=r"may be read by others \(mode 0644\); make it private with `chmod 600"
    ):
        keys.load_key(path)
    path.chmod(0o640)
    with pytest.raises(keys.CityKeyError, match=r"mode 0640"):
        keys.load_key(path)


@pytest.mark.parametrize(
    ("content", "said"), [(b"\x07" * 31, "holds 31 bytes"), (b"\x07" * 33, "holds more than 32 bytes")]
)
def test_a_key_of_the_wrong_length_is_refused(tmp_path, content, said):
    path = tmp_path / "city.key"
    path.write_bytes(content)
    path.chmod(0o600)
    with pytest.raises(keys.CityKeyError, match=f"{said}, a city key is 32: restore the file from its backup"):
        keys.load_key(path)


def test_a_missing_key_says_how_to_make_one(tmp_path):
    with pytest.raises(keys.CityKeyError, match=r"no city key at .*: create one with `python -m uhc keys init`"):
        keys.load_key(tmp_path / "city.key")


def test_the_store_records_the_first_key_and_refuses_a_second(tmp_path):
    path = tmp_path / "uhc.duckdb"
    first, second = keys.CityKey(KEY), keys.CityKey(OTHER_KEY)
    with Store.open(path) as store:
        assert keys.recorded_fingerprint(store) is None
        keys.bind_key(store, first)
        keys.bind_key(store, first)  # the same key again is fine
    with Store.open(path) as store:
        with pytest.raises(
            keys.KeyMismatch, match=f"made with the city key {first.fingerprint}, not with {second.fingerprint}"
        ):
            keys.bind_key(store, second)
        assert dict(store.run("setting").iter_rows())["city_key_fingerprint"] == first.fingerprint


def test_keys_init_and_show_fingerprint_on_the_command_line(tmp_path):
    path = tmp_path / "city.key"
    made = uhc("keys", "init", "--key-file", path, "--lang", "en")
    assert made.returncode == 0, made.stderr
    fingerprint = keys.load_key(path).fingerprint
    assert made.stdout.splitlines()[0] == f"{path}: new city key, fingerprint {fingerprint} (readable by you only)"
    assert "Back it up now" in made.stdout
    shown = uhc("keys", "show-fingerprint", "--lang", "en", env={"UHC_KEY_FILE": str(path)})
    assert (shown.returncode, shown.stdout) == (0, f"{path}: fingerprint {fingerprint}\n")
    again = uhc("keys", "init", "--key-file", path, "--lang", "en")
    assert again.returncode == 2
    assert again.stderr.startswith(f"uhc: {path} already holds a city key") and again.stderr.count("\n") == 1
    path.chmod(0o644)
    refused = uhc("keys", "show-fingerprint", "--key-file", path, "--lang", "en")
    assert (refused.returncode, refused.stdout) == (2, "")
    assert (
        refused.stderr
        == f"uhc: {path} may be read by others (mode 0644); make it private with `chmod 600 {path}` and check who may have copied it\n"
    )


def test_the_default_key_file_is_in_the_users_config_folder(tmp_path):
    made = uhc("keys", "init", env={"HOME": str(tmp_path), "XDG_CONFIG_HOME": ""})
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE((tmp_path / ".config" / "uhc-dashboard" / "city.key").stat().st_mode) == 0o600
    elsewhere = tmp_path / "xdg"
    assert uhc("keys", "init", env={"XDG_CONFIG_HOME": str(elsewhere)}).returncode == 0
    assert (elsewhere / "uhc-dashboard" / "city.key").is_file()


def test_several_columns_at_once_give_the_one_value_pseudonyms_and_decryptable_blobs():
    """protected() keys a KK number once per distinct value and encrypts every name on its own."""
    key = keys.CityKey(KEY)
    niks = pl.Series(["6171016103900002", None, "6171010101900001", "6171016103900002"])
    kks = pl.Series(["6171010101200001", "6171010101200001", None, "6171010101200002"])
    names = pl.Series(["Siti Aminah", None, "Budi", "Siti Aminah"])
    columns = {
        "nik": (keys.number_prefix("nik"), niks),
        "kk": (keys.number_prefix("kk"), kks),
        "name": (keys.ENCRYPT, names),
    }
    shared = keys.protected(key, columns)
    assert shared["nik"].to_list() == [
        keys.pseudonym(key, "nik", "6171016103900002"),
        None,
        keys.pseudonym(key, "nik", "6171010101900001"),
        keys.pseudonym(key, "nik", "6171016103900002"),
    ]
    assert shared["kk"].to_list() == [
        keys.pseudonym(key, "kk", "6171010101200001"),
        keys.pseudonym(key, "kk", "6171010101200001"),
        None,
        keys.pseudonym(key, "kk", "6171010101200002"),
    ]
    blobs = shared["name"].to_list()
    assert blobs[1] is None
    assert [keys.decrypt(key, blobs[i]) for i in (0, 2, 3)] == ["Siti Aminah", "Budi", "Siti Aminah"]
    assert blobs[0] != blobs[3]  # a fresh nonce per value, even for the same name


def test_key_errors_speak_the_language_asked_for(tmp_path):
    # The three a user meets most: no key file, another key than the store's, a key file others may read.
    missing = tmp_path / "tidak-ada.key"
    said = uhc("keys", "show-fingerprint", "--key-file", missing, "--lang", "id")
    assert (said.returncode, said.stderr) == (
        2,
        f"uhc: tidak ada kunci kota di {missing}: buat dengan `python -m uhc keys init`, atau arahkan "
        "--key-file atau $UHC_KEY_FILE ke kunci kota\n",
    )
    path = tmp_path / "city.key"
    keys.create_key_file(path)
    path.chmod(0o644)
    said = uhc("keys", "show-fingerprint", "--key-file", path, "--lang", "id")
    assert said.stderr == (
        f"uhc: {path} bisa dibaca orang lain (mode 0644); jadikan pribadi dengan `chmod 600 {path}` "
        "dan periksa siapa yang mungkin sudah menyalinnya\n"
    )
    first, second = keys.CityKey(b"a" * 32), keys.CityKey(b"b" * 32)
    with Store.open(tmp_path / "uhc.duckdb") as store:
        keys.bind_key(store, first)
        with pytest.raises(keys.KeyMismatch) as refused:
            keys.check_key(store, second)
    assert refused.value.text("id") == (
        f"pseudonim di penyimpanan ini dibuat dengan kunci kota {first.fingerprint}, bukan dengan "
        f"{second.fingerprint}: gunakan file kunci kota (--key-file atau $UHC_KEY_FILE), atau pulihkan dari cadangannya"
    )
    assert str(refused.value).startswith("this store's pseudonyms were made with the city key")  # English for logs
