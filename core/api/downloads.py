"""API views that answer with a file (xlsx, CSV) and with JSON errors."""

from __future__ import annotations

from rest_framework.renderers import JSONRenderer


class FileResponseMixin:
    """The file format is named by the path or a parameter, not by content negotiation.

    DRF would refuse an `Accept: text/csv` request (no such renderer) before the view runs;
    the view returns its own file response, and errors are rendered as JSON.
    """

    renderer_classes = [JSONRenderer]

    def perform_content_negotiation(self, request, force=False):
        renderer = JSONRenderer()
        return renderer, renderer.media_type
