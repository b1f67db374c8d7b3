"""Contracts with builder units: tasks, budget, milestones released by verified completion."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from governance.exceptions import GovernanceError
from governance.models import (
    BudgetLine,
    Contract,
    ContractTask,
    PaymentMilestone,
    TaskStatus,
)
from governance.services.access import is_unit_member, require
from governance.services.funding import parse_funding_rule, release_amount
from workflows.services import transition


def _amount(value) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise GovernanceError(_("An amount must be a number.")) from None
    if not amount.is_finite() or amount < 0:
        raise GovernanceError(_("An amount cannot be negative."))
    return amount.quantize(Decimal("0.01"))


def _editable(contract: Contract) -> None:
    if contract.state != "draft":
        raise GovernanceError(
            _("Contract %(n)s is signed: change it through a change request.")
            % {"n": contract.number}
        )


def create_contract(
    base,
    *,
    centre,
    builder,
    number: str,
    title: str,
    starts_on,
    ends_on,
    funding_rule: dict,
    actor,
    request=None,
) -> Contract:
    """Draw up a contract with the builder unit of a centre and the rule that releases funds."""
    require(actor, "add_contract", base)
    if centre.parent_id != base.body_id:
        raise GovernanceError(_("The centre does not belong to %(base)s.") % {"base": base})
    if ends_on <= starts_on:
        raise GovernanceError(_("A contract ends after it starts."))
    number = (number or "").strip()
    if not number or Contract.objects.filter(number=number).exists():
        raise GovernanceError(_("Give the contract a number no other contract has."))
    rule = parse_funding_rule(funding_rule)
    with transaction.atomic():
        contract = Contract.objects.create(
            base=base,
            centre=centre,
            builder=builder,
            number=number,
            title=title.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            funding_rule=rule,
            created_by=actor,
        )
        log_action(
            "governance.contract.created",
            actor=actor,
            obj=contract,
            after={"number": number, "builder": str(builder), "rule": rule},
            request=request,
        )
    return contract


def add_task(
    contract: Contract, *, title: str, due_on, deliverable: str = "", actor, request=None
) -> ContractTask:
    """Add a task with its deliverable and deadline to a draft contract."""
    require(actor, "change_contract", contract.base)
    _editable(contract)
    if not contract.starts_on <= due_on <= contract.ends_on:
        raise GovernanceError(_("A task is due within the contract's term."))
    with transaction.atomic():
        task = ContractTask.objects.create(
            contract=contract,
            title=title.strip(),
            deliverable=deliverable.strip(),
            due_on=due_on,
            position=contract.tasks.count() + 1,
        )
        log_action(
            "governance.contract.task_added",
            actor=actor,
            obj=contract,
            after={"task": task.title, "due_on": due_on.isoformat()},
            request=request,
        )
    return task


def add_budget_line(contract: Contract, *, name: str, amount, actor, request=None) -> BudgetLine:
    """Add a line (万元) to a draft contract's budget."""
    require(actor, "change_contract", contract.base)
    _editable(contract)
    with transaction.atomic():
        line = BudgetLine.objects.create(
            contract=contract, name=name.strip(), amount=_amount(amount)
        )
        log_action(
            "governance.contract.budget_added",
            actor=actor,
            obj=contract,
            after={"line": line.name, "amount": str(line.amount)},
            request=request,
        )
    return line


def add_milestone(
    contract: Contract, *, title: str, amount, due_on, tasks=(), actor, request=None
) -> PaymentMilestone:
    """Add a payment milestone covering some of the contract's tasks; the budget caps the sum."""
    require(actor, "change_contract", contract.base)
    _editable(contract)
    amount = _amount(amount)
    budget = contract.budget_lines.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    planned = contract.milestones.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    if planned + amount > budget:
        raise GovernanceError(
            _("The milestones (%(sum)s 万元) would exceed the budget (%(budget)s 万元).")
            % {"sum": planned + amount, "budget": budget}
        )
    tasks = list(tasks)
    if any(t.contract_id != contract.pk for t in tasks):
        raise GovernanceError(_("A milestone covers tasks of its own contract only."))
    with transaction.atomic():
        milestone = PaymentMilestone.objects.create(
            contract=contract, title=title.strip(), amount=amount, due_on=due_on
        )
        milestone.tasks.set(tasks)
        log_action(
            "governance.contract.milestone_added",
            actor=actor,
            obj=contract,
            after={
                "milestone": milestone.title,
                "amount": str(amount),
                "tasks": [t.pk for t in tasks],
            },
            request=request,
        )
    return milestone


def sign_contract(contract: Contract, user, *, signed_on: datetime.date, request=None):
    """Sign a contract that has tasks, a budget and milestones."""
    if not contract.tasks.exists() or not contract.milestones.exists():
        raise GovernanceError(_("A contract is signed with its tasks and payment milestones."))
    with transaction.atomic():
        event = transition(
            contract, "signed", user, "", data={"signed_on": signed_on.isoformat()}, request=request
        )
        Contract.objects.filter(pk=contract.pk).update(signed_on=signed_on)
        contract.signed_on = signed_on
    return event


def submit_task(task: ContractTask, user, *, evidence=None, request=None) -> ContractTask:
    """The builder unit reports a task done, with its deliverable as evidence."""
    contract = task.contract
    if not is_unit_member(user, contract.builder):
        require(user, "change_contract", contract.base)
    if contract.state != "signed":
        raise GovernanceError(_("Only tasks of a contract in force are submitted."))
    if task.status == TaskStatus.ACCEPTED:
        raise GovernanceError(_("This task is already accepted."))
    with transaction.atomic():
        task.status = TaskStatus.SUBMITTED
        task.evidence = evidence or task.evidence
        task.save(update_fields=["status", "evidence"])
        log_action(
            "governance.contract.task_submitted",
            actor=user,
            obj=contract,
            after={"task": task.pk, "evidence": task.evidence_id},
            request=request,
        )
    return task


def accept_task(task: ContractTask, user, *, completion, accepted_on=None, request=None):
    """The office verifies a task and records its assessed completion (0–100 %)."""
    from governance.services.funding import _percent

    require(user, "change_contract", task.contract.base)
    done = _percent(completion, _("The completion"))
    with transaction.atomic():
        task.status = TaskStatus.ACCEPTED
        task.completion = done
        task.accepted_on = accepted_on or timezone.localdate()
        task.save(update_fields=["status", "completion", "accepted_on"])
        log_action(
            "governance.contract.task_accepted",
            actor=user,
            obj=task.contract,
            after={"task": task.pk, "completion": str(done)},
            request=request,
        )
    return task


def milestone_completion(milestone: PaymentMilestone) -> Decimal:
    """The mean verified completion of the milestone's tasks (a task not accepted counts 0)."""
    tasks = list(milestone.tasks.all())
    if not tasks:
        return Decimal(0)
    total = sum(
        (t.completion or Decimal(0)) if t.status == TaskStatus.ACCEPTED else Decimal(0)
        for t in tasks
    )
    return (total / len(tasks)).quantize(Decimal("0.1"))


def verify_milestone(milestone: PaymentMilestone, user, *, on=None, request=None):
    """Fix the milestone's completion from its verified tasks and the amount the rule releases."""
    contract = milestone.contract
    require(user, "change_contract", contract.base)
    if contract.state != "signed":
        raise GovernanceError(_("Only milestones of a contract in force are verified."))
    if milestone.paid_on:
        raise GovernanceError(_("This milestone is already paid."))
    completion = milestone_completion(milestone)
    released = release_amount(contract.funding_rule, milestone.amount, completion)
    with transaction.atomic():
        before = {"completion": str(milestone.completion), "released": str(milestone.released)}
        milestone.completion = completion
        milestone.released = released
        milestone.verified_on = on or timezone.localdate()
        milestone.verified_by = user
        milestone.save(update_fields=["completion", "released", "verified_on", "verified_by"])
        log_action(
            "governance.contract.milestone_verified",
            actor=user,
            obj=contract,
            before=before,
            after={
                "milestone": milestone.pk,
                "completion": str(completion),
                "released": str(released),
            },
            request=request,
        )
    return milestone


def record_payment(milestone: PaymentMilestone, user, *, paid_on, request=None):
    """Record that the released amount of a verified milestone was paid."""
    require(user, "change_contract", milestone.contract.base)
    if milestone.verified_on is None:
        raise GovernanceError(_("A milestone is paid after its completion is verified."))
    with transaction.atomic():
        milestone.paid_on = paid_on
        milestone.save(update_fields=["paid_on"])
        log_action(
            "governance.contract.milestone_paid",
            actor=user,
            obj=milestone.contract,
            after={"milestone": milestone.pk, "paid": str(milestone.released)},
            request=request,
        )
    return milestone


def contract_status(contract: Contract, today: datetime.date | None = None) -> dict:
    """What is due (30 days), late, accepted and paid on a contract."""
    today = today or timezone.localdate()
    tasks = list(contract.tasks.all())
    open_tasks = [t for t in tasks if t.status != TaskStatus.ACCEPTED]
    milestones = list(contract.milestones.all())
    return {
        "due": [t for t in open_tasks if today <= t.due_on <= today + datetime.timedelta(days=30)],
        "late": [t for t in open_tasks if t.due_on < today],
        "accepted": [t for t in tasks if t.status == TaskStatus.ACCEPTED],
        "budget": sum((b.amount for b in contract.budget_lines.all()), Decimal(0)),
        "released": sum((m.released or Decimal(0) for m in milestones), Decimal(0)),
        "paid": sum((m.released or Decimal(0) for m in milestones if m.paid_on), Decimal(0)),
        "milestones": milestones,
    }
