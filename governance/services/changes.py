"""Change requests on a contract in force: a task's deadline, wording or deliverable, or the
amount of a budget line or payment milestone; the office approves (and it is applied) or
rejects, once."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from audit.services import log_action
from governance.exceptions import GovernanceError
from governance.models import BudgetLine, ChangeRequest, Contract, ContractTask, PaymentMilestone
from governance.services.access import is_unit_member, require
from governance.services.contracts import _amount
from workflows.models import ProcessEvent
from workflows.services import transition


def _proposal(change: ChangeRequest) -> dict:
    """The values the change would set, by target."""
    out: dict = {}
    if change.task_id:
        if change.new_due_on:
            out["due_on"] = change.new_due_on.isoformat()
        if change.new_title:
            out["title"] = change.new_title
        if change.new_deliverable:
            out["deliverable"] = change.new_deliverable
    if change.new_amount is not None:
        out["amount"] = str(change.new_amount)
    return out


def request_change(
    contract: Contract,
    user,
    *,
    reason: str,
    task: ContractTask | None = None,
    new_due_on=None,
    new_title: str = "",
    new_deliverable: str = "",
    budget_line: BudgetLine | None = None,
    milestone: PaymentMilestone | None = None,
    new_amount=None,
    request=None,
) -> ChangeRequest:
    """Ask to change one task, or the amount of one budget line or milestone; the office decides."""
    if not is_unit_member(user, contract.builder):
        require(user, "change_contract", contract.base)
    if contract.state != "signed":
        raise GovernanceError(_("Changes are requested on a contract in force."))
    if not (reason or "").strip():
        raise GovernanceError(_("Give the reason for the change."))
    new_title, new_deliverable = (new_title or "").strip(), (new_deliverable or "").strip()
    targets = [t for t in (task, budget_line, milestone) if t is not None]
    task_change = task is not None and bool(new_due_on or new_title or new_deliverable)
    amount_change = (budget_line or milestone) is not None and new_amount not in (None, "")
    if len(targets) != 1 or not (task_change or amount_change):
        raise GovernanceError(
            _(
                "Name one task and its new deadline, wording or deliverable, or one budget "
                "line or payment milestone and its new amount."
            )
        )
    if targets[0].contract_id != contract.pk:
        raise GovernanceError(_("A change request concerns its own contract."))
    if task is not None and task.status == "accepted":
        raise GovernanceError(_("An accepted task is not changed any more."))
    if milestone is not None and milestone.verified_on:
        raise GovernanceError(_("A verified milestone's amount is not changed any more."))
    with transaction.atomic():
        change = ChangeRequest.objects.create(
            contract=contract,
            reason=reason.strip(),
            task=task,
            new_due_on=new_due_on if task is not None else None,
            new_title=new_title[:300] if task is not None else "",
            new_deliverable=new_deliverable[:300] if task is not None else "",
            budget_line=budget_line,
            milestone=milestone,
            new_amount=_amount(new_amount) if amount_change else None,
            requested_by=user,
        )
        log_action(
            "governance.change_request.created",
            actor=user,
            obj=change,
            after={
                "task": getattr(task, "pk", None),
                "budget_line": getattr(budget_line, "pk", None),
                "milestone": getattr(milestone, "pk", None),
                **_proposal(change),
            },
            request=request,
        )
    return change


def _check_amounts(contract: Contract, change: ChangeRequest) -> None:
    """The milestones never exceed the budget once the change is applied."""
    budget = contract.budget_lines.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    planned = contract.milestones.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    if change.budget_line_id:
        budget += change.new_amount - change.budget_line.amount
    if change.milestone_id:
        planned += change.new_amount - change.milestone.amount
    if planned > budget:
        raise GovernanceError(
            _(
                "After the change the milestones (%(sum)s 万元) would exceed "
                "the budget (%(budget)s 万元)."
            )
            % {"sum": planned, "budget": budget}
        )


def _apply(change: ChangeRequest) -> dict:
    """Write the change to its task, budget line or milestone; return the previous values."""
    if change.task_id:
        task = ContractTask.objects.select_for_update().get(pk=change.task_id)
        previous, fields = {}, []
        for name, value in (
            ("due_on", change.new_due_on),
            ("title", change.new_title),
            ("deliverable", change.new_deliverable),
        ):
            if value:
                old = getattr(task, name)
                previous[name] = old.isoformat() if hasattr(old, "isoformat") else old
                setattr(task, name, value)
                fields.append(name)
        task.save(update_fields=fields)
        return previous
    model = BudgetLine if change.budget_line_id else PaymentMilestone
    target = model.objects.select_for_update().get(pk=change.budget_line_id or change.milestone_id)
    if isinstance(target, PaymentMilestone) and target.verified_on:
        raise GovernanceError(_("A verified milestone's amount is not changed any more."))
    previous = {"amount": str(target.amount)}
    target.amount = change.new_amount
    target.save(update_fields=["amount"])
    return previous


def decide_change(change: ChangeRequest, user, *, approve: bool, comment: str = "", request=None):
    """Approve (and apply) or reject a change request; a request is decided once."""
    require(user, "change_contract", change.contract.base)
    with transaction.atomic():
        # The transition locks the request and re-reads its state: a second decision fails.
        event = transition(
            change, "approved" if approve else "rejected", user, comment, request=request
        )
        if approve:
            contract = Contract.objects.select_for_update().get(pk=change.contract_id)
            if change.new_amount is not None:
                _check_amounts(contract, change)
            change.previous = _apply(change)
            change.save(update_fields=["previous", "updated_at"])
            log_action(
                "governance.change_request.applied",
                actor=user,
                obj=change,
                before=change.previous,
                after=_proposal(change),
                request=request,
            )
    return event


def change_history(contract: Contract) -> list[dict]:
    """The contract's change requests, newest first, with what they change and their decision."""
    rows = list(
        contract.change_requests.select_related("task", "budget_line", "milestone", "requested_by")
    )
    decisions = {
        int(e.object_id): e
        for e in ProcessEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(ChangeRequest),
            object_id__in=[str(c.pk) for c in rows],
            to_state__in=("approved", "rejected"),
        ).order_by("pk")
    }
    history = []
    for change in rows:
        if change.task_id:
            target = change.task.title
        elif change.budget_line_id:
            target = change.budget_line.name
        else:
            target = change.milestone.title if change.milestone_id else ""
        history.append(
            {
                "change": change,
                "target": target,
                "proposal": _proposal(change),
                "decision": decisions.get(change.pk),
            }
        )
    return history
