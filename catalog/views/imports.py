"""The web import page: staff upload a catalogue file and follow its import job."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalog.services.formats import FORMATS
from catalog.services.web_imports import WEB_FORMATS, may_import, queue_uploaded_import
from catalog.tasks import IMPORT_UPLOAD
from core.exceptions import DomainError
from jobs.models import Job
from jobs.views import job_context


class UploadImportForm(forms.Form):
    """A catalogue file and, optionally, its format and data source."""

    file = forms.FileField(label=_("Catalogue file (xlsx or CSV)"))
    fmt = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[
            ("", _("Detect from the file name")),
            *((k, FORMATS[k].label) for k in WEB_FORMATS),
        ],
    )
    source = forms.SlugField(
        label=_("Data source key"),
        required=False,
        help_text=_("Leave empty to use the format's default source."),
    )


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload form, the job being followed (?job=) and the recent imports."""
    if not may_import(request.user):
        raise PermissionDenied
    form = UploadImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = queue_uploaded_import(
                data["file"],
                user=request.user,
                fmt=data["fmt"],
                source_slug=data["source"],
                request=request,
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect(reverse("catalog:import") + f"?job={job.pk}")
    jobs = Job.objects.restrict(request.user, "view").filter(kind=IMPORT_UPLOAD)
    followed = (
        jobs.filter(pk=request.GET.get("job")).first()
        if request.GET.get("job", "").isdigit()
        else None
    )
    context = {"form": form, "recent": jobs[:10], "followed": followed}
    if followed:
        context.update(job_context(request, followed))
    return render(request, "catalog/import.html", context)
