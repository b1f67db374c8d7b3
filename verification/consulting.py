"""验证委托 as a service of the consulting desk, declared through `core.registry`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def _commission_states():
    from verification.models import Commission

    return Commission.State.choices


def register() -> None:
    """Let the desk forward requests to a verification centre (called from ready())."""
    from core.registry import ConsultingService, register_service
    from verification.services.commissions import commission_targets

    register_service(
        ConsultingService(
            key="verification",
            label=_("Verification commission"),
            handler="verification.services.commissions.receive_commission",
            forward=True,
            targets=commission_targets,
            order=40,
            states=_commission_states,
        )
    )
