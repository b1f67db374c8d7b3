"""Reference impact of catalogue changes, warnings, cancellation after notice, review reminders."""

from __future__ import annotations

import copy
import datetime

import pytest
from django.utils import timezone

from catalog.models import Status
from catalog.services.imports import record_manual_change
from development.models import ActionItem, AllianceProfile
from development.services import deadlines, impact
from development.services.bodies import update_profile
from development.services.drafts import upload_draft
from development.tests.conftest import DRAFT_V1, upload
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def _withdraw(std):
    before = copy.copy(std)
    std.status, std.withdrawn = Status.WITHDRAWN, timezone.localdate()
    std.save()
    record_manual_change(before, std)


def test_a_withdrawn_cited_standard_opens_one_action_item(world, make_project, catalogue):
    impact.process_catalog_events()  # events before the drafts are not news
    project = make_project("20.20")
    other = make_project("20.20", body=world.b)
    upload_draft(project, upload("a.txt", DRAFT_V1), kind="wd", user=world.sec_a)
    _withdraw(catalogue.qms)
    assert impact.process_catalog_events() == 1
    item = ActionItem.objects.get()
    assert item.project == project and "GB/T 19001-2016" in item.title
    notes = Notification.objects.filter(event_type="development.reference_changed")
    assert [n.recipient for n in notes] == [world.sec_a]
    # Seen again (a re-run, another event on the same standard): nothing new.
    _withdraw(catalogue.qms)
    impact.process_catalog_events()
    assert ActionItem.objects.count() == 1 and notes.count() == 1
    assert not other.action_items.exists()


def test_unrelated_and_dated_other_edition_changes_are_ignored(world, make_project, catalogue):
    from catalog.tests.factories import StandardFactory

    impact.process_catalog_events()
    project = make_project("20.20")
    upload_draft(project, upload("a.txt", DRAFT_V1), kind="wd", user=world.sec_a)
    older = StandardFactory(designation="GB/T 19001-2008")  # the draft cites the 2016 edition
    impact.process_catalog_events()
    _withdraw(older)
    assert impact.process_catalog_events() == 0


def test_warnings_before_and_after_the_target_date_once(world, make_project):
    today = timezone.localdate()
    soon = make_project("20.20", target_date=today + datetime.timedelta(days=5))
    make_project("20.20", target_date=today + datetime.timedelta(days=60))
    late = make_project("30.20", target_date=today - datetime.timedelta(days=1))
    assert deadlines.warn_before_limits(today) == 2
    assert deadlines.warn_before_limits(today) == 0
    subjects = set(
        Notification.objects.filter(event_type="development.stage_warning").values_list(
            "subject_id", flat=True
        )
    )
    assert subjects == {soon.pk, late.pk}


def test_cancellation_after_notice_only_where_enabled(world, make_project):
    today = timezone.localdate()
    past = today - datetime.timedelta(days=1)
    project = make_project("20.20", limit_date=past)
    kept = make_project("20.20", body=world.b, limit_date=past)
    update_profile(world.a, actor=world.sec_a, auto_cancel=True, cancel_notice_days=10)
    AllianceProfile.objects.get_or_create(body=world.b)
    assert deadlines.cancel_overdue(today) == {"noticed": 1, "cancelled": 0}
    project.refresh_from_db()
    assert project.cancellation_notice_on == today and project.state == "20.20"
    assert deadlines.cancel_overdue(today + datetime.timedelta(days=9))["cancelled"] == 0
    assert deadlines.cancel_overdue(today + datetime.timedelta(days=10))["cancelled"] == 1
    project.refresh_from_db()
    kept.refresh_from_db()
    assert project.state == "20.98" and kept.state == "20.20"
    assert Notification.objects.filter(event_type="development.cancellation_notice").count() == 1


def test_extending_the_limit_withdraws_the_notice(world, make_project):
    today = timezone.localdate()
    project = make_project("20.20", limit_date=today - datetime.timedelta(days=1))
    update_profile(world.a, actor=world.sec_a, auto_cancel=True)
    deadlines.cancel_overdue(today)
    deadlines.extend_limit(
        project, today + datetime.timedelta(days=90), user=world.sec_a, reason="试验周期延长"
    )
    assert deadlines.cancel_overdue(today + datetime.timedelta(days=40))["cancelled"] == 0


def test_review_reminders(world, make_project):
    today = timezone.localdate()
    make_project("60.60", designation="T/HNXX 001-2021", review_due_on=today)
    make_project(
        "60.60", designation="T/HNXX 002-2025", review_due_on=today.replace(year=today.year + 4)
    )
    assert deadlines.remind_reviews(today) == 1
    assert deadlines.remind_reviews(today) == 0
