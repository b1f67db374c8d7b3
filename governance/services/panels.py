"""Drawing an evaluation's expert panel: the one place that knows where experts come from.

The panel is drawn by the talent centre's fair draw: a draw request on the expert database
with the evaluation as its object (`talent.services.draw_requests.create_draw_request(...,
commit=True)` freezes the pool and publishes the commitment, `perform_draw` draws and
invites). The builder units of the base's contracts are the parties: their staff are kept
out. Running a draw is the talent centre's office right (`talent.add_expertdraw`), which the
platform's base office holds; a base's own office staff without it are refused here.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from governance.exceptions import GovernancePermissionError
from talent.models import ExpertDraw, Invitation, Purpose
from talent.services.draw_requests import create_draw_request, perform_draw
from talent.services.draws import DrawImpossible

#: The permission talent requires of whoever runs a draw.
DRAW_PERMISSION = "talent.add_expertdraw"
PURPOSES = {"midterm": Purpose.EVALUATION, "acceptance": Purpose.ACCEPTANCE}


def party_orgs(evaluation) -> list[str]:
    """The organisations evaluated: the builder units of the base's contracts."""
    names = evaluation.base.contracts.values_list("builder__name", flat=True).distinct()
    return sorted(set(names))


def object_ref(evaluation) -> str:
    """How the draw names its object (the evaluation)."""
    return f"governance.evaluation:{evaluation.pk}"


def may_draw(user) -> bool:
    """Whether the person may run the talent centre's draw."""
    return user is None or user.has_perm(DRAW_PERMISSION)


def draw_experts(evaluation, actor, *, alternates: int = 1, request=None) -> ExpertDraw:
    """Request, commit and perform the talent draw for the evaluation's panel (and alternates)."""
    if not may_draw(actor):
        raise GovernancePermissionError(
            _("Expert panels are drawn by the talent centre's office (the expert draw right).")
        )
    values = {
        "purpose": PURPOSES.get(evaluation.kind, Purpose.OTHER),
        "criteria": {},
        "size": evaluation.panel_size,
        "object_type": "governance.evaluation",
        "object_ref": object_ref(evaluation),
        "object_title": evaluation.title,
        "party_orgs": party_orgs(evaluation),
        "commit": True,
        "request": request,
    }
    try:
        draw = create_draw_request(actor, alternates=alternates, **values)
    except DrawImpossible:
        if not alternates:
            raise
        # The pool holds the panel but no alternate to spare: draw the panel alone.
        draw = create_draw_request(actor, alternates=0, **values)
    return perform_draw(actor, draw, request=request)


def seats(draw: ExpertDraw) -> list[tuple[int, int, bool]]:
    """(user id, position, alternate) of every drawn seat, in draw order."""
    rows = draw.invitations.filter(replaces__isnull=True).select_related("expert")
    return [
        (i.expert.user_id, i.position, i.seat == Invitation.Seat.ALTERNATE)
        for i in rows.order_by("position")
    ]
