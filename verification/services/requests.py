"""Verification of drafts: requests, plans, measured results, and what flows to the project."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from bodies.scopes import has_body_permission
from core.exceptions import DomainError
from verification.services.conformity import (
    METHODS,
    ConformityError,
    ItemInput,
    judge_item,
    read_items_file,
)
from verification.services.limits import FAIL, INCONCLUSIVE, LimitError, parse_requirement
from verification.services.notices import request_received
from verification.services.numbers import new_verification_code, next_report_number
from workflows.services import transition

MAX_ITEMS = 500
METHOD_WORDS = {
    "": "experiment", "experiment": "experiment", "试验": "experiment", "试验验证": "experiment",
    "review": "review", "文件审查": "review", "审查": "review",
    "trial": "trial", "现场试用": "trial", "试用": "trial",
}  # fmt: skip
COMMENT_SOURCE = "verification"


class RequestError(DomainError):
    """A verification request, plan or result that cannot be recorded."""

    code = "verification_request_invalid"


@dataclass(frozen=True)
class ItemSpec:
    """A clause/indicator the secretariat asks to verify, before it is saved."""

    clause: str
    indicator: str
    requirement: str
    method: str = "experiment"
    comparison: str = ""
    line: int = 0


def limit_text(requirement: str, comparison: str = "") -> str:
    """The machine-checkable limit a requirement gives, or why it gives none."""
    try:
        return parse_requirement(requirement, comparison or None).expression()
    except LimitError as exc:
        return exc.message


def parse_item_lines(text: str) -> list[ItemSpec]:
    """Items from lines `clause | indicator | requirement | method [| 修约值]`, errors by line."""
    specs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        cells = [c.strip() for c in line.replace("｜", "|").split("|")]
        if len(cells) < 3:
            raise RequestError(
                _("Line %(line)d: write clause | indicator | requirement | method.")
                % {"line": number}
            )
        cells += [""] * (5 - len(cells))
        specs.append(ItemSpec(cells[0], cells[1], cells[2], cells[3], cells[4], number))
    return specs


def _clean_spec(spec: ItemSpec) -> ItemSpec:
    where = _("Line %(line)d: ") % {"line": spec.line} if spec.line else ""
    if not (spec.clause and spec.indicator and spec.requirement):
        raise RequestError(where + _("clause, indicator and requirement are needed."))
    if len(spec.clause) > 40 or len(spec.indicator) > 200 or len(spec.requirement) > 300:
        raise RequestError(where + _("a cell is too long."))
    method = METHOD_WORDS.get(spec.method.strip().lower())
    if method is None:
        raise RequestError(where + _("the method is document review, experiment or on-site trial."))
    comparison = METHODS.get(spec.comparison.strip())
    if comparison is None:
        raise RequestError(where + _("write 全数值 or 修约值 (or leave it empty)."))
    return ItemSpec(spec.clause, spec.indicator, spec.requirement, method, comparison, spec.line)


def can_request(user, draft) -> bool:
    """Whether the person is the secretariat of the draft's project."""
    return has_body_permission(user, "development.change_project", draft.project.body)


@transaction.atomic
def request_verification(draft, *, user, centre, title: str, items: list[ItemSpec],
                         purpose: str = "", request=None):  # fmt: skip
    """The project's secretariat asks a centre to verify clauses of a draft; audited."""
    from verification.models import VerificationItem, VerificationRequest

    if not can_request(user, draft):
        raise RequestError(
            _("Only the secretariat of %(body)s may request verification of this draft.")
            % {"body": draft.project.body}
        )
    if not centre.body.is_active:
        raise RequestError(_("%(centre)s does not take requests now.") % {"centre": centre})
    title = title.strip() or _("Verification of %(draft)s") % {"draft": draft.label}
    cleaned = [_clean_spec(s) for s in items]
    if not cleaned:
        raise RequestError(_("Select at least one clause or indicator to verify."))
    if len(cleaned) > MAX_ITEMS:
        raise RequestError(_("At most %(n)d items per request.") % {"n": MAX_ITEMS})
    req = VerificationRequest.objects.create(
        project=draft.project, draft=draft, centre=centre, title=title[:200],
        purpose=purpose.strip(), requested_by=user,
    )  # fmt: skip
    VerificationItem.objects.bulk_create(
        VerificationItem(request=req, position=i, clause=s.clause, indicator=s.indicator,
                         requirement=s.requirement, method=s.method, comparison=s.comparison)
        for i, s in enumerate(cleaned, start=1)
    )  # fmt: skip
    log_action("verification.request.created", actor=user, obj=req, request=request,
               after={"draft": draft.pk, "centre": centre.pk, "items": len(cleaned)})  # fmt: skip
    request_received(req, user)
    return req


def can_work_on_centre(user, centre) -> bool:
    """Whether the person works at the centre (accepts, plans, enters results, runs rounds)."""
    return has_body_permission(user, "verification.change_verificationrequest", centre.body)


def can_work_on(user, req) -> bool:
    """Whether the person works at the request's centre."""
    return can_work_on_centre(user, req.centre)


@transaction.atomic
def plan_request(req, *, user, samples: str, labs: str, planned_start: datetime.date,
                 planned_end: datetime.date, engineer=None, request=None):  # fmt: skip
    """Record the centre's plan (samples, laboratories, dates) and move the request to planned."""
    from verification.models import VerificationRequest

    req = VerificationRequest.objects.select_for_update().get(pk=req.pk)
    if not can_work_on(user, req):
        raise RequestError(_("Only the staff of %(centre)s may plan it.") % {"centre": req.centre})
    if planned_start and planned_end and planned_end < planned_start:
        raise RequestError(_("The planned end is before the start."))
    req.samples, req.labs = samples.strip(), labs.strip()[:300]
    req.planned_start, req.planned_end = planned_start, planned_end
    req.engineer = engineer or req.engineer or user
    req.save(update_fields=["samples", "labs", "planned_start", "planned_end", "engineer",
                            "updated_at"])  # fmt: skip
    transition(req, "planned", user, _("Samples: %(s)s; dates %(a)s – %(b)s.")
               % {"s": req.samples, "a": planned_start, "b": planned_end},
               data={"labs": req.labs}, request=request)  # fmt: skip
    req.refresh_from_db()
    return req


def _match(req, entries: list[ItemInput]):
    """Pair each entry with the request's item of the same clause and indicator."""
    items = {(i.clause, i.indicator): i for i in req.items.all()}
    by_clause: dict[str, list] = {}
    for item in items.values():
        by_clause.setdefault(item.clause, []).append(item)
    pairs, seen = [], set()
    for entry in entries:
        item = items.get((entry.clause, entry.indicator))
        if item is None and len(by_clause.get(entry.clause, [])) == 1:
            item = by_clause[entry.clause][0]
        if item is None:
            raise RequestError(
                _("Row %(row)d, column “条款”: the request has no item %(clause)s %(indicator)s.")
                % {"row": entry.row, "clause": entry.clause, "indicator": entry.indicator}
            )
        if item.pk in seen:
            raise RequestError(
                _("Row %(row)d, column “条款”: item %(clause)s is given twice.")
                % {"row": entry.row, "clause": entry.clause}
            )
        seen.add(item.pk)
        pairs.append((item, entry))
    return pairs


@transaction.atomic
def record_results(req, entries: list[ItemInput], *, user, request=None) -> list:
    """Judge measured values against the items' requirements (GB/T 8170); all or nothing."""
    from verification.models import VerificationItem, VerificationRequest

    req = VerificationRequest.objects.select_for_update().get(pk=req.pk)
    if not can_work_on(user, req):
        raise RequestError(
            _("Only the staff of %(centre)s may enter results.") % {"centre": req.centre}
        )
    if req.state not in ("accepted", "planned"):
        raise RequestError(_("Results are entered between acceptance and the report."))
    if not entries:
        raise RequestError(_("Enter at least one result."))
    now, changed = timezone.now(), []
    for item, entry in _match(req, entries):
        try:
            clean, result = judge_item(
                ItemInput(
                    item.clause,
                    item.indicator,
                    item.requirement,
                    entry.value,
                    entry.unit,
                    entry.method or item.comparison,
                    entry.row,
                )  # fmt: skip
            )
        except ConformityError as exc:
            raise RequestError(exc.message) from None
        item.value, item.unit, item.verdict, item.rule = (
            clean.value,
            clean.unit,
            result.verdict,
            result.rule,
        )
        item.comparison = result.limit.method if result.limit else clean.method
        item.measured_at = now
        changed.append(item)
    # One INSERT … ON CONFLICT DO UPDATE of rows that all exist: bulk_update() builds a CASE
    # per row and field and took 1.6 s for 500 items (bench.verification).
    VerificationItem.objects.bulk_create(
        changed, update_conflicts=True, unique_fields=["id"],
        update_fields=["value", "unit", "verdict", "rule", "comparison", "measured_at"],
    )  # fmt: skip
    log_action("verification.request.results", actor=user, obj=req, request=request,
               after={"items": len(changed), **Counter(i.verdict for i in changed)})  # fmt: skip
    return changed


def read_results_file(upload) -> list[ItemInput]:
    """The measured values of an uploaded results file (the downloadable template)."""
    try:
        return read_items_file(upload)
    except ConformityError as exc:
        raise RequestError(exc.message) from None


def results_template(req) -> bytes:
    """The results template of a request: its items, with empty value cells to fill in."""
    from core.writers import Column, Sheet, write_xlsx
    from verification.services.conformity import TEMPLATE_HEADINGS

    rows = [
        [i.clause, i.indicator, i.requirement, i.value, i.unit,
         {"full": "全数值", "rounded": "修约值"}.get(i.comparison, "")]
        for i in req.items.all()
    ]  # fmt: skip
    widths = (10, 24, 24, 14, 10, 12)
    columns = [Column(h, w) for h, w in zip(TEMPLATE_HEADINGS, widths, strict=True)]
    return write_xlsx([Sheet("数据", rows, columns)])


def comment_text(item) -> str:
    """The technical comment a failed or inconclusive item becomes."""
    verdict = {FAIL: "不符合", INCONCLUSIVE: "无法判定"}[item.verdict]
    return (
        f"【验证{verdict}】{item.indicator}（要求：{item.requirement}；"
        f"{item.get_method_display()}）：{item.rule}"
    )


def feed_project(req, event) -> None:
    """Inside the report transition: comments on the draft, report number, PDF on the request."""
    from development.services.comments import add_comment
    from verification.models import VerificationRequest
    from verification.services.reports_requests import request_pdf

    organisation = req.centre.body.name
    for item in req.items.filter(verdict__in=(FAIL, INCONCLUSIVE)):
        comment = add_comment(
            req.draft, clause=item.clause, kind="te", text=comment_text(item),
            organisation=organisation, source=COMMENT_SOURCE, request=None,
        )  # fmt: skip
        item.comment = comment
        item.save(update_fields=["comment"])
    req.report_number = next_report_number(VerificationRequest, "VR")
    req.verification_code = new_verification_code(VerificationRequest)
    req.reported_at = timezone.now()
    pdf = request_pdf(req)
    req.report_file.save(f"{req.report_number}.pdf", ContentFile(pdf), save=False)
    req.save(update_fields=["report_number", "verification_code", "reported_at", "report_file",
                            "updated_at"])  # fmt: skip


def overall_verdict(req) -> str:
    """fail if any item fails, inconclusive if any cannot be judged or is open, else pass."""
    verdicts = set(req.items.values_list("verdict", flat=True))
    if FAIL in verdicts:
        return FAIL
    return INCONCLUSIVE if INCONCLUSIVE in verdicts or "" in verdicts or not verdicts else "pass"
