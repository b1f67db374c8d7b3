"""Proposals for new work items (立项申请书): drafting, review, and the project they become."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from bodies.models import Body
from bodies.scopes import has_body_permission
from catalog.designations import DesignationError, parse
from development import stages
from development.exceptions import DevelopmentError, DevelopmentPermissionError
from development.models import AllianceProfile, Project, Proposal
from development.services.bodies import profile_of
from development.services.schedule import add_months, stage_target, total_months
from development.stages import Track

EDITABLE = (
    "title",
    "title_en",
    "scope",
    "reasons",
    "relation",
    "level",
    "track",
    "ics",
    "ccs",
    "drafting_units",
    "revises",
    "adopted_designation",
    "adoption_degree",
)
_ICS = re.compile(r"^\d{2}(\.\d{3}(\.\d{2})?)?$")
_CCS = re.compile(r"^[A-Z](\d{2})?$")


def _clean(values: dict) -> dict:
    """Normalise and check the fields of a proposal; raises DevelopmentError."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValueError(f"unknown proposal fields: {sorted(unknown)}")
    out = dict(values)
    for name in ("title", "title_en", "scope", "reasons", "relation", "drafting_units"):
        if name in out:
            out[name] = (out[name] or "").strip()
    if "title" in out and not out["title"]:
        raise DevelopmentError(_("A proposal needs a title."))
    if "title" in out and len(out["title"]) > 300:
        raise DevelopmentError(_("The title is longer than 300 characters."))
    for name, pattern, example in (("ics", _ICS, "25.040.40"), ("ccs", _CCS, "J07")):
        codes = (out.get(name) or "").replace(",", " ").split()
        for code in codes:
            if not pattern.match(code.upper() if name == "ccs" else code):
                raise DevelopmentError(
                    _("“%(code)s” is not a %(scheme)s code such as %(example)s.")
                    % {"code": code, "scheme": name.upper(), "example": example}
                )
        if name in out:
            out[name] = " ".join(c.upper() if name == "ccs" else c for c in codes)
    if out.get("adopted_designation"):
        try:
            out["adopted_designation"] = parse(out["adopted_designation"]).canonical
        except DesignationError:
            raise DevelopmentError(
                _("“%(text)s” is not a standard designation such as ISO 23247-1:2021.")
                % {"text": out["adopted_designation"]}
            ) from None
        if not out.get("adoption_degree"):
            raise DevelopmentError(_("Give the degree of adoption: IDT, MOD or NEQ."))
    elif out.get("adoption_degree"):
        raise DevelopmentError(_("A degree of adoption needs the adopted standard."))
    track = out.get("track")
    if track in (Track.REVISION, Track.AMENDMENT) and not out.get("revises"):
        raise DevelopmentError(_("A revision or amendment names the standard it revises."))
    return out


def create_proposal(body: Body, *, author, request=None, **values) -> Proposal:
    """Write a proposal to a body (a member of the body, or the base office, may)."""
    profile_of(body)
    if not has_body_permission(author, "development.add_proposal", body):
        raise DevelopmentPermissionError(
            _("Only members of %(body)s may propose work items to it.") % {"body": body}
        )
    values = _clean(values)
    with transaction.atomic():
        proposal = Proposal.objects.create(body=body, author=author, **values)
        log_action(
            "development.proposal.created",
            actor=author,
            obj=proposal,
            after={"title": proposal.title, "body": body.pk},
            request=request,
        )
    return proposal


def update_proposal(proposal: Proposal, *, user, request=None, **values) -> Proposal:
    """Change a proposal while it is a draft (its author only)."""
    if proposal.author_id != getattr(user, "pk", None):
        raise DevelopmentPermissionError(_("Only the proposer may change the proposal."))
    if proposal.state != "draft":
        raise DevelopmentError(_("A submitted proposal cannot be changed; ask for it back."))
    values = _clean(values)
    with transaction.atomic():
        before = {k: str(getattr(proposal, k)) for k in values}
        for name, value in values.items():
            setattr(proposal, name, value)
        proposal.save()
        log_action(
            "development.proposal.changed",
            actor=user,
            obj=proposal,
            before=before,
            after={k: str(getattr(proposal, k)) for k in values},
            request=request,
        )
    return proposal


def _number_prefix(body: Body) -> str:
    code = body.standard_code or body.number or body.short_name
    code = re.sub(r"^T/", "", code or "")
    code = re.sub(r"[^A-Za-z0-9]+", "", code).upper()
    return code or f"B{body.pk}"


def next_project_number(body: Body, year: int) -> str:
    """The next free project number of a body in a year (HNXX-2026-003); lock the profile first."""
    prefix = f"{_number_prefix(body)}-{year}-"
    taken = Project.objects.filter(number__startswith=prefix).values_list("number", flat=True)
    highest = max((int(n[len(prefix) :]) for n in taken if n[len(prefix) :].isdigit()), default=0)
    return f"{prefix}{highest + 1:03d}"


def open_project(proposal: Proposal, event) -> Project:
    """Turn an approved proposal into a project at stage 10.99 (effect of "approve")."""
    # Locking the profile serialises numbering within the body.
    AllianceProfile.objects.select_for_update().get(pk=profile_of(proposal.body).pk)
    today = timezone.localdate()
    number = (event.data or {}).get("number") or next_project_number(proposal.body, today.year)
    if Project.objects.filter(number=number).exists():
        raise DevelopmentError(_("The project number %(number)s is taken.") % {"number": number})
    fields = {name: getattr(proposal, name) for name in EDITABLE if hasattr(Project, name)}
    for name in ("reasons", "relation"):
        fields.pop(name, None)
    project = Project(
        body=proposal.body,
        proposal=proposal,
        number=number,
        state=stages.PROJECT_START,
        stage_started_on=today,
        created_by=event.actor,
        **fields,
    )
    project.limit_date = add_months(today, total_months(proposal.body, project.track))
    project.target_date = stage_target(project, today)
    project.save()
    log_action(
        "development.project.opened",
        actor=event.actor,
        obj=project,
        after={"number": number, "proposal": proposal.pk, "track": project.track},
    )
    _notify_opened(project)
    return project


def _notify_opened(project: Project) -> None:
    from development.services.notices import notify_proposer_approved

    notify_proposer_approved(project)
