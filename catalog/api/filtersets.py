"""Query-parameter filters of the catalogue API (django-filter)."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from catalog.models import (
    CcsCode,
    IcsCode,
    Mandate,
    Publisher,
    Standard,
    Status,
    Tier,
)
from catalog.services.classifications import classified_under

ICS_CODE = RegexValidator(r"^[0-9]{2}(\.[0-9]{3}(\.[0-9]{2})?)?$", _("Not an ICS code."))
CCS_CODE = RegexValidator(r"^[A-Za-z]([0-9]{2}(/[0-9]{2})?)?$", _("Not a CCS code."))


@extend_schema_field(OpenApiTypes.STR)
class PublisherFilter(filters.ModelMultipleChoiceFilter):
    """Publisher codes (repeat the parameter for several)."""


class IntegerFilter(filters.NumberFilter):
    """A whole number (a year, a tree level)."""

    field_class = forms.IntegerField


class NullsLastOrderingFilter(filters.OrderingFilter):
    """Ordering that puts missing dates last on every database and ends with the id."""

    def filter(self, qs, value):
        if value in ([], (), {}, "", None):
            return qs
        ordering = []
        for param in value:
            name = param.lstrip("-")
            if name not in self.param_map:  # an empty entry such as `ordering=,title`
                continue
            descending = param.startswith("-")
            field = F(self.param_map[name])
            ordering.append(
                field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)
            )
        return qs.order_by(*ordering, "id")


class StandardFilterSet(filters.FilterSet):
    """Filters of the standards list."""

    tier = filters.MultipleChoiceFilter(
        choices=Tier.choices, help_text="Tier; repeat the parameter for several values."
    )
    status = filters.MultipleChoiceFilter(
        choices=Status.choices, help_text="Status; repeat the parameter for several values."
    )
    mandate = filters.ChoiceFilter(
        choices=[(v, label) for v, label in Mandate.choices if v],
        help_text="Legal force of a Chinese standard (GB / GB/T / GB/Z).",
    )
    publisher = PublisherFilter(
        field_name="publisher__code",
        to_field_name="code",
        queryset=Publisher.objects.all(),
        help_text="Publisher code, e.g. `ISO`; repeat for several.",
    )
    year = IntegerFilter(
        field_name="year", min_value=1900, max_value=2100, help_text="Year of the edition."
    )
    ics = filters.CharFilter(
        method="filter_ics",
        max_length=12,
        validators=[ICS_CODE],
        help_text="ICS code; standards whose primary ICS class is it or below it, "
        "e.g. `35` or `35.030`.",
    )
    ccs = filters.CharFilter(
        method="filter_ccs",
        max_length=12,
        validators=[CCS_CODE],
        help_text="CCS code; standards whose primary CCS class is it or below it, "
        "e.g. `L`, `L70` or `A00/09`.",
    )
    prefix = filters.CharFilter(
        field_name="prefix",
        lookup_expr="iexact",
        max_length=40,
        help_text="Designation prefix, e.g. `GB/T`, `ISO/IEC`, `DB41/T`.",
    )
    updated_since = filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Only records changed in the catalogue at or after this time (ISO 8601).",
    )
    ordering = NullsLastOrderingFilter(
        fields=(("designation", "designation"), ("issued", "issued")),
        help_text="Sort order: `designation`, `issued` (oldest first) or `-issued` "
        "(newest first); missing dates come last.",
    )

    class Meta:
        model = Standard
        fields = ["tier", "status", "mandate", "publisher", "year", "ics", "ccs", "prefix"]

    def _node(self, model, name: str, code: str):
        node = model.objects.filter(code=code).first()
        if node is None:
            raise ValidationError(
                {name: [_("Unknown classification code: %(code)s") % {"code": code}]}
            )
        return node

    def filter_ics(self, queryset, name, value):
        node = self._node(IcsCode, name, value)
        return queryset.filter(classified_under("ics", node))

    def filter_ccs(self, queryset, name, value):
        node = self._node(CcsCode, name, value.upper())
        return queryset.filter(classified_under("ccs", node))


class ClassificationFilterSet(filters.FilterSet):
    """Which nodes of a classification tree to list: children of a parent or one level."""

    parent = filters.CharFilter(
        method="filter_parent",
        max_length=12,
        help_text="List the children of this code (default: the top level).",
    )
    level = IntegerFilter(
        field_name="level",
        min_value=1,
        max_value=3,
        help_text="List every node of this level (1 to 3) instead.",
    )

    def filter_parent(self, queryset, name, value):
        return queryset.filter(parent__code=value.upper() if value[:1].isalpha() else value)

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        if not data.get("parent") and data.get("level") is None:
            queryset = queryset.filter(parent__isnull=True)
        return super().filter_queryset(queryset)


class IcsFilterSet(ClassificationFilterSet):
    """Filters of the ICS tree."""

    class Meta:
        model = IcsCode
        fields = ["parent", "level"]


class CcsFilterSet(ClassificationFilterSet):
    """Filters of the CCS tree."""

    class Meta:
        model = CcsCode
        fields = ["parent", "level"]
