"""The processes of standards development: a proposal's review and a project's stages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from development import stages
from workflows.processes import Actor, Condition, Process, Roles, Transition, register_process

SECRETARIAT = Roles("secretariat", "base_office")
#: The account that runs scheduled work (cancellation after notice), see services.schedule.
SYSTEM_USERNAME = "stdbase-scheduler"


class Scheduler:
    """Who may: the platform's scheduler account (automatic cancellation after notice)."""

    def name(self) -> str:
        return str(_("the scheduler"))

    def allows(self, user, obj) -> bool:
        return getattr(user, "username", None) == SYSTEM_USERNAME


def _on_submitted(proposal, event) -> None:
    from development.services.novelty import run_novelty_check

    run_novelty_check(proposal)


def _on_approved(proposal, event) -> None:
    from development.services.proposals import open_project

    open_project(proposal, event)


PROPOSAL = register_process(
    Process(
        code="development.proposal",
        label=_("Proposal"),
        states={
            "draft": _("Draft"),
            "submitted": _("Submitted"),
            "approved": _("Approved"),
            "rejected": _("Rejected"),
            "withdrawn": _("Withdrawn"),
        },
        initial="draft",
        transitions=[
            Transition(
                "submit",
                _("Submit"),
                sources=("draft",),
                target="submitted",
                allowed=(Actor("author", _("the proposer")),),
                conditions=(
                    Condition(_("the scope is filled in"), lambda p, data: p.scope.strip()),
                    Condition(_("the reasons are filled in"), lambda p, data: p.reasons.strip()),
                ),
                effects=(_on_submitted,),
            ),
            Transition(
                "approve",
                _("Approve"),
                sources=("submitted",),
                target="approved",
                allowed=(SECRETARIAT,),
                effects=(_on_approved,),
            ),
            Transition(
                "reject",
                _("Reject"),
                sources=("submitted",),
                target="rejected",
                allowed=(SECRETARIAT,),
                comment_required=True,
            ),
            Transition(
                "return",
                _("Return for changes"),
                sources=("submitted",),
                target="draft",
                allowed=(SECRETARIAT,),
                comment_required=True,
            ),
            Transition(
                "withdraw",
                _("Withdraw"),
                sources=("draft", "submitted"),
                target="withdrawn",
                allowed=(Actor("author", _("the proposer")),),
            ),
        ],
    )
)


def _allowed_by_track(source: str, target: str) -> Condition:
    return Condition(
        _("the track's schedule allows this stage"),
        lambda p, data: stages.track_allows(p.track, source, target),
    )


def _has_designation(project, data) -> bool:
    return bool(project.designation)


def _project_transitions() -> list[Transition]:
    """Sub-stage steps inside each stage, moves between stages, abandoning, review."""
    steps: list[Transition] = []
    states = stages.all_states()
    for stage in stages.STAGES:
        subs = stages.substages(stage)

        def code(sub: str, stage=stage) -> str:
            return f"{stage}.{sub}"

        if stage in ("60", "95"):
            continue
        for source, target, name, label in (
            ("00", "20", "start", _("Start")),
            ("20", "60", "close", _("Close")),
            ("60", "99", "proceed", _("Approve to proceed")),
            ("60", "20", "reopen", _("Reopen")),
        ):
            if source in subs and target in subs:
                steps.append(
                    Transition(
                        f"{name}_{stage}",
                        label,
                        (code(source),),
                        code(target),
                        allowed=(SECRETARIAT,),
                    )
                )
        if "98" in subs:
            steps.append(
                Transition(
                    f"abandon_{stage}",
                    _("Abandon"),
                    tuple(code(s) for s in ("00", "20", "60", "99") if s in subs),
                    code("98"),
                    allowed=(SECRETARIAT, Scheduler()),
                    comment_required=True,
                )
            )
    # From "approved to proceed" to the next main stage of some track.
    for stage in stages.DEVELOPMENT_STAGES:
        followers = {stages.next_stage(track, stage) for track in stages.TRACKS} - {None}
        for follower in sorted(followers):
            source, target = f"{stage}.99", f"{follower}.00"
            if source in states and target in states:
                steps.append(
                    Transition(
                        f"advance_{stage}_{follower}",
                        _("Move to the next stage"),
                        (source,),
                        target,
                        allowed=(SECRETARIAT,),
                        conditions=(_allowed_by_track(source, target),),
                    )
                )
    steps += [
        Transition(
            "publish",
            _("Publish"),
            ("60.00",),
            stages.PUBLISHED,
            allowed=(SECRETARIAT,),
            conditions=(Condition(_("a designation is assigned"), _has_designation),),
        ),
        Transition(
            "review",
            _("Start systematic review"),
            ("60.60", "90.93"),
            "90.00",
            allowed=(SECRETARIAT, Scheduler()),
        ),
        Transition("confirm", _("Confirm"), ("90.60",), "90.93", allowed=(SECRETARIAT,)),
        Transition("revise", _("Decide to revise"), ("90.60",), "90.92", allowed=(SECRETARIAT,)),
        Transition(
            "withdraw",
            _("Withdraw"),
            ("90.60",),
            "95.20",
            allowed=(SECRETARIAT,),
            comment_required=True,
        ),
        Transition(
            "withdrawn", _("Withdrawn"), ("95.20",), stages.WITHDRAWN, allowed=(SECRETARIAT,)
        ),
    ]
    return steps


PROJECT = register_process(
    Process(
        code="development.project",
        label=_("Project"),
        states=stages.all_states(),
        initial=stages.PROJECT_START,
        transitions=_project_transitions(),
    )
)
