"""API views: submit and read checks, manage watch lists."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from checks.api.serializers import (
    CheckCreateSerializer,
    CheckItemSerializer,
    CheckSerializer,
    VerifySerializer,
    WatchItemSerializer,
    WatchListSerializer,
)
from checks.models import Check, CheckItem, Verdict, WatchList
from checks.services import watchlists
from checks.services.access import session_key, visible_checks
from checks.services.checking import CheckRequest, create_check, rerun_check, start_check
from checks.services.verification import verify_check
from core.ratelimit import enforce

PERMISSIONS = [*api_settings.DEFAULT_PERMISSION_CLASSES, IsAuthenticated]


def _callers_checks(request):
    """The caller's own checks; an anonymous caller's are those of its session cookie."""
    checks = visible_checks(request)
    return checks.filter(owner=request.user) if request.user.is_authenticated else checks


class CheckViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Validity checks of the caller; POST a text or a file to start one.

    Anyone may check, as on the web pages: an anonymous caller's checks belong to the
    session cookie set by its first POST; submissions count against the upload rate limit.
    """

    queryset = Check.objects.none()  # for the schema; get_queryset restricts per caller
    serializer_class = CheckSerializer
    permission_classes = api_settings.DEFAULT_PERMISSION_CLASSES
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return _callers_checks(self.request)

    def create(self, request):
        enforce(request, "upload")
        serializer = CheckCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        check = create_check(
            CheckRequest(
                text=data.get("text") or "",
                upload=data.get("file"),
                as_of=data.get("as_of"),
                title=data.get("title") or "",
                source=Check.Source.API,
            ),
            owner=request.user,
            session_key=session_key(request),
            http_request=request,
        )
        check = start_check(check)
        body = CheckSerializer(check, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def rerun(self, request, pk=None):
        check = self.get_object()
        enforce(request, "upload")
        owner = request.user if request.user.is_authenticated else None
        new = start_check(rerun_check(check, owner=owner, http_request=request))
        return Response(
            CheckSerializer(new, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


class CheckItemList(generics.ListAPIView):
    """The references of one check in document order; ?status= filters by verdict."""

    queryset = CheckItem.objects.none()
    serializer_class = CheckItemSerializer
    permission_classes = api_settings.DEFAULT_PERMISSION_CLASSES

    def get_queryset(self):
        check = get_object_or_404(_callers_checks(self.request), pk=self.kwargs["pk"])
        items = check.items.order_by("position")
        wanted = self.request.query_params.get("status")
        return items.filter(status=wanted) if wanted in Verdict.values else items


class VerifyView(APIView):
    """Anyone may confirm a report's verification code."""

    permission_classes = []
    authentication_classes = []

    @extend_schema(responses=VerifySerializer)
    def get(self, request, code: str):
        check, intact = verify_check(code)
        if check is None:
            return Response({"valid": False}, status=status.HTTP_404_NOT_FOUND)
        return Response(
            {
                "valid": intact,
                "checked_at": check.finished_at,
                "catalogue_as_of": check.catalogue_as_of,
                "references": check.total,
                "counts": check.counts,
            }
        )


class WatchListViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Watch lists the caller owns or that are shared with them."""

    queryset = WatchList.objects.none()
    serializer_class = WatchListSerializer
    permission_classes = PERMISSIONS

    def get_queryset(self):
        return WatchList.objects.restrict(self.request.user, "view").prefetch_related("items")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = watchlists.create_watchlist(
            self.request.user,
            data["name"],
            description=data.get("description", ""),
            organization=data.get("organization"),
            org_access=data.get("org_access", WatchList.Access.VIEW),
            request=self.request,
        )

    @action(detail=True, methods=["post"], serializer_class=WatchItemSerializer)
    def items(self, request, pk=None):
        item = watchlists.add_standard(
            self.get_object(),
            request.user,
            str(request.data.get("designation", "")),
            request=request,
        )
        # What was added, and the editions in force when the number is superseded.
        advice = watchlists.watch_advice(item)
        body = {**WatchItemSerializer(item).data, "message": advice.message}
        return Response({**body, "offers": advice.offers}, status=status.HTTP_201_CREATED)
