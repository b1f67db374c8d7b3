"""The request an audit entry comes from, and a `security.access.denied` entry per HTTP 403."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from audit.context import current_request_var
from audit.services import log_action


class DeniedRequestAuditMiddleware:
    """Keeps the request for audit entries (client address of admin changes, signals) and
    audits failed authorisation however it happened: PermissionDenied, DRF, CSRF."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_request_var.set(request)
        try:
            response = self.get_response(request)
        finally:
            current_request_var.reset(token)
        if response.status_code == 403:
            reason = getattr(response, "audit_reason", "")
            log_action(
                "security.access.denied",
                request=request,
                result="denied",
                detail=f"{request.method} {request.path[:200]} {reason}".strip(),
            )
        return response
