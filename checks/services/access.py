"""Who sees which check: its owner, or for an anonymous check the session that made it.

The web pages and the API share this rule: an anonymous visitor's checks belong to the
session cookie that created them (a browser's, or an API client that keeps cookies).
"""

from __future__ import annotations

from checks.models import Check


def session_key(request) -> str:
    """The key of the caller's session, creating the session when there is none yet."""
    session = getattr(request, "_request", request).session
    if not session.session_key:
        session.save()
    return session.session_key


def visible_checks(request):
    """Checks the caller may see: their own, or those of their session when anonymous."""
    if request.user.is_authenticated:
        return Check.objects.restrict(request.user, "view")
    key = getattr(request, "_request", request).session.session_key
    if not key:
        return Check.objects.none()
    return Check.objects.filter(owner__isnull=True, session_key=key)
