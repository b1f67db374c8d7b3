"""The one place that knows how htmx talks to the server."""

from __future__ import annotations

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """True for a request made by htmx (and not a history-restore full page load)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def pick_template(request: HttpRequest, full: str, partial: str) -> str:
    """Render only the fragment for htmx requests and the whole page otherwise."""
    return partial if is_htmx(request) else full
