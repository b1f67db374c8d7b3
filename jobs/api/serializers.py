"""API representation of a background job."""

from __future__ import annotations

from rest_framework import serializers

from jobs.models import Job


class JobSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)
    progress_url = serializers.HyperlinkedIdentityField(view_name="jobs:progress")

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "title",
            "state",
            "done",
            "total",
            "percent",
            "error",
            "result_url",
            "cancel_requested",
            "created_at",
            "started_at",
            "finished_at",
            "heartbeat_at",
            "progress_url",
        ]
        read_only_fields = fields
