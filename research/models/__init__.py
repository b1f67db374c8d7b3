"""Models of the research centre: precomputed catalogue aggregates, reports and projects."""

from research.models.aggregates import AggregateCell, AggregateState, GapField, OutdatedAdoption
from research.models.library import (
    Citation,
    Confidentiality,
    Deliverable,
    Milestone,
    Report,
    ReportKind,
    ResearchProject,
)

__all__ = [
    "AggregateCell",
    "AggregateState",
    "Citation",
    "Confidentiality",
    "Deliverable",
    "GapField",
    "Milestone",
    "OutdatedAdoption",
    "Report",
    "ReportKind",
    "ResearchProject",
]
