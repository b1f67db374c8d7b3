"""What every development page needs: fetching a row the person may see."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from core.exceptions import DomainError


def get_or_404(model, user, pk, action: str = "view", *related: str):
    """The row with this key among those `user` may act on, or 404."""
    rows = model.objects.restrict(user, action).filter(pk=pk)
    row = (rows.select_related(*related) if related else rows).first()
    if row is None:
        raise Http404(_("Not found, or you may not see it."))
    return row


def can(model, user, obj, action: str = "change") -> bool:
    """Whether `user` may act on `obj`."""
    return model.objects.restrict(user, action).filter(pk=obj.pk).exists()


def error_text(exc: DomainError) -> str:
    """The readable message of a domain error."""
    return exc.message
