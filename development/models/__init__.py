"""Models of standards development: alliance profiles, proposals, projects, drafts."""

from development.models.ballots import Ballot, BallotVote, BallotVoter, Position, VoteChange
from development.models.bodies import AllianceProfile, ScheduleRule
from development.models.coaching import CoachingRequest
from development.models.comments import Comment, CommentKind, CommentWindow, Resolution
from development.models.drafts import Draft, DraftKind
from development.models.projects import (
    ActionItem,
    CatalogCursor,
    Level,
    Project,
    Proposal,
)

__all__ = [
    "Ballot",
    "BallotVote",
    "BallotVoter",
    "Comment",
    "CommentKind",
    "CommentWindow",
    "Position",
    "Resolution",
    "VoteChange",
    "ActionItem",
    "AllianceProfile",
    "CatalogCursor",
    "CoachingRequest",
    "Draft",
    "DraftKind",
    "Level",
    "Project",
    "Proposal",
    "ScheduleRule",
]
