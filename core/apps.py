from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Framework pieces shared by every domain app."""

    name = "core"
    verbose_name = "Core"
