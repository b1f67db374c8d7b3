from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerificationConfig(AppConfig):
    """Trial verification of drafts, limit judging and inter-laboratory precision."""

    name = "verification"
    verbose_name = _("Verification centre")

    def ready(self) -> None:
        from verification import consulting, panels, roles_centres, roles_evaluation
        from verification.services import notices

        roles_evaluation.register()
        roles_centres.register()
        panels.register()
        notices.register_event_types()
        consulting.register()
