from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForwardingConfig(AppConfig):
    """Records the consulting desk forwards to a body: one model base, services, pages."""

    name = "forwarding"
    verbose_name = _("Forwarded requests")
