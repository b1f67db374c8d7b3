"""Admin of conformity tests and evaluations: read-mostly, rows through `restrict()`.

States, results and answers change only through the services (audited), so the admin shows
them read-only.
"""

from django.contrib import admin

from core.admin import RestrictedAdminMixin
from verification.models import (
    BenefitEvaluation,
    BenefitFlow,
    ConformityItem,
    ConformityTest,
    Invitation,
    Question,
    Questionnaire,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ItemInline(ReadOnlyInline):
    model = ConformityItem


class FlowInline(ReadOnlyInline):
    model = BenefitFlow


class QuestionInline(ReadOnlyInline):
    model = Question


class InvitationInline(ReadOnlyInline):
    model = Invitation
    exclude = ("token_hash",)


class ReadOnlyAdmin(RestrictedAdminMixin, admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ConformityTest)
class ConformityTestAdmin(ReadOnlyAdmin):
    list_display = ("product", "model", "standard", "centre", "tested_on", "state", "report_number")
    list_filter = ("state",)
    search_fields = ("product", "model", "report_number", "standard__designation")
    inlines = [ItemInline]


@admin.register(BenefitEvaluation)
class BenefitEvaluationAdmin(ReadOnlyAdmin):
    list_display = ("title", "standard", "discount_rate", "created_at")
    inlines = [FlowInline]


@admin.register(Questionnaire)
class QuestionnaireAdmin(ReadOnlyAdmin):
    list_display = ("title", "standard", "body", "state", "created_at")
    list_filter = ("state",)
    inlines = [QuestionInline, InvitationInline]
