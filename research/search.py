"""Searchable documents of the research library: reports by title, summary and full text."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.registry import SearchDocument, SearchIndex, Visibility, register_search
from research.models import Report


@register_search
class ReportIndex(SearchIndex):
    """Public reports are found by anyone; internal ones by the uploader and the centre."""

    model = Report
    label = _("Research reports")

    def document(self, obj: Report) -> SearchDocument:
        return SearchDocument(
            title=obj.title,
            text="\n".join(part for part in (obj.authors, obj.field, obj.summary, obj.full_text)),
            url=reverse("research:report", args=[obj.pk]),
            visibility=Visibility.PUBLIC if obj.is_public else Visibility.RESTRICTED,
            owner_id=obj.created_by_id,
            body_id=obj.centre_id,
        )
