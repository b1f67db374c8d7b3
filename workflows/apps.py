from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    """Processes as data: states, guarded transitions and their immutable events."""

    name = "workflows"
    verbose_name = _("Processes")
