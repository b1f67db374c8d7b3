"""Serializers of the governance API."""

from __future__ import annotations

from rest_framework import serializers

from governance.models import (
    Base,
    Contract,
    Evaluation,
    Indicator,
    KpiValue,
    PlanTask,
    ProgressReport,
)


class BaseSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(read_only=True)

    class Meta:
        model = Base
        fields = [
            "id",
            "code",
            "name",
            "state",
            "state_label",
            "applied_on",
            "approved_on",
            "construction_starts",
            "construction_ends",
        ]


class ContractSerializer(serializers.ModelSerializer):
    builder = serializers.CharField(source="builder.name", read_only=True)
    centre = serializers.CharField(source="centre.name", read_only=True)

    class Meta:
        model = Contract
        fields = [
            "id",
            "base",
            "number",
            "title",
            "state",
            "centre",
            "builder",
            "starts_on",
            "ends_on",
            "signed_on",
            "funding_rule",
        ]


class PlanTaskSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.name", read_only=True)
    year = serializers.IntegerField(source="plan.year", read_only=True)

    class Meta:
        model = PlanTask
        fields = [
            "id",
            "plan",
            "year",
            "title",
            "unit",
            "centre",
            "starts_on",
            "due_on",
            "progress",
            "completed_on",
        ]


class ProgressSerializer(serializers.Serializer):
    """A progress report: the month (YYYY-MM-DD, any day), percent and what was done."""

    period = serializers.DateField()
    percent = serializers.DecimalField(max_digits=5, decimal_places=1)
    text = serializers.CharField()
    evidence = serializers.FileField(required=False)


class ProgressReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgressReport
        fields = ["id", "task", "period", "percent", "text", "evidence", "reported_at"]


class KpiValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = KpiValue
        fields = ["period", "value", "computed", "method", "records"]


class IndicatorSerializer(serializers.ModelSerializer):
    values = KpiValueSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "base",
            "parent",
            "level",
            "code",
            "name",
            "weight",
            "target",
            "unit",
            "source",
            "centre",
            "values",
        ]


class EvaluationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evaluation
        fields = [
            "id",
            "base",
            "kind",
            "title",
            "as_of",
            "state",
            "score",
            "grade",
            "drop_extremes",
            "thresholds",
            "panel_size",
        ]


class DashboardRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    target = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    score = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    light = serializers.CharField()
    trend = serializers.CharField()
    series = serializers.ListField(
        child=serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    )


class DashboardUnitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DashboardSerializer(serializers.Serializer):
    unit = DashboardUnitSerializer(allow_null=True, help_text="The unit filtered on, or null.")
    months = serializers.ListField(child=serializers.DateField())
    totals = serializers.ListField(
        child=serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    )
    rows = DashboardRowSerializer(many=True)
