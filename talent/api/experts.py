"""Expert database and draw API under /api/v1/talent/: experts, matching, draws, invitations."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from talent.models import Expert, ExpertDraw, Invitation, Purpose, Title
from talent.services import draw_requests, experts, invitations, matching
from talent.services import draws as core

SIGNED_IN = [*api_settings.DEFAULT_PERMISSION_CLASSES, IsAuthenticated]


class ExpertSerializer(serializers.ModelSerializer):
    """An expert with the personal fields masked."""

    fields_of_expertise = serializers.SerializerMethodField()
    phone = serializers.CharField(source="masked_phone", read_only=True)
    draw_id = serializers.CharField(read_only=True)

    class Meta:
        model = Expert
        fields = ["id", "draw_id", "name", "title", "employer", "region", "state",
                  "fields_of_expertise", "keywords", "committees", "term_start", "term_end",
                  "phone"]  # fmt: skip

    def get_fields_of_expertise(self, obj) -> list[str]:
        return [str(f) for f in obj.fields.all()]


class MatchSerializer(serializers.Serializer):
    expert = ExpertSerializer()
    score = serializers.FloatField()
    evidence = serializers.ListField(child=serializers.CharField())


class DrawSerializer(serializers.ModelSerializer):
    """A draw: the commitment once committed, the seed and record once drawn."""

    seed = serializers.CharField(source="revealed_seed", read_only=True)
    state_label = serializers.CharField(read_only=True)
    operator = serializers.CharField(source="operator.get_username", read_only=True)

    class Meta:
        model = ExpertDraw
        fields = ["id", "state", "state_label", "purpose", "object_type", "object_ref",
                  "object_title", "party_orgs", "quotas", "need", "alternates",
                  "served_within_days", "max_panels_per_year", "max_no_shows", "supervisor",
                  "response_days", "operator", "eligible_count", "pool_sha256", "commitment",
                  "public_value", "seed", "committed_at", "drawn_at"]  # fmt: skip
        read_only_fields = fields


class DrawCreateSerializer(serializers.Serializer):
    purpose = serializers.ChoiceField(choices=Purpose.choices)
    object_type = serializers.CharField(max_length=40)
    object_ref = serializers.CharField(max_length=100)
    object_title = serializers.CharField(max_length=300)
    need = serializers.IntegerField(min_value=1, max_value=draw_requests.MAX_PANEL)
    alternates = serializers.IntegerField(min_value=0, max_value=draw_requests.MAX_PANEL, default=0)
    quotas = serializers.DictField(child=serializers.IntegerField(min_value=1), default=dict)
    party_orgs = serializers.ListField(child=serializers.CharField(max_length=200), default=list)
    served_within_days = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    max_panels_per_year = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    max_no_shows = serializers.IntegerField(min_value=1, default=2)
    supervisor = serializers.CharField(max_length=100, default="", allow_blank=True)
    response_days = serializers.IntegerField(min_value=1, max_value=30, default=3)


class PublicValueSerializer(serializers.Serializer):
    public_value = serializers.CharField(max_length=200)


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=2000)


class DrawVerificationSerializer(serializers.Serializer):
    valid = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())


class AnswerSerializer(serializers.Serializer):
    accept = serializers.BooleanField()
    reason = serializers.CharField(max_length=2000, default="", allow_blank=True)


class InvitationSerializer(serializers.ModelSerializer):
    draw = serializers.PrimaryKeyRelatedField(read_only=True)
    expert = serializers.CharField(source="expert.draw_id", read_only=True)

    class Meta:
        model = Invitation
        fields = ["id", "draw", "expert", "position", "seat", "drawn_for", "status",
                  "expires_at", "answered_at", "reason"]  # fmt: skip
        read_only_fields = fields


SEARCH_PARAMS = [
    OpenApiParameter("field", str, description="ICS/CCS code (and the codes beneath it)"),
    OpenApiParameter("title", str, enum=Title.values),
    OpenApiParameter("region", str),
    OpenApiParameter("keyword", str),
]


class ExpertViewSet(viewsets.ReadOnlyModelViewSet):
    """Active experts the caller may see (the office: all; a person: their own profile)."""

    serializer_class = ExpertSerializer
    permission_classes = SIGNED_IN
    queryset = Expert.objects.none()

    @extend_schema(parameters=SEARCH_PARAMS)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params
        if self.action != "list":
            return Expert.objects.restrict(self.request.user, "view").prefetch_related("fields")
        return experts.search_experts(
            self.request.user, **{k: params.get(k, "") for k in ("field", "title", "region",
                                                                 "keyword")}
        ).prefetch_related("fields")  # fmt: skip

    @extend_schema(
        parameters=[OpenApiParameter("topic", str, required=True), OpenApiParameter("scope", str),
                    OpenApiParameter("codes", str, description="comma-separated ICS/CCS codes")],
        responses=MatchSerializer(many=True),
    )  # fmt: skip
    @action(detail=False, methods=["get"])
    def match(self, request):
        """Rank the pool for a topic, with the evidence (informal; draws stay random)."""
        topic = request.query_params.get("topic", "").strip()
        if not topic:
            raise serializers.ValidationError({"topic": "必填。"})
        codes = request.query_params.get("codes", "").split(",")
        rows = matching.match_experts(
            request.user, topic, request.query_params.get("scope", ""), codes
        )
        return Response(MatchSerializer(rows, many=True).data)


class DrawViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Draw requests: create, commit (freeze + commitment), public value, draw, record."""

    serializer_class = DrawSerializer
    permission_classes = SIGNED_IN
    queryset = ExpertDraw.objects.none()

    def get_queryset(self):
        return ExpertDraw.objects.restrict(self.request.user, "view").select_related("operator")

    def _changeable(self) -> ExpertDraw:
        draw = self.get_object()
        if not ExpertDraw.objects.restrict(self.request.user, "change").filter(pk=draw.pk):
            raise NotFound()
        return draw

    @extend_schema(request=DrawCreateSerializer, responses={201: DrawSerializer})
    def create(self, request, *args, **kwargs):
        data = DrawCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        draw = draw_requests.create_draw(request.user, request=request, **data.validated_data)
        return Response(DrawSerializer(draw).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=DrawSerializer)
    @action(detail=True, methods=["post"])
    def commit(self, request, pk=None):
        """Freeze the eligible pool and publish the commitment (refuses an impossible draw)."""
        draw = draw_requests.commit_draw(request.user, self._changeable(), request=request)
        return Response(DrawSerializer(draw).data)

    @extend_schema(request=PublicValueSerializer, responses=DrawSerializer)
    @action(detail=True, methods=["post"], url_path="public-value")
    def public_value(self, request, pk=None):
        data = PublicValueSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        draw = draw_requests.set_public_value(
            request.user, self._changeable(), data.validated_data["public_value"], request=request
        )
        return Response(DrawSerializer(draw).data)

    @extend_schema(request=None, responses=DrawSerializer)
    @action(detail=True, methods=["post"])
    def draw(self, request, pk=None):
        """Draw from the frozen pool, reveal the seed and invite the panel."""
        draw = draw_requests.perform_draw(request.user, self._changeable(), request=request)
        return Response(DrawSerializer(draw).data)

    @extend_schema(request=CommentSerializer, responses=DrawSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        data = CommentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        draw = draw_requests.cancel_draw(
            request.user, self._changeable(), data.validated_data["comment"], request=request
        )
        return Response(DrawSerializer(draw).data)

    @extend_schema(responses={200: {"type": "object", "additionalProperties": True}})
    @action(detail=True, methods=["get"])
    def record(self, request, pk=None):
        """The record `stdbase verify-draw` checks (docs/draws.md)."""
        return Response(draw_requests.export_record(self.get_object()))

    @extend_schema(request=None, responses=DrawVerificationSerializer)
    @action(detail=True, methods=["get"])
    def verify(self, request, pk=None):
        """Recompute the record: seed against commitment, pool hash, panel and alternates."""
        result = core.verify_draw(draw_requests.export_record(self.get_object()))
        return Response({"valid": result.valid, "reasons": result.reasons})


class InvitationAnswerView(APIView):
    """The drawn expert confirms or declines (with a reason) through their personal token."""

    permission_classes = SIGNED_IN

    @extend_schema(request=AnswerSerializer, responses=InvitationSerializer)
    def post(self, request, token: str):
        data = AnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invitation = invitations.answer_invitation(
            request.user, token, accept=data.validated_data["accept"],
            reason=data.validated_data["reason"], request=request,
        )  # fmt: skip
        return Response(InvitationSerializer(invitation).data)


app_name = "talent-experts-api"
router = DefaultRouter()
router.register("experts", ExpertViewSet, basename="expert")
router.register("draws", DrawViewSet, basename="draw")
urlpatterns = [
    path("invitations/<str:token>/answer/", InvitationAnswerView.as_view(), name="answer"),
    *router.urls,
]
