"""Rate limits of the open API for anonymous clients, per view scope."""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class AnonymousScopedRateThrottle(SimpleRateThrottle):
    """Limits anonymous requests to views with a `throttle_scope`, per client address.

    The rate of a scope comes from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] and is read on
    every request (not at import), so that settings overrides apply; signed-in clients
    and clients with an API token are not limited here.
    """

    scope_attr = "throttle_scope"

    def __init__(self):
        # The scope is only known once the view is; see allow_request.
        pass

    def get_rate(self) -> str | None:
        return (api_settings.DEFAULT_THROTTLE_RATES or {}).get(self.scope)

    def allow_request(self, request, view) -> bool:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return True
        self.scope = getattr(view, self.scope_attr, None)
        if not self.scope:
            return True
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
