"""Pages of validity checks: submit, progress, results, exports, re-run, verification."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from checks.forms import AddFromCheckForm, CheckForm
from checks.models import Check, Verdict
from checks.reports.pdf import build_pdf
from checks.reports.xlsx import build_xlsx
from checks.services import watchlists
from checks.services.access import session_key as _session_key
from checks.services.access import visible_checks
from checks.services.changes import compare_runs
from checks.services.checking import CheckRequest, create_check, rerun_check, start_check
from checks.services.verification import normalize_code, verify_check
from core.exceptions import DomainError
from core.htmx import is_htmx, pick_template
from core.ratelimit import ratelimit

PAGE_SIZE = 50


def _get_check(request: HttpRequest, pk: int) -> Check:
    check = visible_checks(request).filter(pk=pk).first()
    if check is None:
        raise Http404(_("No such check."))
    return check


@ratelimit("upload")
def index(request: HttpRequest) -> HttpResponse:
    """The check form and the visitor's recent checks; POST submits a new check (rate-limited)."""
    form = CheckForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check = create_check(
                CheckRequest(
                    text=data.get("text") or "",
                    upload=data.get("file"),
                    as_of=data.get("as_of"),
                    title=data.get("title") or "",
                ),
                owner=request.user,
                session_key=_session_key(request),
                http_request=request,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            start_check(check)
            return redirect(check)
    recent = visible_checks(request)[:20]
    return render(request, "checks/index.html", {"form": form, "recent": recent})


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Results with counts and filters, or the progress bar while the check runs."""
    check = _get_check(request, pk)
    if not check.is_finished:
        return render(
            request,
            pick_template(request, "checks/detail.html", "checks/partials/progress.html"),
            {"check": check},
        )
    items = check.items.all()
    status = request.GET.get("status", "")
    query = (request.GET.get("q") or "").strip()
    if status in Verdict.values:
        items = items.filter(status=status)
    if query:
        items = items.filter(
            Q(designation__icontains=query)
            | Q(input__icontains=query)
            | Q(standard_title__icontains=query)
        )
    page = Paginator(items.order_by("position"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "check": check,
        "page": page,
        "status": status,
        "q": query,
        "verdicts": [(v, label, check.counts.get(v, 0)) for v, label in Verdict.choices],
        "changes": compare_runs(check) if check.previous_id else None,
        "watch_form": AddFromCheckForm(user=request.user),
    }
    if is_htmx(request) and request.headers.get("HX-Target") == "check-results":
        return render(request, "checks/partials/results.html", context)
    return render(request, "checks/detail.html", context)


@require_GET
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment polled by htmx; tells the page to reload once finished."""
    check = _get_check(request, pk)
    response = render(request, "checks/partials/progress.html", {"check": check})
    if check.is_finished:
        response["HX-Redirect"] = check.get_absolute_url()
    return response


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_GET
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The results as a workbook with the original rows and status columns."""
    check = _get_check(request, pk)
    if check.state != Check.State.SUCCEEDED:
        raise Http404(_("The check has not finished."))
    response = HttpResponse(
        build_xlsx(check, _base_url(request)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="check-{check.pk}.xlsx"'
    return response


@require_GET
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The 查新报告 as PDF."""
    check = _get_check(request, pk)
    if check.state != Check.State.SUCCEEDED:
        raise Http404(_("The check has not finished."))
    response = HttpResponse(build_pdf(check, _base_url(request)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="check-{check.pk}.pdf"'
    return response


@require_POST
@ratelimit("upload")
def rerun(request: HttpRequest, pk: int) -> HttpResponse:
    """Run the same list again against today's catalogue."""
    check = _get_check(request, pk)
    try:
        new = rerun_check(
            check,
            owner=request.user if request.user.is_authenticated else None,
            http_request=request,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(check)
    start_check(new)
    return redirect(new)


@require_POST
def watch(request: HttpRequest, pk: int) -> HttpResponse:
    """Watch every standard the check found, in one click."""
    check = _get_check(request, pk)
    if not request.user.is_authenticated:
        messages.error(request, _("Sign in to watch standards."))
        return redirect(check)
    form = AddFromCheckForm(request.POST, user=request.user)
    try:
        if not form.is_valid():
            raise DomainError(_("Choose a watch list."))
        target = form.cleaned_data["watchlist"] or watchlists.create_watchlist(
            request.user, (_("Check %(name)s") % {"name": str(check)})[:100], request=request
        )
        added = watchlists.add_from_check(target, request.user, check, request=request)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(check)
    messages.success(
        request,
        _("%(count)d standards added to “%(name)s”.") % {"count": added, "name": target.name},
    )
    return redirect(target)


@require_GET
def verify(request: HttpRequest, code: str = "") -> HttpResponse:
    """Anyone can confirm a report: the check date, counts and whether the content is intact."""
    code = code or request.GET.get("code", "")
    normalized = normalize_code(code)
    if code and normalized and normalized != code:
        return redirect(reverse("checks:verify", args=[normalized]))
    check, intact = verify_check(code) if code else (None, False)
    return render(
        request,
        "checks/verify.html",
        {"code": code, "check": check, "intact": intact, "searched": bool(code)},
    )
