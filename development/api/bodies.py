"""API of alliances and committees: registration, members and the schedule of a body."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from accounts.models import Organization
from bodies.models import Body, BodyMembership
from bodies.scopes import has_body_permission
from bodies.services import add_member, end_membership
from development import stages
from development.api.views import SIGNED_IN
from development.models import ScheduleRule
from development.services.bodies import DEVELOPING_KINDS, register_body, set_schedule


class BodySerializer(serializers.ModelSerializer):
    """An alliance or committee that develops standards."""

    lead_organization = serializers.SlugRelatedField(slug_field="name", read_only=True)

    class Meta:
        model = Body
        fields = [
            "id",
            "kind",
            "name",
            "name_en",
            "short_name",
            "number",
            "standard_code",
            "parent",
            "lead_organization",
            "description",
        ]
        read_only_fields = fields


class NewBodySerializer(serializers.Serializer):
    """Register an alliance or committee; the lead unit by its registered name."""

    kind = serializers.ChoiceField([str(k) for k in DEVELOPING_KINDS])
    name = serializers.CharField(max_length=200)
    name_en = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    short_name = serializers.CharField(max_length=60, required=False, default="", allow_blank=True)
    number = serializers.CharField(max_length=60, required=False, default="", allow_blank=True)
    standard_code = serializers.CharField(
        max_length=30, required=False, default="", allow_blank=True
    )
    parent = serializers.PrimaryKeyRelatedField(
        queryset=Body.objects.active(), required=False, allow_null=True, default=None
    )
    lead_organization = serializers.SlugRelatedField(
        slug_field="name",
        queryset=Organization.objects.all(),
        required=False,
        allow_null=True,
        default=None,
    )
    ics = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)
    ccs = serializers.CharField(max_length=20, required=False, default="", allow_blank=True)
    description = serializers.CharField(required=False, default="", allow_blank=True)


class BodyMembershipSerializer(serializers.ModelSerializer):
    """A person or an organisation holding a role in the body."""

    user = serializers.SlugRelatedField(slug_field="username", read_only=True)
    organization = serializers.SlugRelatedField(slug_field="name", read_only=True)
    role = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = BodyMembership
        fields = ["id", "user", "organization", "role", "joined_on", "ended_on"]
        read_only_fields = fields


class NewMemberSerializer(serializers.Serializer):
    """A person (user name) or an organisation (registered name) and the role."""

    role = serializers.CharField(max_length=40)
    username = serializers.CharField(required=False, default="", allow_blank=True)
    organization = serializers.CharField(required=False, default="", allow_blank=True)


class EndMemberSerializer(serializers.Serializer):
    membership = serializers.IntegerField()


class ScheduleRowSerializer(serializers.Serializer):
    """Months a main stage may take on a track; null returns to the default."""

    track = serializers.ChoiceField(stages.Track.choices)
    stage = serializers.CharField(max_length=2)
    months = serializers.IntegerField(allow_null=True, min_value=1, max_value=60)


class BodyViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Alliances and committees (public); the office registers them, secretariats manage them."""

    serializer_class = BodySerializer
    filterset_fields = ["kind"]

    def get_queryset(self):
        return (
            Body.objects.active()
            .filter(kind__in=DEVELOPING_KINDS)
            .select_related("lead_organization")
            .order_by("kind", "name")
        )

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            return super().get_permissions()
        return [permission() for permission in SIGNED_IN]

    @extend_schema(request=NewBodySerializer, responses={201: BodySerializer})
    def create(self, request):
        data = NewBodySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        body = register_body(actor=request.user, request=request, **data.validated_data)
        return Response(BodySerializer(body).data, status=201)

    def _require(self, body, permission: str) -> None:
        if not has_body_permission(self.request.user, permission, body):
            raise PermissionDenied()

    @extend_schema(methods=["get"], responses=BodyMembershipSerializer(many=True))
    @extend_schema(
        methods=["post"], request=NewMemberSerializer, responses=BodyMembershipSerializer
    )
    @action(detail=True, methods=["get", "post"])
    def members(self, request, pk=None):
        """The body's current members; POST adds one (the secretariat)."""
        body = self.get_object()
        self._require(body, "bodies.view_bodymembership")
        if request.method == "GET":
            rows = BodyMembership.objects.current().filter(body=body).order_by("pk")
            rows = rows.select_related("user", "organization", "role")
            return Response(BodyMembershipSerializer(rows, many=True).data)
        data = NewMemberSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        from django.contrib.auth import get_user_model

        user = (
            get_object_or_404(get_user_model(), username=values["username"])
            if values["username"]
            else None
        )
        organization = (
            get_object_or_404(Organization, name=values["organization"])
            if values["organization"]
            else None
        )
        membership = add_member(
            body,
            values["role"],
            actor=request.user,
            user=user,
            organization=organization,
            request=request,
        )
        return Response(BodyMembershipSerializer(membership).data, status=201)

    @extend_schema(request=EndMemberSerializer, responses=BodyMembershipSerializer)
    @action(detail=True, methods=["post"], url_path="end-membership")
    def end_membership(self, request, pk=None):
        """End one current membership today."""
        body = self.get_object()
        data = EndMemberSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        membership = get_object_or_404(
            BodyMembership.objects.current(), body=body, pk=data.validated_data["membership"]
        )
        membership = end_membership(membership, actor=request.user, request=request)
        return Response(BodyMembershipSerializer(membership).data)

    @extend_schema(methods=["get"], responses=ScheduleRowSerializer(many=True))
    @extend_schema(
        methods=["put"],
        request=ScheduleRowSerializer(many=True),
        responses=ScheduleRowSerializer(many=True),
    )
    @action(detail=True, methods=["get", "put"])
    def schedule(self, request, pk=None):
        """The body's own months per track and stage; PUT sets the rows given."""
        body = self.get_object()
        self._require(body, "development.change_schedulerule")
        if request.method == "PUT":
            data = ScheduleRowSerializer(data=request.data, many=True)
            data.is_valid(raise_exception=True)
            months = {(r["track"], r["stage"]): r["months"] for r in data.validated_data}
            set_schedule(body, months, actor=request.user, request=request)
        rows = ScheduleRule.objects.filter(body=body).order_by("track", "stage")
        return Response(
            ScheduleRowSerializer(
                [{"track": r.track, "stage": r.stage, "months": r.months} for r in rows],
                many=True,
            ).data
        )
