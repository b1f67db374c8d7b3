"""Moving projects through stages: paths, track rules, guards, dates and history."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from audit.models import AuditEntry
from development.services.stages import advance_stage
from workflows.exceptions import TransitionError, TransitionRefused
from workflows.services import history

pytestmark = pytest.mark.django_db


def test_advance_walks_the_sub_stages_and_sets_the_target_date(world, make_project):
    project = make_project("10.99")
    events = advance_stage(project, "20.20", user=world.sec_a, comment="开始起草")
    assert [e.to_state for e in events] == ["20.00", "20.20"]
    project.refresh_from_db()
    assert project.state == "20.20" and project.stage_main == "20"
    assert project.stage_started_on == timezone.localdate()
    # The normal track gives drafting eight months.
    assert project.target_date > timezone.localdate() + datetime.timedelta(days=230)
    assert [e.to_state for e in history(project)] == ["20.00", "20.20"]
    assert AuditEntry.objects.filter(action="development.project.start_20").count() == 1


def test_fast_track_skips_drafting_but_normal_track_cannot(world, make_project):
    fast = make_project("10.99", track="fast")
    advance_stage(fast, "30.00", user=world.sec_a)
    assert fast.state == "30.00"
    normal = make_project("10.99")
    with pytest.raises(TransitionRefused) as refused:
        advance_stage(normal, "30.00", user=world.sec_a)
    assert "进度" in refused.value.message or "schedule" in refused.value.message
    normal.refresh_from_db()
    assert normal.state == "10.99"


def test_unknown_jump_is_explained_and_changes_nothing(world, make_project):
    project = make_project("20.20")
    with pytest.raises(TransitionError):
        advance_stage(project, "60.60", user=world.sec_a)
    project.refresh_from_db()
    assert project.state == "20.20" and not list(history(project))


@pytest.mark.parametrize("who", ["member_b", "author", "outsider"])
def test_only_the_secretariat_of_the_body_moves_its_projects(world, make_project, who):
    project = make_project("20.20")
    with pytest.raises(TransitionRefused):
        advance_stage(project, "20.60", user=getattr(world, who))
    project.refresh_from_db()
    assert project.state == "20.20"


def test_a_failing_step_rolls_back_the_whole_path(world, make_project):
    # From 20.20 to 30.00 passes 20.60 and 20.99; if the last step is refused, none is kept.
    project = make_project("20.20", track="normal")
    advance_stage(project, "20.60", user=world.sec_a)
    with pytest.raises(TransitionError):
        advance_stage(project, "50.00", user=world.sec_a)
    project.refresh_from_db()
    assert project.state == "20.60"


def test_abandon_needs_a_reason(world, make_project):
    project = make_project("30.20")
    with pytest.raises(TransitionRefused):
        advance_stage(project, "30.98", user=world.sec_a)
    advance_stage(project, "30.98", user=world.sec_a, comment="无人起草")
    assert project.state == "30.98" and not project.is_active
