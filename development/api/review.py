"""API of public comment and ballots: comment windows, comments, resolutions, ballots, votes."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from development.api.views import SIGNED_IN
from development.models import (
    Ballot,
    Comment,
    CommentKind,
    CommentWindow,
    Draft,
    Position,
    Resolution,
)
from development.services import comments, voting


class CommentWindowSerializer(serializers.ModelSerializer):
    """A period of public comment on one draft."""

    is_open = serializers.SerializerMethodField()

    class Meta:
        model = CommentWindow
        fields = ["id", "draft", "opens_at", "closes_at", "closed_at", "note", "is_open"]
        read_only_fields = fields

    def get_is_open(self, obj) -> bool:
        return obj.is_open()


class OpenWindowSerializer(serializers.Serializer):
    """Open public comment on a draft (the minimum period of its level when days is left out)."""

    draft = serializers.IntegerField()
    days = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class CommentSerializer(serializers.ModelSerializer):
    """One comment by clause and the secretariat's resolution of it."""

    class Meta:
        model = Comment
        fields = [
            "id",
            "window",
            "draft",
            "number",
            "clause",
            "kind",
            "text",
            "proposed_change",
            "organisation",
            "source",
            "resolution",
            "reason",
            "revision",
            "created_at",
        ]
        read_only_fields = fields


class NewCommentSerializer(serializers.Serializer):
    """A comment on one clause of a draft open for comment."""

    window = serializers.IntegerField()
    clause = serializers.CharField(max_length=60)
    kind = serializers.ChoiceField(CommentKind.choices)
    text = serializers.CharField()
    proposed_change = serializers.CharField(required=False, allow_blank=True, default="")
    organisation = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200
    )


class ResolveSerializer(serializers.Serializer):
    """The secretariat's decision; `revision` is the one the editor saw (conflict check)."""

    resolution = serializers.ChoiceField(Resolution.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    revision = serializers.IntegerField(required=False, allow_null=True, default=None)


class BallotSerializer(serializers.ModelSerializer):
    """A ballot on a draft with its explained result once closed."""

    class Meta:
        model = Ballot
        fields = [
            "id",
            "draft",
            "rule_code",
            "opens_at",
            "closes_at",
            "closed_at",
            "advance_to",
            "passed",
            "result",
        ]
        read_only_fields = fields


class OpenBallotSerializer(serializers.Serializer):
    """Open a ballot: a preset rule code (the body's own rule when left out) or thresholds."""

    draft = serializers.IntegerField()
    rule = serializers.JSONField(required=False, default=None)
    days = serializers.IntegerField(required=False, default=30, min_value=1)
    advance_to = serializers.CharField(required=False, allow_blank=True, default="", max_length=5)


class VoteSerializer(serializers.Serializer):
    """A position, with reasons (needed to disapprove)."""

    position = serializers.ChoiceField(Position.choices)
    reasons = serializers.CharField(required=False, allow_blank=True, default="")


class CommentWindowViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Comment windows (?draft=); POST opens one, POST {id}/close/ closes it (the secretariat)."""

    serializer_class = CommentWindowSerializer
    permission_classes = SIGNED_IN
    filterset_fields = ["draft"]
    queryset = CommentWindow.objects.none()

    def get_queryset(self):
        return CommentWindow.objects.restrict(self.request.user, "view").order_by("-opens_at")

    @extend_schema(request=OpenWindowSerializer, responses={201: CommentWindowSerializer})
    def create(self, request):
        data = OpenWindowSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        draft = get_object_or_404(Draft.objects.restrict(request.user, "view"), pk=values["draft"])
        window = comments.open_comment_window(
            draft, user=request.user, days=values["days"], note=values["note"], request=request
        )
        return Response(CommentWindowSerializer(window).data, status=201)

    @extend_schema(request=None, responses=CommentWindowSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        window = comments.close_comment_window(
            self.get_object(), user=request.user, request=request
        )
        return Response(CommentWindowSerializer(window).data)


class CommentViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Comments one may read (?draft=, ?window=); POST files one; POST {id}/resolve/ decides."""

    serializer_class = CommentSerializer
    permission_classes = SIGNED_IN
    filterset_fields = ["draft", "window", "resolution"]
    queryset = Comment.objects.none()

    def get_queryset(self):
        return comments.visible_comments(self.request.user).order_by("draft", "number")

    @extend_schema(request=NewCommentSerializer, responses={201: CommentSerializer})
    def create(self, request):
        data = NewCommentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        window = get_object_or_404(
            CommentWindow.objects.restrict(request.user, "view"), pk=values.pop("window")
        )
        comment = comments.add_comment(
            window.draft, author=request.user, source="api", request=request, **values
        )
        return Response(CommentSerializer(comment).data, status=201)

    @extend_schema(request=ResolveSerializer, responses=CommentSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        data = ResolveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = comments.resolve_comment(
            self.get_object(), user=request.user, request=request, **data.validated_data
        )
        return Response(CommentSerializer(comment).data)


class BallotViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Ballots one may see; POST opens one, POST {id}/vote/ votes, POST {id}/close/ closes."""

    serializer_class = BallotSerializer
    permission_classes = SIGNED_IN
    filterset_fields = ["draft", "passed"]
    queryset = Ballot.objects.none()

    def get_queryset(self):
        return Ballot.objects.restrict(self.request.user, "view").order_by("-opens_at", "-pk")

    @extend_schema(request=OpenBallotSerializer, responses={201: BallotSerializer})
    def create(self, request):
        data = OpenBallotSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        draft = get_object_or_404(
            Draft.objects.restrict(request.user, "view"), pk=values.pop("draft")
        )
        ballot = voting.open_ballot(draft, user=request.user, request=request, **values)
        return Response(BallotSerializer(ballot).data, status=201)

    @extend_schema(request=VoteSerializer, responses=VoteSerializer)
    @action(detail=True, methods=["post"])
    def vote(self, request, pk=None):
        data = VoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        vote = voting.cast_vote(
            self.get_object(), user=request.user, request=request, **data.validated_data
        )
        return Response(VoteSerializer(vote).data)

    @extend_schema(request=None, responses=BallotSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        ballot = voting.close_ballot(self.get_object(), user=request.user, request=request)
        return Response(BallotSerializer(ballot).data)
