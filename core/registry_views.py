"""The dashboard page: the widgets apps declared (core.registry), for the signed-in person."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.registry import DashboardWidget, registry


@dataclass(frozen=True)
class RenderedWidget:
    """A widget the person sees, with the context its partial needs."""

    widget: DashboardWidget
    context: dict


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Every dashboard widget the person may see, in order."""
    widgets = [
        RenderedWidget(widget, widget.context(request) if widget.context else {})
        for widget in registry.widgets(request.user)
    ]
    return render(request, "core/dashboard.html", {"widgets": widgets})
