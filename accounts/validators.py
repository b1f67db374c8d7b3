"""Validators for Chinese identifiers: unified social credit code, ID card number, mobile."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 32100-2015: 31 characters (digits and capitals without I, O, Z, S, V).
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_SHAPE = re.compile(r"^[1-9A-GY][1-9A-Z]\d{6}[0-9A-HJ-NP-RTUWXY]{10}$")

# GB 11643-1999: weights 2^(17-i) mod 11, check characters for remainders 0..10.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")

_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def normalize_uscc(value: str) -> str:
    """Upper-case a credit code and drop spaces and hyphens people type."""
    return re.sub(r"[\s-]", "", value or "").upper()


def uscc_check_char(first17: str) -> str:
    """Compute the 18th character of a unified social credit code (GB 32100-2015)."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def is_valid_uscc(value: str) -> bool:
    """True when the code has the right shape and check character."""
    code = normalize_uscc(value)
    if len(code) != 18 or not _USCC_SHAPE.match(code):
        return False
    if any(c not in USCC_ALPHABET for c in code):
        return False
    return uscc_check_char(code[:17]) == code[17]


def validate_uscc(value: str) -> None:
    """Reject a unified social credit code that is malformed or fails its check character."""
    if not is_valid_uscc(value):
        raise ValidationError(
            _("Enter a valid 18-character unified social credit code."), code="invalid_uscc"
        )


def is_valid_id_number(value: str) -> bool:
    """True for an 18-digit resident ID number with a real birth date and check character."""
    number = (value or "").strip().upper()
    if not _ID_SHAPE.match(number):
        return False
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    total = sum(int(c) * w for c, w in zip(number[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == number[17]


def validate_id_number(value: str) -> None:
    """Reject a resident ID number with a wrong shape, date or check character."""
    if not is_valid_id_number(value):
        raise ValidationError(_("Enter a valid 18-digit resident ID number."), code="invalid_id")


def validate_mobile(value: str) -> None:
    """Reject anything but an 11-digit mainland mobile number."""
    if not _MOBILE.match((value or "").strip()):
        raise ValidationError(_("Enter an 11-digit mobile phone number."), code="invalid_mobile")


def mask_phone(value: str) -> str:
    """Show only the first three and last four digits: 138****5678."""
    if not value:
        return ""
    if len(value) <= 7:
        return "*" * len(value)
    return f"{value[:3]}{'*' * (len(value) - 7)}{value[-4:]}"


def mask_id_number(value: str) -> str:
    """Show only the first and last character of an ID number: 1****************X."""
    if not value:
        return ""
    if len(value) <= 2:
        return "*" * len(value)
    return f"{value[0]}{'*' * (len(value) - 2)}{value[-1]}"
