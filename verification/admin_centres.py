"""Admin of verification centres (edited here, audited by the admin log) and of requests and
rounds (read-only: their states and results change only through the services)."""

from django.contrib import admin

from core.admin import RestrictedAdminMixin
from verification.admin_evaluation import ReadOnlyAdmin, ReadOnlyInline
from verification.models import (
    Accreditation,
    CentreCapability,
    CentreEquipment,
    CentreStaff,
    Commission,
    PrecisionRound,
    VerificationCentre,
    VerificationItem,
    VerificationRequest,
)


class AccreditationInline(admin.TabularInline):
    model = Accreditation
    extra = 0


class CapabilityInline(admin.TabularInline):
    model = CentreCapability
    extra = 0
    raw_id_fields = ("standard",)


class EquipmentInline(admin.TabularInline):
    model = CentreEquipment
    extra = 0


class StaffInline(admin.TabularInline):
    model = CentreStaff
    extra = 0
    raw_id_fields = ("user",)


@admin.register(VerificationCentre)
class VerificationCentreAdmin(RestrictedAdminMixin, admin.ModelAdmin):
    list_display = ("body", "host_organisation", "industry", "city", "monthly_capacity")
    search_fields = ("body__name", "host_organisation", "city")
    inlines = [AccreditationInline, CapabilityInline, EquipmentInline, StaffInline]


class RequestItemInline(ReadOnlyInline):
    model = VerificationItem
    exclude = ("comment",)


@admin.register(VerificationRequest)
class VerificationRequestAdmin(ReadOnlyAdmin):
    list_display = ("title", "project", "centre", "state", "report_number", "created_at")
    list_filter = ("state",)
    search_fields = ("title", "report_number", "project__number")
    inlines = [RequestItemInline]


@admin.register(Commission)
class CommissionAdmin(ReadOnlyAdmin):
    list_display = ("title", "centre", "source_reference", "state", "created_at")
    list_filter = ("state",)
    search_fields = ("title", "source_reference")


@admin.register(PrecisionRound)
class PrecisionRoundAdmin(ReadOnlyAdmin):
    list_display = ("title", "centre", "kind", "created_at")
    exclude = ("result",)
