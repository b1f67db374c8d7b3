"""Time-driven work on projects: warnings before limit dates, cancellation, review reminders."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from development import stages
from development.models import AllianceProfile, Project
from development.processes import SYSTEM_USERNAME
from development.services.notices import (
    CANCELLATION,
    REVIEW_DUE,
    STAGE_WARNING,
    notify_secretariat,
)
from development.services.stages import advance_stage


def scheduler_account():
    """The platform account that signs automatic cancellations (no password, no roles)."""
    user, created = get_user_model().objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"first_name": "StdBase", "last_name": "调度"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _profiles() -> dict[int, AllianceProfile]:
    return {p.body_id: p for p in AllianceProfile.objects.all()}


def _default_profile() -> AllianceProfile:
    return AllianceProfile()


def warn_before_limits(today: datetime.date | None = None) -> int:
    """Tell secretariats about stages due within their warning days, and overdue ones, once."""
    today = today or timezone.localdate()
    profiles, sent = _profiles(), 0
    for project in (
        Project.objects.in_progress().filter(target_date__isnull=False).select_related("body")
    ):
        profile = profiles.get(project.body_id) or _default_profile()
        days = (project.target_date - today).days
        stage = project.stage_main
        if days < 0:
            key, title = "overdue", _("Stage overdue: %(number)s") % {"number": project.number}
        elif days <= profile.warn_days:
            key, title = "due", _("Stage due soon: %(number)s") % {"number": project.number}
        else:
            continue
        sent += notify_secretariat(
            project,
            STAGE_WARNING,
            title,
            _("%(title)s: stage %(stage)s has its target date on %(date)s.")
            % {"title": project.title, "stage": project.state, "date": project.target_date},
            key=f"development:project:{project.pk}:{stage}:{project.target_date}:{key}",
            data={"stage": project.state, "target_date": project.target_date.isoformat()},
        )
    return sent


def cancel_overdue(today: datetime.date | None = None) -> dict[str, int]:
    """Give notice to projects past their limit, then abandon those whose notice ran out.

    Only bodies whose profile enables it; the notice period is the profile's.
    """
    today = today or timezone.localdate()
    done = {"noticed": 0, "cancelled": 0}
    profiles = {p.body_id: p for p in AllianceProfile.objects.filter(auto_cancel=True)}
    if not profiles:
        return done
    rows = Project.objects.in_progress().filter(
        body_id__in=profiles, limit_date__isnull=False, limit_date__lt=today
    )
    for project in rows.select_related("body"):
        profile = profiles[project.body_id]
        if project.cancellation_notice_on is None:
            with transaction.atomic():
                project.cancellation_notice_on = today
                project.save(update_fields=["cancellation_notice_on", "updated_at"])
                log_action(
                    "development.project.cancellation_noticed",
                    actor=None,
                    obj=project,
                    after={"limit_date": project.limit_date.isoformat()},
                )
                notify_secretariat(
                    project,
                    CANCELLATION,
                    _("Notice of cancellation: %(number)s") % {"number": project.number},
                    _(
                        "The project passed its limit date %(limit)s; it will be abandoned on "
                        "%(day)s unless its limit is extended."
                    )
                    % {
                        "limit": project.limit_date,
                        "day": today + datetime.timedelta(days=profile.cancel_notice_days),
                    },
                    key=f"development:project:{project.pk}:cancel-notice:{project.limit_date}",
                )
            done["noticed"] += 1
        elif (
            project.cancellation_notice_on + datetime.timedelta(days=profile.cancel_notice_days)
            <= today
        ):
            advance_stage(
                project,
                f"{project.stage_main}.{stages.ABANDONED}",
                user=scheduler_account(),
                comment=_("Abandoned automatically: past the limit date %(limit)s after notice.")
                % {"limit": project.limit_date},
            )
            done["cancelled"] += 1
    return done


def extend_limit(
    project: Project, new_limit: datetime.date, *, user, reason: str, request=None
) -> Project:
    """Extend a project's overall limit date (withdraws a cancellation notice)."""
    from bodies.scopes import has_body_permission
    from development.exceptions import DevelopmentError, DevelopmentPermissionError

    if not has_body_permission(user, "development.change_project", project.body):
        raise DevelopmentPermissionError(_("You may not change this project's limit."))
    if not reason.strip():
        raise DevelopmentError(_("Give the reason for extending the limit."))
    if new_limit <= timezone.localdate():
        raise DevelopmentError(_("The new limit must lie in the future."))
    with transaction.atomic():
        before = project.limit_date
        project.limit_date, project.cancellation_notice_on = new_limit, None
        project.save(update_fields=["limit_date", "cancellation_notice_on", "updated_at"])
        log_action(
            "development.project.limit_extended",
            actor=user,
            obj=project,
            before={"limit_date": str(before)},
            after={"limit_date": str(new_limit)},
            detail=reason[:1000],
            request=request,
        )
    return project


def remind_reviews(today: datetime.date | None = None) -> int:
    """Remind secretariats of published standards whose systematic review falls due (90 days)."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=90)
    sent = 0
    due = Project.objects.filter(state=stages.PUBLISHED, review_due_on__lte=horizon)
    for project in due.select_related("body"):
        sent += notify_secretariat(
            project,
            REVIEW_DUE,
            _("Systematic review due: %(designation)s") % {"designation": project.designation},
            _("The review of %(designation)s %(title)s is due on %(day)s.")
            % {
                "designation": project.designation,
                "title": project.title,
                "day": project.review_due_on,
            },
            key=f"development:project:{project.pk}:review:{project.review_due_on}",
        )
    return sent


def run_daily(today: datetime.date | None = None) -> dict[str, int]:
    """All of the daily work, as the periodic task runs it."""
    return {
        "warnings": warn_before_limits(today),
        **cancel_overdue(today),
        "reviews": remind_reviews(today),
    }
