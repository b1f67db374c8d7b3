"""REST API views of the catalogue: standards, designation lookup and classification trees.

Views parse the query, call a catalogue service and serialize; errors become the API's
uniform error body in core.api.exceptions.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from catalog.api.designation_errors import designation_error_message
from catalog.api.filtersets import CcsFilterSet, IcsFilterSet, StandardFilterSet
from catalog.api.serializers import (
    ClassificationDetailSerializer,
    ClassificationNodeSerializer,
    LookupSerializer,
    StandardDetailSerializer,
    StandardListSerializer,
)
from catalog.designations import DesignationError, parse
from catalog.editions import Verdict, find_editions, resolve_reference
from catalog.models import CcsCode, IcsCode, Standard, StandardCcs, StandardIcs
from catalog.services.classifications import count_standards, node_path
from core.api.exceptions import BadRequest
from core.api.schema import error_responses

STANDARD_EXAMPLE = {
    "id": 1,
    "designation": "GB/T 19001-2016",
    "title_zh": "质量管理体系 要求",
    "title_en": "Quality management systems—Requirements",
    "tier": "national",
    "tier_label": "国家标准",
    "mandate": "recommended",
    "status": "current",
    "status_label": "现行",
    "issued": "2016-12-30",
    "effective": "2017-07-01",
    "withdrawn": None,
    "publisher": "SAMR",
    "url": "http://127.0.0.1:8000/api/v1/standards/1/",
    "web_url": "http://127.0.0.1:8000/standards/GB/T%2019001-2016/",
}


DETAIL_EXAMPLE = {
    **STANDARD_EXAMPLE,
    "mandate_label": "推荐性",
    "series_key": "GB/T 19001",
    "prefix": "GB/T",
    "year": 2016,
    "committee": "SAC/TC 151",
    "ics": [
        {"code": "03.120.10", "name_zh": "质量管理和质量保证", "name_en": "Quality management"}
    ],
    "ccs": [{"code": "A00", "name_zh": "标准化、质量管理"}],
    "adoption": {"designation": "ISO 9001:2015", "degree": "IDT", "degree_label": "等同采用"},
    "source": {
        "slug": "samr",
        "name": "全国标准信息公共服务平台",
        "licence": "事实数据",
        "as_of": "2025-06-01",
    },
    "as_of": "2025-06-01",
    "replaces": [
        {
            "designation": "GB/T 19001-2008",
            "partial": False,
            "id": 2,
            "url": "http://127.0.0.1:8000/api/v1/standards/2/",
        }
    ],
    "replaced_by": [],
    "current_editions": [STANDARD_EXAMPLE],
    "timeline": [
        {
            "designation": "GB/T 19001-2008",
            "id": 2,
            "year": 2008,
            "status": "replaced",
            "is_self": False,
            "is_current": False,
            "replaces": [],
            "replaced_by": [{"designation": "GB/T 19001-2016", "partial": False}],
        },
        {
            "designation": "GB/T 19001-2016",
            "id": 1,
            "year": 2016,
            "status": "current",
            "is_self": True,
            "is_current": True,
            "replaces": [{"designation": "GB/T 19001-2008", "partial": False}],
            "replaced_by": [],
        },
    ],
}
NODE_EXAMPLE = {
    "code": "35.030",
    "name_zh": "信息技术安全",
    "name_en": "IT Security",
    "level": 2,
    "parent": "35",
    "count": 1234,
    "url": "http://127.0.0.1:8000/api/v1/ics/35.030/",
    "standards_url": "http://127.0.0.1:8000/api/v1/standards/?ics=35.030",
}


class LookupParamsSerializer(serializers.Serializer):
    """The designation to look up."""

    designation = serializers.CharField(
        max_length=200,
        help_text="A designation in any common spelling: `GB/T 19001-2016`, `gbt19001`, "
        "`ＧＢ／Ｔ　１９００１—２０１６`, `ISO/IEC 27001:2022`. Without a year: the edition "
        "in force and every edition.",
    )


@extend_schema_view(
    list=extend_schema(
        summary="List standards",
        description="Standards of the catalogue, filtered and ordered, one page at a time.",
        responses={200: StandardListSerializer(many=True), **error_responses(400, 429)},
        examples=[OpenApiExample("A page", value=[STANDARD_EXAMPLE], response_only=True)],
    ),
    retrieve=extend_schema(
        summary="One standard",
        description="The full record of one edition: titles, dates, ICS/CCS with names, "
        "adoption, source with licence and as-of date, replacement links and the edition "
        "timeline.",
        parameters=[
            OpenApiParameter("id", int, OpenApiParameter.PATH, description="Catalogue id.")
        ],
        responses={200: StandardDetailSerializer, **error_responses(404, 429)},
        examples=[OpenApiExample("GB/T 19001-2016", value=DETAIL_EXAMPLE, response_only=True)],
    ),
)
class StandardViewSet(viewsets.ReadOnlyModelViewSet):
    """The standards of the catalogue."""

    permission_classes = [AllowAny]
    filterset_class = StandardFilterSet
    # Anything reaches the view, so that a bad id answers the API's JSON 404.
    lookup_value_regex = r"(?s:.+)"

    def get_queryset(self):
        queryset = Standard.objects.select_related("publisher")
        if self.action == "retrieve":
            queryset = _with_detail(queryset)
        return queryset.order_by("designation")

    def get_serializer_class(self):
        return StandardDetailSerializer if self.action == "retrieve" else StandardListSerializer

    def get_object(self):
        raw = self.kwargs["pk"]
        # Only plain ids that fit a 64-bit key; anything else cannot name a record.
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
            raise NotFound()
        return get_object_or_404(self.get_queryset(), pk=int(raw))

    @extend_schema(
        summary="Look up a designation",
        description="Reads the designation with the designation parser (any spelling). A "
        "dated designation answers that edition; an undated one the edition in force today "
        "(else the newest) and every edition. An unknown designation answers 404, an "
        "unreadable one 400 with the parser's `reason`.",
        parameters=[LookupParamsSerializer],
        responses={200: LookupSerializer, **error_responses(400, 404, 429)},
        filters=False,
        examples=[
            OpenApiExample(
                "Undated",
                value={
                    "query": "gbt19001",
                    "designation": "GB/T 19001",
                    "dated": False,
                    "series_key": "GB/T 19001",
                    "standard": DETAIL_EXAMPLE,
                    "editions": [STANDARD_EXAMPLE],
                },
                response_only=True,
            ),
            OpenApiExample(
                "Unreadable",
                value={
                    "detail": "无法识别标准编号“hello”：开头不是已知的标准代号。",
                    "code": "invalid_designation",
                    "reason": "unknown_prefix",
                },
                response_only=True,
                status_codes=["400"],
            ),
        ],
    )
    @action(
        detail=False,
        methods=["get"],
        url_path="lookup",
        pagination_class=None,
        filterset_class=None,
    )
    def lookup(self, request: Request) -> Response:
        params = LookupParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        text = params.validated_data["designation"]
        try:
            designation = parse(text)
        except DesignationError as exc:
            raise BadRequest(
                designation_error_message(text, exc.reason),
                code="invalid_designation",
                reason=exc.reason,
            ) from exc
        editions = find_editions(designation)
        resolution = resolve_reference(designation)
        if not editions and resolution.verdict in (Verdict.NOT_FOUND, Verdict.AMBIGUOUS):
            raise NotFound(
                _("The catalogue has no standard %(designation)s.")
                % {"designation": designation.canonical},
                code="not_found",
            )
        # The edition the reference means (for an undated one the latest in force); none
        # when it is known only as the old end of a replacement (GB 50010-2010).
        chosen = resolution.standard if editions else None
        if chosen is not None:
            chosen = _with_detail(Standard.objects.select_related("publisher")).get(pk=chosen.pk)
        context = self.get_serializer_context()
        return Response(
            LookupSerializer(
                {
                    "query": text,
                    "designation": designation.canonical,
                    "dated": designation.dated,
                    "series_key": designation.series_key,
                    "standard": chosen,
                    "editions": editions,
                    "resolution": resolution.as_dict(),
                },
                context=context,
            ).data
        )


def _with_detail(queryset):
    """Load what the detail serializer reads, in a fixed number of queries."""
    return queryset.select_related("source").prefetch_related(
        Prefetch("ics_links", queryset=StandardIcs.objects.select_related("code")),
        Prefetch("ccs_links", queryset=StandardCcs.objects.select_related("code")),
    )


class ClassificationViewSet(viewsets.ReadOnlyModelViewSet):
    """A classification tree (ICS or CCS) with counts of standards per node."""

    permission_classes = [AllowAny]
    lookup_field = "code"
    scheme = ""

    def get_queryset(self):
        return self.queryset.select_related("parent").order_by("code")

    def _context(self, nodes, **extra):
        # count_standards attributes a standard to the first node that holds it, so it is
        # called once per level: nodes of one level never contain each other.
        counts: dict[int, int] = {}
        for level in {node.level for node in nodes}:
            counts.update(count_standards(self.scheme, [n for n in nodes if n.level == level]))
        return {**self.get_serializer_context(), "scheme": self.scheme, "counts": counts, **extra}

    def list(self, request: Request, *args, **kwargs) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        data = ClassificationNodeSerializer(page, many=True, context=self._context(page)).data
        return self.get_paginated_response(data)

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        code = kwargs["code"].upper() if self.scheme == "ccs" else kwargs["code"]
        node = get_object_or_404(self.get_queryset(), code=code)
        children = list(node.children.select_related("parent").order_by("code"))
        context = self._context(
            [node, *children], ancestors=node_path(node)[:-1], children=children
        )
        return Response(ClassificationDetailSerializer(node, context=context).data)


@extend_schema_view(
    list=extend_schema(
        summary="List ICS nodes",
        description="Nodes of the International Classification for Standards (edition 7): "
        "the top level by default, the children of `parent`, or every node of `level`; "
        "`count` is the number of standards whose primary class (the first code of the "
        "record) is the node or below it, as on the web tree and in the search facets.",
        responses={200: ClassificationNodeSerializer(many=True), **error_responses(400, 429)},
        examples=[OpenApiExample("Children of 35", value=[NODE_EXAMPLE], response_only=True)],
    ),
    retrieve=extend_schema(
        summary="One ICS node",
        description="An ICS node with its ancestors and its children, each with counts.",
        parameters=[
            OpenApiParameter(
                "code",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                pattern=r"^[0-9.]+$",
                examples=[
                    OpenApiExample("Field", value="35"),
                    OpenApiExample("Group", value="35.030"),
                ],
            )
        ],
        responses={200: ClassificationDetailSerializer, **error_responses(404, 429)},
        examples=[
            OpenApiExample(
                "35.030",
                value={
                    **NODE_EXAMPLE,
                    "ancestors": [{"code": "35", "name": "信息技术"}],
                    "children": [],
                },
                response_only=True,
            )
        ],
    ),
)
class IcsViewSet(ClassificationViewSet):
    """The ICS tree."""

    queryset = IcsCode.objects.all()
    filterset_class = IcsFilterSet
    lookup_value_regex = r"(?s:.+)"
    scheme = "ics"


@extend_schema_view(
    list=extend_schema(
        summary="List CCS nodes",
        description="Nodes of the Chinese Classification for Standards (中国标准文献分类法): "
        "the 24 categories by default, the children of `parent`, or every node of `level`; "
        "`count` is the number of standards whose primary class (the first code of the "
        "record) is the node or below it, as on the web tree and in the search facets.",
        responses={200: ClassificationNodeSerializer(many=True), **error_responses(400, 429)},
        examples=[
            OpenApiExample(
                "Categories",
                value=[
                    {
                        **NODE_EXAMPLE,
                        "code": "L",
                        "name_zh": "电子元器件与信息技术",
                        "name_en": "",
                        "level": 1,
                        "parent": None,
                        "url": "http://127.0.0.1:8000/api/v1/ccs/L/",
                        "standards_url": "http://127.0.0.1:8000/api/v1/standards/?ccs=L",
                    }
                ],
                response_only=True,
            )
        ],
    ),
    retrieve=extend_schema(
        summary="One CCS node",
        description="A CCS node (a category `L`, a group `L70/79` or a class `L70`) with its "
        "ancestors and its children, each with counts.",
        parameters=[
            OpenApiParameter(
                "code",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                pattern=r"^[A-Za-z0-9/]+$",
                examples=[
                    OpenApiExample("Category", value="L"),
                    OpenApiExample("Class", value="L70"),
                ],
            )
        ],
        responses={200: ClassificationDetailSerializer, **error_responses(404, 429)},
    ),
)
class CcsViewSet(ClassificationViewSet):
    """The CCS tree."""

    queryset = CcsCode.objects.all()
    filterset_class = CcsFilterSet
    lookup_value_regex = r"(?s:.+)"
    scheme = "ccs"
