"""Target dates from the schedule of a project's track, with a body's overrides."""

from __future__ import annotations

import calendar
import datetime

from development import stages


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stage_months(body, track: str, stage: str) -> int | None:
    """Months a main stage may take on a track: the body's rule, the default rule, the code."""
    from development.models import ScheduleRule

    rules = {
        rule.body_id: rule.months
        for rule in ScheduleRule.objects.filter(track=track, stage=stage).filter(
            body_id__in=[body.pk] if body is not None else []
        )
        | ScheduleRule.objects.filter(track=track, stage=stage, body__isnull=True)
    }
    if body is not None and body.pk in rules:
        return rules[body.pk]
    if None in rules:
        return rules[None]
    return stages.TRACKS[track]["months"].get(stage)


def total_months(body, track: str) -> int:
    """Months from approval to publication: the track's limit."""
    return stages.TRACKS[track]["total_months"]


def stage_target(project, start: datetime.date | None = None) -> datetime.date | None:
    """The target date of the project's current main stage, counted from its start."""
    months = stage_months(project.body, project.track, stages.main_stage(project.state))
    if months is None or not project.is_active:
        return None
    return add_months(start or project.stage_started_on, months)
