from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Framework pieces shared by every domain app."""

    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from core.registry import autodiscover

        # Every app's navigation, search and dashboard declarations (core/registry.py).
        autodiscover()
