"""Django admin for the system administrator: accounts and organisations, roles read-only.

Roles are granted only through accounts.services.roles (by the security administrator);
superuser and staff status follow from roles and are not editable here; no administrator
can change another administrator's account, password or authenticator here (三员分立:
only the security administrator resets credentials, by `accounts.services.credentials`).
TOTP secrets are never shown after enrolment.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import AdminLoginForm
from accounts.models import Membership, Organization, Role, RoleAssignment, User
from accounts.services.credentials import may_manage_account
from core.admin import ReadOnlyAdmin
from core.ratelimit import ratelimit

admin.site.site_header = _("StdBase administration")
admin.site.site_title = _("StdBase administration")
admin.site.index_title = _("Site administration")
# One limiter for every sign-in form: the admin's shares the "login" budget per address.
admin.site.login = ratelimit("login")(admin.site.login)
admin.site.login_form = AdminLoginForm


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "display_name", "email", "masked_phone", "is_active", "last_login")
    search_fields = ("username", "email", "display_name")
    # No bulk actions: bulk deletion would skip the per-object check below.
    actions = None
    readonly_fields = ("is_staff", "is_superuser", "last_login", "date_joined", "anonymized_at")
    fieldsets = (
        (None, {"fields": ("username",)}),
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

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_manage_account(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_manage_account(request.user, obj))

    def user_change_password(self, request, id, form_url=""):
        # Passwords are set by their owner; the security administrator resets credentials.
        raise PermissionDenied

    def save_model(self, request, obj, form, change):
        if not change:
            obj.must_change_password = True
        super().save_model(request, obj, form, change)


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


if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(ReadOnlyAdmin):
    """Who has an authenticator, never its key or QR code (no add, change or config views)."""

    list_display = ("user", "name", "confirmed", "created_at", "last_used_at")
    list_filter = ("confirmed",)
    search_fields = ("user__username",)
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = fields
