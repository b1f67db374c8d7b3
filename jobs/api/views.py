"""API of background jobs: read one (poll it) and cancel it."""

from __future__ import annotations

from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings

from jobs.api.serializers import JobSerializer
from jobs.models import Job
from jobs.services import cancel_job


class JobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The caller's background jobs; POST cancel stops one."""

    queryset = Job.objects.none()
    serializer_class = JobSerializer
    permission_classes = [*api_settings.DEFAULT_PERMISSION_CLASSES, IsAuthenticated]

    def get_queryset(self):
        return Job.objects.restrict(self.request.user, "view")

    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        job = cancel_job(self.get_object(), request.user, request=request)
        return Response(JobSerializer(job, context={"request": request}).data)
