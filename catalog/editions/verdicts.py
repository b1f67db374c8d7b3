"""The verdicts of edition resolution: what a reference means today or on a date."""

from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy


class Verdict(models.TextChoices):
    """What a reference points to today (or on the "as of" date)."""

    CURRENT = "current", pgettext_lazy("verdict", "Current")
    UPCOMING = "upcoming", pgettext_lazy("verdict", "Upcoming")
    REPLACED = "replaced", pgettext_lazy("verdict", "Replaced")
    # The same document lives on under another designation (GB 50010-2010 -> GB/T 50010-2010).
    CONVERTED = "converted", pgettext_lazy("verdict", "Converted")
    # In force, but some of its provisions are replaced by another standard.
    PARTLY_REPLACED = "partly_replaced", pgettext_lazy("verdict", "Partly replaced")
    WITHDRAWN = "withdrawn", pgettext_lazy("verdict", "Withdrawn")
    NOT_FOUND = "not_found", pgettext_lazy("verdict", "Not found")
    AMBIGUOUS = "ambiguous", pgettext_lazy("verdict", "Ambiguous")
    # The text looks like a designation but cannot be read as one.
    UNRECOGNISED = "unrecognised", pgettext_lazy("verdict", "Unrecognised")
