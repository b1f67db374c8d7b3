"""Serializers of the service desk's API."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from rest_framework import serializers

from bodies.models import Body
from consulting.models import Kind, Message, ServiceLink, ServiceRequest


class ConsultingMessageSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", read_only=True)

    class Meta:
        model = Message
        fields = ["id", "author", "body", "internal", "created_at"]
        read_only_fields = ["id", "author", "created_at"]


class NoveltyRowSerializer(serializers.Serializer):
    designation = serializers.CharField()
    verdict = serializers.CharField()
    current = serializers.CharField(allow_null=True, required=False)


class ServiceLinkSerializer(serializers.ModelSerializer):
    """What a registered service created for the request (a 查新 run, a commission)."""

    state_label = serializers.CharField(
        source="current_state_label",
        read_only=True,
        help_text="The record's state in the language of the request (the language cookie).",
    )

    class Meta:
        model = ServiceLink
        fields = ["service", "label", "url", "target_label", "forwarded", "created_at",
                  "state", "state_label", "state_at"]  # fmt: skip
        read_only_fields = fields


class ForwardInput(serializers.Serializer):
    destination = serializers.CharField(
        max_length=80, help_text="`service:target`, e.g. `verification:3` (a centre's id)."
    )
    note = serializers.CharField(required=False, default="", allow_blank=True)


class ServiceRequestSerializer(serializers.ModelSerializer):
    requester = serializers.CharField(source="requester.username", read_only=True)
    assignee = serializers.CharField(source="assignee.username", default=None, read_only=True)
    centre = serializers.CharField(source="centre.name", default=None, read_only=True)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)
    novelty = NoveltyRowSerializer(many=True, read_only=True)
    links = ServiceLinkSerializer(many=True, read_only=True)

    class Meta:
        model = ServiceRequest
        fields = ["number", "kind", "title", "question", "contact", "state", "requester",
                  "assignee", "centre", "priority", "created_at", "response_due_at", "due_at",
                  "first_response_at", "answered_at", "closed_at", "overdue", "novelty",
                  "links", "rating", "rating_comment", "allow_publish"]  # fmt: skip
        read_only_fields = fields


class ServiceRequestInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices)
    title = serializers.CharField(max_length=200)
    question = serializers.CharField()
    contact = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    centre = serializers.PrimaryKeyRelatedField(
        queryset=Body.objects.all(), required=False, allow_null=True, default=None
    )


class MessageInput(serializers.Serializer):
    body = serializers.CharField()
    internal = serializers.BooleanField(required=False, default=False)


class TriageInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices, required=False, allow_null=True)
    centre = serializers.PrimaryKeyRelatedField(
        queryset=Body.objects.all(), required=False, allow_null=True, default=None
    )
    priority = serializers.IntegerField(min_value=1, max_value=3, required=False, allow_null=True)
    comment = serializers.CharField(required=False, default="", allow_blank=True)


class AssignInput(serializers.Serializer):
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
        allow_null=True,
        default=None,
    )
    centre = serializers.PrimaryKeyRelatedField(
        queryset=Body.objects.all(), required=False, allow_null=True, default=None
    )
    comment = serializers.CharField(required=False, default="", allow_blank=True)


class CloseInput(serializers.Serializer):
    comment = serializers.CharField(required=False, default="", allow_blank=True)


class RatingInput(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(required=False, default="", allow_blank=True)
    allow_publish = serializers.BooleanField(required=False, default=False)


class FaqEntrySerializer(serializers.ModelSerializer):
    question = serializers.CharField(source="faq_question")
    answer = serializers.CharField(source="faq_answer")
    published_at = serializers.DateTimeField(source="faq_published_at")

    class Meta:
        model = ServiceRequest
        fields = ["number", "kind", "question", "answer", "published_at"]
