"""Drawing an evaluation's expert panel: the one place that knows where experts come from.

Today the pool is the base's expert committee and the draw is the pure verifiable core
`talent.services.draws.draw_panel`. When the talent centre's draw requests land, only
`draw_experts` changes.
"""

from __future__ import annotations

from accounts.models import Membership
from governance.services.bases import expert_committee
from talent.services.draws import Draw, DrawRequest, Expert, draw_panel


def _party_orgs(evaluation) -> frozenset[str]:
    """The organisations evaluated: the builder units of the base's contracts."""
    return frozenset(evaluation.base.contracts.values_list("builder__name", flat=True).distinct())


def draw_experts(evaluation, *, alternates: int = 1, seed: bytes | None = None) -> Draw:
    """Draw the panel from the base's expert committee, keeping out the evaluated units' staff."""
    people = expert_committee(evaluation.base)
    orgs = {
        m.user_id: m.organization.name
        for m in Membership.objects.filter(user__in=people).select_related("organization")
    }
    pool = [Expert(id=str(person.pk), org=orgs.get(person.pk, "")) for person in people]
    request = DrawRequest(
        need=evaluation.panel_size,
        # An alternate only when the committee has one to spare beyond the panel.
        alternates=alternates if len(pool) > evaluation.panel_size else 0,
        exclude_orgs=_party_orgs(evaluation),
        object_id=f"governance.evaluation:{evaluation.pk}",
        as_of=evaluation.as_of,
    )
    return draw_panel(pool, request, seed)
