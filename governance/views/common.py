"""What every governance page needs: rows the person may see, dates from forms, downloads."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from governance.exceptions import GovernanceError


def get_or_404(model, user, pk, action: str = "view"):
    """The row with this key among those `user` may act on, or 404."""
    row = model.objects.restrict(user, action).filter(pk=pk).first()
    if row is None:
        raise Http404(_("Not found, or you may not see it."))
    return row


def parse_date(value: str | None, what: str) -> datetime.date:
    """A date typed as YYYY-MM-DD, or a readable error."""
    try:
        return datetime.date.fromisoformat((value or "").strip())
    except ValueError:
        raise GovernanceError(
            _("%(what)s: give a date such as 2026-06-30.") % {"what": what}
        ) from None


def download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    """A generated file as an attachment."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
