"""API of the service desk: requests, their thread, the desk's actions, rating, the FAQ."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings

from consulting.api.serializers import (
    AssignInput,
    CloseInput,
    ConsultingMessageSerializer,
    FaqEntrySerializer,
    ForwardInput,
    MessageInput,
    RatingInput,
    ServiceRequestInput,
    ServiceRequestSerializer,
    TriageInput,
)
from consulting.models import ServiceRequest
from consulting.services import dispatch
from consulting.services import requests as desk

#: Signed in, and a read-only token still refused every change.
SIGNED_IN = [*api_settings.DEFAULT_PERMISSION_CLASSES, IsAuthenticated]


class ServiceRequestViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Consulting requests the caller may see: their own, assigned ones, and the desk's."""

    serializer_class = ServiceRequestSerializer
    permission_classes = SIGNED_IN
    lookup_field = "number"
    filterset_fields = ["kind", "state"]

    def get_queryset(self):
        return (
            ServiceRequest.objects.restrict(self.request.user, "view")
            .select_related("requester", "assignee", "centre")
            .prefetch_related("links")
            .order_by("-created_at", "-pk")
        )

    def _desk_only(self, req: ServiceRequest) -> None:
        if not desk.is_desk(req, self.request.user):
            raise PermissionDenied(_("Only the service desk may do this."))

    def _answer(self, req: ServiceRequest, code: int = status.HTTP_200_OK) -> Response:
        req.refresh_from_db()
        return Response(ServiceRequestSerializer(req).data, status=code)

    @extend_schema(request=ServiceRequestInput, responses={201: ServiceRequestSerializer})
    def create(self, request, *args, **kwargs):
        """Submit a request as the signed-in requester (attachments through the web form)."""
        data = ServiceRequestInput(data=request.data)
        data.is_valid(raise_exception=True)
        req = desk.submit_request(request.user, **data.validated_data, request=request)
        return self._answer(req, status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses=ConsultingMessageSerializer(many=True))
    @extend_schema(
        methods=["post"], request=MessageInput, responses={201: ConsultingMessageSerializer}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def messages(self, request, number=None):
        """The request's thread (internal notes only for the desk); post a message to it."""
        req = self.get_object()
        if request.method == "POST":
            data = MessageInput(data=request.data)
            data.is_valid(raise_exception=True)
            message = desk.post_message(req, request.user, **data.validated_data, request=request)
            return Response(ConsultingMessageSerializer(message).data, status=201)
        thread = req.messages.select_related("author")
        if not desk.is_desk(req, request.user):
            thread = thread.filter(internal=False)
        return Response(ConsultingMessageSerializer(thread, many=True).data)

    @extend_schema(request=TriageInput, responses=ServiceRequestSerializer)
    @action(detail=True, methods=["post"])
    def triage(self, request, number=None):
        """The desk checks the type and sets the centre and priority."""
        req = self.get_object()
        self._desk_only(req)
        data = TriageInput(data=request.data)
        data.is_valid(raise_exception=True)
        desk.triage_request(req, request.user, **data.validated_data, request=request)
        return self._answer(req)

    @extend_schema(request=AssignInput, responses=ServiceRequestSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, number=None):
        """The desk gives the request to a person (staff or an expert) and/or a centre."""
        req = self.get_object()
        self._desk_only(req)
        data = AssignInput(data=request.data)
        data.is_valid(raise_exception=True)
        desk.assign_request(req, request.user, **data.validated_data, request=request)
        return self._answer(req)

    @extend_schema(request=ForwardInput, responses=ServiceRequestSerializer)
    @action(detail=True, methods=["post"])
    def forward(self, request, number=None):
        """Consulting staff forward the request to a centre (验证委托); once per service."""
        req = self.get_object()
        if not dispatch.can_forward(req, request.user):
            raise PermissionDenied(_("Only consulting staff forward requests."))
        data = ForwardInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        dispatch.forward_request(
            req, request.user, values["destination"], values["note"], request=request
        )
        return self._answer(req)

    @extend_schema(request=CloseInput, responses=ServiceRequestSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, number=None):
        """The desk closes the request (or the requester withdraws or accepts it)."""
        req = self.get_object()
        if req.requester_id != request.user.pk:
            self._desk_only(req)
        data = CloseInput(data=request.data)
        data.is_valid(raise_exception=True)
        desk.close_request(req, request.user, data.validated_data["comment"], request=request)
        return self._answer(req)

    @extend_schema(request=RatingInput, responses=ServiceRequestSerializer)
    @action(detail=True, methods=["post"])
    def rate(self, request, number=None):
        """The requester rates the answered service and may allow it in the public FAQ."""
        req = self.get_object()
        if req.requester_id != request.user.pk:
            raise PermissionDenied(_("Only the requester rates the service."))
        data = RatingInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        desk.rate_request(
            req,
            request.user,
            values["rating"],
            values["comment"],
            allow_publish=values["allow_publish"],
            request=request,
        )
        return self._answer(req)


class FaqViewSet(viewsets.ReadOnlyModelViewSet):
    """The public FAQ: answered questions whose requesters allowed publishing them."""

    serializer_class = FaqEntrySerializer
    permission_classes = []
    lookup_field = "number"
    filterset_fields = ["kind"]

    def get_queryset(self):
        return desk.public_faq()
