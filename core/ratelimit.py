"""Fixed-window rate limits counted in the Django cache (login, registration, uploads...)."""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework.exceptions import ErrorDetail, Throttled

from core.auditing import client_ip, log_action


def parse_rate(rate: str) -> tuple[int, int]:
    """Parse "count/seconds" (e.g. "5/3600") into a tuple."""
    count, _sep, seconds = rate.partition("/")
    return int(count), int(seconds or 60)


def _client_key(request: HttpRequest) -> str:
    return client_ip(request) or "unknown"


def hit(scope: str, key: str, rate: str | None = None) -> bool:
    """Count one event for (scope, key); return True while the limit is not exceeded."""
    count, window = parse_rate(rate or settings.RATE_LIMITS[scope])
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{digest}"
    if cache.add(cache_key, 1, timeout=window):
        return True
    try:
        current = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=window)
        return True
    return current <= count


def limit_message(scope: str) -> str:
    """The refusal, naming the limit of the scope ("at most 30 every 60 minutes")."""
    count, window = parse_rate(settings.RATE_LIMITS[scope])
    return _(
        "Too many requests: at most %(count)d every %(minutes)d minutes from one address. "
        "Please try again later."
    ) % {"count": count, "minutes": max(1, round(window / 60))}


def allow(request, scope: str) -> bool:
    """Count one request of the client for the scope; False, audited, when over its rate."""
    if hit(scope, _client_key(request)):
        return True
    log_action(
        "security.ratelimit.exceeded",
        request=request,
        result="denied",
        detail=f"{scope} {request.path}"[:300],
    )
    return False


def too_many_requests(request: HttpRequest, scope: str | None = None) -> HttpResponse:
    """The 429 page, with Retry-After (the scope's window when known)."""
    message = (
        limit_message(scope)
        if scope
        else _("Too many requests. Please wait a while and try again.")
    )
    response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(parse_rate(settings.RATE_LIMITS[scope])[1] if scope else 60)
    return response


def ratelimit(scope: str, *, methods: tuple[str, ...] = ("POST",)):
    """Decorate a view so that more than the scope's rate of requests per address get 429."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods and not allow(request, scope):
                return too_many_requests(request, scope)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class RateLimitExceeded(Throttled):
    """The API's 429: the scope's limit is named in the detail; Retry-After is its window."""

    def __init__(self, scope: str) -> None:
        super().__init__(wait=parse_rate(settings.RATE_LIMITS[scope])[1])
        self.detail = ErrorDetail(limit_message(scope), code="throttled")


def enforce(request, scope: str) -> None:
    """For API views: raise RateLimitExceeded when the client is over the scope's rate."""
    if not allow(request, scope):
        raise RateLimitExceeded(scope)
