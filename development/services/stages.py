"""Moving a project through its stages: the one entry point other services call."""

from __future__ import annotations

from collections import deque

from django.db import transaction
from django.utils import timezone

from development import stages
from development.processes import PROJECT
from development.services.schedule import stage_target
from workflows.models import ProcessEvent
from workflows.services import transition

# Steps that go back or end a project are never taken on the way to another stage.
_DETOURS = ("reopen_", "abandon_", "withdraw", "revise")


def _path(project, to_stage: str) -> list[str]:
    """The forward stage codes from the project's state to `to_stage` (empty: none)."""
    start = project.state
    direct = [s for s in PROJECT.transitions_from(start) if s.target == to_stage]
    if direct:
        return [to_stage]
    # Whole main stages are never skipped: the path stays in the current and the target stage.
    allowed = {stages.main_stage(start), stages.main_stage(to_stage)}
    seen, queue = {start: None}, deque([start])
    while queue:
        state = queue.popleft()
        for step in PROJECT.transitions_from(state):
            target = step.target
            if target in seen or step.name.startswith(_DETOURS):
                continue
            if stages.main_stage(target) not in allowed:
                continue
            if not stages.track_allows(project.track, state, target):
                continue
            seen[target] = state
            if target == to_stage:
                path = [target]
                while seen[path[-1]] != start:
                    path.append(seen[path[-1]])
                return path[::-1]
            queue.append(target)
    return []


def advance_stage(
    project,
    to_stage: str,
    *,
    user,
    comment: str = "",
    data: dict | None = None,
    request=None,
) -> list[ProcessEvent]:
    """Move a project to a stage code ("40.99"), through the sub-stages between, if allowed.

    Each step is one `workflows.transition` (its guards, event and audit entry); all of them
    happen or none. Entering a new main stage restarts its clock and sets its target date.
    Raises `TransitionError`/`TransitionRefused` (DomainErrors) with the reason.
    """
    path = _path(project, to_stage) or [to_stage]  # no path: let transition() explain
    events: list[ProcessEvent] = []
    with transaction.atomic():
        for index, state in enumerate(path):
            last = index == len(path) - 1
            before = stages.main_stage(project.state)
            events.append(
                transition(
                    project,
                    state,
                    user,
                    comment,
                    data=(data if last else None),
                    request=request,
                )
            )
            if stages.main_stage(state) != before:
                project.stage_started_on = timezone.localdate()
            project.target_date = stage_target(project)
        project.save(update_fields=["stage_started_on", "target_date", "updated_at"])
    return events
