"""What a self-assessment tells of the base's stages and its contracts up to the evaluation date.

`draft_self_assessment` reads the KPIs and the plans; these lines add the base's decisions
(its process events: each stage it left, the date and text of the decision) and, per contract,
its signing and closing, its tasks accepted and late, the funds released and paid, and the
change requests decided — all as they stood on the evaluation date.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import ChangeRequest, Contract
from workflows.models import ProcessEvent
from workflows.services import history

CENT = Decimal("0.01")


def _day(event: ProcessEvent, key: str) -> datetime.date:
    """The date an event records (`data[key]`, e.g. the decision's), else the day it happened."""
    try:
        return datetime.date.fromisoformat(str(event.data.get(key, "")))
    except ValueError:
        return timezone.localdate(event.occurred_at)


def base_event_lines(base, as_of: datetime.date) -> list[str]:
    """The base's stage decisions up to `as_of`, oldest first."""
    lines = []
    for event in history(base):
        day = _day(event, "decided_on")
        if day > as_of:
            continue
        text = _("%(date)s %(from)s → %(to)s") % {
            "date": day,
            "from": base.process.state_label(event.from_state),
            "to": base.process.state_label(event.to_state),
        }
        lines.append(f"{text}: {event.comment}" if event.comment else text)
    return [_("Stages and decisions:"), *lines] if lines else []


def _state_on(contract: Contract, events: list[ProcessEvent], as_of: datetime.date) -> str:
    state = contract.process.initial
    for event in events:
        if _day(event, "signed_on") <= as_of:
            state = event.to_state
    return str(contract.process.state_label(state))


def _changes(contracts: list[Contract], as_of: datetime.date) -> dict[int, dict[str, int]]:
    """Per contract, how many change requests were approved and rejected by `as_of`."""
    by_pk = {
        c.pk: c.contract_id
        for c in ChangeRequest.objects.filter(contract__in=contracts).only("pk", "contract")
    }
    counts: dict[int, dict[str, int]] = {}
    decided = ProcessEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(ChangeRequest),
        object_id__in=[str(pk) for pk in by_pk],
        to_state__in=("approved", "rejected"),
    )
    for event in decided:
        if timezone.localdate(event.occurred_at) <= as_of:
            row = counts.setdefault(by_pk[int(event.object_id)], {"approved": 0, "rejected": 0})
            row[event.to_state] += 1
    return counts


def contract_lines(base, as_of: datetime.date) -> list[str]:
    """One line per contract of the base: its state, tasks, funds and changes on `as_of`."""
    contracts = list(
        Contract.objects.filter(base=base)
        .select_related("builder")
        .prefetch_related("tasks", "milestones", "budget_lines")
        .order_by("number")
    )
    if not contracts:
        return []
    changes = _changes(contracts, as_of)
    lines = [_("Contracts:")]
    for contract in contracts:
        events = list(history(contract))
        tasks = list(contract.tasks.all())
        accepted = [t for t in tasks if t.accepted_on and t.accepted_on <= as_of]
        late = [t for t in tasks if t not in accepted and t.due_on < as_of]
        milestones = list(contract.milestones.all())
        released = sum(
            (
                m.released or Decimal(0)
                for m in milestones
                if m.verified_on and m.verified_on <= as_of
            ),
            Decimal(0),
        )
        paid = sum(
            (m.released or Decimal(0) for m in milestones if m.paid_on and m.paid_on <= as_of),
            Decimal(0),
        )
        budget = sum((b.amount for b in contract.budget_lines.all()), Decimal(0))
        signed = next((e for e in events if e.to_state == "signed"), None)
        line = _(
            "%(number)s %(title)s (%(builder)s): %(state)s%(signed)s; %(accepted)d of %(tasks)d "
            "tasks accepted, %(late)d late; %(released)s of %(budget)s 万元 released, "
            "%(paid)s paid."
        ) % {
            "number": contract.number,
            "title": contract.title,
            "builder": contract.builder.name,
            "state": _state_on(contract, events, as_of),
            "signed": (
                _(", signed on %(date)s") % {"date": _day(signed, "signed_on")}
                if signed and _day(signed, "signed_on") <= as_of
                else ""
            ),
            "accepted": len(accepted),
            "tasks": len(tasks),
            "late": len(late),
            "released": released.quantize(CENT),
            "budget": budget.quantize(CENT),
            "paid": paid.quantize(CENT),
        }
        decided = changes.get(contract.pk)
        if decided:
            line += (
                " " + _("Change requests: %(approved)d approved, %(rejected)d rejected.") % decided
            )
        lines.append(line)
    return lines
