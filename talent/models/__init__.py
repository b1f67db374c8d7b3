"""Models of the talent centre."""

from talent.models.draws import DrawPool, ExpertDraw, Invitation, InvitationEvent, Purpose
from talent.models.experts import (
    CreditEvent,
    Expert,
    ExpertField,
    ExpertKeyword,
    ExpertStandard,
    Title,
    WorkHistory,
)
from talent.models.needs import TrainingNeed
from talent.models.reviews import Score, ScoreSheet
from talent.models.training import (
    Certificate,
    Course,
    Enrolment,
    Feedback,
    TrainingSession,
)

__all__ = [
    "Certificate",
    "Course",
    "CreditEvent",
    "Enrolment",
    "Expert",
    "DrawPool",
    "ExpertDraw",
    "ExpertField",
    "ExpertKeyword",
    "ExpertStandard",
    "Feedback",
    "Invitation",
    "InvitationEvent",
    "Purpose",
    "Score",
    "ScoreSheet",
    "Title",
    "TrainingNeed",
    "TrainingSession",
    "WorkHistory",
]
