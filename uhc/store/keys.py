"""The city key: keyed pseudonyms for NIK and KK numbers, encryption for names and addresses.

UU 27/2022 (Pelindungan Data Pribadi): a NIK or KK number is never stored in clear. A city's NIK
space is small enough to enumerate (province, kab/kota and kecamatan codes, a birth date, a serial),
so a plain or salted hash can be reversed by trying every number; an HMAC with a secret key of the
city cannot be without the key. Names and addresses are stored only encrypted with the same key
and are decrypted only to print a list.

The city key is 32 random bytes in a file of its own, outside the store and the checkout (readable
by its owner only). HKDF-SHA256 derives three independent subkeys from it: one for the pseudonyms,
one for encryption and one for the key's fingerprint, so no use of the key reveals anything about
another. Encryption is AES-256-GCM with a fresh random 96-bit nonce per value: authenticated (a
changed blob or another key is refused), with hardware AES on every server the project runs on.
Random nonces are safe up to about 2**32 values per key (NIST SP 800-38D); a city of 2.4 million
people with a name and an address each stays far below that over many years of re-imports.
"""

from __future__ import annotations

import hmac
import os
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import polars as pl
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from uhc import i18n
from uhc.store.db import Store, StoreError

KEY_BYTES = 32
NONCE_BYTES = 12
# The first byte of every blob: the format (AES-256-GCM, 12-byte nonce, 16-byte tag). It is also
# authenticated, so a later format can never be mistaken for this one.
BLOB_VERSION = b"\x01"
FINGERPRINT_SETTING = "city_key_fingerprint"
KEY_FILE_ENV = "UHC_KEY_FILE"
DEMO_KEY_NAME = "demo-city.key"  # the demo's key, kept beside the demo store: it protects synthetic people only
# NIK (Nomor Induk Kependudukan) and KK (Kartu Keluarga) numbers are both 16 digits (Permendagri
# 118/2017), a JKN card number (noKartu) 13; the kind is part of what is keyed, so the same digits
# give unrelated pseudonyms as a NIK, a KK number or a card number.
NumberKind = Literal["nik", "kk", "card"]
NUMBER_KINDS: tuple[NumberKind, ...] = ("nik", "kk", "card")
NUMBER_DIGITS = 16
DIGITS_OF: dict[NumberKind, int] = {"nik": 16, "kk": 16, "card": 13}
# The fallback identity of a person without a usable NIK (normalised name and birth date) is keyed
# under its own prefix, never equal to a number's pseudonym.
IDENTITY_PREFIX = b"identity:"
_SUBKEY_LABELS = {
    "pseudonym": b"uhc-dashboard/city-key/v1/pseudonym",
    "encryption": b"uhc-dashboard/city-key/v1/encryption",
    "fingerprint": b"uhc-dashboard/city-key/v1/fingerprint",
}
_FINGERPRINT_LABEL = b"uhc-dashboard city key fingerprint"


class CityKeyError(Exception):
    """A problem with the city key or its file; ``text(language)`` is the one line the user sees.

    ``key`` is its message key (both catalogs); ``str()`` gives the English text.
    """

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(self.text("en"))

    def text(self, language: str) -> str:
        return i18n.text(self.key, language, **self.params)


class KeyMismatch(StoreError, CityKeyError):
    """The store's pseudonyms were made with another city key."""


class Undecryptable(CityKeyError):
    """A blob that this key did not encrypt, or that was changed since."""


class BadNumber(CityKeyError, ValueError):
    """A NIK or KK number that is not 16 digits."""


def _subkey(key: bytes, use: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=_SUBKEY_LABELS[use]).derive(key)


@dataclass(frozen=True)
class CityKey:
    """The city key and its derived subkeys; repr never shows them."""

    key: bytes = field(repr=False)
    pseudonym_key: bytes = field(init=False, repr=False)
    encryption_key: bytes = field(init=False, repr=False)
    fingerprint: str = field(init=False)

    def __post_init__(self) -> None:
        if len(self.key) != KEY_BYTES:
            raise CityKeyError("key_bad_length", bytes=KEY_BYTES, length=len(self.key))
        object.__setattr__(self, "pseudonym_key", _subkey(self.key, "pseudonym"))
        object.__setattr__(self, "encryption_key", _subkey(self.key, "encryption"))
        mark = hmac.digest(_subkey(self.key, "fingerprint"), _FINGERPRINT_LABEL, "sha256").hex()[:16]
        # 64 bits in four groups, to read aloud or compare by eye; it identifies the key, never reveals it
        object.__setattr__(self, "fingerprint", "-".join(mark[i : i + 4] for i in range(0, 16, 4)))


# the key file ---------------------------------------------------------------------------------


def key_file_path(explicit: str | os.PathLike | None = None) -> Path:
    """The key file: the explicit path, else $UHC_KEY_FILE, else city.key in the user's config folder.

    The default is outside the checkout and the store's folder, so that a copy of either (a backup,
    a shared laptop, a git push) never carries the key with the data it protects.
    """
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get(KEY_FILE_ENV):
        return Path(os.environ[KEY_FILE_ENV]).expanduser()
    config = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(config) / "uhc-dashboard" / "city.key"


def server_key_path(store_file: Path) -> Path | None:
    """The key file the dashboard decrypts names with: $UHC_KEY_FILE, else the demo key beside the
    store (``demo-city.key``), else city.key in the user's config folder; None when none of them exists.

    The server reads names for logged-in editors only; a viewer's pages never need the key.
    """
    if os.environ.get(KEY_FILE_ENV):
        return key_file_path()
    for candidate in (store_file.parent / DEMO_KEY_NAME, key_file_path()):
        if candidate.exists():
            return candidate
    return None


def create_key_file(path: Path) -> CityKey:
    """Write a new random city key to ``path``, readable by its owner only; never overwrite one.

    The key goes to a temporary file created with mode 0600 (no moment when others may read it),
    is flushed to disk, and is then hard-linked to ``path``: the link fails if ``path`` exists, so
    an existing key is never replaced, and ``path`` is either absent or a whole key.
    """
    if path.exists() or path.is_symlink():
        raise CityKeyError("key_exists", path=str(path))
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(KEY_BYTES)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        try:
            os.fchmod(fd, 0o600)  # the mode asked of open() is narrowed by the umask, never widened; set it exactly
            os.write(fd, key)
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise CityKeyError("key_created_meanwhile", path=str(path)) from None
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)  # the new name on disk too, before the user is told to back the key up
        finally:
            os.close(folder)
    finally:
        temporary.unlink(missing_ok=True)
    return CityKey(key)


def load_key(path: Path) -> CityKey:
    """The city key in ``path``; refused if missing, readable by group or others, or not 32 bytes."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        raise CityKeyError("key_missing", path=str(path), variable=KEY_FILE_ENV) from None
    except OSError as exc:
        raise CityKeyError("key_unreadable", path=str(path), reason=exc.strerror) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise CityKeyError("key_not_a_file", path=str(path), variable=KEY_FILE_ENV)
        if mode & 0o077:
            raise CityKeyError("key_readable_by_others", path=str(path), mode=f"{stat.S_IMODE(mode):04o}")
        data = os.read(fd, KEY_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) != KEY_BYTES:
        message = i18n.N_("key_file_too_long") if len(data) > KEY_BYTES else i18n.N_("key_file_wrong_length")
        raise CityKeyError(message, path=str(path), length=len(data), bytes=KEY_BYTES)
    return CityKey(data)


# pseudonyms -----------------------------------------------------------------------------------


def _message_prefix(kind: NumberKind) -> bytes:
    if kind not in NUMBER_KINDS:
        raise ValueError(f"kind must be one of {', '.join(NUMBER_KINDS)}, not {kind!r}")
    return kind.encode() + b":"


def pseudonym(key: CityKey, kind: NumberKind, number: str) -> str:
    """The pseudonym of one NIK, KK or card number: HMAC-SHA256 of "kind:digits", 64 hex digits.

    Surrounding spaces are dropped; anything but the kind's digits (16, card 13) is refused (the
    number is not repeated in the message, since it may be a real one with a typo).
    """
    digits = number.strip() if isinstance(number, str) else ""
    width = DIGITS_OF.get(kind, NUMBER_DIGITS)
    if len(digits) != width or not digits.isascii() or not digits.isdigit():
        raise BadNumber("key_bad_number", kind=kind.upper(), digits=width)
    return hmac.digest(key.pseudonym_key, _message_prefix(kind) + digits.encode(), "sha256").hex()


def pseudonyms(key: CityKey, kind: NumberKind, numbers: pl.Series) -> pl.Series:
    """:func:`pseudonym` of each value of a text column (nulls stay null), named ``<kind>_pseudonym``.

    A value that is not 16 digits is refused with its row (1-based), not its value.
    """
    return _keyed(key, number_prefix(kind), checked_digits(kind, numbers), f"{kind}_pseudonym")


def number_prefix(kind: NumberKind) -> bytes:
    """What is keyed before a number's digits ("nik:", "kk:", "card:"): the kinds never collide."""
    return _message_prefix(kind)


def checked_digits(kind: NumberKind, numbers: pl.Series) -> pl.Series:
    """The digits of a number column, stripped; :class:`BadNumber` with the rows (never values) of bad ones."""
    width = DIGITS_OF[kind]
    digits = numbers.cast(pl.String).str.strip_chars()
    bad = digits.is_not_null() & ~digits.str.contains(f"^[0-9]{{{width}}}$")
    if bad.any():
        rows = (bad.arg_true() + 1).to_list()
        shown = ", ".join(map(str, rows[:5]))
        message = i18n.N_("key_bad_numbers_more") if len(rows) > 5 else i18n.N_("key_bad_numbers")
        raise BadNumber(message, kind=kind.upper(), rows=shown, more=len(rows) - 5, digits=width)
    return digits


def masked_niks(digits: pl.Series) -> pl.Series:
    """Each NIK as a cadre's sheet prints it (``6171••••••••0012``), null unless 16 digits.

    The column form of :func:`uhc.core.campaign.mask_nik`, here below the readers and the core that
    both need it; the readers encrypt what it gives (migration 11), it is never stored in clear.
    """
    text = digits.cast(pl.String).str.strip_chars()
    return text.to_frame("nik").select(
        pl.when(text.str.contains(r"^[0-9]{16}$"))
        .then(pl.col("nik").str.slice(0, 4) + "\u2022" * 8 + pl.col("nik").str.slice(12, 4))
        .alias("nik_masked")
    )["nik_masked"]


def identity_pseudonyms(key: CityKey, identities: pl.Series) -> pl.Series:
    """The keyed pseudonym of each person's fallback identity (nulls stay null), ``identity_pseudonym``.

    ``identities`` are texts already normalised by the caller (uhc.intake.people: the name in
    capitals without titles or punctuation, "|", the birth date): the same person gives the same
    text in the register and on the BPJS list, and so the same pseudonym, which reveals neither.
    """
    return _keyed(key, IDENTITY_PREFIX, identities.cast(pl.String), "identity_pseudonym")


def _keyed(key: CityKey, prefix: bytes, values: pl.Series, name: str) -> pl.Series:
    return protected(key, {name: (prefix, values)})[name]


def _hmac_hex(subkey: bytes, prefix: bytes, values: list[str]) -> list[str]:
    # One HMAC (cryptography's, over OpenSSL) that has already absorbed the key and the prefix, copied
    # for each value: about 0,5 us a value, against 1 us for the standard library's hmac copied the
    # same way and 1,4 us for a fresh hmac.digest (benchmarks/matching.py: 12 million at city scale).
    keyed = crypto_hmac.HMAC(subkey, hashes.SHA256())
    keyed.update(prefix)
    copy = keyed.copy
    out: list[str] = []
    append = out.append
    for value in values:
        one = copy()
        one.update(value.encode())
        append(one.finalize().hex())
    return out


def _sealed(subkey: bytes, values: list[str]) -> list[bytes]:
    cipher = AESGCM(subkey)
    nonces = os.urandom(NONCE_BYTES * len(values))
    out = []
    for i, value in enumerate(values):
        nonce = nonces[i * NONCE_BYTES : (i + 1) * NONCE_BYTES]
        out.append(BLOB_VERSION + nonce + cipher.encrypt(nonce, value.encode(), BLOB_VERSION))
    return out


# A city's register of 2.4 million people is some 10 million HMACs and encryptions, about 20 s on one
# core. They run in this process: worker processes (tried, spawned) saved little on two cores and
# re-ran the caller's main module in each worker, which broke any caller without a __main__ guard.
ENCRYPT = None  # the "prefix" of a column to encrypt in :func:`protected`
_SLICE = 131_072  # values keyed or encrypted at a time


def protected(key: CityKey, columns: dict[str, tuple[bytes | None, pl.Series]]) -> dict[str, pl.Series]:
    """Several columns pseudonymised (HMAC-SHA256 under a prefix) or encrypted (prefix ENCRYPT) at once.

    Nulls stay null. Each distinct value is keyed once (a family's KK number, shared by all its
    members); every value is encrypted on its own with a fresh nonce.
    """
    out: dict[str, pl.Series] = {}
    for name, (prefix, values) in columns.items():
        text = values.cast(pl.String)
        # A family's KK number, shared by all its members, is keyed once; other values are mostly
        # distinct (finding the distinct ones would cost more than it saves).
        todo = text.drop_nulls().unique() if prefix == number_prefix("kk") else text.drop_nulls()
        dtype = pl.Binary if prefix is ENCRYPT else pl.String
        # In slices, each made a Polars column at once: the Python strings of a whole column (2,4
        # million values and their results) would hold a gigabyte at a city's scale.
        parts = []
        for start in range(0, len(todo), _SLICE):
            listed = todo.slice(start, _SLICE).to_list()
            if prefix is ENCRYPT:
                parts.append(pl.Series(name, _sealed(key.encryption_key, listed), dtype=dtype))
            else:
                parts.append(pl.Series(name, _hmac_hex(key.pseudonym_key, prefix, listed), dtype=dtype))
        done = pl.concat(parts, rechunk=True) if parts else pl.Series(name, [], dtype=dtype)
        if prefix == number_prefix("kk"):
            pairs = pl.DataFrame({"value": todo, name: done})
            out[name] = pl.DataFrame({"value": text}).join(pairs, on="value", how="left", maintain_order="left")[name]
        else:
            whole = pl.repeat(None, len(text), dtype=dtype, eager=True).alias(name)
            out[name] = whole.scatter(text.is_not_null().arg_true(), done) if len(done) else whole
    return out


# encryption -----------------------------------------------------------------------------------


def encrypt(key: CityKey, text: str) -> bytes:
    """``text`` encrypted with the city key: version byte, random nonce, AES-256-GCM ciphertext and tag."""
    nonce = os.urandom(NONCE_BYTES)
    return BLOB_VERSION + nonce + AESGCM(key.encryption_key).encrypt(nonce, text.encode(), BLOB_VERSION)


def encrypted(key: CityKey, values: pl.Series) -> pl.Series:
    """:func:`encrypt` of each value of a text column (nulls stay null), with one cipher object for all."""
    return protected(key, {values.name: (ENCRYPT, values)})[values.name]


def decrypt(key: CityKey, blob: bytes) -> str:
    """The text of a blob from :func:`encrypt`; refused if another key made it or it was changed."""
    if len(blob) < 1 + NONCE_BYTES + 16 or blob[:1] != BLOB_VERSION:
        raise Undecryptable("key_blob_unknown")
    nonce, sealed = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
    try:
        return AESGCM(key.encryption_key).decrypt(nonce, sealed, BLOB_VERSION).decode()
    except InvalidTag:
        raise Undecryptable("key_blob_other_key", fingerprint=key.fingerprint) from None


# the store ------------------------------------------------------------------------------------


def bind_key(store: Store, key: CityKey) -> None:
    """Record the key's fingerprint in the store if none is yet; refuse a key of another fingerprint.

    One store holds pseudonyms of one key only: with two, the same resident would have two
    pseudonyms, and de-duplication and matching across imports would silently fail. Call it inside
    the transaction of the write it is for, so that a refused or interrupted write leaves the store
    unbound as it was.
    """
    store.execute("insert_setting_if_missing", key=FINGERPRINT_SETTING, value=key.fingerprint)
    check_key(store, key)


def check_key(store: Store, key: CityKey) -> None:
    """Refuse a key whose fingerprint is not the one the store is bound to (a store bound to none takes any)."""
    recorded = recorded_fingerprint(store)
    if recorded not in (None, key.fingerprint):
        raise KeyMismatch("key_mismatch", recorded=recorded, fingerprint=key.fingerprint, variable=KEY_FILE_ENV)


def recorded_fingerprint(store: Store) -> str | None:
    """The fingerprint of the key the store is bound to, or None."""
    return store.scalar("setting_value", key=FINGERPRINT_SETTING)
