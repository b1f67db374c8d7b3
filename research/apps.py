"""Research centre: catalogue analytics."""

from django.apps import AppConfig


class ResearchConfig(AppConfig):
    """The research centre app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "research"
    verbose_name = "Research"
