"""The novelty check of a proposal (查新): what the catalogue and other projects already hold."""

from __future__ import annotations

import re

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.designations import try_parse
from catalog.models import Standard, Status
from catalog.search import SearchError, SearchQuery, search

MAX_HITS = 10
# "第1部分：通用要求" and similar tails: the core title is what other standards share.
_PART_TAIL = re.compile(r"\s*(第\s*\d+\s*部分|part\s*\d+)\s*[:：].*$", re.IGNORECASE)


def _row(std: Standard, **extra) -> dict:
    return {
        "designation": std.designation,
        "title": std.title,
        "status": std.status,
        "status_label": str(Status(std.status).label) if std.status in Status.values else "",
        **extra,
    }


def title_hits(title: str) -> list[dict]:
    """Catalogue standards with the same or a similar title, best first."""
    rows: dict[str, dict] = {}
    texts = [title]
    core = _PART_TAIL.sub("", title).strip()
    if core and core != title:
        texts.append(core)
    for text in texts:
        try:
            result = search(SearchQuery(text=text, page_size=MAX_HITS, facets=False))
        except SearchError:
            continue
        for hit in result.hits:
            std = hit.standard
            same = (std.title_zh or "").strip() == title.strip()
            rows.setdefault(std.designation, _row(std, same_title=same))
    return sorted(rows.values(), key=lambda r: not r["same_title"])[:MAX_HITS]


def ics_hits(ics: str) -> dict:
    """Standards in force in the same ICS classes: how many, and the newest few."""
    codes = ics.split()
    if not codes:
        return {"codes": [], "count": 0, "standards": []}
    in_class = Standard.objects.filter(
        ics_links__code__code__in=codes, status=Status.CURRENT
    ).distinct()
    newest = in_class.order_by("-issued", "designation")[:MAX_HITS]
    return {"codes": codes, "count": in_class.count(), "standards": [_row(s) for s in newest]}


def adoption_hits(designation: str) -> list[dict]:
    """National, industry or group standards that already adopt the international standard."""
    parsed = try_parse(designation)
    if parsed is None:
        return []
    query = Q(adopted_designation=parsed.canonical) | Q(
        adopted_designation__startswith=parsed.series_key
    )
    found = Standard.objects.filter(query).order_by("-issued")[:MAX_HITS]
    return [_row(s, adopts=s.adopted_designation, degree=s.adoption_degree) for s in found]


def project_hits(proposal) -> list[dict]:
    """Projects in progress anywhere on the platform with the same title or adopted standard."""
    from development.models import Project

    query = Q(title=proposal.title)
    if proposal.adopted_designation:
        query |= Q(adopted_designation=proposal.adopted_designation)
    rows = Project.objects.in_progress().filter(query).select_related("body")[:MAX_HITS]
    return [
        {"number": p.number, "title": p.title, "body": str(p.body), "stage": p.state} for p in rows
    ]


def novelty_report(proposal) -> dict:
    """Every kind of hit for a proposal, with a summary sentence per kind."""
    titles = title_hits(proposal.title)
    ics = ics_hits(proposal.ics)
    adoptions = adoption_hits(proposal.adopted_designation) if proposal.adopted_designation else []
    projects = project_hits(proposal)
    same = [r for r in titles if r["same_title"]]
    summary = []
    if same:
        summary.append(_("%(n)d catalogue standards have the same title.") % {"n": len(same)})
    if len(titles) > len(same):
        summary.append(
            _("%(n)d catalogue standards have a similar title.") % {"n": len(titles) - len(same)}
        )
    if ics["count"]:
        summary.append(
            _("%(n)d standards in force share the ICS classes %(codes)s.")
            % {"n": ics["count"], "codes": " ".join(ics["codes"])}
        )
    if adoptions:
        summary.append(
            _("%(designation)s is already adopted by %(list)s.")
            % {
                "designation": proposal.adopted_designation,
                "list": "、".join(r["designation"] for r in adoptions),
            }
        )
    if projects:
        summary.append(
            _("%(n)d projects in progress have the same title or adopted standard.")
            % {"n": len(projects)}
        )
    if not summary:
        summary.append(_("No catalogue standard or project overlaps with this proposal."))
    return {
        "titles": titles,
        "ics": ics,
        "adoptions": adoptions,
        "projects": projects,
        "summary": summary,
        "hits": len(titles) + len(adoptions) + len(projects),
    }


def run_novelty_check(proposal) -> dict:
    """Check a submitted proposal against the catalogue and store the hits for the reviewers."""
    report = novelty_report(proposal)
    proposal.novelty = report
    proposal.novelty_checked_at = timezone.now()
    proposal.save(update_fields=["novelty", "novelty_checked_at", "updated_at"])
    from development.services.notices import PROPOSAL_SUBMITTED, notify_secretariat

    notify_secretariat(
        proposal,
        PROPOSAL_SUBMITTED,
        _("Proposal submitted: %(title)s") % {"title": proposal.title},
        " ".join(report["summary"]),
        key=f"development:proposal:{proposal.pk}:submitted",
    )
    return report
