"""Match score of experts for a topic, with the evidence that matched (informal ranking only).

Matching ranks the pool for consultation; a formal panel is always drawn at random
(`talent.services.draw_requests`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from talent.models import Expert, ExpertStandard

WEIGHTS = {"drafted": 3.0, "reviewed": 2.0, "field": 2.0, "field_parent": 1.0, "keyword": 1.5}
MIN_OVERLAP = 0.3  # share of a standard title's terms found in the topic to count as evidence
LATIN = re.compile(r"[a-z0-9]{3,}")
HAN = re.compile(r"[\u4e00-\u9fff]+")
STOP = frozenset(
    {"the", "and", "for", "with", "技术", "要求", "方法", "规范", "标准", "通则", "指南"}
)


def terms(text: str) -> set[str]:
    """Comparable terms of a text: Latin words and the character pairs of Chinese runs."""
    text = text.lower()
    found = {w for w in LATIN.findall(text) if w not in STOP}
    for run in HAN.findall(text):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
        if len(run) == 1:
            found.add(run)
    return found - STOP


@dataclass
class Match:
    """One expert's score for the topic and the evidence behind it."""

    expert: Expert
    score: float
    evidence: list[str] = field(default_factory=list)


def score_expert(expert: Expert, topic: set[str], codes: list[str], text: str) -> Match:
    """The expert's match: standards drafted/reviewed, declared fields and keywords."""
    match = Match(expert, 0.0)
    for link in expert.standards.all():
        standard = link.standard
        own = terms(f"{standard.title_zh} {standard.title_en}")
        if not own:
            continue
        overlap = len(own & topic) / len(own)
        if overlap >= MIN_OVERLAP:
            match.score += WEIGHTS[link.role] * overlap
            match.evidence.append(
                _("%(role)s %(designation)s %(title)s (%(share)d%% of its title terms)")
                % {"role": link.get_role_display(), "designation": standard.designation,
                   "title": standard.title_zh or standard.title_en, "share": round(overlap * 100)}
            )  # fmt: skip
    declared = [f.code for f in expert.fields.all()]
    for code in codes:
        if code in declared:
            match.score += WEIGHTS["field"]
            match.evidence.append(_("declared field %(code)s") % {"code": code})
            continue
        near = [d for d in declared if d.startswith(f"{code}.") or code.startswith(f"{d}.")]
        if near:
            match.score += WEIGHTS["field_parent"]
            match.evidence.append(
                _("declared field %(near)s, related to %(code)s")
                % {"near": ", ".join(near), "code": code}
            )
    for keyword in expert.keywords:
        if keyword.strip() and keyword.strip().lower() in text:
            match.score += WEIGHTS["keyword"]
            match.evidence.append(_("keyword “%(keyword)s”") % {"keyword": keyword})
    match.score = round(match.score, 2)
    return match


def match_experts(user, title: str, scope: str = "", codes: list[str] | None = None,
                  *, limit: int = 20) -> list[Match]:  # fmt: skip
    """The active experts the user may see, best match for the topic first, with evidence."""
    text = f"{title} {scope}".lower()
    topic = terms(text)
    codes = [c.strip() for c in codes or [] if c.strip()]
    rows = (
        Expert.objects.restrict(user, "view")
        .filter(state="active")
        .prefetch_related(
            "fields",
            Prefetch("standards", ExpertStandard.objects.select_related("standard")),
        )
    )
    matches = [score_expert(e, topic, codes, text) for e in rows]
    matches = [m for m in matches if m.score > 0]
    matches.sort(key=lambda m: (-m.score, m.expert.name, m.expert.pk))
    return matches[:limit]
