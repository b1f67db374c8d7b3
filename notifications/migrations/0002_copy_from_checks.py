"""Copy the message centre, preferences, webhooks and their outbox from the checks app.

The rows keep their ids (webhook deliveries keep pointing at their notification), and the
catalogue-event link becomes the de-duplication key "catalog-event:<id>" that keeps alerts
exactly-once. The checks tables are dropped by checks' next migration.
"""

from django.core.management.color import no_style
from django.db import migrations

EVENT_TYPE = "checks.catalogue_change"
CHUNK = 2000


def _copy_created_at(model, rows):
    """bulk_create with created_at kept (auto_now_add would overwrite it)."""
    field = model._meta.get_field("created_at")
    field.auto_now_add = False
    try:
        model.objects.bulk_create(rows, batch_size=CHUNK)
    finally:
        field.auto_now_add = True


def _event_data(event):
    if event is None:
        return {}
    return {
        "standard": event.standard.designation,
        "event": {
            "id": event.pk,
            "before": event.before,
            "after": event.after,
            "occurred_at": event.occurred_at.isoformat(),
        },
    }


def copy_rows(apps, schema_editor):
    old = {
        name: apps.get_model("checks", name)
        for name in ("AlertPreference", "Notification", "Webhook", "WebhookDelivery")
    }
    new = {
        name: apps.get_model("notifications", name)
        for name in ("Preference", "Notification", "Webhook", "WebhookDelivery")
    }
    ContentType = apps.get_model("contenttypes", "ContentType")
    new["Preference"].objects.bulk_create(
        [
            new["Preference"](
                user_id=p.user_id,
                email=p.email,
                frequency=p.frequency,
                significant_only=p.significant_only,
                last_digest_at=p.last_digest_at,
            )
            for p in old["AlertPreference"].objects.all()
        ]
    )
    _copy_created_at(
        new["Webhook"],
        [
            new["Webhook"](
                id=h.pk,
                owner_id=h.owner_id,
                name=h.name,
                url=h.url,
                flavor=h.flavor,
                secret=h.secret,
                active=h.active,
                significant_only=h.significant_only,
                created_at=h.created_at,
            )
            for h in old["Webhook"].objects.all()
        ],
    )
    notes = old["Notification"].objects.select_related("event__standard").order_by("pk")
    standard_type = None
    if notes.exists():
        standard_type, _ = ContentType.objects.get_or_create(app_label="catalog", model="standard")
    rows = []
    for note in notes.iterator(chunk_size=CHUNK):
        data = {
            **_event_data(note.event),
            "watchlist": note.watchlist_id,
            "check": note.check_run_id,
        }
        if note.check_run_id:
            data["links"] = [
                {"label": "此变更影响您的一次查新。", "url": f"/checks/{note.check_run_id}/"}
            ]
        rows.append(
            new["Notification"](
                id=note.pk,
                recipient_id=note.recipient_id,
                event_type=EVENT_TYPE,
                kind=note.kind,
                subject_type=standard_type if note.standard_id else None,
                subject_id=note.standard_id,
                significant=note.significant,
                title=note.title,
                body=note.body,
                url=note.url,
                data=data,
                dedupe_key=f"catalog-event:{note.event_id}" if note.event_id else "",
                created_at=note.created_at,
                read_at=note.read_at,
                email_state=note.email_state,
            )
        )
    _copy_created_at(new["Notification"], rows)
    _copy_created_at(
        new["WebhookDelivery"],
        [
            new["WebhookDelivery"](
                id=d.pk,
                webhook_id=d.webhook_id,
                notification_id=d.notification_id,
                state=d.state,
                attempts=d.attempts,
                next_attempt_at=d.next_attempt_at,
                last_attempt_at=d.last_attempt_at,
                response_status=d.response_status,
                last_error=d.last_error,
                created_at=d.created_at,
            )
            for d in old["WebhookDelivery"].objects.all()
        ],
    )
    # Explicit ids: move PostgreSQL's sequences past them.
    connection = schema_editor.connection
    statements = connection.ops.sequence_reset_sql(no_style(), list(new.values()))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_notifications"),
        ("checks", "0002_check_job"),
        ("catalog", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_rows, migrations.RunPython.noop)]
