"""Models of standards development: alliance profiles, proposals, projects, drafts."""

from development.models.bodies import AllianceProfile, ScheduleRule
from development.models.drafts import Draft, DraftKind
from development.models.projects import (
    ActionItem,
    CatalogCursor,
    Level,
    Project,
    Proposal,
)

__all__ = [
    "ActionItem",
    "AllianceProfile",
    "CatalogCursor",
    "Draft",
    "DraftKind",
    "Level",
    "Project",
    "Proposal",
    "ScheduleRule",
]
