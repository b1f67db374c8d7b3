"""Serializers of the catalogue API: standards, editions, search results, classifications."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from catalog.editions import TimelineEntry, Verdict, edition_timeline, resolve_standard
from catalog.forms import SORT_CHOICES
from catalog.models import (
    AdoptionDegree,
    CcsCode,
    DataSource,
    IcsCode,
    Mandate,
    Publisher,
    Replacement,
    Standard,
    Status,
    Tier,
)
from catalog.search import FacetValue, Hit, SearchQuery, SearchResult

FACET_KEYS = ("tier", "status", "publisher", "ics", "ccs", "year")


def api_url(context: dict[str, Any], standard_id: int | None) -> str | None:
    """The absolute API address of a standard, or None."""
    if standard_id is None:
        return None
    path = reverse("catalog-api:standard-detail", args=[standard_id])
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


def web_url(context: dict[str, Any], standard: Standard) -> str:
    """The absolute address of the standard's web page."""
    request = context.get("request")
    path = standard.get_absolute_url()
    return request.build_absolute_uri(path) if request else path


# --- Standards ---------------------------------------------------------------------------


class PublisherSerializer(serializers.ModelSerializer):
    """A publisher of standards."""

    class Meta:
        model = Publisher
        fields = ["code", "name_zh", "name_en"]


class StandardListSerializer(serializers.ModelSerializer):
    """A standard in a list: the fields a result row shows."""

    tier_label = serializers.CharField(source="get_tier_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    publisher = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="Publisher code."
    )
    url = serializers.SerializerMethodField(help_text="API address of the full record.")
    web_url = serializers.SerializerMethodField(help_text="Address of the web page.")

    class Meta:
        model = Standard
        fields = [
            "id",
            "designation",
            "title_zh",
            "title_en",
            "tier",
            "tier_label",
            "mandate",
            "status",
            "status_label",
            "issued",
            "effective",
            "withdrawn",
            "publisher",
            "url",
            "web_url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: Standard) -> str | None:
        return api_url(self.context, obj.pk)

    @extend_schema_field(OpenApiTypes.URI)
    def get_web_url(self, obj: Standard) -> str:
        return web_url(self.context, obj)


class IcsRefSerializer(serializers.ModelSerializer):
    """An ICS code with its names."""

    class Meta:
        model = IcsCode
        fields = ["code", "name_zh", "name_en"]


class CcsRefSerializer(serializers.ModelSerializer):
    """A CCS code with its name."""

    class Meta:
        model = CcsCode
        fields = ["code", "name_zh"]


class SourceSerializer(serializers.ModelSerializer):
    """Where a record comes from, under which licence, as of when."""

    class Meta:
        model = DataSource
        fields = ["slug", "name", "url", "licence", "as_of"]


class AdoptionSerializer(serializers.Serializer):
    """The international standard a Chinese standard adopts, and how closely."""

    designation = serializers.CharField()
    degree = serializers.ChoiceField(choices=[c for c in AdoptionDegree.choices if c[0]])
    degree_label = serializers.CharField()


class LinkedEditionSerializer(serializers.Serializer):
    """One end of a replacement link; `id`/`url` are null when it is not in the catalogue."""

    designation = serializers.CharField()
    partial = serializers.BooleanField(help_text="Only partly replaced.")
    id = serializers.IntegerField(allow_null=True)
    url = serializers.URLField(allow_null=True)


class TimelineLinkSerializer(serializers.Serializer):
    """A replacement link of a timeline entry."""

    designation = serializers.CharField()
    partial = serializers.BooleanField()


class TimelineEntrySerializer(serializers.Serializer):
    """One edition on the edition timeline, oldest first."""

    designation = serializers.CharField()
    id = serializers.IntegerField(allow_null=True)
    url = serializers.URLField(allow_null=True)
    year = serializers.IntegerField(allow_null=True)
    status = serializers.CharField(help_text="Status value, empty when unknown.")
    is_self = serializers.BooleanField(help_text="The edition being viewed.")
    is_current = serializers.BooleanField(help_text="The current edition of the series.")
    replaces = TimelineLinkSerializer(many=True)
    replaced_by = TimelineLinkSerializer(many=True)

    def to_representation(self, entry: TimelineEntry) -> dict[str, Any]:
        standard_id = entry.standard.pk if entry.standard else None
        return {
            "designation": entry.designation,
            "id": standard_id,
            "url": api_url(self.context, standard_id),
            "year": entry.year,
            "status": entry.status,
            "is_self": entry.is_self,
            "is_current": entry.is_current,
            "replaces": [{"designation": d, "partial": p} for d, p in entry.replaces],
            "replaced_by": [{"designation": d, "partial": p} for d, p in entry.replaced_by],
        }


class ChainStepSerializer(serializers.Serializer):
    """One step followed from an edition towards the editions in force."""

    from_ = serializers.CharField(help_text="The earlier designation.")
    to = serializers.CharField(help_text="The designation it led to.")
    kind = serializers.ChoiceField(
        choices=["replaced", "partly_replaced", "converted", "later_edition"],
        help_text="Replaced, partly replaced, converted (same edition, new designation) or a "
        "later edition of the same number.",
    )

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields


class ResolutionSerializer(serializers.Serializer):
    """Which edition a reference means and what to use instead (catalog.editions)."""

    verdict = serializers.ChoiceField(choices=Verdict.choices)
    verdict_label = serializers.CharField()
    reference = serializers.CharField(help_text="The designation resolved.")
    matched = serializers.CharField(allow_null=True, help_text="The catalogue edition it names.")
    current = serializers.ListField(
        child=serializers.CharField(), help_text="The editions it resolves to."
    )
    partly = serializers.ListField(
        child=serializers.CharField(), help_text="Standards replacing some of its provisions."
    )
    candidates = serializers.ListField(child=serializers.CharField())
    chain = ChainStepSerializer(many=True)
    effective = serializers.DateField(allow_null=True)
    explanation = serializers.CharField(help_text="The verdict explained in one or two sentences.")


class StandardDetailSerializer(StandardListSerializer):
    """The full record of one edition with its classifications, source and editions."""

    mandate_label = serializers.CharField(source="get_mandate_display", read_only=True)
    publisher = PublisherSerializer(read_only=True, allow_null=True)
    ics = serializers.SerializerMethodField()
    ccs = serializers.SerializerMethodField()
    adoption = serializers.SerializerMethodField()
    source = SourceSerializer(read_only=True)
    source_record_url = serializers.SerializerMethodField(
        help_text="The record at its source, when known."
    )
    as_of = serializers.SerializerMethodField(help_text="Date of the data snapshot.")
    replaces = serializers.SerializerMethodField()
    replaced_by = serializers.SerializerMethodField()
    current_editions = serializers.SerializerMethodField(
        help_text="The editions in force at the end of its replacement chain "
        "(itself when in force; empty when withdrawn without successor)."
    )
    resolution = serializers.SerializerMethodField(
        help_text="What this edition means today: verdict, editions to use, the chain "
        "followed and the explanation shown on its page and in check reports."
    )
    timeline = serializers.SerializerMethodField(help_text="Every edition, oldest first.")

    class Meta(StandardListSerializer.Meta):
        fields = [
            *StandardListSerializer.Meta.fields,
            "mandate_label",
            "series_key",
            "prefix",
            "body",
            "number",
            "part",
            "year",
            "edition",
            "committee",
            "ics",
            "ccs",
            "adoption",
            "source",
            "source_ref",
            "source_record_url",
            "as_of",
            "replaces",
            "replaced_by",
            "current_editions",
            "resolution",
            "timeline",
            "extra",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(IcsRefSerializer(many=True))
    def get_ics(self, obj: Standard) -> list[dict[str, Any]]:
        links = sorted(obj.ics_links.all(), key=lambda link: link.position)
        return IcsRefSerializer([link.code for link in links], many=True).data

    @extend_schema_field(CcsRefSerializer(many=True))
    def get_ccs(self, obj: Standard) -> list[dict[str, Any]]:
        links = sorted(obj.ccs_links.all(), key=lambda link: link.position)
        return CcsRefSerializer([link.code for link in links], many=True).data

    @extend_schema_field(AdoptionSerializer(allow_null=True))
    def get_adoption(self, obj: Standard) -> dict[str, str] | None:
        if not obj.adopted_designation:
            return None
        return {
            "designation": obj.adopted_designation,
            "degree": obj.adoption_degree,
            "degree_label": str(obj.get_adoption_degree_display()) if obj.adoption_degree else "",
        }

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_source_record_url(self, obj: Standard) -> str | None:
        return obj.url or None

    @extend_schema_field({"type": "string", "format": "date", "nullable": True})
    def get_as_of(self, obj: Standard):
        value = obj.as_of or obj.source.as_of
        return value.isoformat() if value else None

    def _links(self, rows: list[Replacement], other: str) -> list[dict[str, Any]]:
        items = []
        for row in rows:
            other_id = getattr(row, f"{other}_id")
            items.append(
                {
                    "designation": getattr(row, f"{other}_designation"),
                    "partial": row.partial,
                    "id": other_id,
                    "url": api_url(self.context, other_id),
                }
            )
        return sorted(items, key=lambda item: item["designation"])

    @extend_schema_field(LinkedEditionSerializer(many=True))
    def get_replaces(self, obj: Standard) -> list[dict[str, Any]]:
        rows = Replacement.objects.filter(successor_designation=obj.designation)
        return self._links(list(rows), "predecessor")

    @extend_schema_field(LinkedEditionSerializer(many=True))
    def get_replaced_by(self, obj: Standard) -> list[dict[str, Any]]:
        rows = Replacement.objects.filter(predecessor_designation=obj.designation)
        return self._links(list(rows), "successor")

    def _resolution(self, obj: Standard):
        cache = self.context.setdefault("_resolutions", {})
        if obj.pk not in cache:
            cache[obj.pk] = resolve_standard(obj)
        return cache[obj.pk]

    @extend_schema_field(StandardListSerializer(many=True))
    def get_current_editions(self, obj: Standard) -> list[dict[str, Any]]:
        names = self._resolution(obj).use_instead
        found = {s.designation: s for s in Standard.objects.filter(designation__in=names)}
        editions = [found[name] for name in names if name in found]
        return StandardListSerializer(editions, many=True, context=self.context).data

    @extend_schema_field(ResolutionSerializer)
    def get_resolution(self, obj: Standard) -> dict[str, Any]:
        return self._resolution(obj).as_dict()

    @extend_schema_field(TimelineEntrySerializer(many=True))
    def get_timeline(self, obj: Standard) -> list[dict[str, Any]]:
        return TimelineEntrySerializer(edition_timeline(obj), many=True, context=self.context).data


class LookupSerializer(serializers.Serializer):
    """The answer of a designation lookup."""

    query = serializers.CharField(help_text="The text as sent.")
    designation = serializers.CharField(help_text="The designation in canonical form.")
    dated = serializers.BooleanField(help_text="Whether the text named one edition (a year).")
    series_key = serializers.CharField(help_text="The undated designation of the series.")
    standard = StandardDetailSerializer(
        allow_null=True,
        help_text="The edition asked for; for an undated designation the latest edition "
        "including its amendments. Null when the catalogue knows the designation only as "
        "the old end of a replacement or conversion (see resolution).",
    )
    editions = StandardListSerializer(many=True, help_text="Every edition, newest first.")
    resolution = ResolutionSerializer(
        help_text="What the designation as asked means today, with the explanation."
    )


# --- Search --------------------------------------------------------------------------------


class FilterParamsSerializer(serializers.Serializer):
    """Search text and filters shared by search, facets and export."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        trim_whitespace=True,
        help_text="Anything: Chinese or English words, a full or partial designation in any "
        "spelling. Empty: browse the catalogue, newest first.",
    )
    tier = serializers.ListField(
        child=serializers.ChoiceField(choices=Tier.choices), required=False, default=list
    )
    status = serializers.ListField(
        child=serializers.ChoiceField(choices=Status.choices), required=False, default=list
    )
    mandate = serializers.ListField(
        child=serializers.ChoiceField(choices=[c for c in Mandate.choices if c[0]]),
        required=False,
        default=list,
    )
    publisher = serializers.ListField(
        child=serializers.CharField(max_length=60),
        required=False,
        default=list,
        help_text="Publisher codes, e.g. ISO.",
    )
    ics = serializers.ListField(
        child=serializers.RegexField(r"^[0-9]{2}(\.[0-9]{3}(\.[0-9]{2})?)?$", max_length=12),
        required=False,
        default=list,
        help_text="ICS code prefixes, e.g. 35 or 35.030.",
    )
    ccs = serializers.ListField(
        child=serializers.RegexField(r"^[A-Za-z]([0-9]{1,2})?$", max_length=3),
        required=False,
        default=list,
        help_text="CCS code prefixes, e.g. L or L70.",
    )
    year = serializers.ListField(
        child=serializers.IntegerField(min_value=1900, max_value=2099),
        required=False,
        default=list,
    )

    def filters(self) -> dict[str, list[str]]:
        data = self.validated_data
        return {
            key: [str(v).upper() if key == "ccs" else str(v) for v in data[key]]
            for key in ("tier", "status", "mandate", "publisher", "ics", "ccs", "year")
            if data.get(key)
        }

    exact = serializers.BooleanField(
        default=False,
        help_text="Count and facet a very large result exactly instead of estimating it "
        "from a sample (slower; see count_approximate and facets_approximate).",
    )

    def to_query(self, **overrides: Any) -> SearchQuery:
        """The search service query for these parameters."""
        overrides.setdefault("exact", self.validated_data.get("exact", False))
        return SearchQuery(text=self.validated_data["q"], filters=self.filters(), **overrides)


class SearchParamsSerializer(FilterParamsSerializer):
    """Search parameters with sort order and page."""

    sort = serializers.ChoiceField(choices=SORT_CHOICES, default="relevance")
    page = serializers.IntegerField(min_value=1, max_value=100_000, default=1)
    page_size = serializers.IntegerField(min_value=1, max_value=100, default=20)

    def to_query(self, **overrides: Any) -> SearchQuery:
        data = self.validated_data
        return super().to_query(
            sort=data["sort"], page=data["page"], page_size=data["page_size"], **overrides
        )


class ExportParamsSerializer(FilterParamsSerializer):
    """Export parameters: the search, its order and the file format."""

    exact = None  # an export lists the standards; it has no counts to make exact
    sort = serializers.ChoiceField(choices=SORT_CHOICES, default="relevance")
    format = serializers.ChoiceField(
        choices=[("xlsx", "xlsx"), ("csv", "CSV")], default="xlsx", help_text="File format."
    )

    def to_query(self, **overrides: Any) -> SearchQuery:
        return super().to_query(sort=self.validated_data["sort"], **overrides)


class HighlightsSerializer(serializers.Serializer):
    """Matched text marked with <mark>…</mark> (HTML-escaped), per field that matched."""

    designation = serializers.CharField(required=False)
    title_zh = serializers.CharField(required=False)
    title_en = serializers.CharField(required=False)


class SearchHitSerializer(StandardListSerializer):
    """A standard in a result list with its score and highlights."""

    score = serializers.FloatField(allow_null=True, help_text="Engine score; null when unranked.")
    exact = serializers.BooleanField(help_text="Exact designation match.")
    highlights = HighlightsSerializer()

    class Meta(StandardListSerializer.Meta):
        fields = [*StandardListSerializer.Meta.fields, "score", "exact", "highlights"]

    def to_representation(self, hit: Hit) -> dict[str, Any]:
        # One standard serializer for the whole page: building its fields per hit cost
        # about 7 ms a hit, most of a search request.
        standard = self.__dict__.get("_standard")
        if standard is None:
            standard = self.__dict__["_standard"] = StandardListSerializer(context=self.context)
        data = standard.to_representation(hit.standard)
        data["score"] = hit.score
        data["exact"] = hit.exact
        data["highlights"] = dict(hit.highlights)
        return data


class FacetValueSerializer(serializers.Serializer):
    """One facet value with its label and count."""

    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField(min_value=0)


class FacetsSerializer(serializers.Serializer):
    """Facet counts of the whole match set, most frequent first (years newest first)."""

    tier = FacetValueSerializer(many=True)
    status = FacetValueSerializer(many=True)
    publisher = FacetValueSerializer(many=True)
    ics = FacetValueSerializer(many=True)
    ccs = FacetValueSerializer(many=True)
    year = FacetValueSerializer(many=True)

    def to_representation(self, facets: dict[str, list[FacetValue]]) -> dict[str, Any]:
        return {
            key: [
                {"value": f.value, "label": str(f.label), "count": f.count}
                for f in facets.get(key, [])
            ]
            for key in FACET_KEYS
        }


class FacetsResultSerializer(serializers.Serializer):
    """Facet counts for a search without its hits."""

    count = serializers.IntegerField(source="total", help_text="Number of matching standards.")
    count_approximate = serializers.BooleanField(
        source="total_approximate",
        help_text="True when `count` is estimated from a sample (very large results; "
        "ask with exact=true for an exact count).",
    )
    facets_approximate = serializers.BooleanField(
        help_text="True when the facet counts are estimated from a sample."
    )
    kind = serializers.CharField(
        help_text="How the query was read: designation, number, text or browse."
    )
    took_ms = serializers.FloatField()
    facets = FacetsSerializer()


class SearchResultSerializer(FacetsResultSerializer):
    """One page of search results with facet counts."""

    page = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    results = SearchHitSerializer(source="hits", many=True)

    class Meta:
        fields = [
            "count",
            "count_approximate",
            "page",
            "num_pages",
            "kind",
            "took_ms",
            "results",
            "facets",
            "facets_approximate",
        ]

    def to_representation(self, result: SearchResult) -> dict[str, Any]:
        data = super().to_representation(result)
        return {key: data[key] for key in self.Meta.fields}


# --- Classifications -----------------------------------------------------------------


class NodeRefSerializer(serializers.Serializer):
    """A classification node by code and name."""

    code = serializers.CharField()
    name = serializers.CharField()


class ClassificationNodeSerializer(serializers.Serializer):
    """A node of the ICS or CCS tree with the number of standards in it and below it."""

    code = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    level = serializers.IntegerField()
    parent = serializers.CharField(allow_null=True, help_text="Code of the parent node.")
    count = serializers.IntegerField(help_text="Standards classified here or below.")
    url = serializers.URLField()
    standards_url = serializers.URLField(help_text="The standards list filtered by this node.")

    def to_representation(self, node) -> dict[str, Any]:
        scheme = self.context["scheme"]
        request = self.context.get("request")
        path = reverse(f"catalog-api:{scheme}-detail", args=[node.code])
        standards = reverse("catalog-api:standard-list") + f"?{scheme}={node.code}"
        absolute = request.build_absolute_uri if request else (lambda p: p)
        return {
            "code": node.code,
            "name_zh": node.name_zh,
            "name_en": getattr(node, "name_en", ""),
            "level": node.level,
            "parent": node.parent.code if node.parent_id else None,
            "count": self.context["counts"].get(node.pk, 0),
            "url": absolute(path),
            "standards_url": absolute(standards),
        }


class ClassificationDetailSerializer(ClassificationNodeSerializer):
    """A node with its ancestors (top first) and its children."""

    ancestors = NodeRefSerializer(many=True)
    children = ClassificationNodeSerializer(many=True)

    def to_representation(self, node) -> dict[str, Any]:
        data = super().to_representation(node)
        data["ancestors"] = [{"code": a.code, "name": a.name} for a in self.context["ancestors"]]
        data["children"] = ClassificationNodeSerializer(
            self.context["children"], many=True, context=self.context
        ).data
        return data
