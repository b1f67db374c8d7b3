"""Two people taking the last place at once: exactly one gets it, the other is waitlisted."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from talent.models import Enrolment
from talent.models.training import EnrolmentStatus
from talent.services import training as svc
from talent.tests import fixtures_training as fx

# Fixtures of the training tests (no conftest.py: the expert-database tests keep theirs).
_roles, _fast_hashing, _fresh_rate_limits = fx._roles, fx._fast_hashing, fx._fresh_rate_limits
make_user, make_org, training = fx.make_user, fx.make_org, fx.training

ROUNDS = 5


@pytest.mark.django_db(transaction=True)
def test_two_people_racing_for_the_last_place_never_overbook(training, make_user):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL (SQLite serialises every write)")
    session, staff = training["session"], training["staff"]
    svc.set_capacity(staff, session, ROUNDS)
    holders = [make_user(f"h{i}") for i in range(ROUNDS - 1)]
    for person in holders:
        svc.enrol(session, person)
    racers = [make_user(f"r{i}") for i in range(2 * ROUNDS)]
    for round_no in range(ROUNDS):
        a, b = racers[2 * round_no], racers[2 * round_no + 1]
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def take(person, barrier=barrier, errors=errors):
            try:
                barrier.wait(timeout=10)
                svc.enrol(session, person)
            except BaseException as exc:  # reported below
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=take, args=(p,)) for p in (a, b)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert errors == []
        statuses = sorted(
            Enrolment.objects.filter(person__in=[a, b]).values_list("status", flat=True)
        )
        assert statuses == [EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITLISTED]
        assert svc.seats_taken(session) == ROUNDS
        # Free the place again for the next round: the waitlisted racer moves up.
        first = Enrolment.objects.filter(person__in=[a, b], status="confirmed").get()
        promoted = svc.cancel_enrolment(first, first.person)
        assert promoted is not None and promoted.person in (a, b)
        Enrolment.objects.filter(pk=promoted.pk).update(status="cancelled")
    assert svc.seats_taken(session) == ROUNDS - 1


@pytest.mark.django_db
def test_the_last_place_goes_to_the_first_and_the_second_waits(training, make_user):
    session = training["session"]
    svc.enrol(session, make_user("first"))
    second = svc.enrol(session, make_user("second"))
    third = svc.enrol(session, make_user("third"))
    assert (second.status, third.status) == ("confirmed", "waitlisted")
