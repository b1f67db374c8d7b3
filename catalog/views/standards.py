"""The page of one standard: facts, classifications, source and edition timeline."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from catalog.designations import try_parse
from catalog.models import Standard, Status
from catalog.services.editions import edition_timeline, find_editions, follow_replacements


def _preferred_edition(editions: list[Standard]) -> Standard:
    """The edition an undated reference means: the current one, else the newest."""
    for standard in editions:
        if standard.status == Status.CURRENT:
            return standard
    return editions[0]


@require_GET
def standard_detail(request: HttpRequest, designation: str) -> HttpResponse:
    """Show a standard; redirect other spellings to the canonical address; 404 otherwise."""
    standard = (
        Standard.objects.restrict(request.user, "view")
        .select_related("publisher", "source")
        .filter(designation=designation)
        .first()
    )
    if standard is None:
        parsed = try_parse(designation)
        editions = find_editions(parsed) if parsed else []
        if editions:
            if parsed.dated:
                return redirect(editions[0], permanent=True)
            # An undated reference means the latest edition, which changes over time.
            return redirect(_preferred_edition(editions))
        return render(
            request,
            "catalog/standard_missing.html",
            {"designation": designation, "suggestion": parsed.canonical if parsed else designation},
            status=404,
        )
    timeline = edition_timeline(standard)
    in_force = (
        follow_replacements(standard)
        if standard.status in (Status.REPLACED, Status.WITHDRAWN)
        else []
    )
    adopted = (
        Standard.objects.restrict(request.user, "view")
        .filter(designation=standard.adopted_designation)
        .first()
        if standard.adopted_designation
        else None
    )
    context = {
        "standard": standard,
        "ics_links": standard.ics_links.select_related("code").order_by("position"),
        "ccs_links": standard.ccs_links.select_related("code").order_by("position"),
        "timeline": timeline,
        # Replacement links point at a page only for editions that are in the catalogue.
        "linked": {entry.designation for entry in timeline if entry.standard},
        "in_force": in_force,
        "adopted": adopted,
        "as_of": standard.as_of or (standard.source.as_of if standard.source else None),
    }
    return render(request, "catalog/standard_detail.html", context)
