"""Models of the talent centre."""

from talent.models.draws import ExpertDraw, Invitation, InvitationEvent, Purpose
from talent.models.experts import (
    CreditEvent,
    Expert,
    ExpertField,
    ExpertStandard,
    Title,
    WorkHistory,
)

__all__ = [
    "CreditEvent",
    "Expert",
    "ExpertDraw",
    "ExpertField",
    "ExpertStandard",
    "Invitation",
    "InvitationEvent",
    "Purpose",
    "Title",
    "WorkHistory",
]
