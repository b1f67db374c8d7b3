"""The audit administrator's pages: search, filter, paginate, export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from audit.exports import export_entries
from audit.filters import AuditFilterForm
from audit.models import AuditEntry

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _entries(request, action: str = "view"):
    entries = AuditEntry.objects.restrict(request.user, action)
    if not entries.query.is_empty():
        return entries
    raise PermissionDenied


@login_required
def entry_list(request):
    """Search and filter the trail, newest first, 50 per page."""
    entries = _entries(request)
    form = AuditFilterForm(request.GET or None)
    if form.is_bound:
        entries = form.filter(entries)
    page = Paginator(entries.order_by("-sequence"), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/entry_list.html",
        {"form": form, "page": page, "querystring": query.urlencode()},
    )


@login_required
def entry_detail(request, pk: int):
    entry = get_object_or_404(_entries(request), pk=pk)
    return render(request, "audit/entry_detail.html", {"entry": entry})


@login_required
def entry_export(request, fmt: str):
    """Download the filtered entries as CSV or xlsx (the download is audited)."""
    entries = _entries(request, "export")
    form = AuditFilterForm(request.GET or None)
    if form.is_bound:
        entries = form.filter(entries)
    filters = {k: v for k, v in request.GET.items() if v and k != "page"}
    data = export_entries(entries, fmt, actor=request.user, request=request, filters=filters)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.{fmt}"'
    return response
