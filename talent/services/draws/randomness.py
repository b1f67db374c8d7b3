"""The verifiable randomness: seed, commitment, public value, the HMAC stream and the shuffle
(docs/draws.md §3–4)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterator

from django.utils.translation import gettext as _

from talent.services.draws.model import SEED_BYTES, DrawError

WORD = 1 << 64


def commitment_of(seed: bytes) -> str:
    """The published commitment: SHA-256 (hex) of the secret seed."""
    return hashlib.sha256(seed).hexdigest()


def new_seed() -> bytes:
    """A fresh secret seed of 32 bytes from the operating system's generator."""
    return secrets.token_bytes(SEED_BYTES)


def parse_seed(text: str) -> bytes:
    """The 32-byte seed written as 64 hex digits."""
    try:
        seed = bytes.fromhex(text)
    except (ValueError, TypeError):
        seed = b""
    if len(seed) != SEED_BYTES:
        raise DrawError(_("A seed is 64 hexadecimal digits (32 bytes)."))
    return seed


def draw_key(seed: bytes, public_value: str = "") -> bytes:
    """The HMAC key: the seed, or SHA-256(seed ‖ public value) when one is mixed in."""
    if not public_value:
        return seed
    return hashlib.sha256(seed + public_value.encode()).digest()


class RandomStream:
    """Uniform integers from HMAC-SHA256(key, pool digest ‖ counter), counter from 0."""

    def __init__(self, key: bytes, pool_sha256: str):
        self._key = key
        self._prefix = bytes.fromhex(pool_sha256)
        self._counter = 0
        self._words: list[int] = []

    def _word(self) -> int:
        if not self._words:
            block = hmac.digest(
                self._key, self._prefix + self._counter.to_bytes(8, "big"), "sha256"
            )
            self._counter += 1
            # Four big-endian 64-bit words per block, used first to last.
            self._words = [int.from_bytes(block[i : i + 8], "big") for i in (24, 16, 8, 0)]
        return self._words.pop()

    def below(self, n: int) -> int:
        """A uniform integer in [0, n): words ≥ the largest multiple of n are skipped."""
        limit = WORD - WORD % n
        while True:
            word = self._word()
            if word < limit:
                return word % n


def shuffled(items: list[str], stream: RandomStream) -> Iterator[str]:
    """The items in Fisher–Yates order (swap position i with i + below(n − i)), lazily."""
    order = list(items)
    n = len(order)
    for i in range(n):
        j = i + stream.below(n - i)
        order[i], order[j] = order[j], order[i]
        yield order[i]
