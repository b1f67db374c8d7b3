from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecksConfig(AppConfig):
    """Validity checking of references (标准查新), watch lists and change alerts."""

    name = "checks"
    verbose_name = _("Validity checks")

    def ready(self) -> None:
        from checks import consulting, statistics
        from checks.notifications import events

        events.register()
        statistics.register()
        consulting.register()
