"""REST API views over the catalogue search service: search, facets and result exports."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog.api.serializers import (
    ExportParamsSerializer,
    FacetsResultSerializer,
    FilterParamsSerializer,
    SearchParamsSerializer,
    SearchResultSerializer,
)
from catalog.api.views import STANDARD_EXAMPLE
from catalog.search import remember_per_index_version, search
from catalog.services.exports import (
    EXPORT_LIMIT,
    export_filename,
    export_search_results,
    stream_csv,
    write_xlsx,
)
from core.api.downloads import FileResponseMixin
from core.api.schema import error_responses
from core.api.throttling import AnonymousScopedRateThrottle
from core.downloads import attachment
from core.writers import CONTENT_TYPES

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv"
SEARCH_EXAMPLE = {
    "count": 1,
    "count_approximate": False,
    "page": 1,
    "num_pages": 1,
    "kind": "designation",
    "took_ms": 3.2,
    "results": [
        {
            **STANDARD_EXAMPLE,
            "score": None,
            "exact": True,
            "highlights": {"designation": "<mark>GB/T 19001</mark>-2016"},
        }
    ],
    "facets": {
        "tier": [{"value": "national", "label": "国家标准", "count": 1}],
        "status": [{"value": "current", "label": "现行", "count": 1}],
        "publisher": [{"value": "SAMR", "label": "国家市场监督管理总局", "count": 1}],
        "ics": [
            {
                "value": "03",
                "label": "社会学、服务、公司（企业）的组织和管理、行政、运输",
                "count": 1,
            }
        ],
        "ccs": [{"value": "A", "label": "综合", "count": 1}],
        "year": [{"value": "2016", "label": "2016", "count": 1}],
    },
    "facets_approximate": False,
}


class SearchApiView(APIView):
    """Base of the search views: public, throttled per address for anonymous clients."""

    permission_classes = [AllowAny]
    throttle_classes = [AnonymousScopedRateThrottle]
    throttle_scope = "search"

    def answer(self, request: Request, params, serializer_class, **overrides) -> Response:
        """The serialized search answer, kept per index version for identical parameters.

        The answer depends only on the parameters, the index (its version changes with
        every import or edit), the language of the labels and the host of its links.
        """
        parts = (
            serializer_class.__name__,
            sorted(params.validated_data.items()),
            get_language(),
            request.build_absolute_uri("/"),
        )

        def compute() -> dict:
            result = search(params.to_query(**overrides))
            return serializer_class(result, context={"request": request}).data

        return Response(remember_per_index_version("api", parts, compute))


class SearchView(SearchApiView):
    """Ranked search over the catalogue."""

    @extend_schema(
        operation_id="search",
        tags=["search"],
        summary="Search the catalogue",
        description="One search box: Chinese or English words and phrases, or a full or "
        "partial designation in any spelling. Results are ranked in the search engine (an "
        "exact designation first, current editions above older ones), with highlighted "
        "matches and facet counts over the whole match set. FTS operator characters "
        '(`"`, `*`, `NEAR`, `-`) are read as text.',
        parameters=[SearchParamsSerializer],
        responses={200: SearchResultSerializer, **error_responses(400, 429)},
        examples=[OpenApiExample("Designation", value=SEARCH_EXAMPLE, response_only=True)],
    )
    def get(self, request: Request) -> Response:
        params = SearchParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        return self.answer(request, params, SearchResultSerializer)


class FacetsView(SearchApiView):
    """Facet counts of a search without its hits."""

    @extend_schema(
        operation_id="facets",
        tags=["search"],
        summary="Facet counts of a search",
        description="The counts per tier, status, publisher, ICS, CCS and year for the same "
        "parameters as the search, without the result list.",
        parameters=[FilterParamsSerializer],
        responses={200: FacetsResultSerializer, **error_responses(400, 429)},
        examples=[
            OpenApiExample(
                "Facets",
                value={
                    k: SEARCH_EXAMPLE[k]
                    for k in ("count", "count_approximate", "kind", "took_ms", "facets")
                }
                | {"facets_approximate": False},
                response_only=True,
            )
        ],
    )
    def get(self, request: Request) -> Response:
        params = FilterParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        return self.answer(request, params, FacetsResultSerializer, page_size=1)


class SearchExportView(FileResponseMixin, SearchApiView):
    """A search result list as an xlsx workbook or a CSV file."""

    throttle_scope = "export"

    @extend_schema(
        operation_id="search_export",
        tags=["search"],
        summary="Export a search result list",
        description=f"Downloads the standards of a search, best first, as xlsx or CSV "
        f"(UTF-8 with BOM). At most {EXPORT_LIMIT:,} rows; the headers `X-Export-Total`, "
        f"`X-Export-Rows` and `X-Export-Truncated` tell how many matched and were written.",
        parameters=[ExportParamsSerializer],
        responses={
            (200, XLSX_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="xlsx file"),
            (200, CSV_TYPE): OpenApiResponse(OpenApiTypes.STR, description="CSV file"),
            **error_responses(400, 429),
        },
    )
    def get(self, request: Request) -> HttpResponse:
        params = ExportParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        fmt = params.validated_data["format"]
        export = export_search_results(params.to_query())
        content = stream_csv(export) if fmt == "csv" else write_xlsx(export)
        response = attachment(content, export_filename(fmt), CONTENT_TYPES[fmt])
        response["X-Export-Total"] = str(export.total)
        response["X-Export-Rows"] = str(export.exported)
        response["X-Export-Truncated"] = "true" if export.truncated else "false"
        return response
