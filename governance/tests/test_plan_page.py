"""The plan page: its tasks 50 a page, filtered and sorted across pages, with empty states."""

import datetime
import re

import pytest
from django.test import Client

from accounts.tests.conftest import PASSWORD
from governance.models import PlanTask
from governance.services import plans
from workflows.services import transition

D = datetime.date


def _client(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _titles(html: str) -> list[str]:
    return re.findall(r'href="/governance/tasks/\d+/">([^<]+)</a>', html)


@pytest.fixture
def big_plan(gov, make_org):
    """120 tasks: 70 of the builder (30 of them done), 50 of a second unit, due over the year."""
    office = gov["office"]
    plan = plans.create_plan(gov["base"], year=2026, title="年度工作计划", actor=office)
    other = make_org("郑州大学")
    rows = []
    for n in range(120):
        unit = gov["builder"] if n < 70 else other
        due = D(2026, 1, 1) + datetime.timedelta(days=n * 3)
        rows.append(
            PlanTask(
                plan=plan,
                title=f"任务{n:03d}",
                unit=unit,
                starts_on=D(2026, 1, 1),
                due_on=due,
                progress=100 if n < 30 else n % 90,
                completed_on=due if n < 30 else None,
            )
        )
    PlanTask.objects.bulk_create(rows)
    transition(plan, "approved", office, "")
    plan.refresh_from_db()
    return plan, other


def test_tasks_are_paginated_fifty_a_page(gov, big_plan):
    plan, _other = big_plan
    office = _client(gov["office"])
    url = f"/governance/plans/{plan.pk}/"
    first = office.get(url).content.decode()
    assert _titles(first) == [f"任务{n:03d}" for n in range(50)]
    assert 'rel="next"' in first and 'href="?page=2"' in first and 'href="?page=3"' in first
    last = office.get(url, {"page": 3}).content.decode()
    assert _titles(last) == [f"任务{n:03d}" for n in range(100, 120)]
    assert 'rel="prev"' in last and 'rel="next"' not in last
    # Out-of-range or nonsense pages fall back to the last or first page, never a 404.
    assert _titles(office.get(url, {"page": 99}).content.decode()) == _titles(last)
    assert _titles(office.get(url, {"page": "x"}).content.decode()) == _titles(first)
    # The plan-wide counts stay those of the whole plan.
    assert "120" in first


def test_filters_and_sort_are_kept_across_pages(gov, big_plan):
    plan, other = big_plan
    office = _client(gov["office"])
    url = f"/governance/plans/{plan.pk}/"
    mine = gov["builder"].pk
    page = office.get(url, {"unit": mine, "sort": "-due"}).content.decode()
    assert _titles(page) == [f"任务{n:03d}" for n in range(69, 19, -1)]
    # The next page's link carries the unit and the order.
    assert f'href="?unit={mine}&amp;sort=-due&amp;page=2"' in page
    second = office.get(url, {"unit": mine, "sort": "-due", "page": 2}).content.decode()
    assert _titles(second) == [f"任务{n:03d}" for n in range(19, -1, -1)]
    assert 'rel="next"' not in second
    # The column links keep the filter and start again on page 1; the order toggles.
    assert f'href="?unit={mine}" hx-get="?unit={mine}" data-sort="due"' in second
    assert f'href="?unit={mine}&amp;sort=title" hx-get' in second
    done = office.get(url, {"status": "done"}).content.decode()
    assert _titles(done) == [f"任务{n:03d}" for n in range(30)] and 'rel="next"' not in done
    assert 'value="done" selected' in done and '<option value="" selected>' in done
    # The order chosen by a column is kept by the form (its select offers every order).
    assert (
        '<option value="-title" selected>' in office.get(url, {"sort": "-title"}).content.decode()
    )
    theirs = office.get(url, {"unit": other.pk, "sort": "title"}).content.decode()
    assert _titles(theirs) == [f"任务{n:03d}" for n in range(70, 120)]
    # Unknown filters or orders are ignored rather than failing.
    assert _titles(office.get(url, {"status": "x", "sort": "pk"}).content.decode())[:1] == [
        "任务000"
    ]


def test_htmx_gets_only_the_task_list(gov, big_plan):
    plan, _other = big_plan
    office = _client(gov["office"])
    part = office.get(
        f"/governance/plans/{plan.pk}/", {"page": 2}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in part and _titles(part)[0] == "任务050" and 'id="task-filters"' in part


def test_empty_states(gov, big_plan):
    plan, _other = big_plan
    office = _client(gov["office"])
    url = f"/governance/plans/{plan.pk}/"
    none = office.get(url, {"status": "behind", "unit": 999999}).content.decode()
    assert 'data-testid="no-tasks"' in none and "没有符合筛选条件的任务。" in none
    assert 'class="pagination' not in none
    empty = plans.create_plan(gov["base"], year=2027, title="明年计划", actor=gov["office"])
    page = office.get(f"/governance/plans/{empty.pk}/").content.decode()
    assert "本计划尚无任务。" in page and 'class="pagination' not in page
