from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    """The standards catalogue of the cloud service platform."""

    name = "catalog"
    verbose_name = _("Standards catalogue")

    def ready(self) -> None:
        from catalog.search.generic import connect_document_signals
        from catalog.signals import connect_search_signals

        connect_search_signals()
        connect_document_signals(self)
