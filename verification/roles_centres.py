"""Default permissions, navigation and admin of centres, draft verification and rounds."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

CENTRE_PERMS = tuple(
    f"verification.{action}_{model}"
    for model in ("verificationcentre", "verificationrequest", "precisionround", "commission")
    for action in ("view", "change")
) + ("verification.add_precisionround",)


def works_at_a_centre(user) -> bool:
    """People who hold a centre permission globally or in a centre's body."""
    from bodies.scopes import bodies_with_permission

    permission = "verification.change_verificationrequest"
    return user.has_perm(permission) or bool(bodies_with_permission(user, permission))


def register() -> None:
    """Grant the centre roles their defaults and declare the header entry."""
    from core.registry import NavItem, register_navigation
    from core.roles import grant_by_default

    # Engineers and staff act for the centre whose body they belong to.
    grant_by_default("verification_engineer", *CENTRE_PERMS)
    grant_by_default("centre_staff", *CENTRE_PERMS)
    # The base office sees every centre's requests, rounds and load.
    grant_by_default(
        "base_office",
        "verification.view_verificationrequest",
        "verification.view_precisionround",
        "verification.view_verificationcentre",
        "verification.view_commission",
    )
    register_navigation(
        NavItem(
            _("Verification centres"),
            "verification:centres",
            group="centres",
            order=55,
            active=("centres", "centre", "centre-items", "overview", "requests", "request",
                    "request-new", "rounds", "round", "round-new", "commissions", "commission"),
        ),
    )  # fmt: skip
