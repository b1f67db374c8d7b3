from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BodiesConfig(AppConfig):
    """Alliances, technical committees, working groups, centres and the roles held in them."""

    name = "bodies"
    verbose_name = _("Bodies")

    def ready(self) -> None:
        from bodies.roles import register_roles

        register_roles()
