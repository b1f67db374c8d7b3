"""Models of validity checks, watch lists and the change-alert cursor."""

from checks.models.alerts import AlertCursor
from checks.models.checks import Check, CheckItem, Verdict
from checks.models.watching import WatchItem, WatchList, WatchRule

__all__ = [
    "AlertCursor",
    "Check",
    "CheckItem",
    "Verdict",
    "WatchItem",
    "WatchList",
    "WatchRule",
]
