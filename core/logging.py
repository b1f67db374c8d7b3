"""A logging filter that keeps personal data (PIPL) out of log files."""

from __future__ import annotations

import logging
import re

_PATTERNS = [
    # 18-digit resident ID numbers (last character may be X).
    (re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)"), r"\1********\2"),
    # Mainland mobile numbers.
    (re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)"), r"\1****\2"),
    # Email addresses: keep the first character and the domain.
    (re.compile(r"\b([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b"), r"\1***@\2"),
]


def mask_personal_data(text: str) -> str:
    """Replace ID numbers, mobile numbers and email addresses in free text by masked forms."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class PersonalDataFilter(logging.Filter):
    """Masks personal identifiers in every record's rendered message."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record is logged as is
            return True
        masked = mask_personal_data(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
