"""Evaluations: self-assessment from the KPIs, drawn panel, scores, grade, rectification."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from audit.services import log_action
from governance.exceptions import GovernanceError
from governance.models import (
    DEFAULT_THRESHOLDS,
    Evaluation,
    EvaluationKind,
    ExpertScore,
    Finding,
    Indicator,
    PanelMember,
    Rectification,
)
from governance.services import kpis, panels
from governance.services.access import require
from governance.services.scoring import grade_of, mean_of, parse_thresholds, weighted_total
from workflows.services import transition


def create_evaluation(
    base,
    *,
    kind: str,
    title: str,
    as_of,
    actor,
    panel_size: int = 5,
    drop_extremes: bool = False,
    thresholds: dict | None = None,
    request=None,
) -> Evaluation:
    """Open a mid-term, acceptance or annual evaluation with its grading thresholds."""
    require(actor, "add_evaluation", base)
    if kind not in EvaluationKind.values:
        raise GovernanceError(_("Unknown kind of evaluation."))
    if not 1 <= int(panel_size) <= 25:
        raise GovernanceError(_("A panel has 1 to 25 experts."))
    limits = parse_thresholds(thresholds or DEFAULT_THRESHOLDS)
    with transaction.atomic():
        evaluation = Evaluation.objects.create(
            base=base,
            kind=kind,
            title=title.strip(),
            as_of=as_of,
            panel_size=int(panel_size),
            drop_extremes=drop_extremes,
            thresholds=limits,
            created_by=actor,
        )
        log_action(
            "governance.evaluation.created",
            actor=actor,
            obj=evaluation,
            after={
                "kind": kind,
                "as_of": as_of.isoformat(),
                "thresholds": limits,
                "drop_extremes": drop_extremes,
            },
            request=request,
        )
    return evaluation


def sheet(evaluation: Evaluation) -> list[Indicator]:
    """The indicator sheet the experts score: the base's first-level indicators."""
    return list(Indicator.objects.filter(base=evaluation.base, level=1).order_by("code"))


def draft_self_assessment(evaluation: Evaluation) -> str:
    """A self-assessment drafted from the KPIs, the base's decisions, contracts and plans."""
    from governance.services.assessment_events import base_event_lines, contract_lines
    from governance.services.plans import plan_summary

    base = evaluation.base
    roots, total = kpis.scores_at(base, evaluation.as_of)
    lines = [
        _("%(base)s, %(kind)s as of %(date)s.")
        % {"base": base.name, "kind": evaluation.get_kind_display(), "date": evaluation.as_of},
        _("Weighted KPI score: %(t)s.") % {"t": total if total is not None else "–"},
    ]
    score_label = pgettext("governance", "score")
    for node in kpis.flatten(roots):
        value = node.value.value if node.value else "–"
        score = node.score if node.score is not None else "–"
        lines.append(
            f"{node.indicator.code} {node.indicator.name}: {value} {node.indicator.unit} / "
            f"{node.indicator.target or '–'}; {score_label} {score}"
        )
    behind = [n.indicator.name for n in kpis.flatten(roots) if n.light == "red"]
    if behind:
        lines.append(_("Behind target: %(names)s.") % {"names": "、".join(behind)})
    lines += base_event_lines(base, evaluation.as_of)
    lines += contract_lines(base, evaluation.as_of)
    for plan in base.plans.filter(year__lte=evaluation.as_of.year).order_by("year"):
        counts = plan_summary(plan, evaluation.as_of)["counts"]
        lines.append(
            _("%(year)d plan: %(done)d tasks done, %(overdue)d overdue.")
            % {"year": plan.year, "done": counts["done"], "overdue": counts["overdue"]}
        )
    return "\n".join(lines)


def save_self_assessment(evaluation: Evaluation, user, *, text: str | None = None, request=None):
    """Keep the self-assessment (drafted from the KPIs when no text is given)."""
    require(user, "change_evaluation", evaluation.base)
    if evaluation.state != "draft":
        raise GovernanceError(_("The self-assessment is fixed once scoring opens."))
    text = draft_self_assessment(evaluation) if text is None else text.strip()
    with transaction.atomic():
        evaluation.self_assessment = text
        evaluation.save(update_fields=["self_assessment", "updated_at"])
        log_action(
            "governance.evaluation.self_assessed",
            actor=user,
            obj=evaluation,
            after={"length": len(text)},
            request=request,
        )
    return evaluation


def draw_panel(evaluation: Evaluation, user, *, request=None):
    """Draw the expert panel (and one alternate) with the talent centre's fair draw.

    The draw request has the evaluation as its object; its record is kept on the evaluation
    and the panel members are the experts the draw seated.
    """
    require(user, "change_evaluation", evaluation.base)
    with transaction.atomic():
        # One draw per evaluation, even when two people press the button at once.
        locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if locked.state != "draft" or locked.draw_id or locked.panel.exists():
            raise GovernanceError(_("The panel of this evaluation is already drawn."))
        draw = panels.draw_experts(locked, user, request=request)
        PanelMember.objects.bulk_create(
            PanelMember(evaluation=locked, expert_id=uid, position=pos, alternate=alt)
            for uid, pos, alt in panels.seats(draw)
        )
        evaluation.draw = draw
        evaluation.draw_record = draw.record
        evaluation.save(update_fields=["draw", "draw_record", "updated_at"])
        log_action(
            "governance.evaluation.panel_drawn",
            actor=user,
            obj=evaluation,
            after={
                "draw": draw.pk,
                "panel": draw.record.get("panel", []),
                "alternates": draw.record.get("alternates", []),
                "commitment": draw.commitment,
                "pool_sha256": draw.pool_sha256,
            },
            request=request,
        )
    return draw


def member_of(evaluation: Evaluation, user) -> PanelMember | None:
    """The person's seat on the panel (not an alternate), or None."""
    return evaluation.panel.filter(expert=user, alternate=False).first()


def record_score(
    evaluation: Evaluation, user, indicator: Indicator, score, *, comment: str = "", request=None
) -> ExpertScore:
    """A panel member scores one indicator of the sheet (0–100); a new score replaces theirs."""
    member = member_of(evaluation, user)
    if member is None:
        raise GovernanceError(_("Only the panel's experts score this evaluation."))
    if evaluation.state != "scoring":
        raise GovernanceError(_("Scoring is not open."))
    if indicator.base_id != evaluation.base_id or indicator.level != 1:
        raise GovernanceError(_("Score the indicators of the evaluation's sheet."))
    try:
        number = Decimal(str(score).strip())
    except (InvalidOperation, ValueError):
        raise GovernanceError(_("A score is a number from 0 to 100.")) from None
    if not number.is_finite() or not 0 <= number <= 100:
        raise GovernanceError(_("A score is a number from 0 to 100."))
    with transaction.atomic():
        kept, _created = ExpertScore.objects.update_or_create(
            member=member,
            indicator=indicator,
            defaults={"evaluation": evaluation, "score": number, "comment": comment.strip()[:500]},
        )
        log_action(
            "governance.evaluation.scored",
            actor=user,
            obj=evaluation,
            after={"indicator": indicator.code, "score": str(number)},
            request=request,
        )
    return kept


def record_sheet(evaluation: Evaluation, user, entries: dict, *, request=None) -> list:
    """Record a member's scores of several indicators at once: all of them or none."""
    if not entries:
        raise GovernanceError(_("Enter at least one score."))
    with transaction.atomic():
        return [
            record_score(evaluation, user, indicator, score, comment=comment, request=request)
            for indicator, (score, comment) in entries.items()
        ]


def record_opinion(evaluation: Evaluation, user, text: str, *, request=None) -> PanelMember:
    """A panel member's written opinion for the dossier."""
    member = member_of(evaluation, user)
    if member is None:
        raise GovernanceError(_("Only the panel's experts give opinions."))
    with transaction.atomic():
        member.opinion = text.strip()
        member.save(update_fields=["opinion"])
        log_action(
            "governance.evaluation.opinion",
            actor=user,
            obj=evaluation,
            after={"length": len(member.opinion)},
            request=request,
        )
    return member


def aggregate(evaluation: Evaluation) -> dict:
    """Each sheet indicator's scores and mean (extremes dropped if configured) and the total."""
    indicators = sheet(evaluation)
    members = list(evaluation.panel.filter(alternate=False))
    scores = {(s.member_id, s.indicator_id): s.score for s in evaluation.scores.all()}
    missing = [(m, i) for m in members for i in indicators if (m.pk, i.pk) not in scores]
    rows, means = [], {}
    for indicator in indicators:
        given = [scores[(m.pk, indicator.pk)] for m in members if (m.pk, indicator.pk) in scores]
        mean = mean_of(given, evaluation.drop_extremes) if given else None
        if mean is not None:
            means[indicator.pk] = mean
        rows.append({"indicator": indicator, "scores": given, "mean": mean})
    total = weighted_total(means, {i.pk: i.weight for i in indicators}) if means else None
    return {"rows": rows, "total": total, "missing": missing, "members": members}


def grade_evaluation(evaluation: Evaluation, user, *, request=None):
    """Grade once every panel member scored every indicator: score and 优秀/良好/合格/不合格."""
    result = aggregate(evaluation)
    if not result["rows"]:
        raise GovernanceError(_("The base has no first-level indicator to score."))
    if result["missing"]:
        member, indicator = result["missing"][0]
        raise GovernanceError(
            _("%(n)d scores are missing, e.g. %(expert)s on %(code)s.")
            % {"n": len(result["missing"]), "expert": member.expert, "code": indicator.code}
        )
    if result["total"] is None:
        raise GovernanceError(_("No expert has scored this evaluation yet."))
    grade = grade_of(result["total"], evaluation.thresholds)
    with transaction.atomic():
        event = transition(
            evaluation,
            "graded",
            user,
            "",
            data={"score": str(result["total"]), "grade": grade},
            request=request,
        )
        Evaluation.objects.filter(pk=evaluation.pk).update(score=result["total"], grade=grade)
        evaluation.score, evaluation.grade = result["total"], grade
    return event


def add_finding(evaluation: Evaluation, user, text: str, *, request=None) -> Finding:
    """Record a finding of the panel."""
    require(user, "add_finding", evaluation.base)
    if evaluation.state != "graded":
        raise GovernanceError(_("Findings and rectifications belong to a graded evaluation."))
    if not (text or "").strip():
        raise GovernanceError(_("Describe the finding."))
    with transaction.atomic():
        finding = Finding.objects.create(evaluation=evaluation, text=text.strip())
        log_action(
            "governance.finding.added",
            actor=user,
            obj=evaluation,
            after={"finding": finding.pk},
            request=request,
        )
    return finding


def add_rectification(
    finding: Finding, user, *, title: str, unit, due_on, request=None
) -> Rectification:
    """Give a finding a rectification task with its responsible unit and date."""
    require(user, "add_rectification", finding.evaluation.base)
    if finding.evaluation.state != "graded":
        raise GovernanceError(_("Findings and rectifications belong to a graded evaluation."))
    if not (title or "").strip():
        raise GovernanceError(_("Describe the rectification."))
    with transaction.atomic():
        task = Rectification.objects.create(
            finding=finding, title=title.strip(), unit=unit, due_on=due_on
        )
        log_action(
            "governance.rectification.added",
            actor=user,
            obj=task,
            after={"unit": str(unit), "due_on": due_on.isoformat()},
            request=request,
        )
    return task


def submit_rectification(
    task: Rectification, user, *, result: str, upload=None, evidence=None, request=None
):
    """The unit reports the rectification done with its evidence."""
    from governance.services.documents import store_document

    if not (result or "").strip():
        raise GovernanceError(_("Say what was done."))
    with transaction.atomic():
        if upload is not None:
            evidence = store_document(
                task.finding.evaluation.base,
                upload,
                kind="evidence",
                user=user,
                unit=task.unit,
                request=request,
            )
        task.result = result.strip()
        task.evidence = evidence or task.evidence
        task.save(update_fields=["result", "evidence", "updated_at"])
        return transition(task, "submitted", user, "", request=request)


def open_rectifications(evaluation: Evaluation):
    """Rectifications of the evaluation not yet closed."""
    return Rectification.objects.filter(finding__evaluation=evaluation).exclude(state="closed")
