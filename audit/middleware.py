"""Every refused request (HTTP 403) becomes a `security.access.denied` audit entry."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from audit.services import log_action


class DeniedRequestAuditMiddleware:
    """Audits failed authorisation however it happened: PermissionDenied, DRF, CSRF."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 403:
            reason = getattr(response, "audit_reason", "")
            log_action(
                "security.access.denied",
                request=request,
                result="denied",
                detail=f"{request.method} {request.path[:200]} {reason}".strip(),
            )
        return response
