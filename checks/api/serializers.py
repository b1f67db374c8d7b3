"""Serializers of the checks API."""

from __future__ import annotations

from rest_framework import serializers

from checks.models import Check, CheckItem, WatchItem, WatchList
from checks.services.presentation import location_label


class CheckCreateSerializer(serializers.Serializer):
    """A text or a file to check, with an optional "as of" date."""

    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    file = serializers.FileField(required=False)
    as_of = serializers.DateField(required=False, allow_null=True)
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)

    def validate(self, attrs):
        if not attrs.get("file") and not (attrs.get("text") or "").strip():
            raise serializers.ValidationError("text or file is required")
        return attrs


class CheckSerializer(serializers.ModelSerializer):
    items_url = serializers.HyperlinkedIdentityField(view_name="checks-api:check-items")
    xlsx_url = serializers.HyperlinkedIdentityField(view_name="checks:export-xlsx")
    pdf_url = serializers.HyperlinkedIdentityField(view_name="checks:report-pdf")

    class Meta:
        model = Check
        fields = [
            "id",
            "title",
            "kind",
            "filename",
            "as_of",
            "state",
            "total",
            "processed",
            "job",
            "counts",
            "error",
            "catalogue_as_of",
            "verification_code",
            "previous",
            "created_at",
            "finished_at",
            "items_url",
            "xlsx_url",
            "pdf_url",
        ]


class CheckItemSerializer(serializers.ModelSerializer):
    location_label = serializers.SerializerMethodField()

    class Meta:
        model = CheckItem
        fields = [
            "position",
            "input",
            "designation",
            "written_title",
            "location",
            "location_label",
            "status",
            "matched",
            "standard_title",
            "current",
            "candidates",
            "effective",
            "note",
        ]

    def get_location_label(self, item) -> str:
        return location_label(item.location)


class WatchItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = WatchItem
        fields = ["id", "series_key", "designation", "origin", "added_at"]
        read_only_fields = ["series_key", "origin", "added_at"]


class WatchListSerializer(serializers.ModelSerializer):
    items = WatchItemSerializer(many=True, read_only=True)

    class Meta:
        model = WatchList
        fields = ["id", "name", "description", "organization", "org_access", "items", "created_at"]
        read_only_fields = ["items", "created_at"]


class VerifySerializer(serializers.Serializer):
    """What anyone learns from a verification code."""

    valid = serializers.BooleanField()
    checked_at = serializers.DateTimeField()
    catalogue_as_of = serializers.DateField(allow_null=True)
    references = serializers.IntegerField()
    counts = serializers.DictField(child=serializers.IntegerField())
