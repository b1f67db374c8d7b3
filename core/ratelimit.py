"""Fixed-window rate limits counted in the Django cache (login, registration, uploads...)."""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

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


def too_many_requests(request: HttpRequest) -> HttpResponse:
    """The 429 page, with Retry-After."""
    response = render(
        request,
        "429.html",
        {"message": _("Too many requests. Please wait a while and try again.")},
        status=429,
    )
    response["Retry-After"] = "60"
    return response


def ratelimit(scope: str, *, methods: tuple[str, ...] = ("POST",)):
    """Decorate a view so that more than the scope's rate of requests per address get 429."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods and not hit(scope, _client_key(request)):
                log_action(
                    "security.ratelimit.exceeded",
                    request=request,
                    result="denied",
                    detail=f"{scope} {request.path}"[:300],
                )
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
