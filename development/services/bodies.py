"""Alliances and committees as development bodies: their profile and their members."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import log_action
from bodies.models import Body, BodyKind
from bodies.scopes import has_body_permission
from development.exceptions import DevelopmentError, DevelopmentPermissionError
from development.models import AllianceProfile

#: Kinds of body that develop standards.
DEVELOPING_KINDS = (
    BodyKind.ALLIANCE,
    BodyKind.TECHNICAL_COMMITTEE,
    BodyKind.SUBCOMMITTEE,
)
PROFILE_FIELDS = (
    "ics",
    "ccs",
    "number_width",
    "comment_days",
    "ballot_rule",
    "warn_days",
    "auto_cancel",
    "cancel_notice_days",
    "review_years",
)


def profile_of(body: Body) -> AllianceProfile:
    """The body's development profile, created with the defaults on first use."""
    if body.kind not in DEVELOPING_KINDS:
        raise DevelopmentError(
            _("%(body)s does not develop standards; only alliances and committees do.")
            % {"body": body}
        )
    profile, _created = AllianceProfile.objects.get_or_create(body=body)
    return profile


def _codes(text: str) -> str:
    return " ".join(dict.fromkeys(text.replace(",", " ").replace("，", " ").split()))


def update_profile(body: Body, *, actor, request=None, **values) -> AllianceProfile:
    """Change a body's field (ICS/CCS), numbering, comment period, schedule and review rules."""
    if actor is not None and not has_body_permission(
        actor, "development.change_allianceprofile", body
    ):
        raise DevelopmentPermissionError(
            _("You may not change the profile of %(body)s.") % {"body": body}
        )
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"unknown profile fields: {sorted(unknown)}")
    with transaction.atomic():
        profile = AllianceProfile.objects.select_for_update().get(pk=profile_of(body).pk)
        before = {name: getattr(profile, name) for name in values}
        for name, value in values.items():
            if name in ("ics", "ccs"):
                value = _codes(value or "")
            setattr(profile, name, value)
        try:
            profile.full_clean(exclude=["body"])
        except Exception as exc:  # ValidationError: one readable sentence
            messages = getattr(exc, "messages", [str(exc)])
            raise DevelopmentError("；".join(messages)) from None
        profile.save()
        log_action(
            "development.profile.changed",
            actor=actor,
            obj=body,
            before={k: str(v) for k, v in before.items()},
            after={k: str(getattr(profile, k)) for k in values},
            request=request,
        )
    return profile


def group_code(body: Body) -> str:
    """The code of the group standards a body publishes (T/HNXX), checked with the parser."""
    from catalog.designations import DesignationError, parse

    code = (body.standard_code or "").strip()
    if not code:
        raise DevelopmentError(
            _("%(body)s has no group standard code (such as T/HNXX) yet.") % {"body": body}
        )
    try:
        parsed = parse(f"{code} 1-2000")
    except DesignationError as exc:
        raise DevelopmentError(
            _("The group standard code “%(code)s” cannot be read: %(reason)s")
            % {"code": code, "reason": exc.message}
        ) from None
    return parsed.prefix
