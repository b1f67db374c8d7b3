"""Symmetric encryption of personal-data fields at rest (Fernet, keys from settings)."""

from __future__ import annotations

import base64
import functools

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

# Ciphertexts carry this prefix so that plaintext left over from before encryption
# was switched on is still readable (and re-encrypted on the next save).
PREFIX = "enc1:"


def _derive_key(secret: str) -> bytes:
    """Derive a Fernet key from the Django secret key (embedded mode)."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"stdbase-fields", info=b"fernet")
    return base64.urlsafe_b64encode(hkdf.derive(secret.encode()))


@functools.cache
def _fernet(keys: tuple[str, ...], secret: str) -> MultiFernet:
    materials = [k.encode() for k in keys] or [_derive_key(secret)]
    return MultiFernet([Fernet(m) for m in materials])


def fernet() -> MultiFernet:
    """Return the cipher for the configured keys (the first one encrypts, all decrypt)."""
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS), settings.SECRET_KEY)


def encrypt(plaintext: str) -> str:
    """Encrypt a string; the empty string stays empty so blank fields stay blank."""
    if not plaintext:
        return plaintext
    return PREFIX + fernet().encrypt(plaintext.encode()).decode()


def is_ciphertext(value: str) -> bool:
    """True for a value this module encrypted with one of the configured keys."""
    if not value or not value.startswith(PREFIX):
        return False
    try:
        fernet().decrypt(value[len(PREFIX) :].encode())
    except InvalidToken:
        return False
    return True


def decrypt(stored: str) -> str:
    """Decrypt a stored value; values without the prefix are legacy plaintext."""
    if not stored or not stored.startswith(PREFIX):
        return stored
    try:
        return fernet().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken as exc:
        raise ValueError("personal data could not be decrypted: wrong key?") from exc
