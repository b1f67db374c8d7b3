"""notify(): one call for any app; channels per event type, exactly once, outbox rows."""

from __future__ import annotations

import pytest

from notifications.models import EventPreference, Notification, Preference, Webhook, WebhookDelivery
from notifications.registry import EVENT_TYPES, EventType, get_event_type, register_event_type
from notifications.services import Message, notify
from notifications.services.delivery import digest_subject

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def event_type():
    register_event_type(
        EventType(
            "tests.ballot_opened",
            "Ballot opened",
            default_channels=frozenset({"email"}),
            webhook_payload=lambda note: {"ballot": note.data.get("ballot")},
            digest_subject=lambda count: f"{count} ballots",
        )
    )
    yield
    EVENT_TYPES.pop("tests.ballot_opened")


@pytest.fixture
def people(django_user_model):
    alice = django_user_model.objects.create_user("alice", email="a@example.com", password="x")
    bob = django_user_model.objects.create_user("bob", email="b@example.com", password="x")
    Webhook.objects.create(owner=bob, name="h", url="https://93.184.216.34/")
    return alice, bob


def test_notify_creates_one_message_per_person_with_its_channels(people):
    alice, bob = people
    EventPreference.objects.create(user=bob, event_type="tests.ballot_opened", channels=["webhook"])
    notes = notify(
        "tests.ballot_opened",
        [alice, bob.pk, alice],
        bob,
        Message("投票开始", "请在 7 天内投票", "/ballots/1/"),
        data={"ballot": 1},
        dedupe_key="ballot:1:opened",
    )
    assert sorted(n.recipient.username for n in notes) == ["alice", "bob"]
    by_user = {n.recipient.username: n for n in Notification.objects.all()}
    assert by_user["alice"].email_state == "pending"  # the type's default: e-mail
    assert by_user["bob"].email_state == "skipped"  # bob chose webhooks only
    assert by_user["bob"].subject == bob and by_user["bob"].url == "/ballots/1/"
    assert list(
        WebhookDelivery.objects.values_list("notification__recipient__username", flat=True)
    ) == ["bob"]
    # Exactly once: the same key again creates nothing, and no second outbox row.
    assert (
        notify("tests.ballot_opened", [alice, bob], None, "again", dedupe_key="ballot:1:opened")
        == []
    )
    assert Notification.objects.count() == 2 and WebhookDelivery.objects.count() == 1


def test_without_a_key_every_call_notifies_and_significant_only_filters(people):
    alice, _bob = people
    Preference.objects.create(user=alice, significant_only=True)
    notify("tests.ballot_opened", [alice], None, "a")
    notify("tests.ballot_opened", [alice], None, "b")
    notify("tests.ballot_opened", [alice], None, "minor", significant=False)
    assert list(Notification.objects.order_by("pk").values_list("title", flat=True)) == ["a", "b"]


def test_webhook_payload_and_digest_subject_come_from_the_event_type(people):
    from notifications.services.webhooks import generic_payload

    alice, _bob = people
    (note,) = notify("tests.ballot_opened", [alice], None, "投票开始", data={"ballot": 7})
    payload = generic_payload(note, 1, "https://site/x")
    assert payload["event_type"] == "tests.ballot_opened" and payload["ballot"] == 7
    assert digest_subject([note, note]) == "2 ballots"
    assert get_event_type("unknown.type").label == "unknown.type"
