"""The counts governance reads through the statistics registry, against the records they count."""

import datetime

import pytest
from django.utils import timezone

from core.registry import has_statistic, statistic, statistics
from governance.services import kpi_sources

D = datetime.date
pytestmark = pytest.mark.django_db


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 12))


def test_checks_and_consulting_publish_their_statistics():
    codes = [s.code for s in statistics()]
    assert "checks.checks_served" in codes and "consulting.requests_served" in codes
    with pytest.raises(LookupError):
        statistic("nobody.nothing", until=D(2026, 1, 1))


def test_checks_served_counts_the_successful_checks_up_to_the_date():
    from checks.models import Check

    for n, (state, day) in enumerate(
        [
            (Check.State.SUCCEEDED, D(2026, 1, 10)),
            (Check.State.SUCCEEDED, D(2026, 2, 28)),
            (Check.State.SUCCEEDED, D(2026, 3, 1)),  # after the date
            (Check.State.FAILED, D(2026, 1, 20)),  # not served
        ]
    ):
        Check.objects.create(list_key=f"k{n}", state=state, finished_at=_at(day))
    Check.objects.create(list_key="pending", state=Check.State.PENDING)
    assert statistic("checks.checks_served", until=D(2026, 2, 28)) == 2
    assert statistic("checks.checks_served", until=D(2026, 2, 28), since=D(2026, 2, 1)) == 1
    measured = kpi_sources.novelty_checks(None, D(2026, 3, 31))
    assert measured.value == 3 and "2026-03-31" in measured.method


def test_requests_served_counts_the_answered_requests_up_to_the_date(make_user):
    from consulting.models import ServiceRequest
    from consulting.services.requests import submit_request

    asker = make_user("asker")
    rows = [
        submit_request(asker, kind="advice", title=f"问{n}", question="如何执行？")
        for n in range(4)
    ]
    answered = [D(2026, 4, 2), D(2026, 4, 30), D(2026, 5, 1)]
    for row, day in zip(rows, answered, strict=False):  # the last request is not answered
        ServiceRequest.objects.filter(pk=row.pk).update(answered_at=_at(day))
    assert statistic("consulting.requests_served", until=D(2026, 4, 30)) == 2
    assert statistic("consulting.requests_served", until=D(2026, 12, 31)) == 3
    measured = kpi_sources.consulting_requests(None, D(2026, 4, 30))
    assert measured.value == 2


def test_a_statistic_nobody_publishes_reads_zero(monkeypatch):
    from core import registry

    monkeypatch.delitem(registry._statistics, "checks.checks_served")
    assert not has_statistic("checks.checks_served")
    assert kpi_sources.novelty_checks(None, D(2026, 3, 31)).value == 0
