"""What the home page adds to the search page: the catalogue's holdings, example searches
chosen from it, and how an administrator loads more."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from catalog.forms import SearchParams
from catalog.services.holdings import describe_catalogue
from catalog.services.suggestions import Suggestions, suggest_examples

TEMPLATE_PATH = settings.BASE_DIR / "data" / "templates" / "standards-template.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def import_page_url() -> str:
    """The web import page (built by the jobs app), or "" where it is not installed."""
    try:
        return reverse("catalog:import")
    except NoReverseMatch:
        return ""


def example_context(path: str) -> dict:
    """Example searches for the search box, the chips and the no-results hints."""
    suggestions: Suggestions = suggest_examples()
    return {
        "suggestions": suggestions,
        "examples": [(q, SearchParams(text=q).url(path)) for q in suggestions.chips],
        "placeholder_examples": suggestions.placeholder_examples,
    }


def home_context(request: HttpRequest) -> dict:
    """The holdings of the catalogue and, for those who may import, how to load more."""
    can_import = request.user.has_perm("catalog.add_standard")
    return {
        "holdings": describe_catalogue(),
        "can_import": can_import,
        "import_url": import_page_url() if can_import else "",
    }


@require_GET
def import_template(request: HttpRequest) -> FileResponse:
    """Download the spreadsheet template of the base office (docs/import-template.md)."""
    if not TEMPLATE_PATH.is_file():
        raise Http404("template")
    return FileResponse(
        TEMPLATE_PATH.open("rb"),
        as_attachment=True,
        filename="standards-template.xlsx",
        content_type=XLSX,
    )
