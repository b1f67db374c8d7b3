"""Review by the drawn panel: a configurable score sheet, marks, and conflicts at scoring."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from core.exceptions import DomainError
from talent.models import ExpertDraw, Invitation, InvitationEvent, Score, ScoreSheet

MAX_CRITERIA = 20


class ReviewError(DomainError):
    """A score sheet or a mark that cannot be saved."""

    code = "review_invalid"


def create_score_sheet(
    actor, draw: ExpertDraw, criteria: list[dict], *, max_mark: int = 100, request=None
) -> ScoreSheet:
    """Set the criteria (label, weight) the drawn panel scores the draw's object with."""
    if not actor.has_perm("talent.add_scoresheet"):
        raise ReviewError(_("Only the base office sets score sheets."))
    if draw.state != "drawn":
        raise ReviewError(_("A score sheet belongs to a draw that has been made."))
    if ScoreSheet.objects.filter(draw=draw).exists():
        raise ReviewError(_("This draw already has a score sheet."))
    if not 1 <= max_mark <= 1000:
        raise ReviewError(_("The highest mark is between 1 and 1000."))
    rows = []
    for n, item in enumerate(criteria, start=1):
        label = str(item.get("label", "")).strip()[:200]
        try:
            weight = Decimal(str(item.get("weight", "")))
        except ArithmeticError:
            weight = Decimal(0)
        if not label or not weight.is_finite() or weight <= 0:
            raise ReviewError(_("Criterion %(n)d needs a name and a positive weight.") % {"n": n})
        rows.append({"code": f"c{n}", "label": label, "weight": str(weight)})
    if not 1 <= len(rows) <= MAX_CRITERIA:
        raise ReviewError(_("A score sheet has 1 to %(max)d criteria.") % {"max": MAX_CRITERIA})
    with transaction.atomic():
        sheet = ScoreSheet.objects.create(
            draw=draw, criteria=rows, max_mark=max_mark, created_by=actor
        )
        log_action("talent.review.sheet_created", actor=actor, obj=draw,
                   after={"criteria": rows, "max_mark": max_mark}, request=request)  # fmt: skip
    return sheet


def _seat_of(user, sheet: ScoreSheet) -> Invitation:
    seat = Invitation.objects.filter(
        draw=sheet.draw, expert__user=user, status=Invitation.Status.CONFIRMED
    ).first()
    if seat is None or not user.is_authenticated:
        raise ReviewError(_("Only a confirmed member of the panel scores."))
    if sheet.closed_at:
        raise ReviewError(_("Scoring is closed."))
    if Score.objects.filter(invitation=seat).exists():
        raise ReviewError(_("You have already handed in your score sheet."))
    return seat


def weighted_total(sheet: ScoreSheet, marks: dict[str, Decimal]) -> Decimal:
    """Σ weight × mark / Σ weight, rounded to two places."""
    weights = {c["code"]: Decimal(c["weight"]) for c in sheet.criteria}
    total = sum(weights[code] * marks[code] for code in weights) / sum(weights.values())
    return total.quantize(Decimal("0.01"))


def submit_scores(
    user, sheet: ScoreSheet, marks: dict[str, str], comments: dict[str, str] | None = None,
    *, request=None,
) -> Score:  # fmt: skip
    """Hand in a panel member's marks (every criterion, 0 to the highest mark) and comments."""
    parsed: dict[str, Decimal] = {}
    for criterion in sheet.criteria:
        raw = str(marks.get(criterion["code"], "")).strip()
        try:
            value = Decimal(raw)
        except ArithmeticError:
            value = Decimal(-1)
        if not value.is_finite() or not 0 <= value <= sheet.max_mark:
            raise ReviewError(
                _("Give “%(label)s” a mark from 0 to %(max)d.")
                % {"label": criterion["label"], "max": sheet.max_mark}
            )
        parsed[criterion["code"]] = value
    notes = {
        c["code"]: str((comments or {}).get(c["code"], "")).strip()[:2000] for c in sheet.criteria
    }
    with transaction.atomic():
        seat = _seat_of(user, sheet)
        score = Score.objects.create(
            sheet=sheet, invitation=seat, marks={k: str(v) for k, v in parsed.items()},
            comments=notes, total=weighted_total(sheet, parsed),
        )  # fmt: skip
        log_action("talent.review.scored", actor=user, obj=sheet.draw,
                   after={"expert": seat.expert.draw_id, "total": str(score.total)},
                   request=request)  # fmt: skip
    return score


def declare_conflict(user, sheet: ScoreSheet, reason: str, *, request=None) -> Invitation:
    """A panel member declares a conflict while scoring: they leave the panel, logged."""
    reason = reason.strip()[:2000]
    if not reason:
        raise ReviewError(_("Please describe the conflict."))
    with transaction.atomic():
        seat = _seat_of(user, sheet)
        Score.objects.create(sheet=sheet, invitation=seat, conflict=reason)
        seat.status = Invitation.Status.CONFLICT
        seat.reason = reason
        seat.save(update_fields=["status", "reason"])
        InvitationEvent.objects.create(
            invitation=seat, kind=InvitationEvent.Kind.CONFLICT, actor=user, reason=reason
        )
        log_action(
            "talent.review.conflict",
            actor=user,
            obj=sheet.draw,
            after={"expert": seat.expert.draw_id},
            detail=reason,
            request=request,
        )
    return seat


def close_scoring(actor, sheet: ScoreSheet, *, request=None) -> ScoreSheet:
    """Close the sheet: no more marks; the result is final."""
    if not actor.has_perm("talent.add_scoresheet"):
        raise ReviewError(_("Only the base office closes scoring."))
    if sheet.closed_at:
        raise ReviewError(_("Scoring is closed."))
    with transaction.atomic():
        sheet.closed_at = timezone.now()
        sheet.save(update_fields=["closed_at"])
        log_action("talent.review.closed", actor=actor, obj=sheet.draw,
                   after=sheet_result(sheet), request=request)  # fmt: skip
    return sheet


def sheet_result(sheet: ScoreSheet) -> dict:
    """Mean mark per criterion and mean weighted total over the marks handed in."""
    scores = [s for s in sheet.scores.all() if not s.conflict]
    if not scores:
        return {"count": 0, "criteria": {}, "total": None}
    means = {
        c["code"]: str(
            (sum(Decimal(s.marks[c["code"]]) for s in scores) / len(scores)).quantize(
                Decimal("0.01")
            )
        )
        for c in sheet.criteria
    }
    total = (sum(s.total for s in scores) / len(scores)).quantize(Decimal("0.01"))
    return {"count": len(scores), "criteria": means, "total": str(total)}
