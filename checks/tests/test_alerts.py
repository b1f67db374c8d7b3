"""Change alerts: a re-import that changes a watched standard notifies exactly once."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail

from accounts.models import Membership, Organization
from catalog.importers.records import RelationRef, StandardRecord
from catalog.models import CatalogEvent, Standard
from catalog.services.imports import import_records
from checks.models import AlertCursor, WatchList, WatchRule
from checks.services import alerts, watchlists
from checks.services.checking import CheckRequest, create_check, run_check
from notifications.models import Notification
from notifications.models import Preference as AlertPreference
from notifications.services import delivery

pytestmark = pytest.mark.django_db

D = datetime.date


def records(status_2008: str = "current", with_2016: bool = False):
    rows = [
        StandardRecord(
            "GB/T 19001-2008",
            title_zh="质量管理体系 要求",
            status=status_2008,
            issued=D(2008, 10, 29),
            effective=D(2009, 3, 1),
            ics=["03.120.10"],
        ),
        StandardRecord(
            "GB 50204-2015",
            title_zh="混凝土结构工程施工质量验收规范",
            status="current",
            effective=D(2015, 9, 1),
            committee="住房和城乡建设部",
        ),
    ]
    if with_2016:
        rows.append(
            StandardRecord(
                "GB/T 19001-2016",
                title_zh="质量管理体系 要求",
                status="current",
                issued=D(2016, 12, 30),
                effective=D(2017, 7, 1),
                ics=["03.120.10"],
                replaces=[RelationRef("GB/T 19001-2008")],
            )
        )
    return rows


def reimport(**kwargs):
    return import_records(records(**kwargs), source_slug="samr-test", fmt="test")


@pytest.fixture
def people(django_user_model):
    alice = django_user_model.objects.create_user("alice", email="alice@example.com", password="x")
    bob = django_user_model.objects.create_user("bob", email="bob@example.com", password="x")
    carol = django_user_model.objects.create_user("carol", email="", password="x")
    org = Organization.objects.create(
        name="某设计院", type="institute", credit_code="91410100MA40000000"
    )
    Membership.objects.create(user=alice, organization=org, role=Membership.Role.ADMIN)
    Membership.objects.create(user=bob, organization=org)
    return alice, bob, carol, org


def test_reimport_that_replaces_a_watched_standard_notifies_exactly_once(people):
    alice, bob, carol, org = people
    reimport()  # first import: no events
    assert not CatalogEvent.objects.exists()
    watchlist = watchlists.create_watchlist(alice, "质量体系", organization=org)
    watchlists.add_standard(watchlist, alice, "GB/T 19001")
    reimport(status_2008="replaced", with_2016=True)
    kinds = set(CatalogEvent.objects.values_list("kind", flat=True))
    assert {"replaced", "published", "replacement_added"} <= kinds

    assert alerts.process_catalog_events() == CatalogEvent.objects.count()
    assert alerts.process_catalog_events() == 0  # the job runs again: nothing new
    notes = Notification.objects.order_by("recipient__username", "kind")
    got = sorted((n.recipient.username, n.kind) for n in notes)
    assert got == sorted(
        (user, kind)
        for user in ("alice", "bob")
        for kind in ("published", "replaced", "replacement_added")
    )
    replaced = notes.get(recipient=alice, kind="replaced")
    assert replaced.title == "GB/T 19001-2008 被代替"
    assert "现行 → 被代替" in replaced.body
    assert replaced.watchlist_id == watchlist.pk
    assert Notification.objects.filter(recipient=carol).count() == 0


def test_crash_halfway_and_rerun_does_not_duplicate(people, monkeypatch):
    alice, *_ = people
    reimport()
    watchlist = watchlists.create_watchlist(alice, "list")
    watchlists.add_standard(watchlist, alice, "GB/T 19001-2008")
    reimport(status_2008="replaced", with_2016=True)
    events = CatalogEvent.objects.count()
    # Crash after the notifications of the first batch were written, before the cursor moved.
    original = AlertCursor.save

    def crash(self, *args, **kwargs):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(AlertCursor, "save", crash)
    with pytest.raises(RuntimeError):
        alerts.process_catalog_events(batch=1)
    monkeypatch.setattr(AlertCursor, "save", original)
    assert Notification.objects.count() == 0  # the batch rolled back with the cursor
    # A cursor lost after the notifications were committed: the constraint keeps them unique.
    alerts.process_catalog_events()
    first = Notification.objects.count()
    AlertCursor.objects.update(position=0)
    assert alerts.process_catalog_events() == events
    assert Notification.objects.count() == first == 3


def test_rules_significant_only_and_checks_affected(people):
    alice, bob, carol, _org = people
    reimport()
    check = run_check(
        create_check(CheckRequest(text="按 GB/T 19001-2008 建立体系"), owner=carol).pk
    )
    watchlist = watchlists.create_watchlist(bob, "ICS 03.120")
    watchlists.add_rule(watchlist, bob, WatchRule.Field.ICS, "03.120")
    AlertPreference.objects.create(user=alice, significant_only=True)
    keyword = watchlists.create_watchlist(alice, "混凝土")
    watchlists.add_rule(keyword, alice, WatchRule.Field.KEYWORD, "混凝土")
    changed = records(status_2008="replaced", with_2016=True)
    changed[1].title_zh = "混凝土结构工程施工质量验收规范（修订）"
    import_records(changed, source_slug="samr-test", fmt="test")
    alerts.process_catalog_events()
    assert set(Notification.objects.filter(recipient=bob).values_list("kind", flat=True)) == {
        "replaced",
        "published",
        "replacement_added",
    }
    # Alice only wants significant changes: the title correction is not one.
    assert not Notification.objects.filter(recipient=alice).exists()
    # Carol watches nothing but a stored check cites the replaced edition.
    carol_notes = Notification.objects.filter(recipient=carol)
    assert set(carol_notes.values_list("kind", flat=True)) == {"replaced", "replacement_added"}
    assert {n.check_run_id for n in carol_notes} == {check.pk}
    assert {n.email_state for n in carol_notes} == {Notification.EmailState.SKIPPED}


def test_upcoming_standard_taking_effect_is_notified(people):
    from catalog.services.lifecycle import activate_due_standards

    alice, *_ = people
    import_records(
        [StandardRecord("GB 55037-2022", status="upcoming", effective=D(2023, 6, 1))],
        source_slug="samr-test",
        fmt="test",
    )
    watchlist = watchlists.create_watchlist(alice, "防火")
    watchlists.add_standard(watchlist, alice, "GB 55037-2022")
    assert activate_due_standards(D(2023, 6, 1)) == 1
    alerts.process_catalog_events()
    note = Notification.objects.get(recipient=alice)
    assert (note.kind, note.significant) == ("status_changed", True)
    assert Standard.objects.get(designation="GB 55037-2022").status == "current"


def test_immediate_email_and_daily_digest(people):
    alice, bob, _carol, org = people
    AlertPreference.objects.create(user=bob, frequency=AlertPreference.Frequency.DAILY)
    reimport()
    watchlist = watchlists.create_watchlist(alice, "shared", organization=org)
    watchlists.add_standard(watchlist, alice, "GB/T 19001")
    reimport(status_2008="replaced", with_2016=True)
    alerts.process_catalog_events()
    delivery.deliver_pending()
    delivery.deliver_pending()
    assert [m.to for m in mail.outbox] == [["alice@example.com"]] * 3
    assert Notification.objects.filter(recipient=bob, email_state="pending").count() == 3
    sent = delivery.send_digests(now=datetime.datetime(2026, 11, 24, 8, tzinfo=datetime.UTC))
    assert sent == 3
    digest = mail.outbox[-1]
    assert digest.to == ["bob@example.com"]
    assert "3" in digest.subject and "GB/T 19001-2008" in digest.body
    assert delivery.send_digests(now=datetime.datetime(2026, 11, 24, 9, tzinfo=datetime.UTC)) == 0
    assert len(mail.outbox) == 4


def test_shared_list_permissions(people):
    alice, bob, carol, org = people
    watchlist = watchlists.create_watchlist(alice, "shared", organization=org)
    assert WatchList.objects.restrict(bob, "view").filter(pk=watchlist.pk).exists()
    assert not WatchList.objects.restrict(bob, "change").filter(pk=watchlist.pk).exists()
    assert not WatchList.objects.restrict(carol, "view").filter(pk=watchlist.pk).exists()
    with pytest.raises(watchlists.WatchListError):
        watchlists.add_standard(watchlist, bob, "GB 50204")
    watchlists.share_watchlist(watchlist, alice, org, WatchList.Access.EDIT)
    assert watchlists.add_standard(watchlist, bob, "GB 50204").series_key == "GB 50204"


def test_scheduled_task_and_command_run_the_same_job(people):
    from django.core.management import call_command

    from checks.tasks import process_catalog_events_task

    alice, *_ = people
    reimport()
    watchlist = watchlists.create_watchlist(alice, "list")
    watchlists.add_standard(watchlist, alice, "GB/T 19001")
    reimport(status_2008="replaced", with_2016=True)
    process_catalog_events_task()  # Huey runs it at once in the embedded test settings
    assert Notification.objects.filter(recipient=alice).count() == 3
    assert len(mail.outbox) == 3
    call_command("process_alerts", "--digests", stdout=io.StringIO())
    assert Notification.objects.filter(recipient=alice).count() == 3


def test_a_longer_chain_reaches_checks_that_pointed_to_the_old_current_edition(people):
    _alice, _bob, carol, _org = people
    reimport(status_2008="replaced", with_2016=True)
    check = run_check(create_check(CheckRequest(text="GB/T 19001-2008"), owner=carol).pk)
    assert list(check.items.values_list("current", flat=True)) == [["GB/T 19001-2016"]]
    newer = records(status_2008="replaced", with_2016=True)
    newer[2].status = "replaced"
    newer.append(
        StandardRecord(
            "GB/T 19001-2026",
            status="current",
            effective=D(2027, 1, 1),
            replaces=[RelationRef("GB/T 19001-2016")],
        )
    )
    import_records(newer, source_slug="samr-test", fmt="test")
    alerts.process_catalog_events()
    note = Notification.objects.get(recipient=carol, kind="replaced")
    assert note.subject.designation == "GB/T 19001-2016"
    assert note.check_run_id == check.pk
