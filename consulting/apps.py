"""The service desk: consulting requests from enterprises."""

from django.apps import AppConfig


class ConsultingConfig(AppConfig):
    """Consulting requests (标准化技术咨询服务)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "consulting"
    verbose_name = "Consulting"

    def ready(self) -> None:
        from consulting import statistics
        from consulting.services import notices, progress
        from core.registry import register_progress_receiver
        from core.roles import grant_by_default

        perms = ("consulting.view_servicerequest", "consulting.change_servicerequest")
        # Centre staff run the desk of their centre (held in the body) or of the base.
        grant_by_default("centre_staff", *perms)
        grant_by_default("base_office", *perms, "consulting.change_slapolicy")
        notices.register_event_types()
        statistics.register()
        # Forwarded records report their state back (verification, talent, development).
        register_progress_receiver(progress.receive_progress)
