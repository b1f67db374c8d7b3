"""REST API of verification centres, draft verification requests and rounds."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from development.models import Draft
from verification.api.exports import RoundExportView
from verification.models import (
    Accreditation,
    PrecisionRound,
    VerificationCentre,
    VerificationItem,
    VerificationRequest,
)
from verification.services import centres, rounds
from verification.services import requests as service
from verification.services.conformity import ItemInput
from workflows.services import transition

app_name = "verification-centres-api"


class AccreditationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Accreditation
        fields = ["kind", "number", "valid_from", "valid_until"]


class CentreSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="body.name")
    accreditations = AccreditationSerializer(many=True)
    methods = serializers.SerializerMethodField()

    class Meta:
        model = VerificationCentre
        fields = ["id", "name", "host_organisation", "industry", "ics", "ccs", "city",
                  "monthly_capacity", "accreditations", "methods"]  # fmt: skip

    def get_methods(self, obj) -> list[str]:
        return [c.standard.designation for c in obj.capabilities.all()]


class CentreLoadSerializer(serializers.Serializer):
    centre = serializers.IntegerField(source="centre.pk")
    name = serializers.CharField(source="centre.body.name")
    capacity = serializers.IntegerField()
    open_requests = serializers.IntegerField()
    open_items = serializers.IntegerField()
    load = serializers.FloatField()
    reported_items = serializers.IntegerField()
    failed_items = serializers.IntegerField()
    expiring = serializers.IntegerField()
    overdue_calibrations = serializers.IntegerField()


class CentreViewSet(viewsets.ReadOnlyModelViewSet):
    """Public: verification centres with accreditations and test methods."""

    serializer_class = CentreSerializer
    permission_classes = [AllowAny]

    def get_queryset(self):
        return (
            VerificationCentre.objects.restrict(self.request.user).filter(body__is_active=True)
            .select_related("body").prefetch_related("accreditations", "capabilities__standard")
            .order_by("pk")
        )  # fmt: skip

    @extend_schema(responses=CentreLoadSerializer(many=True))
    @action(detail=False, methods=["get"], permission_classes=[IsAuthenticated])
    def loads(self, request):
        """Base office: capacity and load of every centre."""
        if not request.user.has_perm("verification.view_verificationrequest"):
            raise NotFound()
        return Response(CentreLoadSerializer(centres.centre_loads(), many=True).data)


class RequestItemSerializer(serializers.ModelSerializer):
    limit = serializers.SerializerMethodField()
    comment = serializers.IntegerField(source="comment.number", allow_null=True, default=None)

    class Meta:
        model = VerificationItem
        fields = ["position", "clause", "indicator", "requirement", "limit", "method",
                  "comparison", "value", "unit", "verdict", "rule", "comment"]  # fmt: skip

    def get_limit(self, obj) -> str:
        return service.limit_text(obj.requirement, obj.comparison)


class RequestSerializer(serializers.ModelSerializer):
    centre = serializers.IntegerField(source="centre_id")
    project = serializers.CharField(source="project.number")
    draft = serializers.IntegerField(source="draft_id")
    items = RequestItemSerializer(many=True)

    class Meta:
        model = VerificationRequest
        fields = ["id", "title", "project", "draft", "centre", "state", "samples", "labs",
                  "planned_start", "planned_end", "report_number", "verification_code",
                  "reported_at", "items"]  # fmt: skip


class ItemSpecInput(serializers.Serializer):
    clause = serializers.CharField(max_length=40)
    indicator = serializers.CharField(max_length=200)
    requirement = serializers.CharField(max_length=300)
    method = serializers.CharField(max_length=20, required=False, default="experiment")
    comparison = serializers.CharField(max_length=10, required=False, default="", allow_blank=True)


class RequestInput(serializers.Serializer):
    draft = serializers.IntegerField(help_text="Id of the draft to verify")
    centre = serializers.IntegerField(help_text="Id of the proposed verification centre")
    title = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    purpose = serializers.CharField(required=False, default="", allow_blank=True)
    items = ItemSpecInput(many=True, max_length=service.MAX_ITEMS)


class TransitionInput(serializers.Serializer):
    to_state = serializers.ChoiceField(choices=["accepted", "declined", "reported", "withdrawn"])
    comment = serializers.CharField(required=False, default="", allow_blank=True)


class PlanInput(serializers.Serializer):
    samples = serializers.CharField()
    labs = serializers.CharField(max_length=300)
    planned_start = serializers.DateField()
    planned_end = serializers.DateField()


class ResultInput(serializers.Serializer):
    clause = serializers.CharField(max_length=40)
    indicator = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    value = serializers.CharField(max_length=100)
    unit = serializers.CharField(max_length=30, required=False, default="", allow_blank=True)


class ResultsInput(serializers.Serializer):
    results = ResultInput(many=True, max_length=service.MAX_ITEMS)


class RequestViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Draft verification requests the caller may see; secretariats create, centres act."""

    serializer_class = RequestSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return (
            VerificationRequest.objects.restrict(self.request.user)
            .select_related("project", "centre__body", "draft")
            .prefetch_related("items__comment").order_by("-pk")
        )  # fmt: skip

    def _fresh(self, req) -> Response:
        return Response(RequestSerializer(self.get_queryset().get(pk=req.pk)).data)

    @extend_schema(request=RequestInput, responses={201: RequestSerializer})
    def create(self, request, *args, **kwargs):
        data = RequestInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        draft = get_object_or_404(Draft.objects.select_related("project__body"), pk=values["draft"])
        centre = get_object_or_404(VerificationCentre.objects.select_related("body"),
                                   pk=values["centre"])  # fmt: skip
        specs = [service.ItemSpec(**item, line=n) for n, item in enumerate(values["items"], 1)]
        req = service.request_verification(
            draft, user=request.user, centre=centre, title=values["title"], items=specs,
            purpose=values["purpose"], request=request,
        )  # fmt: skip
        return Response(RequestSerializer(req).data, status=201)

    @extend_schema(request=TransitionInput, responses=RequestSerializer)
    @action(detail=True, methods=["post"], url_path="transition")
    def move(self, request, pk=None):
        """Accept, decline, report or withdraw the request (the process guards apply)."""
        req = self.get_object()
        data = TransitionInput(data=request.data)
        data.is_valid(raise_exception=True)
        transition(req, data.validated_data["to_state"], request.user,
                   data.validated_data["comment"], request=request)  # fmt: skip
        return self._fresh(req)

    @extend_schema(request=PlanInput, responses=RequestSerializer)
    @action(detail=True, methods=["post"])
    def plan(self, request, pk=None):
        """The centre's plan: samples, laboratories and dates."""
        req = self.get_object()
        data = PlanInput(data=request.data)
        data.is_valid(raise_exception=True)
        service.plan_request(req, user=request.user, request=request, **data.validated_data)
        return self._fresh(req)

    @extend_schema(request=ResultsInput, responses=RequestSerializer)
    @action(detail=True, methods=["post"])
    def results(self, request, pk=None):
        """Measured values, judged against the items' requirements (all or nothing)."""
        req = self.get_object()
        data = ResultsInput(data=request.data)
        data.is_valid(raise_exception=True)
        entries = [ItemInput(r["clause"], r["indicator"], "-", r["value"], r["unit"], "", n)
                   for n, r in enumerate(data.validated_data["results"], 1)]  # fmt: skip
        service.record_results(req, entries, user=request.user, request=request)
        return self._fresh(req)


class RoundSerializer(serializers.ModelSerializer):
    centre = serializers.IntegerField(source="centre_id")
    result = serializers.JSONField()

    class Meta:
        model = PrecisionRound
        fields = ["id", "title", "method", "kind", "centre", "created_at", "result"]


class RoundInput(serializers.Serializer):
    centre = serializers.IntegerField()
    title = serializers.CharField(max_length=200)
    method = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    kind = serializers.ChoiceField(choices=PrecisionRound.Kind.choices, default="precision")
    data = serializers.CharField(help_text="CSV text with the columns level,lab,value")


class RoundViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Inter-laboratory rounds with their ISO 5725-2 and ISO 13528 results."""

    serializer_class = RoundSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return PrecisionRound.objects.restrict(self.request.user).order_by("-pk")

    @extend_schema(request=RoundInput, responses={201: RoundSerializer})
    def create(self, request, *args, **kwargs):
        data = RoundInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        centre = get_object_or_404(VerificationCentre.objects.select_related("body"),
                                   pk=values.pop("centre"))  # fmt: skip
        rnd = rounds.create_round(centre, user=request.user, text=values.pop("data"),
                                  request=request, **values)  # fmt: skip
        return Response(RoundSerializer(rnd).data, status=201)


router = DefaultRouter()
router.include_root_view = False
router.register("centres", CentreViewSet, basename="centre")
router.register("requests", RequestViewSet, basename="request")
router.register("rounds", RoundViewSet, basename="round")
urlpatterns = [
    *router.urls,
    path(
        "rounds/<int:pk>/export/<str:file_format>/", RoundExportView.as_view(), name="round-export"
    ),  # fmt: skip
]
