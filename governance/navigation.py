"""Header link of base governance (the 中心 menu), for people who may see a base."""

from django.utils.translation import gettext_lazy as _

from core.registry import NavItem, register_navigation


def _sees_a_base(user) -> bool:
    from governance.models import Base

    return Base.objects.restrict(user, "view").exists()


register_navigation(
    NavItem(
        _("Base governance"),
        "governance:bases",
        group="centres",
        order=70,
        signed_in=True,
        visible=_sees_a_base,
        active=(
            "bases",
            "base",
            "dashboard",
            "indicator",
            "contract",
            "plan",
            "task",
            "evaluations",
            "evaluation",
        ),
    ),
)
