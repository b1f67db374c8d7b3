"""The page of one standard: facts, classifications, source and edition timeline."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from catalog.designations import try_parse
from catalog.editions import edition_timeline, find_editions, resolve_reference, resolve_standard
from catalog.models import Standard


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
            meant = resolve_reference(parsed).standard
            chosen = next((e for e in editions if meant and e.pk == meant.pk), editions[0])
            return redirect(chosen)
        return render(
            request,
            "catalog/standard_missing.html",
            {
                "designation": designation,
                "suggestion": parsed.canonical if parsed else designation,
                # Known only as the old end of a replacement (GB 50010-2010): say where it went.
                "resolution": resolve_reference(parsed) if parsed else None,
            },
            status=404,
        )
    timeline = edition_timeline(standard)
    resolution = resolve_standard(standard)
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
        "resolution": resolution,
        "in_force": _in_catalogue(request, resolution.use_instead, standard),
        "adopted": adopted,
        "as_of": standard.as_of or (standard.source.as_of if standard.source else None),
    }
    return render(request, "catalog/standard_detail.html", context)


def _in_catalogue(request: HttpRequest, designations: list[str], standard: Standard) -> list:
    """The editions to use instead that have a page, in the order resolution gave them."""
    if designations == [standard.designation]:
        return []
    found = {
        s.designation: s
        for s in Standard.objects.restrict(request.user, "view").filter(
            designation__in=designations
        )
    }
    return [found[d] for d in designations if d in found and d != standard.designation]
