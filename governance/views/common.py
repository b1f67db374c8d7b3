"""What every governance page needs: rows the person may see, dates from forms, downloads."""

from __future__ import annotations

import datetime
import re

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from core.downloads import attachment
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
    """A generated file as an attachment, its name encoded as RFC 5987 says (UTF-8, quoted)."""
    return attachment(data, filename, content_type)


# The words of the download names, in the person's language ("动态监测-zlx-20261204.xlsx").
MONITORING_NAME = pgettext_lazy("file name", "monitoring")
BULLETIN_NAME = pgettext_lazy("file name", "progress-bulletin")
DOSSIER_NAMES = {
    "midterm": pgettext_lazy("file name", "mid-term-dossier"),
    "acceptance": pgettext_lazy("file name", "acceptance-dossier"),
    "annual": pgettext_lazy("file name", "annual-assessment-dossier"),
}


def file_name(*parts, ext: str) -> str:
    """Parts joined by hyphens, each without spaces or path separators, and the extension."""
    cleaned = [re.sub(r'[\s/\\:*?"<>|]+', "-", str(part)).strip("-") for part in parts]
    return "-".join(part for part in cleaned if part) + f".{ext}"


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
