"""Admin views of training (read-only: every change goes through the audited services)."""

from django.contrib import admin

from core.admin import RestrictedAdminMixin
from talent.models import Certificate, Course, Enrolment, Feedback, TrainingSession


class ReadOnlyAdmin(RestrictedAdminMixin, admin.ModelAdmin):
    """Rows through `restrict()`; nothing is added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Course)
class CourseAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "level", "hours", "pass_mark", "centre"]
    list_filter = ["level"]
    search_fields = ["code", "title"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "state", "starts_at", "capacity"]
    list_filter = ["state"]
    search_fields = ["course__title", "title"]


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    list_display = ["person", "session", "status", "attended", "exam_score", "organization"]
    list_filter = ["status", "attended"]
    search_fields = ["person__username", "person__display_name"]


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ["enrolment", "created_at"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["number", "holder_name", "course_title", "hours", "issued_on", "revoked_at"]
    search_fields = ["number", "code", "holder_name"]
