"""Usernames: NFKC normalisation and look-alike (confusable) detection.

`ａｌｉｃｅ` (full-width) becomes `alice` by NFKC; `аlice` (Cyrillic а) keeps its letters
but has the skeleton `alice`, so it cannot be registered beside `alice`; a name that mixes
scripts with look-alike letters is refused outright.
"""

from __future__ import annotations

import functools
import unicodedata

from confusable_homoglyphs import confusables
from confusable_homoglyphs.utils import load
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_ASCII_TARGETS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def normalize_username(raw: str) -> str:
    """The stored form of a username: NFKC-normalised and stripped."""
    return unicodedata.normalize("NFKC", raw or "").strip()


@functools.cache
def _homoglyphs() -> dict:
    return load("confusables.json")


@functools.cache
def _prototype(char: str) -> str:
    if char in _ASCII_TARGETS:
        return char
    for candidate in _homoglyphs().get(char, ()):
        target = candidate["c"].strip("\u200e")
        if target in _ASCII_TARGETS:
            return target
    return char


def username_skeleton(name: str) -> str:
    """What the name looks like: NFKC, case-folded, look-alike letters mapped to ASCII."""
    folded = normalize_username(name).casefold()
    return "".join(_prototype(char) for char in folded)


def validate_username_script(name: str) -> None:
    """Refuse a name mixing scripts with letters that imitate another script (`аlice`)."""
    if confusables.is_dangerous(normalize_username(name)):
        raise ValidationError(
            _("This username mixes look-alike letters of different scripts; use one script."),
            code="confusable",
        )
