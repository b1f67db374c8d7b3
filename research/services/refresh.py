"""Refreshing the analytics aggregates after catalogue changes, and how stale they are."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from audit.services import log_action
from catalog.search import get_backend
from research.models import AggregateState
from research.services.cube import refresh_cube
from research.services.findings import refresh_gaps, refresh_outdated_adoptions

REFRESH_JOB = "research.refresh_aggregates"


def aggregate_state() -> AggregateState:
    """The one state row (created on first use)."""
    state, _created = AggregateState.objects.get_or_create(pk=1)
    return state


def refresh_aggregates(*, user=None, progress=None) -> AggregateState:
    """Recompute the cube, the adoption gaps and the outdated adoptions from the index."""
    started = time.perf_counter()
    version = get_backend().version()
    steps = (refresh_cube, refresh_gaps, refresh_outdated_adoptions)
    with transaction.atomic():
        results = []
        for done, step in enumerate(steps, 1):
            results.append(step())
            if progress:
                progress(done, len(steps))
        state = aggregate_state()
        from catalog.models import Standard

        state.index_version = version
        state.refreshed_at = timezone.now()
        state.standards = Standard.objects.count()
        state.cells = results[0]
        state.seconds = round(time.perf_counter() - started, 3)
        state.save()
        log_action(
            "research.aggregates.refreshed",
            actor=user,
            obj=state,
            after={"cells": results[0], "gap_fields": results[1], "outdated": results[2]},
        )
    return state


@dataclass(frozen=True)
class Staleness:
    """What the page says about the age of its figures."""

    refreshed_at: object
    current: bool  # no index change since the refresh
    refreshing: bool  # a refresh job is queued or running
    seconds: float


def staleness() -> Staleness:
    """Whether the aggregates reflect the current index, and whether a refresh is under way."""
    from jobs.models import Job

    state = aggregate_state()
    refreshing = Job.objects.filter(
        kind=REFRESH_JOB, state__in=[Job.State.QUEUED, Job.State.RUNNING]
    ).exists()
    return Staleness(
        refreshed_at=state.refreshed_at,
        current=state.refreshed_at is not None and state.index_version == get_backend().version(),
        refreshing=refreshing,
        seconds=state.seconds,
    )


def refresh_if_changed(user=None):
    """Start a refresh job when the index changed since the last refresh; None otherwise."""
    from jobs.services import start_job

    now = staleness()
    if now.current or now.refreshing:
        return None
    return start_job(REFRESH_JOB, started_by=user)
