"""REST API download of an inter-laboratory round as xlsx or CSV (the page's export)."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.views import APIView

from accounts.api.permissions import TokenScopePermission
from core.api.downloads import FileResponseMixin
from core.api.schema import error_responses
from core.downloads import attachment
from core.writers import CONTENT_TYPES, XLSX_CONTENT_TYPE
from verification.models import PrecisionRound
from verification.services import rounds as service


class RoundExportView(FileResponseMixin, APIView):
    """A visible round as an xlsx workbook (facts, precision, laboratories, values) or CSV."""

    permission_classes = [TokenScopePermission, IsAuthenticated]

    @extend_schema(
        operation_id="verification_rounds_export",
        tags=["verification"],
        summary="Export an inter-laboratory round",
        description="Downloads a round the caller may see: `xlsx` gives four sheets (the "
        "round, precision per level, laboratories with h, k and z, the measurements), `csv` "
        "the measurements as `level,lab,value` (UTF-8 with BOM), readable as a new round. "
        "Cells that look like formulas are written as text. Every download is recorded in "
        "the audit trail; a round the caller may not see answers 404.",
        parameters=[
            OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH),
            OpenApiParameter(
                "file_format",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=list(service.EXPORT_FORMATS),
            ),  # fmt: skip
        ],
        responses={
            (200, XLSX_CONTENT_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="The file"),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="The file"),
            **error_responses(401, 403, 404),
        },
    )
    def get(self, request: Request, pk: int, file_format: str) -> HttpResponse:
        rnd = (
            PrecisionRound.objects.restrict(request.user)
            .select_related("centre__body", "request")
            .filter(pk=pk)
            .first()
        )
        if rnd is None or file_format not in service.EXPORT_FORMATS:
            raise NotFound()
        content = service.export_round(rnd, file_format, user=request.user, request=request)
        return attachment(content, f"round-{rnd.pk}.{file_format}", CONTENT_TYPES[file_format])
