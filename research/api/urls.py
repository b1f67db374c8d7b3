"""REST API of the research centre, under /api/v1/research/."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from bodies.models import Body
from catalog.search import SearchError
from catalog.search.generic import search_documents
from core.exceptions import DomainError
from research.models import Confidentiality, Report, ReportKind, ResearchProject
from research.services import library
from research.services.analytics import build_dashboard, raw_filters
from research.services.refresh import staleness

app_name = "research-api"
FILTER_PARAMETERS = [
    OpenApiParameter(key, OpenApiTypes.STR, many=True, description=text)
    for key, text in (
        ("tier", "national, industry, local, group, enterprise, international"),
        ("status", "current, upcoming, replaced, withdrawn"),
        ("publisher", "publisher code"),
        ("year", "four digits"),
        ("ics", "35 (field) or 35.040"),
        ("ccs", "L (category) or L70"),
        ("mandate", "mandatory, recommended, guidance"),
    )
]


class RowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    share = serializers.FloatField(allow_null=True)
    url = serializers.CharField(help_text="The search (or list) that produces this number")


class ChartSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=["bar", "line", "pie", "rate"])
    note = serializers.CharField()
    rows = RowSerializer(many=True)


class StalenessSerializer(serializers.Serializer):
    refreshed_at = serializers.DateTimeField(allow_null=True)
    current = serializers.BooleanField(help_text="No index change since the refresh")
    refreshing = serializers.BooleanField()


class AnalyticsDashboardSerializer(serializers.Serializer):
    total = RowSerializer()
    overdue_review = RowSerializer(source="overdue")
    charts = ChartSerializer(many=True)
    outdated_adoptions = serializers.IntegerField(source="outdated_total")
    gap_fields = serializers.ListField(child=serializers.CharField(), source="gap_codes")
    staleness = StalenessSerializer()


class AnalyticsView(APIView):
    """The analytics dashboard of the standards matching the search filters."""

    permission_classes = []

    @extend_schema(parameters=FILTER_PARAMETERS, responses=AnalyticsDashboardSerializer)
    def get(self, request):
        try:
            board = build_dashboard(raw_filters(request.query_params))
        except SearchError as exc:
            raise DomainError(exc.message) from exc
        board.gap_codes = [g.ics_code for g in board.gaps]
        board.staleness = staleness()
        return Response(AnalyticsDashboardSerializer(board).data)


class CitedSerializer(serializers.Serializer):
    designation = serializers.CharField()
    verdict_then = serializers.CharField()
    verdict_now = serializers.CharField()
    changed = serializers.BooleanField()
    current = serializers.ListField(child=serializers.CharField())


class ReportSerializer(serializers.ModelSerializer):
    centre = serializers.CharField(source="centre.name", default="", read_only=True)
    cited = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = ["id", "title", "kind", "authors", "centre", "field", "published_on",
                  "confidentiality", "summary", "filename", "pages", "cited"]  # fmt: skip

    @extend_schema_field(CitedSerializer(many=True))
    def get_cited(self, obj):
        if not self.context.get("detail"):
            return []
        return [
            {
                "designation": c.designation,
                "verdict_then": c.verdict_then,
                "verdict_now": c.verdict_now,
                "changed": c.changed,
                "current": c.current,
            }
            for c in library.cited_standards(obj)
        ]


class ReportInput(serializers.Serializer):
    file = serializers.FileField(help_text="docx or pdf")
    title = serializers.CharField(max_length=300)
    kind = serializers.ChoiceField(choices=ReportKind.choices)
    authors = serializers.CharField(max_length=300)
    published_on = serializers.DateField()
    confidentiality = serializers.ChoiceField(
        choices=[*Confidentiality.choices, ("classified", "classified (refused)")]
    )
    declares_unclassified = serializers.BooleanField(
        help_text="The uploader declares the report contains no classified information"
    )
    centre = serializers.IntegerField(required=False, allow_null=True, default=None)
    field = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    summary = serializers.CharField(required=False, default="", allow_blank=True)


class ReportViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Reports the caller may read (internal ones only for the uploader and the centre)."""

    serializer_class = ReportSerializer
    parser_classes = [MultiPartParser]

    def get_permissions(self):
        return [IsAuthenticated()] if self.action == "create" else []

    def get_queryset(self):
        return Report.objects.restrict(self.request.user).select_related("centre").order_by("-pk")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "detail": self.action == "retrieve"}

    @extend_schema(parameters=[OpenApiParameter("q", OpenApiTypes.STR, description="full text")])
    def list(self, request, *args, **kwargs):
        text = request.query_params.get("q", "").strip()
        if not text:
            return super().list(request, *args, **kwargs)
        try:
            found = search_documents(request.user, text, models=[Report], limit=50)
        except SearchError as exc:
            raise DomainError(exc.message) from exc
        ids = [int(hit.object_id) for hit in found.hits]
        by_id = self.get_queryset().in_bulk(ids)
        rows = [by_id[i] for i in ids if i in by_id]
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request={"multipart/form-data": ReportInput}, responses={201: ReportSerializer})
    def create(self, request, *args, **kwargs):
        data = ReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        upload = values.pop("file")
        centre_id = values.pop("centre")
        values["centre"] = Body.objects.filter(pk=centre_id).first() if centre_id else None
        report = library.upload_report(
            request.user, upload, library.ReportData(**values), request=request
        )
        return Response(ReportSerializer(report).data, status=201)


class DatedSerializer(serializers.Serializer):
    title = serializers.CharField()
    due_on = serializers.DateField()
    overdue = serializers.BooleanField(source="is_overdue")


class ResearchProjectSerializer(serializers.ModelSerializer):
    lead = serializers.CharField(source="lead.username")
    milestones = DatedSerializer(many=True)
    deliverables = DatedSerializer(many=True)
    overdue = serializers.BooleanField(source="is_overdue")

    class Meta:
        model = ResearchProject
        fields = ["id", "title", "lead", "starts_on", "ends_on", "completed_on", "overdue",
                  "milestones", "deliverables"]  # fmt: skip


class ProjectViewSet(viewsets.ReadOnlyModelViewSet):
    """Research projects the caller may see, with overdue flags."""

    serializer_class = ResearchProjectSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return (
            ResearchProject.objects.restrict(self.request.user).distinct()
            .select_related("lead").prefetch_related("milestones", "deliverables").order_by("-pk")
        )  # fmt: skip


router = DefaultRouter()
router.include_root_view = False
router.register("reports", ReportViewSet, basename="report")
router.register("projects", ProjectViewSet, basename="project")
urlpatterns = [
    path("analytics/", AnalyticsView.as_view(), name="analytics"),
    *router.urls,
]
