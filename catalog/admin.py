"""Django admin for catalogue maintenance by the base office."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from audit.signals import audited_by_service
from catalog.models import (
    CatalogEvent,
    CcsCode,
    DataSource,
    IcsCode,
    ImportRun,
    IndustryCode,
    Publisher,
    RegionCode,
    Replacement,
    Standard,
    StandardCcs,
    StandardIcs,
)
from catalog.search import signals_paused
from catalog.services.formats import FORMATS, import_file
from catalog.services.imports import record_manual_change
from core.admin import ReadOnlyAdmin, RestrictedAdminMixin
from core.exceptions import DomainError


class StandardIcsInline(admin.TabularInline):
    model = StandardIcs
    extra = 0
    raw_id_fields = ["code"]


class StandardCcsInline(admin.TabularInline):
    model = StandardCcs
    extra = 0
    raw_id_fields = ["code"]


@admin.register(Standard)
class StandardAdmin(RestrictedAdminMixin, admin.ModelAdmin):
    list_display = ["designation", "title_zh", "title_en", "tier", "status", "issued", "source"]
    list_filter = ["tier", "status", "mandate", "source", "publisher"]
    search_fields = ["designation", "title_zh", "title_en", "series_key"]
    readonly_fields = [
        "series_key",
        "prefix",
        "body",
        "number",
        "part",
        "main_number",
        "year",
        "created_at",
        "updated_at",
    ]
    list_select_related = ["source", "publisher"]
    inlines = [StandardIcsInline, StandardCcsInline]
    show_full_result_count = False

    # The admin wraps the whole save in one transaction. The model signals are paused while
    # the standard and its inlines are written; then the service writes the events, indexes
    # once (with the new classifications) and writes the one audit entry.
    def save_model(self, request, obj, form, change):
        obj._admin_before = Standard.objects.filter(pk=obj.pk).first() if change else None
        with signals_paused():
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        with signals_paused():
            super().save_related(request, form, formsets, change)
        standard = form.instance
        record_manual_change(
            getattr(standard, "_admin_before", None), standard, user=request.user, request=request
        )

    def log_addition(self, request, obj, message):
        with audited_by_service():
            return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        with audited_by_service():
            return super().log_change(request, obj, message)


@admin.register(Replacement)
class ReplacementAdmin(admin.ModelAdmin):
    list_display = ["predecessor_designation", "successor_designation", "partial", "source"]
    search_fields = ["predecessor_designation", "successor_designation"]
    raw_id_fields = ["predecessor", "successor"]
    list_filter = ["partial", "source"]


class ImportForm(forms.Form):
    """Upload a catalogue file to import."""

    fmt = forms.ChoiceField(label=_("Format"), choices=[(k, v.label) for k, v in FORMATS.items()])
    file = forms.FileField(label=_("File"))
    source = forms.SlugField(
        label=_("Data source key"),
        required=False,
        help_text=_("Leave empty to use the format's default source."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        from django.conf import settings

        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise ValidationError(_("The file is too large."))
        return upload


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = [
        "started",
        "source",
        "fmt",
        "filename",
        "state_label",
        "created",
        "updated",
        "unchanged",
        "rejected",
    ]
    list_filter = ["job__state", "source", "fmt"]
    list_select_related = ["source", "job"]
    readonly_fields = [f.name for f in ImportRun._meta.fields]
    change_list_template = "admin/catalog/importrun/change_list.html"

    @admin.display(description=_("started at"), ordering="job__created_at")
    def started(self, run: ImportRun):
        return run.started_at

    @admin.display(description=_("state"), ordering="job__state")
    def state_label(self, run: ImportRun) -> str:
        return run.job.get_state_display()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="catalog_importrun_upload",
            ),
            *super().get_urls(),
        ]

    def upload_view(self, request):
        if not request.user.has_perm("catalog.add_standard"):
            messages.error(request, _("You may not import catalogue records."))
            return redirect("admin:catalog_importrun_changelist")
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            suffix = Path(upload.name).suffix.lower()[:10]
            with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
                for chunk in upload.chunks():
                    tmp.write(chunk)
                tmp.flush()
                try:
                    report = import_file(
                        Path(tmp.name),
                        fmt=form.cleaned_data["fmt"],
                        source_slug=form.cleaned_data["source"] or None,
                        user=request.user,
                        filename=upload.name,
                    )
                except DomainError as exc:
                    form.add_error("file", exc.message)
                else:
                    messages.success(request, report.summary())
                    return redirect(reverse("admin:catalog_importrun_change", args=[report.run_id]))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": _("Import catalogue records"),
            "opts": self.model._meta,
        }
        return render(request, "admin/catalog/importrun/upload.html", context)


@admin.register(CatalogEvent)
class CatalogEventAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "standard", "kind", "run"]
    list_filter = ["kind"]
    raw_id_fields = ["standard", "run"]
    search_fields = ["standard__designation"]


@admin.register(IcsCode)
class IcsCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "level"]
    search_fields = ["code", "name_zh", "name_en"]
    raw_id_fields = ["parent"]


@admin.register(CcsCode)
class CcsCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "level"]
    search_fields = ["code", "name_zh"]
    raw_id_fields = ["parent"]


admin.site.register(
    Publisher,
    search_fields=["code", "name_zh", "name_en"],
    list_display=["code", "name_zh", "name_en"],
)
admin.site.register(DataSource, list_display=["slug", "name", "licence", "as_of"])
admin.site.register(IndustryCode, list_display=["code", "name_zh", "name_en"])
admin.site.register(RegionCode, list_display=["code", "name_zh"])
