from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """Base governance: life cycle, contracts, annual plans, KPIs, monitoring, evaluations."""

    name = "governance"
    verbose_name = _("Base governance")

    def ready(self) -> None:
        from governance import roles, sources
        from governance.services import plans

        roles.register()
        plans.register_events()
        sources.register_builtin_sources()
