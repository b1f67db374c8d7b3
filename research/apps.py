"""Research centre: catalogue analytics, research library and projects."""

from django.apps import AppConfig


class ResearchConfig(AppConfig):
    """The research centre app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "research"
    verbose_name = "Research"

    def ready(self) -> None:
        from core.roles import grant_by_default

        # The base office and centre staff may ask for a refresh of the analytics at once.
        library = tuple(
            f"research.{action}_{model}"
            for model in ("report", "researchproject")
            for action in ("view", "add", "change")
        )
        grant_by_default("base_office", "research.refresh_aggregates", *library)
        # Centre staff hold these in their centre's body: its internal reports and projects.
        grant_by_default("centre_staff", "research.refresh_aggregates", *library)
