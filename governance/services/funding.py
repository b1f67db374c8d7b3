"""Differentiated funding (差异化资金支持): how much of a milestone its completion releases.

A contract states its rule as data, one of:

* ``{"kind": "proportional"}`` — the amount times the completion;
* ``{"kind": "threshold", "threshold": 60}`` — nothing below the threshold, proportional from it;
* ``{"kind": "steps", "steps": [[90, 100], [70, 80], [50, 50]]}`` — the share (%) of the
  highest step whose completion the milestone reaches; nothing below the lowest step.

Completion is a percentage from 0 to 100; amounts are rounded half up to 0.01 万元.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from governance.exceptions import GovernanceError

KINDS = ("proportional", "threshold", "steps")
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def _percent(value: Any, what: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise GovernanceError(_("%(what)s must be a number.") % {"what": what}) from None
    if not number.is_finite() or number < 0 or number > HUNDRED:
        raise GovernanceError(_("%(what)s must lie between 0 and 100.") % {"what": what})
    return number


def parse_funding_rule(rule: Any) -> dict:
    """The rule in its normal form, or a readable error saying what is wrong with it."""
    if not isinstance(rule, dict) or rule.get("kind") not in KINDS:
        raise GovernanceError(
            _("A funding rule is proportional, a threshold or steps of completion.")
        )
    kind = rule["kind"]
    if kind == "proportional":
        return {"kind": kind}
    if kind == "threshold":
        return {"kind": kind, "threshold": str(_percent(rule.get("threshold"), _("The threshold")))}
    steps = rule.get("steps")
    if not isinstance(steps, list | tuple) or not steps:
        raise GovernanceError(_("A stepped rule needs at least one step."))
    parsed = []
    for step in steps:
        if not isinstance(step, list | tuple) or len(step) != 2:
            raise GovernanceError(_("Each step is a completion and the share it releases."))
        parsed.append(
            (_percent(step[0], _("A step's completion")), _percent(step[1], _("A share")))
        )
    parsed.sort()
    if len({c for c, _s in parsed}) != len(parsed):
        raise GovernanceError(_("Two steps have the same completion."))
    if any(b[1] < a[1] for a, b in zip(parsed, parsed[1:], strict=False)):
        raise GovernanceError(_("A higher completion cannot release a smaller share."))
    return {"kind": kind, "steps": [[str(c), str(s)] for c, s in parsed]}


def release_share(rule: dict, completion: Any) -> Decimal:
    """The share (0–100 %) of the amount that a completion releases under the rule."""
    rule = parse_funding_rule(rule)
    done = _percent(completion, _("The completion"))
    if rule["kind"] == "proportional":
        return done
    if rule["kind"] == "threshold":
        return done if done >= Decimal(rule["threshold"]) else Decimal(0)
    share = Decimal(0)
    for step, step_share in rule["steps"]:
        if done >= Decimal(step):
            share = Decimal(step_share)
    return share


def release_amount(rule: dict, amount: Decimal, completion: Any) -> Decimal:
    """The amount (万元) released for a milestone of `amount` at `completion` percent."""
    if amount < 0:
        raise GovernanceError(_("An amount cannot be negative."))
    share = release_share(rule, completion)
    return (Decimal(amount) * share / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def describe_rule(rule: dict) -> str:
    """The rule in one sentence for the contract page and the dossier."""
    rule = parse_funding_rule(rule)
    if rule["kind"] == "proportional":
        return _("The amount released is proportional to the verified completion.")
    if rule["kind"] == "threshold":
        return _(
            "Nothing is released below %(t)s%% completion; from there the amount is proportional."
        ) % {"t": rule["threshold"]}
    parts = "；".join(
        _("≥ %(c)s%%: %(s)s%%") % {"c": c, "s": s} for c, s in reversed(rule["steps"])
    )
    return _("Share of the amount released by verified completion: %(steps)s; below: nothing.") % {
        "steps": parts
    }
