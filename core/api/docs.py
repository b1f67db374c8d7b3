"""The API's landing page and the browsable documentation of the OpenAPI schema
(Swagger UI, ReDoc), served locally.

Assets come from drf-spectacular-sidecar (no CDN). Swagger UI is the split view, whose
init script is a separate same-origin request, so the site's CSP holds as is there. The
tools have no Chinese interface of their own: the pages around them are titled in the
active language and carry a bar with links back to the site and between the docs.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

from core.middleware import CONTENT_SECURITY_POLICY

# ReDoc renders with styled-components, which injects <style> elements at run time: under
# style-src 'self' it throws and renders nothing. It also runs its search index in a Web
# Worker made from a blob: URL by its own bundle. Only this page gets both; scripts stay
# 'self' (no inline script, no eval), so neither relaxation lets injected markup run code.
REDOC_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
).replace("script-src 'self'", "script-src 'self'; worker-src 'self' blob:")


class ApiLandingView(TemplateView):
    """/api/: what the open API offers, where its documentation and schema are, and how
    to authenticate."""

    template_name = "core/api/landing.html"


class SwaggerDocsView(SpectacularSwaggerSplitView):
    """Swagger UI at /api/v1/docs/."""

    template_name = "core/api/swagger_ui.html"
    title = _("Open API documentation (Swagger UI) · StdBase")


class RedocDocsView(SpectacularRedocView):
    """ReDoc at /api/v1/redoc/ (with inline styles allowed, see above)."""

    template_name = "core/api/redoc.html"
    title = _("Open API reference (ReDoc) · StdBase")

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Security-Policy"] = REDOC_CONTENT_SECURITY_POLICY
        return response
