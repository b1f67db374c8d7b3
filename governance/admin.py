"""Admin of base governance.

Lists go through restrict(). Bases, contracts, plans and evaluations are created and moved
through their services (audited, with their rules), so the admin adds none of them and only
corrects descriptive fields; states, amounts, scores and what the services compute are shown
read-only. Records of what happened (documents, progress reports, KPI values, change
requests, panels, scores, findings) are read-only.
"""

from __future__ import annotations

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline, RestrictedAdminMixin
from governance.models import (
    AnnualPlan,
    Base,
    BudgetLine,
    ChangeRequest,
    Contract,
    ContractTask,
    Document,
    Evaluation,
    ExpertScore,
    Finding,
    Indicator,
    KpiValue,
    PanelMember,
    PaymentMilestone,
    PlanTask,
    ProgressReport,
    Rectification,
)


class _ServiceMadeAdmin(RestrictedAdminMixin, admin.ModelAdmin):
    """Rows made by a service: corrected here, never added or deleted by hand."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class _RecordAdmin(RestrictedAdminMixin, ReadOnlyAdmin):
    """What happened: shown, never changed (every change goes through the services)."""


@admin.register(Base)
class BaseAdmin(_ServiceMadeAdmin):
    list_display = ("code", "name", "state", "approved_on", "construction_ends")
    list_filter = ("state",)
    search_fields = ("code", "name", "field")
    readonly_fields = ("body", "code", "state", "created_by", "created_at", "updated_at")


@admin.register(Document)
class DocumentAdmin(_RecordAdmin):
    list_display = ("filename", "base", "kind", "stage", "file_kind", "size", "uploaded_at")
    list_filter = ("kind", "base")
    search_fields = ("title", "filename", "sha256")
    list_select_related = ("base",)
    date_hierarchy = "uploaded_at"


class ContractTaskInline(ReadOnlyInline):
    model = ContractTask
    fields = ("position", "title", "deliverable", "due_on", "status", "completion", "accepted_on")


class BudgetLineInline(ReadOnlyInline):
    model = BudgetLine
    fields = ("name", "amount")


class PaymentMilestoneInline(ReadOnlyInline):
    model = PaymentMilestone
    fields = ("title", "amount", "due_on", "completion", "released", "verified_on", "paid_on")


@admin.register(Contract)
class ContractAdmin(_ServiceMadeAdmin):
    list_display = ("number", "title", "base", "builder", "state", "starts_on", "ends_on")
    list_filter = ("state", "base")
    search_fields = ("number", "title", "builder__name")
    list_select_related = ("base", "builder")
    # Tasks, amounts and the funding rule change only through change requests.
    readonly_fields = (
        "base",
        "centre",
        "builder",
        "number",
        "state",
        "starts_on",
        "ends_on",
        "signed_on",
        "funding_rule",
        "created_by",
        "created_at",
        "updated_at",
    )
    inlines = (ContractTaskInline, BudgetLineInline, PaymentMilestoneInline)


@admin.register(ChangeRequest)
class ChangeRequestAdmin(_RecordAdmin):
    list_display = ("contract", "state", "task", "budget_line", "milestone", "created_at")
    list_filter = ("state",)
    search_fields = ("contract__number", "reason")
    list_select_related = ("contract", "task", "budget_line", "milestone")


class PlanTaskInline(ReadOnlyInline):
    model = PlanTask
    fields = ("title", "unit", "starts_on", "due_on", "progress", "completed_on")


@admin.register(AnnualPlan)
class AnnualPlanAdmin(_ServiceMadeAdmin):
    list_display = ("year", "title", "base", "state")
    list_filter = ("state", "year", "base")
    search_fields = ("title",)
    list_select_related = ("base",)
    readonly_fields = ("base", "year", "state", "created_by", "created_at", "updated_at")
    inlines = (PlanTaskInline,)


@admin.register(PlanTask)
class PlanTaskAdmin(_ServiceMadeAdmin):
    list_display = ("title", "plan", "unit", "due_on", "progress", "completed_on")
    list_filter = ("plan__year", "plan__base")
    search_fields = ("title", "unit__name")
    list_select_related = ("plan", "unit")
    # Progress comes from the units' reports; the overdue warning from the daily job.
    readonly_fields = (
        "plan",
        "contract_task",
        "unit",
        "progress",
        "completed_on",
        "warned_on",
    )


@admin.register(ProgressReport)
class ProgressReportAdmin(_RecordAdmin):
    list_display = ("task", "period", "percent", "reported_by", "reported_at")
    search_fields = ("task__title", "text")
    list_select_related = ("task", "reported_by")
    date_hierarchy = "period"


@admin.register(Indicator)
class IndicatorAdmin(_ServiceMadeAdmin):
    list_display = ("code", "name", "base", "level", "weight", "target", "unit", "source")
    list_filter = ("level", "source", "base")
    search_fields = ("code", "name")
    list_select_related = ("base",)
    readonly_fields = ("base", "parent", "level", "code")


@admin.register(KpiValue)
class KpiValueAdmin(_RecordAdmin):
    list_display = ("indicator", "period", "value", "computed", "recorded_at")
    list_filter = ("computed", "indicator__base")
    search_fields = ("indicator__code", "indicator__name")
    list_select_related = ("indicator",)
    date_hierarchy = "period"


class PanelMemberInline(ReadOnlyInline):
    model = PanelMember
    fields = ("position", "expert", "alternate")


@admin.register(Evaluation)
class EvaluationAdmin(_ServiceMadeAdmin):
    list_display = ("title", "base", "kind", "as_of", "state", "score", "grade")
    list_filter = ("kind", "state", "grade", "base")
    search_fields = ("title",)
    list_select_related = ("base",)
    # Only the title is corrected here; the rest follows the evaluation's rules.
    fields = (
        "title",
        "base",
        "kind",
        "as_of",
        "state",
        "panel_size",
        "drop_extremes",
        "thresholds",
        "draw",
        "score",
        "grade",
        "created_by",
    )
    readonly_fields = fields[1:]
    inlines = (PanelMemberInline,)


@admin.register(PanelMember)
class PanelMemberAdmin(_RecordAdmin):
    list_display = ("evaluation", "position", "expert", "alternate")
    list_filter = ("alternate",)
    search_fields = ("evaluation__title", "expert__username")
    list_select_related = ("evaluation", "expert")


@admin.register(ExpertScore)
class ExpertScoreAdmin(_RecordAdmin):
    list_display = ("evaluation", "member", "indicator", "score")
    search_fields = ("evaluation__title", "indicator__code")
    list_select_related = ("evaluation", "member__expert", "indicator")


@admin.register(Finding)
class FindingAdmin(_RecordAdmin):
    list_display = ("__str__", "evaluation", "created_at")
    search_fields = ("text", "evaluation__title")
    list_select_related = ("evaluation",)


@admin.register(Rectification)
class RectificationAdmin(_ServiceMadeAdmin):
    list_display = ("title", "unit", "due_on", "state")
    list_filter = ("state",)
    search_fields = ("title", "unit__name")
    list_select_related = ("unit",)
    readonly_fields = ("finding", "unit", "state", "result", "evidence", "created_at", "updated_at")
