"""Admin of standards development (lists through restrict())."""

from django.contrib import admin

from core.admin import RestrictedAdminMixin
from development.models import ActionItem, AllianceProfile, Draft, Project, Proposal, ScheduleRule


@admin.register(AllianceProfile)
class AllianceProfileAdmin(RestrictedAdminMixin, admin.ModelAdmin):
    list_display = ("body", "ics", "ccs", "next_number", "auto_cancel", "review_years")
    readonly_fields = ("body",)


@admin.register(ScheduleRule)
class ScheduleRuleAdmin(RestrictedAdminMixin, admin.ModelAdmin):
    list_display = ("body", "track", "stage", "months")
    list_filter = ("track",)


@admin.register(Proposal)
class ProposalAdmin(RestrictedAdminMixin, admin.ModelAdmin):
    list_display = ("title", "body", "author", "state", "created_at")
    list_filter = ("state",)
    search_fields = ("title",)
    readonly_fields = ("state", "novelty", "novelty_checked_at")


@admin.register(Project)
class ProjectAdmin(RestrictedAdminMixin, admin.ModelAdmin):
    list_display = ("number", "title", "body", "state", "target_date", "designation")
    list_filter = ("stage_main", "track")
    search_fields = ("number", "title", "designation")
    readonly_fields = ("state", "stage_main", "designation", "standard")


@admin.register(Draft)
class DraftAdmin(RestrictedAdminMixin, admin.ModelAdmin):
    list_display = ("project", "kind", "version", "filename", "created_at")
    list_filter = ("kind",)
    readonly_fields = ("sha256", "size", "text", "clauses", "references")


@admin.register(ActionItem)
class ActionItemAdmin(RestrictedAdminMixin, admin.ModelAdmin):
    list_display = ("project", "kind", "title", "created_at", "resolved_at")
    list_filter = ("kind",)
