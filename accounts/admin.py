"""Django admin for the system administrator: accounts and organisations, roles read-only.

Roles are granted only through accounts.services.roles (by the security administrator),
and superuser status is not editable here, so the admin cannot bypass the separation of
the three administrators.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Organization, Role, RoleAssignment, User
from core.admin import ReadOnlyAdmin


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "display_name", "email", "masked_phone", "is_active", "last_login")
    search_fields = ("username", "email", "display_name")
    readonly_fields = ("is_superuser", "last_login", "date_joined", "anonymized_at")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Personal info"),
            {"fields": ("display_name", "first_name", "last_name", "email", "phone", "id_number")},
        ),
        (
            _("Status"),
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "must_change_password",
                    "anonymized_at",
                )
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )

    @admin.display(description=_("mobile phone"))
    def masked_phone(self, obj):
        return obj.masked_phone


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "type", "credit_code", "region", "verified")
    list_filter = ("type", "verified")
    search_fields = ("name", "credit_code")
    inlines = [MembershipInline]


@admin.register(Role)
class RoleAdmin(ReadOnlyAdmin):
    list_display = ("code", "assignable", "requires_2fa", "admin_triad")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ReadOnlyAdmin):
    list_display = ("user", "role", "granted_by", "granted_at")
    list_filter = ("role",)
