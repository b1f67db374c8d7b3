"""Re-key the audit chain: every hash becomes an HMAC with the key kept outside the database.

The unkeyed sha256 chain is verified first; a broken one is refused (re-keying it would
launder the tampering), so run `stdbase verify_audit` before upgrading and investigate
any problem it reports.
"""

from django.db import migrations

GENESIS = "0" * 64
TRIGGER = "audit_entry_immutable"


def rekey(apps, schema_editor):
    from audit.services import compute_hash, legacy_hash

    AuditEntry = apps.get_model("audit", "AuditEntry")
    AuditAnchor = apps.get_model("audit", "AuditAnchor")
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    anchor = AuditAnchor.objects.order_by("-sequence").first()
    start = anchor.entry_hash if anchor else GENESIS
    entries = list(AuditEntry.objects.order_by("sequence"))
    previous = start
    for entry in entries:
        if entry.prev_hash != previous or legacy_hash(entry.prev_hash, entry) != entry.entry_hash:
            raise RuntimeError(
                f"audit entry #{entry.sequence} does not verify; the trail was altered before "
                "the upgrade. Investigate with `stdbase verify_audit` before migrating."
            )
        previous = entry.entry_hash
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute(f"ALTER TABLE audit_auditentry DISABLE TRIGGER {TRIGGER}")
    previous = start
    for entry in entries:
        entry.prev_hash = previous
        entry.entry_hash = compute_hash(previous, entry)
        # The QuerySet base class: the model's own manager refuses updates by design.
        migrations_update(AuditEntry, entry)
        previous = entry.entry_hash
    if postgres:
        schema_editor.execute(f"ALTER TABLE audit_auditentry ENABLE TRIGGER {TRIGGER}")
    if entries:
        AuditChainHead.objects.update_or_create(
            pk=1, defaults={"last_sequence": entries[-1].sequence, "last_hash": previous}
        )


def migrations_update(model, entry) -> None:
    from django.db.models import QuerySet

    QuerySet(model).filter(pk=entry.pk).update(
        prev_hash=entry.prev_hash, entry_hash=entry.entry_hash
    )


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_immutable_trigger")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop, elidable=False)]
