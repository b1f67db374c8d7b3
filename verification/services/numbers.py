"""Report numbers (PREFIX-YEAR-NNNN) and verification codes shared by every report kind."""

from __future__ import annotations

import secrets

from django.utils import timezone

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def next_report_number(model, prefix: str) -> str:
    """The next report number of this year for `model` (field `report_number`)."""
    stem = f"{prefix}-{timezone.localdate().year}-"
    count = model.objects.filter(report_number__startswith=stem).count()
    return f"{stem}{count + 1:04d}"


def new_verification_code(model) -> str:
    """A random 10-character code not yet used by `model` (field `verification_code`)."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(10))
        if not model.objects.filter(verification_code=code).exists():
            return code
