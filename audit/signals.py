"""Changes made in the Django admin enter the audit trail through its LogEntry rows."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db.models.signals import post_save
from django.dispatch import receiver

from audit.services import log_action

_VERBS = {ADDITION: "added", CHANGE: "changed", DELETION: "deleted"}
_service_audited: ContextVar[bool] = ContextVar("stdbase_admin_service_audited", default=False)


@contextlib.contextmanager
def audited_by_service() -> Iterator[None]:
    """Within this block the admin's LogEntry adds no entry: a service already wrote one."""
    token = _service_audited.set(True)
    try:
        yield
    finally:
        _service_audited.reset(token)


@receiver(post_save, sender=LogEntry, dispatch_uid="audit.admin_log_entry")
def audit_admin_change(sender, instance: LogEntry, created: bool, **kwargs):
    """Write `admin.<app>.<model>.<added|changed|deleted>` for every admin change."""
    if not created or _service_audited.get():
        return
    content_type = instance.content_type
    app, model = (content_type.app_label, content_type.model) if content_type else ("-", "-")
    log_action(
        f"admin.{app}.{model}.{_VERBS.get(instance.action_flag, 'changed')}",
        actor=instance.user,
        # The object may already be deleted: keep what the admin recorded about it.
        after={"object_id": instance.object_id, "object": instance.object_repr},
        detail=instance.get_change_message()[:1000],
    )
