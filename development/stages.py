"""Stage codes of standard development (GB/T 16733, ISO harmonised stages) and the tracks.

Pure data: the stages with their sub-stages, and for each track (normal, fast track for
adoptions, revision, amendment) which stages it passes through and how many months each
may take by default. A body may override the months (`development.ScheduleRule`).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

#: Main stages, in order.
STAGES: dict[str, object] = {
    "00": _("Preliminary"),
    "10": _("Proposal approval"),
    "20": _("Drafting"),
    "30": _("Public comment"),
    "40": _("Technical review"),
    "50": _("Approval"),
    "60": _("Publication"),
    "90": _("Systematic review"),
    "95": _("Withdrawal"),
}
#: ISO sub-stages.
SUBSTAGES: dict[str, object] = {
    "00": _("registered"),
    "20": _("started"),
    "60": _("closed"),
    "98": _("abandoned"),
    "99": _("approved to proceed"),
}
#: Sub-stages each stage has; the others have them all.
_STAGE_SUBSTAGES = {
    "60": ("00", "60"),
    "90": ("00", "20", "60"),
    "95": ("20", "99"),
}
#: Review outcomes (ISO 90.92 revise, 90.93 confirm).
REVIEW_OUTCOMES = {"90.92": _("to be revised"), "90.93": _("confirmed")}
#: Main stages a project under development is in (the work programme).
DEVELOPMENT_STAGES = ("00", "10", "20", "30", "40", "50")
PUBLISHED = "60.60"
#: Where a project starts: its proposal was approved.
PROJECT_START = "10.99"
ABANDONED = "98"
WITHDRAWN = "95.99"


class Track(models.TextChoices):
    NORMAL = "normal", _("Normal")
    FAST = "fast", _("Fast track (adoption)")
    REVISION = "revision", _("Revision")
    AMENDMENT = "amendment", _("Amendment")


#: Stages each track passes through, in order, and the default months allowed per stage.
TRACKS: dict[str, dict] = {
    Track.NORMAL: {
        "stages": ("00", "10", "20", "30", "40", "50", "60"),
        "months": {"00": 3, "10": 3, "20": 8, "30": 3, "40": 3, "50": 2, "60": 2},
        "total_months": 24,
    },
    Track.FAST: {
        "stages": ("10", "30", "40", "50", "60"),
        "months": {"10": 2, "30": 2, "40": 2, "50": 2, "60": 2},
        "total_months": 12,
    },
    Track.REVISION: {
        "stages": ("10", "20", "30", "40", "50", "60"),
        "months": {"10": 2, "20": 6, "30": 3, "40": 3, "50": 2, "60": 2},
        "total_months": 18,
    },
    Track.AMENDMENT: {
        "stages": ("10", "30", "40", "50", "60"),
        "months": {"10": 2, "30": 2, "40": 2, "50": 1, "60": 1},
        "total_months": 9,
    },
}
#: Systematic review at least every five years (标准化法 第二十九条).
REVIEW_YEARS = 5


def substages(stage: str) -> tuple[str, ...]:
    """The sub-stages a main stage has."""
    return _STAGE_SUBSTAGES.get(stage, tuple(SUBSTAGES))


def all_states() -> dict[str, str]:
    """Every stage code ("20.60") with its label ("起草 · 已结束")."""
    states: dict[str, object] = {}
    for stage, label in STAGES.items():
        for sub in substages(stage):
            states[f"{stage}.{sub}"] = StageLabel(label, SUBSTAGES[sub])
    for code, label in REVIEW_OUTCOMES.items():
        states[code] = StageLabel(STAGES["90"], label)
    return states


class StageLabel:
    """A lazily translated "stage · sub-stage" label."""

    def __init__(self, stage, sub):
        self.stage, self.sub = stage, sub

    def __str__(self) -> str:
        return f"{self.stage} · {self.sub}"


def main_stage(code: str) -> str:
    """The main stage of a stage code: "20.60" → "20"."""
    return (code or "").split(".", 1)[0]


def is_active(code: str) -> bool:
    """A project under development: not published, abandoned, reviewed or withdrawn."""
    stage, _dot, sub = (code or "").partition(".")
    return stage in DEVELOPMENT_STAGES and sub != ABANDONED


def next_stage(track: str, stage: str) -> str | None:
    """The main stage that follows `stage` on `track` (None after the last)."""
    order = TRACKS[track]["stages"]
    if stage not in order:
        return None
    index = order.index(stage)
    return order[index + 1] if index + 1 < len(order) else None


def track_allows(track: str, source: str, target: str) -> bool:
    """Whether the track's schedule allows the move from one stage code to another."""
    src, dst = main_stage(source), main_stage(target)
    if src == dst or src in ("60", "90", "95") or dst in ("90", "95"):
        return True
    if target.endswith(".98"):
        return True
    return next_stage(track, src) == dst
