from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevelopmentConfig(AppConfig):
    """Standards development by alliances and committees: projects, drafts, ballots."""

    name = "development"
    verbose_name = _("Standards development")
