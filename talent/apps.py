from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentConfig(AppConfig):
    """The expert database, verifiable expert draws and training."""

    name = "talent"
    verbose_name = _("Talent centre")

    def ready(self) -> None:
        from talent.setup_experts import register_experts_and_draws

        register_experts_and_draws()

        from talent.services import training

        training.register()

        from talent.services import training_needs

        training_needs.register()  # 培训需求 from the consulting desk
