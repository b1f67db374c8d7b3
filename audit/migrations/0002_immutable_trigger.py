"""On PostgreSQL, a trigger rejects UPDATE and DELETE of audit entries at the database.

Deletion is allowed only inside the retention purge, which sets the transaction-local
`stdbase.audit_purge` flag (and writes an anchor so the chain stays verifiable).
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION audit_entry_immutable() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('stdbase.audit_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION USING
        MESSAGE = 'audit entries are immutable: ' || TG_OP || ' refused',
        ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_entry_immutable ON audit_auditentry;
CREATE TRIGGER audit_entry_immutable BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_immutable();
DROP TRIGGER IF EXISTS audit_anchor_immutable ON audit_auditanchor;
CREATE TRIGGER audit_anchor_immutable BEFORE UPDATE OR DELETE ON audit_auditanchor
    FOR EACH ROW EXECUTE FUNCTION audit_entry_immutable();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS audit_entry_immutable ON audit_auditentry;
DROP TRIGGER IF EXISTS audit_anchor_immutable ON audit_auditanchor;
DROP FUNCTION IF EXISTS audit_entry_immutable();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
