"""Admin of standards development (lists through restrict(); comments and ballots read-only)."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline, RestrictedAdminMixin
from development.models import (
    ActionItem,
    AllianceProfile,
    Ballot,
    BallotVoter,
    Comment,
    CommentWindow,
    Draft,
    Project,
    Proposal,
    ScheduleRule,
)


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


class _ReviewAdmin(RestrictedAdminMixin, ReadOnlyAdmin):
    """Comments and ballots are read here; every change goes through the services (audited)."""


@admin.register(CommentWindow)
class CommentWindowAdmin(_ReviewAdmin):
    list_display = ("draft", "opens_at", "closes_at", "closed_at")
    raw_id_fields = ("draft", "opened_by")


@admin.register(Comment)
class CommentAdmin(_ReviewAdmin):
    list_display = ("draft", "number", "clause", "kind", "organisation", "resolution")
    list_filter = ("kind", "resolution")
    search_fields = ("text", "organisation", "clause")
    raw_id_fields = ("window", "draft", "author", "resolved_by")


class VoterInline(ReadOnlyInline):
    model = BallotVoter
    raw_id_fields = ("user",)


@admin.register(Ballot)
class BallotAdmin(_ReviewAdmin):
    list_display = ("draft", "rule_code", "opens_at", "closes_at", "closed_at", "passed")
    list_filter = ("rule_code", "passed")
    raw_id_fields = ("draft", "opened_by")
    inlines = (VoterInline,)
