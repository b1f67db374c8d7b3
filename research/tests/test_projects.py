import datetime

import pytest
from django.urls import reverse

from research.services import projects
from research.services.library import LibraryError

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def test_project_milestones_deliverables_and_overdue_flags(client, people):
    today = datetime.date.today()
    project = projects.create_project(
        people["staff"],
        title="区域标准化战略研究",
        lead=people["staff"],
        centre=people["centre"],
        starts_on=today - 100 * DAY,
        ends_on=today - DAY,
        team=[people["member"]],
    )
    late = projects.add_milestone(project, people["staff"], "调研", today - 10 * DAY)
    projects.add_milestone(project, people["staff"], "结题", today + 10 * DAY)
    owed = projects.add_deliverable(project, people["staff"], "研究报告", today - 5 * DAY)
    assert projects.overdue_summary(project) == {"milestones": 1, "deliverables": 1, "project": 1}
    projects.complete_milestone(late, people["staff"])
    assert projects.overdue_summary(project)["milestones"] == 0
    with pytest.raises(LibraryError):
        projects.add_milestone(project, people["member"], "x", today)  # the team only reads
    client.force_login(people["member"])
    assert client.get(project.get_absolute_url()).status_code == 200
    client.force_login(people["nobody"])
    assert client.get(project.get_absolute_url()).status_code == 404
    client.force_login(people["staff"])
    page = client.get(reverse("research:projects"))
    assert page.context["rows"][0][1]["deliverables"] == 1
    assert owed.is_overdue


def test_project_cannot_end_before_it_starts(people):
    today = datetime.date.today()
    with pytest.raises(LibraryError):
        projects.create_project(
            people["office"], title="x", lead=people["office"], starts_on=today, ends_on=today - DAY
        )
    with pytest.raises(LibraryError):
        projects.create_project(
            people["nobody"], title="x", lead=people["nobody"], starts_on=today, ends_on=today
        )
