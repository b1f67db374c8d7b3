"""Response headers every page gets (strict CSP without inline scripts) and the CSRF page."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

# Scripts and styles come only from our own static files: no inline script, no CDN.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    """Adds CSP, Permissions-Policy and no-store for signed-in pages unless a view set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            # Pages of a signed-in person may show personal data: keep them out of caches.
            response.headers["Cache-Control"] = "no-store, private"
        return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Explain a failed CSRF check in plain words (and audit it as a denied request)."""
    response = render(request, "csrf_failure.html", status=403)
    response.audit_reason = f"csrf: {reason}"[:200]
    return response


class RejectNullBytesMiddleware:
    """Answers 400 to a path or query string containing NUL bytes.

    PostgreSQL text cannot hold NUL, so such a value reaching a query would become a 500;
    no legitimate link contains one. (Form fields are protected by Django's form validation.)
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "The request contains a NUL character.", "code": "invalid"},
                    status=400,
                )
            return render(request, "400.html", status=400)
        return self.get_response(request)
