"""API representation of notifications and the mark-read request."""

from __future__ import annotations

from rest_framework import serializers

from notifications.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    # The fields the checks API always had, now read from the app's details.
    standard = serializers.CharField(source="data.standard", read_only=True, default=None)
    watchlist = serializers.IntegerField(source="data.watchlist", read_only=True, default=None)
    check_run = serializers.IntegerField(source="data.check", read_only=True, default=None)

    class Meta:
        model = Notification
        fields = [
            "id",
            "event_type",
            "kind",
            "significant",
            "title",
            "body",
            "url",
            "standard",
            "watchlist",
            "check_run",
            "created_at",
            "read_at",
        ]


class MarkReadSerializer(serializers.Serializer):
    """Which notifications to mark read: some ids, or all of them when ids is absent."""

    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        required=False,
        max_length=1000,
    )
