"""Readable, translated messages for the reasons the designation parser gives."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

REASONS = {
    "not_text": _("a designation must be text"),
    "empty": _("the designation is empty"),
    "too_long": _("the text is too long to be a designation"),
    "unknown_prefix": _(
        "it does not start with a known standard code such as GB/T, JB/T, "
        "DB41/T, T/, Q/, ISO, IEC, EN, ASTM, IEEE or ITU-T"
    ),
    "no_number": _("the standard number is missing after the code"),
    "bad_year": _("the year is not valid (four digits, or two in old designations)"),
    "bad_part": _("the part number is incomplete"),
    "garbage": _("there is unexpected text after the designation"),
    "draft": _("it is a draft or project designation, not a published standard"),
    "ambiguous": _(
        "it is ambiguous: separate the local code from the number with a space "
        "or /T, as in DB41/T 1234-2016"
    ),
}


def designation_error_message(text: str, reason: str) -> str:
    """One sentence that says which text could not be read as a designation, and why."""
    shown = text if len(text) <= 60 else text[:60] + "…"
    why = REASONS.get(reason, _("it is not a standard designation"))
    return str(
        _("Cannot read “%(text)s” as a standard designation: %(reason)s.")
        % {"text": shown, "reason": why}
    )
