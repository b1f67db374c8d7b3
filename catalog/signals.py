"""Signal handlers that keep the search index current after single edits (admin, shell).

Bulk imports run inside `catalog.search.signals_paused()` and index each batch themselves.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save


def _reindex(sender, instance, **kwargs) -> None:
    from catalog.search import index_standards, signals_are_paused

    if signals_are_paused() or kwargs.get("raw"):
        return
    index_standards([instance.pk])


def _unindex(sender, instance, **kwargs) -> None:
    from catalog.search import remove_standards, signals_are_paused

    if signals_are_paused():
        return
    remove_standards([instance.pk])


def connect_search_signals() -> None:
    """Connect the indexing handlers; called once from CatalogConfig.ready()."""
    from catalog.models import Standard

    post_save.connect(_reindex, sender=Standard, dispatch_uid="catalog.search.reindex")
    post_delete.connect(_unindex, sender=Standard, dispatch_uid="catalog.search.unindex")
    connect_label_signals()


def connect_label_signals() -> None:
    """Saving or deleting a publisher or classification refreshes the cached facet labels."""
    from catalog.models import CcsCode, IcsCode, Publisher
    from catalog.search.service import forget_cached_labels

    for model in (Publisher, IcsCode, CcsCode):
        uid = f"catalog.search.labels.{model.__name__}"
        post_save.connect(forget_cached_labels, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(forget_cached_labels, sender=model, dispatch_uid=uid + ".delete")
