"""Ending sessions: sign out everywhere."""

from __future__ import annotations

from django.contrib.auth import get_user_model, logout
from django.db.models import F

from audit.services import log_action


def logout_everywhere(user, *, request=None) -> None:
    """Invalidate every session of the user (all browsers, all devices), this one included."""
    get_user_model().objects.filter(pk=user.pk).update(session_version=F("session_version") + 1)
    user.refresh_from_db(fields=["session_version"])
    log_action("accounts.session.logout_everywhere", actor=user, obj=user, request=request)
    if request is not None:
        logout(request)
