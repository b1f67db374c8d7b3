"""Web draws: a request, its frozen pool and commitment, the draw and its record.

All randomness and eligibility come from the one draw core (`talent.services.draws`,
documented in docs/draws.md); this module only gathers the experts, keeps the state and
writes the record.
"""

from __future__ import annotations

import datetime
import json
from collections import Counter

from django.db import connection, transaction
from django.db.models import Count, Max, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from core.exceptions import DomainError
from talent.models import (
    CreditEvent,
    DrawPool,
    Expert,
    ExpertDraw,
    ExpertField,
    Invitation,
    Purpose,
)
from talent.services import draws as core
from workflows.services import transition

MAX_PANEL = 50


class DrawRequestError(DomainError):
    """A draw request that cannot be saved or moved on."""

    code = "draw_request_invalid"


def _office(actor) -> None:
    if not actor.has_perm("talent.add_expertdraw"):
        raise DrawRequestError(_("Only the base office runs expert draws."))


def create_draw(
    actor, *, purpose: str, object_type: str, object_ref: str, object_title: str,
    need: int, alternates: int = 0, quotas: dict[str, int] | None = None,
    party_orgs: list[str] | None = None, served_within_days: int | None = None,
    max_panels_per_year: int | None = None, max_no_shows: int = 2, supervisor: str = "",
    response_days: int = 3, request=None,
) -> ExpertDraw:  # fmt: skip
    """Save a draw request (draft): object, rules, fields with counts, operator."""
    _office(actor)
    quotas = {str(k).strip(): int(v) for k, v in (quotas or {}).items() if str(k).strip()}
    if purpose not in Purpose.values:
        raise DrawRequestError(_("Choose the purpose of the draw."))
    if not object_title.strip() or not object_ref.strip():
        raise DrawRequestError(_("Name the object of the draw and its reference."))
    if not 1 <= need <= MAX_PANEL or not 0 <= alternates <= MAX_PANEL:
        raise DrawRequestError(
            _("A panel has 1 to %(max)d experts and 0 to %(max)d alternates.") % {"max": MAX_PANEL}
        )
    if not 1 <= response_days <= 30:
        raise DrawRequestError(_("Experts get 1 to 30 days to answer."))
    # The core's own checks on the rules (quotas adding up, counts) before anything is saved.
    core.check_request(core.DrawRequest(need=need, alternates=alternates, quotas=quotas))
    with transaction.atomic():
        draw = ExpertDraw.objects.create(
            purpose=purpose, object_type=object_type.strip()[:40],
            object_ref=object_ref.strip()[:100], object_title=object_title.strip()[:300],
            need=need, alternates=alternates, quotas=dict(sorted(quotas.items())),
            party_orgs=sorted({o.strip() for o in party_orgs or [] if o.strip()}),
            served_within_days=served_within_days, max_panels_per_year=max_panels_per_year,
            max_no_shows=max_no_shows, supervisor=supervisor.strip()[:100],
            response_days=response_days, operator=actor,
        )  # fmt: skip
        log_action("talent.draw.created", actor=actor, obj=draw, request=request)
    return draw


CRITERIA = ("fields", "served_within_days", "max_panels_per_year", "max_no_shows")


def create_draw_request(
    actor, *, purpose: str, criteria: dict, size: int, alternates: int = 0,
    object_type: str, object_ref: str, object_title: str, party_orgs: list[str] | None = None,
    supervisor: str = "", response_days: int = 3, commit: bool = False, request=None,
) -> ExpertDraw:  # fmt: skip
    """The entry point for other apps: a draw request from criteria, optionally committed.

    `criteria` may hold `fields` ({ICS/CCS code: experts}), `served_within_days`,
    `max_panels_per_year` and `max_no_shows`. With `commit=True` the pool is frozen and the
    commitment published at once; an impossible draw raises `DrawImpossible` and saves
    nothing. Draw it with `perform_draw(actor, draw)`.
    """
    unknown = sorted(set(criteria) - set(CRITERIA))
    if unknown:
        raise DrawRequestError(
            _("Unknown draw criteria: %(names)s.") % {"names": ", ".join(unknown)}
        )
    with transaction.atomic():
        draw = create_draw(
            actor, purpose=purpose, object_type=object_type, object_ref=object_ref,
            object_title=object_title, need=size, alternates=alternates,
            quotas=criteria.get("fields"), party_orgs=party_orgs,
            served_within_days=criteria.get("served_within_days"),
            max_panels_per_year=criteria.get("max_panels_per_year"),
            max_no_shows=criteria.get("max_no_shows", 2), supervisor=supervisor,
            response_days=response_days, request=request,
        )  # fmt: skip
        if commit:
            commit_draw(actor, draw, request=request)
    return draw


def core_request(draw: ExpertDraw, public_value: str | None = None) -> core.DrawRequest:
    """The request as the draw core sees it."""
    return core.DrawRequest(
        need=draw.need,
        alternates=draw.alternates,
        exclude_orgs=frozenset(draw.party_orgs),
        object_id=draw.object_ref,
        served_within_days=draw.served_within_days,
        max_panels_per_year=draw.max_panels_per_year,
        max_no_shows=draw.max_no_shows or None,
        quotas=dict(draw.quotas),
        public_value=draw.public_value if public_value is None else public_value,
        as_of=draw.as_of or timezone.localdate(),
    )


def _with_ancestors(codes: list[str]) -> tuple[str, ...]:
    """An ICS code with the codes above it (13.020.10 → 13, 13.020, 13.020.10)."""
    found = set()
    for code in codes:
        parts = code.split(".")
        found.update(".".join(parts[: i + 1]) for i in range(len(parts)))
    return tuple(sorted(found))


def _json_list(text: str | None) -> tuple[str, ...]:
    """A JSON list read as text (most are empty, and skip the parser)."""
    return tuple(json.loads(text)) if text and text != "[]" else ()


def _value_rows(queryset) -> list[tuple]:
    """The rows of a values_list queryset straight from the cursor (no per-row conversion:
    dates may come back as ISO text on SQLite). For the pool's 100,000 rows only."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _date(value) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def pool_candidates(as_of: datetime.date) -> list[core.Expert]:
    """Every active or suspended expert as the draw core sees them on `as_of`.

    Plain value rows, and the credit record counted in one grouped query (last service,
    panels this year, no-shows within a year) rather than joined onto every expert.
    """
    year_ago = as_of - datetime.timedelta(days=365)
    served = Q(kind=CreditEvent.Kind.SERVED)
    credit = {
        expert_id: (_date(last), panels, no_shows)
        for expert_id, last, panels, no_shows in _value_rows(
            CreditEvent.objects.filter(
                Q(kind=CreditEvent.Kind.SERVED)
                | Q(kind=CreditEvent.Kind.NO_SHOW, date__gt=year_ago)
            )
            .values("expert_id")
            .annotate(
                last=Max("date", filter=served),
                panels=Count("pk", filter=served & Q(date__year=as_of.year)),
                no_shows=Count("pk", filter=Q(kind=CreditEvent.Kind.NO_SHOW, date__gt=year_ago)),
            )
            .order_by()
            .values_list("expert_id", "last", "panels", "no_shows")
        )
    }
    declared: dict[int, list[str]] = {}
    for expert_id, code in _value_rows(ExpertField.objects.values_list("expert_id", "code")):
        declared.setdefault(expert_id, []).append(code)
    # Experts share field sets: each distinct set's codes with their ancestors, once.
    known: dict[tuple[str, ...], tuple[str, ...]] = {}
    fields = {
        pk: known.get(key) or known.setdefault(key, _with_ancestors(list(key)))
        for pk, codes in declared.items()
        for key in [tuple(sorted(codes))]
    }
    rows = _value_rows(
        Expert.objects.filter(state__in=("active", "suspended"))
        .order_by("pk")
        .annotate(avoid=Cast("avoid_orgs", TextField()), conflicted=Cast("conflicts", TextField()))
        .values_list("pk", "employer", "avoid", "conflicted", "state")
    )
    none = (None, 0, 0)
    experts = []
    append = experts.append
    for pk, employer, avoid, conflicts, state in rows:
        last_served, panels, no_shows = credit.get(pk, none)
        append(
            core.Expert(
                f"E{pk}",
                employer,
                fields.get(pk, ()),
                _json_list(avoid),
                _json_list(conflicts),
                state == "suspended",
                last_served,
                panels,
                no_shows,
            )  # fmt: skip
        )
    return experts


def _to_json(expert: core.Expert) -> dict:
    """The candidate as stored: the fields of `core.Expert`, the date as ISO text."""
    served = expert.last_served
    return {
        "id": expert.id, "org": expert.org, "fields": expert.fields, "avoid": expert.avoid,
        "conflicts": expert.conflicts, "suspended": expert.suspended,
        "last_served": served.isoformat() if served else None,
        "panels_this_year": expert.panels_this_year, "no_shows": expert.no_shows,
    }  # fmt: skip


def _from_json(row: dict) -> core.Expert:
    served = row.get("last_served")
    return core.Expert(
        **{
            **row,
            "fields": tuple(row["fields"]),
            "avoid": tuple(row["avoid"]),
            "conflicts": tuple(row["conflicts"]),
            "last_served": datetime.date.fromisoformat(served) if served else None,
        }
    )


def commit_draw(actor, draw: ExpertDraw, *, request=None) -> ExpertDraw:
    """Freeze the eligible pool and publish the commitment; refuse an impossible draw."""
    _office(actor)
    if draw.state != "draft":
        raise DrawRequestError(_("Only a draft draw can be committed."))
    as_of = timezone.localdate()
    candidates = pool_candidates(as_of)
    seed = core.new_seed()
    draw.as_of = as_of
    # An impossible request raises DrawImpossible here, with how many were eligible and
    # what each rule removed, and nothing is stored.
    frozen = core.freeze_pool(candidates, core_request(draw, public_value=""))
    with transaction.atomic():
        DrawPool.objects.create(
            draw=draw, candidates=[_to_json(e) for e in candidates], pool=frozen.snapshot,
            excluded=frozen.excluded_by_code(),
        )  # fmt: skip
        draw.candidate_count = len(candidates)
        draw.exclusion_counts = frozen.exclusion_counts
        draw.pool_sha256 = frozen.digest
        draw.eligible_count = len(frozen.snapshot)
        draw.commitment = core.commitment_of(seed)
        draw.seed = seed.hex()
        draw.committed_at = timezone.now()
        draw.save()
        transition(
            draw, "committed", actor,
            data={"commitment": draw.commitment, "pool_sha256": draw.pool_sha256,
                  "eligible": draw.eligible_count},
            request=request,
        )  # fmt: skip
    return draw


def set_public_value(actor, draw: ExpertDraw, value: str, *, request=None) -> ExpertDraw:
    """Enter the public value mixed into the key (after the commitment, before the draw)."""
    _office(actor)
    if draw.state != "committed":
        raise DrawRequestError(
            _("The public value is entered after the commitment, before the draw.")
        )
    value = value.strip()
    if not value or len(value) > 200:
        raise DrawRequestError(_("Enter the public value (at most 200 characters)."))
    with transaction.atomic():
        draw.public_value = value
        draw.save(update_fields=["public_value", "updated_at"])
        log_action("talent.draw.public_value", actor=actor, obj=draw, after={"public_value": value},
                   request=request)  # fmt: skip
    return draw


def perform_draw(actor, draw: ExpertDraw, *, request=None) -> ExpertDraw:
    """Draw the panel and alternates from the frozen pool, reveal the seed, invite the panel."""
    from talent.services.invitations import send_invitation

    _office(actor)
    if draw.state != "committed":
        raise DrawRequestError(_("Freeze the pool and commit before drawing."))
    result = draw_result(draw)
    drawn = [*result["panel"], *result["alternates"]]
    by_id = {e.draw_id: e for e in Expert.objects.filter(pk__in=[int(i[1:]) for i in drawn])}
    with transaction.atomic():
        draw.record = _record(draw, result)
        draw.drawn_at = timezone.now()
        draw.save(update_fields=["record", "drawn_at", "updated_at"])
        seats = [(i, Invitation.Seat.PANEL) for i in result["panel"]] + [
            (i, Invitation.Seat.ALTERNATE) for i in result["alternates"]
        ]
        invitations = Invitation.objects.bulk_create(
            Invitation(draw=draw, expert=by_id[i], position=n, seat=seat,
                       drawn_for=result["drawn_for"].get(i, ""))
            for n, (i, seat) in enumerate(seats, start=1)
        )  # fmt: skip
        data = {"panel": result["panel"], "alternates": result["alternates"]}
        transition(draw, "drawn", actor, data=data, request=request)
        for invitation in invitations:
            if invitation.seat == Invitation.Seat.PANEL:
                send_invitation(invitation, actor=actor)
    return draw


def draw_result(draw: ExpertDraw) -> dict:
    """The panel and alternates drawn from the committed draw's frozen pool (not saved)."""
    seed = bytes.fromhex(draw.seed)
    snapshot = draw.frozen_pool_rows
    if snapshot:
        result = _draw_frozen(draw, snapshot, seed)
    else:  # committed before the pool itself was stored: screen the candidates again
        experts = [_from_json(row) for row in draw.candidates]
        result = core.draw_panel(experts, core_request(draw), seed).as_dict()
    if result["pool_sha256"] != draw.pool_sha256 or result["commitment"] != draw.commitment:
        raise DrawRequestError(_("The frozen pool or the seed changed; the draw is refused."))
    return result


def _draw_frozen(draw: ExpertDraw, snapshot: list[dict], seed: bytes) -> dict:
    """The record of a draw over the stored frozen pool (the same as redrawing all candidates;
    a test holds the two equal). The pool itself stays in `frozen`, not in the record."""
    request = core_request(draw)
    # Keys are sorted again: a jsonb column (PostgreSQL) does not keep the order they were
    # written in, so the stored rows are not byte-for-byte the snapshot `freeze` hashed.
    digest = core.pool_digest(snapshot)
    panel, alternates, drawn_for = core.draw_frozen(snapshot, digest, request, seed)
    counts = draw.exclusion_counts
    return {
        "algorithm": core.ALGORITHM, "commitment": core.commitment_of(seed), "seed": seed.hex(),
        "public_value": request.public_value, "pool_sha256": digest,
        "pool_size": draw.candidate_count, "eligible": len(snapshot), "need": request.need,
        "alternates_requested": request.alternates, "quotas": dict(sorted(request.quotas.items())),
        "panel": panel, "alternates": alternates, "drawn_for": drawn_for,
        "exclusion_counts": {c: counts[c] for c in core.REASONS if counts.get(c)},
    }  # fmt: skip


def _record(draw: ExpertDraw, result: dict) -> dict:
    # The reasons in words are not stored: `export_record` writes them from the candidates.
    record = {k: v for k, v in result.items() if k != "excluded"}
    record["draw"] = {
        "id": draw.pk, "purpose": draw.purpose, "object_type": draw.object_type,
        "object_ref": draw.object_ref, "object_title": draw.object_title,
        "party_orgs": draw.party_orgs, "served_within_days": draw.served_within_days,
        "max_panels_per_year": draw.max_panels_per_year, "max_no_shows": draw.max_no_shows,
        "as_of": draw.as_of.isoformat(), "operator": draw.operator.get_username(),
        "supervisor": draw.supervisor,
    }  # fmt: skip
    return record


def export_record(draw: ExpertDraw) -> dict:
    """The draw record `stdbase verify-draw` checks, with the invitations' outcome so far."""
    if draw.state != "drawn":
        raise DrawRequestError(_("The draw has not been made yet."))
    record = dict(draw.record)
    if "pool" not in record:
        record["pool"] = draw.frozen_pool_rows
    if "excluded" not in record:
        experts = [_from_json(row) for row in draw.candidates]
        record["excluded"] = core.exclusion_reasons(experts, core_request(draw))
    record["invitations"] = [
        {"id": i.expert.draw_id, "seat": i.seat, "position": i.position, "status": i.status,
         "replaces": i.replaces.expert.draw_id if i.replaces else None}
        for i in draw.invitations.select_related("expert", "replaces__expert")
    ]  # fmt: skip
    return record


def exclusion_summary(draw: ExpertDraw) -> Counter:
    """How many candidates each rule kept out (counted when the pool was frozen)."""
    if draw.exclusion_counts:
        return Counter(draw.exclusion_counts)
    experts = [_from_json(row) for row in draw.candidates]
    return Counter(core.screen(experts, core_request(draw))[1].values())


def cancel_draw(actor, draw: ExpertDraw, comment: str, *, request=None) -> ExpertDraw:
    """Cancel a draft or committed draw (with the reason)."""
    _office(actor)
    transition(draw, "cancelled", actor, comment, request=request)
    return draw
