"""API of standards development: the work programme, proposals, drafts, action items."""

from __future__ import annotations

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from development.api.serializers import (
    ActionItemSerializer,
    AdvanceSerializer,
    DraftSerializer,
    ProjectSerializer,
    ProposalSerializer,
)
from development.models import ActionItem, Draft, Project, Proposal
from development.services.stages import advance_stage


class ProjectFilter(filters.FilterSet):
    """Filters of the work programme."""

    overdue = filters.BooleanFilter(method="filter_overdue")
    active = filters.BooleanFilter(method="filter_active")

    class Meta:
        model = Project
        fields = ["body", "stage_main", "track", "level", "state"]

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset

    def filter_active(self, queryset, name, value):
        return queryset.in_progress() if value else queryset


class ProjectViewSet(viewsets.ReadOnlyModelViewSet):
    """Projects anyone may read; the secretariat moves them through their stages."""

    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter

    def get_queryset(self):
        return (
            Project.objects.restrict(self.request.user, "view")
            .select_related("standard")
            .order_by("-created_at", "-pk")
        )

    @extend_schema(request=AdvanceSerializer, responses=ProjectSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def advance(self, request, pk=None):
        """Move the project to a stage code ("20.60"); the guards decide."""
        project = self.get_object()
        data = AdvanceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        advance_stage(
            project,
            data.validated_data["to_stage"],
            user=request.user,
            comment=data.validated_data["comment"],
            request=request,
        )
        return Response(ProjectSerializer(project).data)


class ProposalViewSet(viewsets.ReadOnlyModelViewSet):
    """Proposals the caller wrote or may review."""

    serializer_class = ProposalSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["body", "state"]

    def get_queryset(self):
        return Proposal.objects.restrict(self.request.user, "view").order_by("-created_at")


class DraftViewSet(viewsets.ReadOnlyModelViewSet):
    """Drafts of the projects of the caller's bodies."""

    serializer_class = DraftSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["project", "kind"]

    def get_queryset(self):
        return Draft.objects.restrict(self.request.user, "view").order_by("project", "pk")


class ActionItemViewSet(viewsets.ReadOnlyModelViewSet):
    """Action items of the caller's bodies' projects."""

    serializer_class = ActionItemSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["project", "kind"]

    def get_queryset(self):
        return ActionItem.objects.restrict(self.request.user, "view").order_by("-created_at")
