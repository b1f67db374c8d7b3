"""Training API under /api/v1/talent/training/: courses, sessions, enrolments, certificates."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from core.ratelimit import enforce
from talent.models import Certificate, Course, Enrolment, TrainingSession
from talent.services import certificates, training
from workflows.services import transition

SIGNED_IN = [*api_settings.DEFAULT_PERMISSION_CLASSES, IsAuthenticated]


class CourseSerializer(serializers.ModelSerializer):
    level_label = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Course
        fields = [
            "id",
            "code",
            "title",
            "level",
            "level_label",
            "ics_codes",
            "hours",
            "pass_mark",
            "description",
        ]


class SessionSerializer(serializers.ModelSerializer):
    course = serializers.PrimaryKeyRelatedField(read_only=True)
    state_label = serializers.CharField(read_only=True)
    taken = serializers.SerializerMethodField()

    class Meta:
        model = TrainingSession
        fields = [
            "id",
            "course",
            "title",
            "state",
            "state_label",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "capacity",
            "taken",
        ]

    def get_taken(self, obj) -> int:
        return training.seats_taken(obj)


class EnrolmentSerializer(serializers.ModelSerializer):
    passed = serializers.BooleanField(read_only=True)

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "session",
            "person",
            "organization",
            "status",
            "created_at",
            "attended",
            "exam_score",
            "passed",
        ]


class CertificateSerializer(serializers.ModelSerializer):
    revoked = serializers.BooleanField(read_only=True)
    verify_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "number",
            "code",
            "holder_name",
            "course_code",
            "course_title",
            "level",
            "hours",
            "held_on",
            "issued_on",
            "revoked",
            "revoked_at",
            "revocation_reason",
            "verify_url",
        ]

    def get_verify_url(self, obj) -> str:
        request = self.context.get("request")
        return certificates.verify_url(obj, request.build_absolute_uri("/") if request else "")


class AttendanceSerializer(serializers.Serializer):
    present = serializers.ListField(child=serializers.IntegerField(), allow_empty=True)
    scores = serializers.DictField(child=serializers.CharField(), required=False, default=dict)


class TransitionSerializer(serializers.Serializer):
    to_state = serializers.CharField()
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class FeedbackSerializer(serializers.Serializer):
    ratings = serializers.DictField(child=serializers.IntegerField())
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class VerificationSerializer(serializers.Serializer):
    valid = serializers.BooleanField()
    revoked = serializers.BooleanField()
    number = serializers.CharField()
    name = serializers.CharField()
    course = serializers.CharField()
    hours = serializers.DecimalField(max_digits=5, decimal_places=1)
    held_on = serializers.DateField()
    issued_on = serializers.DateField()
    revoked_at = serializers.DateTimeField(allow_null=True)
    revocation_reason = serializers.CharField()


class CourseViewSet(viewsets.ReadOnlyModelViewSet):
    """The training programme: courses anyone may read."""

    serializer_class = CourseSerializer
    queryset = Course.objects.none()

    def get_queryset(self):
        return Course.objects.restrict(self.request.user, "view")


class SessionViewSet(viewsets.ReadOnlyModelViewSet):
    """Published sessions (the office also sees drafts); POST enrol/ to take a place."""

    serializer_class = SessionSerializer
    queryset = TrainingSession.objects.none()

    def get_queryset(self):
        user = self.request.user
        rows = TrainingSession.objects.restrict(user, "view")
        managed = TrainingSession.objects.restrict(user, "change").values("pk")
        return (rows.published() | rows.filter(pk__in=managed)).distinct().order_by("starts_at")

    @extend_schema(request=None, responses={201: EnrolmentSerializer})
    @action(detail=True, methods=["post"], permission_classes=SIGNED_IN)
    def enrol(self, request, pk=None):
        session = self.get_object()
        enrolment = training.enrol(session, request.user, request=request)
        return Response(EnrolmentSerializer(enrolment).data, status=status.HTTP_201_CREATED)

    def _managed(self) -> TrainingSession:
        session = self.get_object()
        if not TrainingSession.objects.restrict(self.request.user, "change").filter(pk=session.pk):
            raise NotFound()
        return session

    @extend_schema(request=TransitionSerializer, responses=SessionSerializer)
    @action(detail=True, methods=["post"], permission_classes=SIGNED_IN)
    def transition(self, request, pk=None):
        """Open, close, mark as held or cancel the session (the office)."""
        session = self._managed()
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        transition(
            session,
            data.validated_data["to_state"],
            request.user,
            data.validated_data["comment"],
            request=request,
        )
        session.refresh_from_db()
        return Response(SessionSerializer(session).data)

    @extend_schema(request=AttendanceSerializer, responses=EnrolmentSerializer(many=True))
    @action(detail=True, methods=["post"], permission_classes=SIGNED_IN)
    def attendance(self, request, pk=None):
        """Record who attended (the rest absent) and, for courses with an exam, their scores."""
        session = self._managed()
        data = AttendanceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        training.record_results(
            request.user,
            session,
            data.validated_data["present"],
            data.validated_data["scores"],
            request=request,
        )
        rows = session.enrolments.select_related("session__course").order_by("pk")
        return Response(EnrolmentSerializer(rows, many=True).data)

    @extend_schema(request=None, responses={201: CertificateSerializer(many=True)})
    @action(detail=True, methods=["post"], permission_classes=SIGNED_IN)
    def certificates(self, request, pk=None):
        """Issue certificates to every participant who qualifies (the office)."""
        session = self._managed()
        issued = certificates.issue_certificates(request.user, session, request=request)
        body = CertificateSerializer(issued, many=True, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


class EnrolmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Enrolments the caller may see (their own, their organisation's, their centre's)."""

    serializer_class = EnrolmentSerializer
    permission_classes = SIGNED_IN
    queryset = Enrolment.objects.none()

    def get_queryset(self):
        return Enrolment.objects.restrict(self.request.user, "view").order_by("pk")

    @extend_schema(request=ReasonSerializer, responses=EnrolmentSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        enrolment = self.get_object()
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        training.cancel_enrolment(
            enrolment, request.user, reason=data.validated_data["reason"], request=request
        )
        enrolment.refresh_from_db()
        return Response(EnrolmentSerializer(enrolment).data)

    @extend_schema(request=FeedbackSerializer, responses={201: None})
    @action(detail=True, methods=["post"])
    def feedback(self, request, pk=None):
        """The participant answers the questionnaire (ratings 1–5 per question)."""
        enrolment = self.get_object()
        data = FeedbackSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        training.submit_feedback(
            enrolment,
            request.user,
            data.validated_data["ratings"],
            data.validated_data["comment"],
            request=request,
        )
        return Response(status=status.HTTP_201_CREATED)


class CertificateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Certificates the caller holds or issued; the office may revoke one with a reason."""

    serializer_class = CertificateSerializer
    permission_classes = SIGNED_IN
    queryset = Certificate.objects.none()

    def get_queryset(self):
        return Certificate.objects.restrict(self.request.user, "view").order_by("pk")

    @extend_schema(request=ReasonSerializer, responses=CertificateSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        cert = self.get_object()
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cert = certificates.revoke_certificate(
            request.user, cert, data.validated_data["reason"], request=request
        )
        return Response(CertificateSerializer(cert, context={"request": request}).data)


class VerifyView(APIView):
    """Anyone confirms a certificate by its code (rate-limited per address)."""

    permission_classes = []
    authentication_classes = []

    @extend_schema(responses=VerificationSerializer)
    def get(self, request, code: str):
        enforce(request, "certificate_verify")
        cert, intact = certificates.verify_certificate(code)
        if cert is None:
            return Response({"valid": False}, status=status.HTTP_404_NOT_FOUND)
        return Response(
            {
                "valid": intact and not cert.revoked,
                "revoked": cert.revoked,
                "number": cert.number,
                "name": certificates.mask_name(cert.holder_name),
                "course": cert.course_title,
                "hours": str(cert.hours),
                "held_on": cert.held_on,
                "issued_on": cert.issued_on,
                "revoked_at": cert.revoked_at,
                "revocation_reason": cert.revocation_reason,
            }
        )


class HoursSerializer(serializers.Serializer):
    hours = serializers.DecimalField(max_digits=8, decimal_places=1)


class HoursView(APIView):
    """The caller's training hours (from certificates not revoked)."""

    permission_classes = SIGNED_IN

    @extend_schema(responses=HoursSerializer)
    def get(self, request):
        return Response({"hours": str(training.training_hours(request.user))})


app_name = "talent-training-api"
router = DefaultRouter()
router.register("courses", CourseViewSet, basename="course")
router.register("sessions", SessionViewSet, basename="session")
router.register("enrolments", EnrolmentViewSet, basename="enrolment")
router.register("certificates", CertificateViewSet, basename="certificate")
urlpatterns = [
    path("verify/<str:code>/", VerifyView.as_view(), name="verify"),
    path("hours/", HoursView.as_view(), name="hours"),
    *router.urls,
]
