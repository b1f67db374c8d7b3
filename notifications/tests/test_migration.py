"""The move from checks keeps every row: notifications, preferences, webhooks and outbox."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from catalog.models import CatalogEvent
from catalog.tests.factories import StandardFactory

BEFORE = [("checks", "0002_check_job"), ("notifications", "0001_notifications")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_rows_move_from_checks_with_their_ids_and_exactly_once_key(django_user_model):
    alice = django_user_model.objects.create_user("alice", email="a@example.com", password="x")
    standard = StandardFactory(designation="GB 50204-2015")
    event = CatalogEvent.objects.create(standard=standard, kind="withdrawn", after={"a": 1})
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = _migrate(BEFORE)
        old.get_model("checks", "AlertPreference").objects.create(
            user_id=alice.pk, frequency="daily", significant_only=True
        )
        hook = old.get_model("checks", "Webhook").objects.create(
            id=41, owner_id=alice.pk, name="h", url="https://93.184.216.34/", secret="s3"
        )
        note = old.get_model("checks", "Notification").objects.create(
            id=77,
            recipient_id=alice.pk,
            event_id=event.pk,
            standard_id=standard.pk,
            check_run_id=None,
            kind="withdrawn",
            title="GB 50204-2015 废止",
            email_state="sent",
        )
        old.get_model("checks", "WebhookDelivery").objects.create(
            webhook_id=hook.pk, notification_id=note.pk, state="abandoned", attempts=8
        )
    finally:
        _migrate(latest)
    from notifications.models import Notification, Preference, Webhook, WebhookDelivery

    moved = Notification.objects.get()
    assert (moved.pk, moved.title, moved.email_state, moved.kind) == (
        77,
        "GB 50204-2015 废止",
        "sent",
        "withdrawn",
    )
    assert moved.subject == standard and moved.dedupe_key == f"catalog-event:{event.pk}"
    assert moved.data["standard"] == "GB 50204-2015" and moved.data["event"]["after"] == {"a": 1}
    assert Webhook.objects.get().secret == "s3"
    assert WebhookDelivery.objects.get().notification == moved
    assert Preference.objects.get(user=alice).frequency == "daily"
    # New rows get new ids after the copied ones (sequences moved on PostgreSQL).
    fresh = Notification.objects.create(recipient=alice, title="新", event_type="x")
    assert fresh.pk > 77
