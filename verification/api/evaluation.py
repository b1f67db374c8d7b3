"""REST API of conformity tests and evaluations, under /api/v1/verification/."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from bodies.models import Body
from catalog.models import Standard
from verification.models import BenefitEvaluation, ConformityItem, ConformityTest, Questionnaire
from verification.services import applicability, benefit, conformity

app_name = "verification-evaluation-api"


class ItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ConformityItem
        fields = [
            "clause",
            "indicator",
            "requirement",
            "value",
            "unit",
            "method",
            "verdict",
            "rule",
        ]


class ConformityTestSerializer(serializers.ModelSerializer):
    standard = serializers.CharField(source="standard.designation")
    centre = serializers.CharField(source="centre.name")
    items = ItemSerializer(many=True)

    class Meta:
        model = ConformityTest
        fields = ["id", "standard", "centre", "product", "model", "lot", "sample", "manufacturer",
                  "tested_on", "state", "report_number", "items"]  # fmt: skip


class ConformityTestInput(serializers.Serializer):
    standard = serializers.CharField(max_length=200, help_text="Designation, e.g. GB/T 2099.1-2021")
    centre = serializers.IntegerField(help_text="Id of the verification centre (a body)")
    product = serializers.CharField(max_length=200)
    model = serializers.CharField(max_length=120, required=False, default="")
    lot = serializers.CharField(max_length=120, required=False, default="")
    sample = serializers.CharField(max_length=120, required=False, default="")
    manufacturer = serializers.CharField(max_length=200, required=False, default="")
    tested_on = serializers.DateField()


class ItemInputSerializer(serializers.Serializer):
    clause = serializers.CharField(max_length=40)
    indicator = serializers.CharField(max_length=200)
    requirement = serializers.CharField(max_length=300)
    value = serializers.CharField(max_length=100)
    unit = serializers.CharField(max_length=30, required=False, default="", allow_blank=True)
    method = serializers.CharField(max_length=10, required=False, default="", allow_blank=True)


class ItemsInput(serializers.Serializer):
    items = ItemInputSerializer(many=True, max_length=conformity.MAX_ITEMS)
    replace = serializers.BooleanField(required=False, default=False)


class ConformityTestViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Conformity tests the caller may see, with their judged clauses; labs post results."""

    serializer_class = ConformityTestSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return (
            ConformityTest.objects.restrict(self.request.user)
            .select_related("standard", "centre").prefetch_related("items").order_by("-pk")
        )  # fmt: skip

    @extend_schema(request=ConformityTestInput, responses={201: ConformityTestSerializer})
    def create(self, request, *args, **kwargs):
        data = ConformityTestInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        centre = Body.objects.filter(pk=values.pop("centre")).first()
        if centre is None:
            raise NotFound()
        test = conformity.create_conformity_test(
            user=request.user, standard=conformity.find_standard(values.pop("standard")),
            centre=centre, request=request, **values,
        )  # fmt: skip
        return Response(ConformityTestSerializer(test).data, status=201)

    @extend_schema(request=ItemsInput, responses={201: ItemSerializer(many=True)})
    @action(detail=True, methods=["post"])
    def items(self, request, pk=None):
        """Judge posted results (clause, indicator, requirement, value[, unit, method])."""
        test = self.get_object()
        data = ItemsInput(data=request.data)
        data.is_valid(raise_exception=True)
        items = [conformity.ItemInput(**item, row=n)
                 for n, item in enumerate(data.validated_data["items"], start=1)]  # fmt: skip
        replace = data.validated_data["replace"]
        rows = conformity.record_items(
            test, items, user=request.user, replace=replace, request=request
        )
        return Response(ItemSerializer(rows, many=True).data, status=201)


class ClauseStatSerializer(serializers.Serializer):
    clause = serializers.CharField()
    indicator = serializers.CharField()
    tested = serializers.IntegerField()
    failed = serializers.IntegerField()
    inconclusive = serializers.IntegerField()
    fail_rate = serializers.FloatField()


class YearStatSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    tests = serializers.IntegerField()
    failed_tests = serializers.IntegerField()
    items = serializers.IntegerField()
    failed_items = serializers.IntegerField()
    fail_rate = serializers.FloatField()


class FailureStatsSerializer(serializers.Serializer):
    tests = serializers.IntegerField()
    failed_tests = serializers.IntegerField()
    clauses = ClauseStatSerializer(many=True)
    years = YearStatSerializer(many=True)


class StandardStatsViewSet(viewsets.ViewSet):
    """Which clauses of a catalogue standard fail most often in reported conformity tests."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses=FailureStatsSerializer,
        parameters=[OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)],
    )
    def retrieve(self, request, pk=None):
        standard = get_object_or_404(Standard, pk=pk)
        stats = conformity.clause_failure_stats(standard)
        return Response(FailureStatsSerializer(stats).data)


class BenefitSerializer(serializers.ModelSerializer):
    standard = serializers.CharField(source="standard.designation")
    indicators = serializers.SerializerMethodField()

    class Meta:
        model = BenefitEvaluation
        fields = ["id", "standard", "title", "implementer", "discount_rate", "currency",
                  "indicators"]  # fmt: skip

    def get_indicators(self, obj) -> dict:
        r = benefit.result_of(obj)
        text = {
            "period": r.period, "total_costs": r.total_costs, "total_benefits": r.total_benefits,
            "economic_benefit": r.economic_benefit, "pv_costs": r.pv_costs,
            "pv_benefits": r.pv_benefits, "npv": r.npv, "benefit_cost_ratio": r.benefit_cost_ratio,
            "payback": r.payback, "discounted_payback": r.discounted_payback, "irr": r.irr,
        }  # fmt: skip
        return {k: (None if v is None else str(v) if not isinstance(v, int) else v)
                for k, v in text.items()}  # fmt: skip


class BenefitViewSet(viewsets.ReadOnlyModelViewSet):
    """Economic-benefit evaluations the caller may see, with their indicators."""

    serializer_class = BenefitSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return (
            BenefitEvaluation.objects.restrict(self.request.user)
            .select_related("standard").prefetch_related("flows").order_by("-pk")
        )  # fmt: skip


class QuestionnaireSerializer(serializers.ModelSerializer):
    standard = serializers.CharField(source="standard.designation")

    class Meta:
        model = Questionnaire
        fields = ["id", "standard", "title", "state"]


class ScoresSerializer(serializers.Serializer):
    responses = serializers.IntegerField()
    dimensions = serializers.DictField(child=serializers.FloatField())
    overall = serializers.FloatField(allow_null=True)


class GroupScoresSerializer(serializers.Serializer):
    group = serializers.CharField()
    scores = ScoresSerializer()


class QuestionnaireViewSet(viewsets.ReadOnlyModelViewSet):
    """Applicability questionnaires the caller may see; their scores, and scores by grouping."""

    serializer_class = QuestionnaireSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        qs = Questionnaire.objects.restrict(self.request.user).select_related("standard")
        return qs.order_by("-pk")

    @extend_schema(responses=ScoresSerializer)
    @action(detail=True, methods=["get"])
    def scores(self, request, pk=None):
        return Response(
            ScoresSerializer(applicability.questionnaire_scores(self.get_object())).data
        )

    @extend_schema(responses=GroupScoresSerializer(many=True))
    @action(detail=False, methods=["get"], url_path=r"scores/(?P<group>standard|alliance|ics)")
    def grouped(self, request, group=None):
        rows = applicability.scores_by(group, request.user)
        return Response(GroupScoresSerializer(
            [{"group": str(label), "scores": s} for label, s in rows], many=True).data)  # fmt: skip


router = DefaultRouter()
router.include_root_view = False
router.register("conformity-tests", ConformityTestViewSet, basename="conformity-test")
router.register("standards", StandardStatsViewSet, basename="standard-failures")
router.register("benefit-evaluations", BenefitViewSet, basename="benefit-evaluation")
router.register("questionnaires", QuestionnaireViewSet, basename="questionnaire")
urlpatterns = router.urls
