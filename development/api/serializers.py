"""Serializers of the development API."""

from __future__ import annotations

from rest_framework import serializers

from development.models import ActionItem, Draft, Project, Proposal


class ProjectSerializer(serializers.ModelSerializer):
    """A project of the work programme."""

    state_label = serializers.CharField(read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)
    standard = serializers.SlugRelatedField(slug_field="designation", read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "number",
            "title",
            "title_en",
            "body",
            "level",
            "track",
            "state",
            "state_label",
            "stage_main",
            "stage_started_on",
            "target_date",
            "limit_date",
            "is_overdue",
            "ics",
            "ccs",
            "adopted_designation",
            "adoption_degree",
            "designation",
            "standard",
            "published_on",
            "implemented_on",
            "review_due_on",
        ]
        read_only_fields = fields


class ProposalSerializer(serializers.ModelSerializer):
    """A proposal with its novelty check."""

    state_label = serializers.CharField(read_only=True)

    class Meta:
        model = Proposal
        fields = [
            "id",
            "body",
            "author",
            "title",
            "title_en",
            "scope",
            "reasons",
            "relation",
            "level",
            "track",
            "ics",
            "ccs",
            "drafting_units",
            "adopted_designation",
            "adoption_degree",
            "state",
            "state_label",
            "novelty",
            "novelty_checked_at",
        ]
        read_only_fields = fields


class DraftSerializer(serializers.ModelSerializer):
    """A draft version with its reference verdicts (no text)."""

    class Meta:
        model = Draft
        fields = [
            "id",
            "project",
            "kind",
            "version",
            "stage",
            "filename",
            "file_kind",
            "size",
            "sha256",
            "references",
            "references_checked_at",
            "created_at",
        ]
        read_only_fields = fields


class ActionItemSerializer(serializers.ModelSerializer):
    """Something a project's secretariat must act on."""

    class Meta:
        model = ActionItem
        fields = ["id", "project", "kind", "title", "detail", "data", "created_at", "resolved_at"]
        read_only_fields = fields


class AdvanceSerializer(serializers.Serializer):
    """Move a project to a stage code."""

    to_stage = serializers.CharField(max_length=5)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
