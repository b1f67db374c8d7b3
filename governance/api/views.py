"""API of base governance: bases, contracts, plan tasks (report progress), KPIs, evaluations."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from core.api.exceptions import BadRequest
from core.api.schema import error_responses
from governance.api.serializers import (
    BaseSerializer,
    ContractSerializer,
    DashboardSerializer,
    EvaluationSerializer,
    IndicatorSerializer,
    PlanTaskSerializer,
    ProgressReportSerializer,
    ProgressSerializer,
)
from governance.exceptions import GovernanceError
from governance.models import Base, Contract, Evaluation, Indicator, PlanTask
from governance.services import monitoring, plans


class BaseViewSet(viewsets.ReadOnlyModelViewSet):
    """Bases the caller may see, and their monitoring dashboard."""

    serializer_class = BaseSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return Base.objects.restrict(self.request.user, "view").order_by("name", "pk")

    @extend_schema(
        responses={200: DashboardSerializer, **error_responses(400, 404)},
        parameters=[
            OpenApiParameter("months", int, description="1–36, default 12"),
            OpenApiParameter(
                "unit",
                int,
                description=(
                    "Id of a builder unit of the base (an organisation with a contract or plan "
                    "task in it that the caller may see): the unit's dashboard, with the "
                    "indicators of its centres and the task indicators counting its tasks "
                    "only. An unknown or hidden unit is a 400 (code `unknown_unit`)."
                ),
            ),
        ],
    )
    @action(detail=True, methods=["get"])
    def dashboard(self, request, pk=None):
        """KPIs against targets month by month (the 动态监测 page as data), or one unit's."""
        base = self.get_object()
        try:
            months = min(max(int(request.query_params.get("months", 12)), 1), 36)
        except ValueError:
            months = 12
        unit = None
        raw_unit = request.query_params.get("unit", "").strip()
        if raw_unit:
            try:
                unit = monitoring.unit_of(base, raw_unit, request.user)
            except GovernanceError:
                raise BadRequest(
                    _(
                        "unit: %(unit)s is not a builder unit of this base that you may see "
                        "(give the id of an organisation with a contract or plan task here)."
                    )
                    % {"unit": raw_unit[:40]},
                    code="unknown_unit",
                ) from None
        board = monitoring.dashboard(base, until=timezone.localdate(), months=months, unit=unit)
        data = {
            "unit": {"id": unit.pk, "name": unit.name} if unit else None,
            "months": board.months,
            "totals": board.totals,
            "rows": [
                {
                    "code": r.indicator.code,
                    "name": r.indicator.name,
                    "target": r.indicator.target,
                    "score": r.latest.score if r.latest else None,
                    "light": r.latest.light if r.latest else "none",
                    "trend": r.trend,
                    "series": r.series,
                }
                for r in board.rows
            ],
        }
        return Response(DashboardSerializer(data).data)


class ContractViewSet(viewsets.ReadOnlyModelViewSet):
    """Contracts the caller may see (the office, or the builder unit its own)."""

    serializer_class = ContractSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["base", "state"]

    def get_queryset(self):
        return (
            Contract.objects.restrict(self.request.user, "view")
            .select_related("builder", "centre")
            .order_by("number")
        )


class PlanTaskViewSet(viewsets.ReadOnlyModelViewSet):
    """Annual plan tasks; the responsible unit reports progress on its own."""

    serializer_class = PlanTaskSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["plan", "unit", "centre"]

    def get_queryset(self):
        return (
            PlanTask.objects.restrict(self.request.user, "view")
            .select_related("unit", "plan")
            .order_by("due_on", "pk")
        )

    @extend_schema(request=ProgressSerializer, responses=ProgressReportSerializer)
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser, JSONParser])
    def progress(self, request, pk=None):
        """Report progress on a task for a month, with evidence (required at 100 %)."""
        task = self.get_object()
        data = ProgressSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = plans.report_progress(
            task,
            request.user,
            period=data.validated_data["period"],
            percent=data.validated_data["percent"],
            text=data.validated_data["text"],
            upload=data.validated_data.get("evidence"),
            request=request,
        )
        return Response(ProgressReportSerializer(report).data, status=201)


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """The KPI tree with every value, how it was obtained and its records."""

    serializer_class = IndicatorSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["base", "level", "centre"]

    def get_queryset(self):
        return (
            Indicator.objects.restrict(self.request.user, "view")
            .prefetch_related("values")
            .order_by("base", "code")
        )


class EvaluationViewSet(viewsets.ReadOnlyModelViewSet):
    """Evaluations with their score and grade."""

    serializer_class = EvaluationSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["base", "kind", "state"]

    def get_queryset(self):
        return Evaluation.objects.restrict(self.request.user, "view").order_by("-as_of", "-pk")
