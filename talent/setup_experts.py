"""Roles, default permissions and notification events of the expert database and draws."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

OFFICE_PERMISSIONS = (
    "talent.view_expert",
    "talent.change_expert",
    "talent.view_expertdraw",
    "talent.add_expertdraw",
    "talent.change_expertdraw",
    "talent.view_invitation",
    "talent.view_creditevent",
    "talent.add_creditevent",
    "talent.add_scoresheet",
    "talent.view_scoresheet",
)


def register_experts_and_draws() -> None:
    """Give the base office the expert pool and the draws; declare the invitation event."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_save

    from core.roles import grant_by_default
    from notifications.registry import EventType, register_event_type
    from talent.services.expert_privacy import erase_on_anonymisation

    grant_by_default("base_office", *OFFICE_PERMISSIONS)
    post_save.connect(
        erase_on_anonymisation, sender=get_user_model(), dispatch_uid="talent-erase-expert"
    )
    register_event_type(
        EventType(
            "talent.invitation",
            _("Invitations to expert panels"),
            default_channels=frozenset({"email"}),
        )
    )
