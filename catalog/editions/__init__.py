"""Edition resolution: which edition a reference means, today or on a date.

The one place that answers it for the standard page, the API, 查新 (checks), the command
line and the reports: ``resolve_reference`` / ``resolve_references`` for references,
``resolve_standard`` for a catalogue edition; ``edition_timeline`` draws its history.
"""

from .model import Resolution, Step, StepKind
from .resolve import resolve_reference, resolve_references, resolve_standard
from .timeline import TimelineEntry, edition_timeline, find_editions
from .verdicts import Verdict

__all__ = [
    "Resolution",
    "Step",
    "StepKind",
    "TimelineEntry",
    "Verdict",
    "edition_timeline",
    "find_editions",
    "resolve_reference",
    "resolve_references",
    "resolve_standard",
]
