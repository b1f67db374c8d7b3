"""API of the message centre: list the caller's notifications and mark them read."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings

from notifications.api.serializers import MarkReadSerializer, NotificationSerializer
from notifications.models import Notification
from notifications.services import subscriptions


class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The caller's notifications, newest first; POST read marks them read."""

    queryset = Notification.objects.none()
    serializer_class = NotificationSerializer
    permission_classes = [*api_settings.DEFAULT_PERMISSION_CLASSES, IsAuthenticated]

    def get_queryset(self):
        qs = Notification.objects.restrict(self.request.user, "view").filter(
            recipient=self.request.user
        )
        if self.request.query_params.get("unread"):
            qs = qs.filter(read_at__isnull=True)
        return qs

    @extend_schema(request=MarkReadSerializer)
    @action(detail=False, methods=["post"])
    def read(self, request):
        serializer = MarkReadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ids = serializer.validated_data.get("ids")
        count = subscriptions.mark_read(request.user, ids, request=request)
        return Response({"marked": count})
