from django.contrib import admin

from jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "title", "state", "done", "total", "started_by", "created_at"]
    list_filter = ["state", "kind"]
    search_fields = ["title", "error"]
    readonly_fields = [f.name for f in Job._meta.fields]
