"""The draw's vocabulary: what an expert and a request are, the errors, and request checks."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.exceptions import DomainError

ALGORITHM = "stdbase-draw-v1"
SEED_BYTES = 32
MAX_QUOTA_FIELDS = 10


class DrawError(DomainError):
    """A draw request or a pool that cannot be drawn from."""

    code = "draw_invalid"


class DrawImpossible(DrawError):
    """Fewer eligible experts than the request needs; nothing was drawn."""

    code = "draw_impossible"

    def __init__(self, message: str, *, eligible: int, removed: dict[str, int]):
        super().__init__(message)
        self.eligible = eligible
        self.removed = removed


@dataclass(frozen=True, slots=True)
class Expert:
    """One expert of the pool as the draw sees them."""

    id: str
    org: str = ""
    fields: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    suspended: bool = False
    last_served: datetime.date | None = None
    panels_this_year: int = 0
    no_shows: int = 0  # no-shows within the last year


@dataclass(frozen=True)
class DrawRequest:
    """What to draw and whom to keep out."""

    need: int
    alternates: int = 0
    # Organisations of the applicant, the drafting units and the object's parties.
    exclude_orgs: frozenset[str] = frozenset()
    # The object (project, ballot, evaluation) experts may have declared a conflict with.
    object_id: str = ""
    served_within_days: int | None = None
    max_panels_per_year: int | None = None
    # Keep out whoever did not show up this many times within the last year.
    max_no_shows: int | None = None
    # Required fields with how many panel members each (field -> count).
    quotas: Mapping[str, int] = field(default_factory=dict)
    public_value: str = ""
    as_of: datetime.date = field(default_factory=datetime.date.today)


def check_request(request: DrawRequest) -> None:
    """Refuse a request whose counts or quotas make no sense, before any pool is read."""
    if request.need < 1:
        raise DrawError(_("A panel needs at least one expert."))
    if request.alternates < 0:
        raise DrawError(_("The number of alternates cannot be negative."))
    if any(count < 0 for count in request.quotas.values()):
        raise DrawError(_("A field quota cannot be negative."))
    if sum(request.quotas.values()) > request.need:
        raise DrawError(
            _("The field quotas add up to %(quotas)d experts, more than the panel of %(need)d.")
            % {"quotas": sum(request.quotas.values()), "need": request.need}
        )
    if len(request.quotas) > MAX_QUOTA_FIELDS:
        raise DrawError(
            _("At most %(count)d fields can have quotas.") % {"count": MAX_QUOTA_FIELDS}
        )
