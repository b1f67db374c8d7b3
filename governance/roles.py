"""Roles held in a base's body: office, coordination group, expert committee, units."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.roles import RoleScope, grant_by_default, register_role

OFFICE = "base_office_staff"
COORDINATION = "coordination_member"
EXPERT_COMMITTEE = "expert_committee_member"
ORGANISING_UNIT = "organising_unit"
BUILDER_UNIT = "builder_unit"
PARTICIPATING_UNIT = "participating_unit"

MODELS = (
    "base",
    "document",
    "contract",
    "contracttask",
    "budgetline",
    "paymentmilestone",
    "changerequest",
    "annualplan",
    "plantask",
    "progressreport",
    "indicator",
    "kpivalue",
    "evaluation",
    "panelmember",
    "expertscore",
    "finding",
    "rectification",
)


def _perms(*actions: str) -> tuple[str, ...]:
    return tuple(f"governance.{a}_{m}" for m in MODELS for a in actions)


def register() -> None:
    """Declare the governance roles; the base office manages every base."""
    manage = _perms("view", "add", "change")
    register_role(
        OFFICE,
        _("Base office staff"),
        app_label="governance",
        description="Office of one base: contracts, plans, KPIs and evaluations of that base.",
        scope=RoleScope.BODY,
        permissions=manage,
    )
    register_role(
        COORDINATION,
        _("Coordination group member"),
        app_label="governance",
        description="Member of a base's coordination group: sees its governance records.",
        scope=RoleScope.BODY,
        permissions=_perms("view"),
    )
    register_role(
        EXPERT_COMMITTEE,
        _("Expert committee member"),
        app_label="governance",
        description="Member of a base's expert committee: drawn onto evaluation panels.",
        scope=RoleScope.BODY,
        permissions=("governance.view_base", "governance.view_evaluation"),
    )
    for code, label, text in (
        (ORGANISING_UNIT, _("Organising unit"), "The unit organising a base."),
        (BUILDER_UNIT, _("Builder unit"), "A unit building a centre or the platform."),
        (PARTICIPATING_UNIT, _("Participating unit"), "A unit taking part in a base."),
    ):
        register_role(
            code,
            label,
            app_label="governance",
            description=text,
            scope=RoleScope.BODY,
            permissions=("governance.view_base",),
        )
    grant_by_default("base_office", *manage)
