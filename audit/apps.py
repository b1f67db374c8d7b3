from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The tamper-evident audit trail."""

    name = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from audit import signals  # noqa: F401 - audits changes made in the Django admin
