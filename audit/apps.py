from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The tamper-evident audit trail."""

    name = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from audit import signals  # noqa: F401 - audits changes made in the Django admin
        from audit.services import log_action
        from core.auditing import set_audit_logger

        set_audit_logger(log_action)  # core's own pieces log through it without importing audit
