"""Pages of a background job: its detail, the polled progress fragment and cancel."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.exceptions import DomainError
from core.htmx import pick_template
from jobs.models import Job
from jobs.services import cancel_job, job_summary


def visible_job(request: HttpRequest, pk: int) -> Job:
    """A job the visitor may see (their own, or any with the view permission)."""
    job = Job.objects.restrict(request.user, "view").filter(pk=pk).first()
    if job is None:
        raise Http404(_("No such job."))
    return job


def job_context(request: HttpRequest, job: Job) -> dict:
    """What the progress fragment needs: the job, its kind's summary, whether to show the log."""
    template, extra = job_summary(job)
    return {
        **extra,
        "job": job,
        "summary": template,
        "show_log": request.user.has_perm("jobs.view_job"),
    }


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A job's state, progress, messages and result link."""
    job = visible_job(request, pk)
    template = pick_template(request, "jobs/detail.html", "jobs/partials/progress.html")
    return render(request, template, job_context(request, job))


@login_required
@require_GET
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment, polled by htmx every second until the job has finished."""
    return render(
        request, "jobs/partials/progress.html", job_context(request, visible_job(request, pk))
    )


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel a queued or running job."""
    job = visible_job(request, pk)
    try:
        cancel_job(job, request.user, request=request)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The job was cancelled or will stop at its next step."))
    return redirect(job)
