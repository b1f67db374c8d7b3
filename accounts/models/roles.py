"""Platform roles held as data, and who holds them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.roles import role_label


class RoleCode(models.TextChoices):
    PUBLIC = "public", _("Public visitor")
    REGISTERED = "registered", _("Registered user")
    ORG_ADMIN = "org_admin", _("Organisation administrator")
    SECRETARIAT = "secretariat", _("Alliance secretariat")
    EXPERT = "expert", _("Expert")
    VERIFICATION_ENGINEER = "verification_engineer", _("Verification engineer")
    CENTRE_STAFF = "centre_staff", _("Centre staff")
    BASE_OFFICE = "base_office", _("Base office")
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    SECURITY_ADMIN = "security_admin", _("Security administrator")
    AUDIT_ADMIN = "audit_admin", _("Audit administrator")


class Role(models.Model):
    """A platform role: a name, a description and the Django permissions it grants."""

    # No choices: apps declare further roles in the role registry (core.roles) without a
    # migration here.
    code = models.CharField(_("code"), max_length=40, unique=True)
    description = models.TextField(_("description"), blank=True)
    permissions = models.ManyToManyField(
        "auth.Permission", blank=True, related_name="stdbase_roles", verbose_name=_("permissions")
    )
    assignable = models.BooleanField(
        _("assignable"),
        default=True,
        help_text=_("Implicit roles (visitor, registered user, organisation admin) are derived."),
    )
    scope = models.CharField(
        _("held"),
        max_length=10,
        choices=[
            ("global", _("platform-wide")),
            ("body", _("in one body")),
            ("any", _("platform-wide or in one body")),
        ],
        default="global",
        editable=False,
    )
    requires_2fa = models.BooleanField(_("requires two-factor authentication"), default=False)
    seeded_permissions = models.JSONField(
        _("default permissions already granted"), default=list, blank=True, editable=False
    )
    admin_triad = models.BooleanField(
        _("one of the three administrators"),
        default=False,
        help_text=_("No account may hold two of the system, security and audit administrator."),
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["code"]

    def __str__(self) -> str:
        return role_label(self.code)


class RoleAssignment(models.Model):
    """A person holding a platform role, granted by a security administrator."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("user"),
    )
    role = models.ForeignKey(
        Role, models.PROTECT, related_name="assignments", verbose_name=_("role")
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["user__username", "role__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                name="accounts_roleassignment_unique_user_role",
                violation_error_message=_("This person already holds the role."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.role}"
