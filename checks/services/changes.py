"""What changed between two runs of the same list."""

from __future__ import annotations

from dataclasses import dataclass, field

from checks.models import Check


@dataclass
class Change:
    """A reference whose verdict or current editions differ from the previous run."""

    designation: str
    kind: str  # "added", "removed" or "changed"
    before: str = ""
    after: str = ""
    before_current: list[str] = field(default_factory=list)
    after_current: list[str] = field(default_factory=list)


def _verdicts(check: Check) -> dict[str, tuple[str, list[str]]]:
    rows = check.items.order_by("position").values_list("designation", "status", "current")
    result: dict[str, tuple[str, list[str]]] = {}
    for designation, status, current in rows:
        result.setdefault(designation, (status, list(current or [])))
    return result


def compare_runs(check: Check, previous: Check | None = None) -> list[Change] | None:
    """Changes since the previous run of the same list; None when there is no earlier run."""
    previous = previous or check.previous
    if previous is None:
        return None
    now, then = _verdicts(check), _verdicts(previous)
    changes = []
    for designation, (status, current) in now.items():
        if designation not in then:
            changes.append(Change(designation, "added", after=status, after_current=current))
        elif then[designation] != (status, current):
            old_status, old_current = then[designation]
            changes.append(Change(designation, "changed", old_status, status, old_current, current))
    changes.extend(
        Change(d, "removed", before=s, before_current=c)
        for d, (s, c) in then.items()
        if d not in now
    )
    return changes
