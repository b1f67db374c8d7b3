from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_MODELS = ("proposal", "project", "draft", "actionitem")


class DevelopmentConfig(AppConfig):
    """Standards development by alliances and committees: projects, drafts, ballots."""

    name = "development"
    verbose_name = _("Standards development")

    def ready(self) -> None:
        from core.roles import grant_by_default
        from development import processes  # noqa: F401  (registers the processes)
        from development.services.notices import register_event_types

        register_event_types()

        from development.services import coaching

        coaching.register()  # 标准制修订辅导 from the consulting desk

        # Held in an alliance, the secretariat runs its proposals, projects and drafts.
        grant_by_default(
            "secretariat",
            *(f"development.{a}_{m}" for m in _MODELS for a in ("view", "add", "change")),
            "development.change_allianceprofile",
            "development.add_schedulerule",
            "development.change_schedulerule",
            "development.delete_schedulerule",
        )
        # A member proposes work items and reads the body's proposals, projects and drafts.
        grant_by_default(
            "body_member",
            "development.add_proposal",
            *(f"development.view_{m}" for m in _MODELS),
        )
        # The base office sees every body's work and sets bodies' profiles and schedules.
        grant_by_default(
            "base_office",
            *(f"development.view_{m}" for m in _MODELS),
            "development.change_allianceprofile",
            "development.add_schedulerule",
            "development.change_schedulerule",
            "development.delete_schedulerule",
        )
