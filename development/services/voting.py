"""Ballots on drafts: voters frozen at opening, votes and their changes, the explained tally."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership
from audit.services import log_action
from bodies.models import BodyMembership
from bodies.roles import BODY_CHAIR, BODY_MEMBER
from development.exceptions import DevelopmentError
from development.models import Ballot, BallotVote, BallotVoter, Draft, VoteChange
from development.services import ballots as core
from development.services.comments import _require_secretariat
from notifications.services import notify

#: The body roles that carry a vote.
VOTING_ROLES = (BODY_MEMBER, BODY_CHAIR)
EVENT = "development.ballot"
REMIND_BEFORE = datetime.timedelta(days=3)


class VoteRefused(DevelopmentError):
    """A vote that cannot be taken: ballot closed, not a voter, or a position without reasons."""

    code = "vote_refused"


def ballot_rule_for(draft: Draft):
    """The rule of the draft's body (its profile's rule, or iso-dis for ISO adoptions, or cn-tc)."""
    profile = getattr(draft.project.body, "development_profile", None)
    if profile is not None and profile.ballot_rule:
        return profile.ballot_rule
    return "cn-tc"


def _voters(draft: Draft) -> list[dict]:
    units = set(draft.project.drafting_unit_list)
    rows = (
        BodyMembership.objects.current()
        .filter(body=draft.project.body, role__code__in=VOTING_ROLES, user__isnull=False)
        .select_related("user")
        .order_by("user_id")
    )
    seen: dict[int, dict] = {}
    orgs: dict[int, list[str]] = {}
    for membership in Membership.objects.filter(
        user_id__in=[r.user_id for r in rows]
    ).select_related("organization"):
        orgs.setdefault(membership.user_id, []).append(membership.organization.name)
    for row in rows:
        names = orgs.get(row.user_id, [])
        seen.setdefault(
            row.user_id,
            {
                "user": row.user,
                "drafter": any(name in units for name in names),
                "organisation": names[0] if names else "",
            },
        )
    return list(seen.values())


def open_ballot(
    draft: Draft,
    *,
    user,
    days: int = 30,
    rule=None,
    advance_to: str = "",
    request=None,
) -> Ballot:
    """Open a ballot on a draft: the rule checked, the eligible voters frozen and notified."""
    _require_secretariat(user, draft)
    spec = ballot_rule_for(draft) if rule in (None, "", {}) else rule
    resolved = core.resolve_rule(spec)  # raises BallotError with the reason
    if days < 1:
        raise DevelopmentError(_("A ballot must stay open at least one day."))
    with transaction.atomic():
        if Ballot.objects.filter(draft=draft, closed_at__isnull=True).exists():
            raise DevelopmentError(_("A ballot on this draft is already open."))
        now = timezone.now()
        ballot = Ballot.objects.create(
            draft=draft,
            rule=spec if isinstance(spec, dict) else {"code": spec},
            rule_code=resolved.code,
            opens_at=now,
            closes_at=now + datetime.timedelta(days=days),
            advance_to=advance_to,
            opened_by=user,
        )
        voters = _voters(draft)
        if not voters:
            raise DevelopmentError(_("The body has no members with a vote."))
        BallotVoter.objects.bulk_create(
            BallotVoter(
                ballot=ballot, user=v["user"], drafter=v["drafter"], organisation=v["organisation"]
            )
            for v in voters
        )
        log_action(
            "development.ballot.opened",
            actor=user,
            obj=ballot,
            after={"rule": resolved.code, "voters": len(voters), "days": days},
            request=request,
        )
        notify(
            EVENT,
            [v["user"] for v in voters],
            ballot,
            _("Ballot opened on %(draft)s, closing %(date)s.")
            % {"draft": draft, "date": f"{ballot.closes_at:%Y-%m-%d}"},
            kind="opened",
            dedupe_key=f"ballot:{ballot.pk}:opened",
        )
    return ballot


def cast_vote(
    ballot: Ballot, *, user, position: str, reasons: str = "", request=None
) -> BallotVote:
    """Record or change a voter's position before the ballot closes (changes are logged)."""
    reasons = (reasons or "").strip()
    if position not in core.POSITIONS:
        raise VoteRefused(_("Choose approve, approve with comments, disapprove or abstain."))
    if position == core.DISAPPROVE and not reasons:
        raise VoteRefused(_("Give your reasons when you disapprove."))
    with transaction.atomic():
        ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
        if ballot.closed_at is not None or timezone.now() >= ballot.closes_at:
            raise VoteRefused(_("This ballot closed; no more votes are taken."))
        voter = BallotVoter.objects.filter(ballot=ballot, user=user).first()
        if voter is None:
            raise VoteRefused(
                _("You are not a voting member of this ballot (voters were fixed at its opening).")
            )
        vote = BallotVote.objects.filter(voter=voter).first()
        if vote is None:
            vote = BallotVote.objects.create(
                voter=voter, ballot=ballot, position=position, reasons=reasons
            )
            log_action(
                "development.ballot.voted",
                actor=user,
                obj=ballot,
                after={"position": position},
                request=request,
            )
            return vote
        if (vote.position, vote.reasons) == (position, reasons):
            return vote
        VoteChange.objects.create(vote=vote, old_position=vote.position, new_position=position)
        before = {"position": vote.position}
        vote.position, vote.reasons = position, reasons
        vote.save()
        log_action(
            "development.ballot.vote_changed",
            actor=user,
            obj=ballot,
            before=before,
            after={"position": position},
            request=request,
        )
    return vote


def tally_ballot(ballot: Ballot) -> core.TallyResult:
    """Count the ballot's current votes with the same core as `ballot-tally`."""
    members = [
        core.Member(id=str(v.user_id), category=v.category, drafter=v.drafter)
        for v in ballot.voters.all()
    ]
    votes = [
        core.Vote(member=str(v.voter.user_id), position=v.position, reasons=v.reasons)
        for v in ballot.votes.select_related("voter")
    ]
    return core.tally(ballot.rule.get("code") or ballot.rule, members, votes)


def close_ballot(ballot: Ballot, *, user=None, request=None) -> Ballot:
    """Close a ballot, store the explained result and, on a pass, advance the project."""
    if user is not None:
        _require_secretariat(user, ballot.draft)
    with transaction.atomic():
        ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
        if ballot.closed_at is not None:
            raise DevelopmentError(_("This ballot is already closed."))
        result = tally_ballot(ballot)
        ballot.closed_at = timezone.now()
        ballot.passed = result.passed
        ballot.result = result.as_dict()
        ballot.save()
        log_action(
            "development.ballot.closed",
            actor=user,
            obj=ballot,
            after={"passed": result.passed, "ratios": result.fractions},
            request=request,
        )
        if result.passed and ballot.advance_to:
            from development.services.stages import advance_stage

            advance_stage(
                ballot.draft.project,
                ballot.advance_to,
                user=user or ballot.opened_by,
                comment=_("Ballot passed."),
                data={"ballot": ballot.pk},
                request=request,
            )
    return ballot


def close_due_ballots(now=None) -> int:
    """Close every ballot past its close date (the scheduled job); returns how many."""
    now = now or timezone.now()
    count = 0
    for ballot in Ballot.objects.filter(closed_at__isnull=True, closes_at__lte=now):
        close_ballot(ballot)
        count += 1
    return count


def remind_voters(now=None) -> int:
    """Remind voters who have not voted a few days before the ballot closes."""
    now = now or timezone.now()
    count = 0
    due = Ballot.objects.filter(
        closed_at__isnull=True, reminded_at__isnull=True, closes_at__lte=now + REMIND_BEFORE
    )
    for ballot in due:
        waiting = ballot.voters.filter(vote__isnull=True).values_list("user_id", flat=True)
        notify(
            EVENT,
            list(waiting),
            ballot,
            _("The ballot on %(draft)s closes %(date)s; you have not voted yet.")
            % {"draft": ballot.draft, "date": f"{ballot.closes_at:%Y-%m-%d}"},
            kind="closing",
            dedupe_key=f"ballot:{ballot.pk}:closing",
        )
        Ballot.objects.filter(pk=ballot.pk).update(reminded_at=now)
        count += 1
    return count
