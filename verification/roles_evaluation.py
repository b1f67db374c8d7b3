"""Default permissions and notification types of conformity tests and evaluations."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

CONFORMITY_PERMS = tuple(
    f"verification.{action}_{model}"
    for model in ("conformitytest",)
    for action in ("view", "add", "change")
)
EVALUATION_PERMS = tuple(
    f"verification.{action}_{model}"
    for model in ("benefitevaluation", "questionnaire")
    for action in ("view", "add", "change")
)


def register() -> None:
    """Grant the verification roles their defaults and declare the invitation event type."""
    from core.roles import grant_by_default
    from notifications.registry import EventType, register_event_type
    from verification import admin_centres, admin_evaluation, navigation_evaluation  # noqa: F401
    from verification.services.applicability import INVITATION_EVENT

    navigation_evaluation.register()

    # Engineers and staff of a centre test products there (held in the centre's body).
    grant_by_default("verification_engineer", *CONFORMITY_PERMS)
    grant_by_default("centre_staff", *CONFORMITY_PERMS, *EVALUATION_PERMS)
    # A secretariat evaluates the standards of its alliance; the base office sees all.
    grant_by_default("secretariat", *EVALUATION_PERMS)
    grant_by_default("base_office", "verification.view_conformitytest", *EVALUATION_PERMS)
    register_event_type(
        EventType(
            INVITATION_EVENT,
            _("Applicability questionnaires"),
            _("An invitation to evaluate a standard your organisation uses."),
        )
    )
