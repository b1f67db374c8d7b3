"""Creating bodies: kinds, parents and national committee numbers checked."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import log_action
from bodies.exceptions import BodyError, BodyPermissionError
from bodies.models import Body, BodyKind
from bodies.scopes import has_body_permission

_NUMBER = re.compile(
    r"^(?P<org>[A-Z]{2,10})\s*/\s*TC\s*(?P<tc>\d{1,4})(?:\s*/\s*SC\s*(?P<sc>\d{1,3}))?"
    r"(?:\s*/\s*WG\s*(?P<wg>\d{1,3}))?$",
    re.IGNORECASE,
)
# Which kind of body may sit under which (None: at the top).
_PARENTS: dict[str, set[str | None]] = {
    BodyKind.BASE: {None},
    BodyKind.CENTRE: {BodyKind.BASE},
    BodyKind.ALLIANCE: {None, BodyKind.BASE, BodyKind.CENTRE},
    BodyKind.TECHNICAL_COMMITTEE: {None},
    BodyKind.SUBCOMMITTEE: {BodyKind.TECHNICAL_COMMITTEE},
    BodyKind.WORKING_GROUP: {
        BodyKind.ALLIANCE,
        BodyKind.TECHNICAL_COMMITTEE,
        BodyKind.SUBCOMMITTEE,
        BodyKind.CENTRE,
    },
    BodyKind.VERIFICATION_CENTRE: {None, BodyKind.BASE, BodyKind.CENTRE},
}


def normalize_number(text: str) -> str:
    """Write a committee number the standard way: `sac/tc124 / sc3` → `SAC/TC 124/SC 3`."""
    match = _NUMBER.match((text or "").strip())
    if match is None:
        raise BodyError(
            _("“%(number)s” is not a committee number such as SAC/TC 124 or SAC/TC 124/SC 3.")
            % {"number": text}
        )
    parts = [f"{match['org'].upper()}/TC {int(match['tc'])}"]
    if match["sc"]:
        parts.append(f"SC {int(match['sc'])}")
    if match["wg"]:
        parts.append(f"WG {int(match['wg'])}")
    return "/".join(parts)


def _check_number(kind: str, number: str, parent: Body | None) -> str:
    if not number:
        if kind in (BodyKind.TECHNICAL_COMMITTEE, BodyKind.SUBCOMMITTEE):
            raise BodyError(_("A technical committee or subcommittee needs its national number."))
        return ""
    if kind not in (BodyKind.TECHNICAL_COMMITTEE, BodyKind.SUBCOMMITTEE, BodyKind.WORKING_GROUP):
        raise BodyError(_("Only committees and their working groups have a committee number."))
    number = normalize_number(number)
    has_sc = "/SC " in number
    if kind == BodyKind.TECHNICAL_COMMITTEE and (has_sc or "/WG " in number):
        raise BodyError(_("A technical committee's number ends with its TC number."))
    if kind == BodyKind.SUBCOMMITTEE and (not has_sc or "/WG " in number):
        raise BodyError(_("A subcommittee's number ends with its SC number."))
    if parent is not None and parent.number and not number.startswith(parent.number + "/"):
        raise BodyError(
            _("The number %(number)s does not belong under %(parent)s.")
            % {"number": number, "parent": parent.number}
        )
    if Body.objects.filter(number=number).exists():
        raise BodyError(_("A body with this number already exists."))
    return number


def create_body(
    *,
    kind: str,
    name: str,
    actor,
    parent: Body | None = None,
    number: str = "",
    standard_code: str = "",
    request=None,
    **fields,
) -> Body:
    """Register a body; the base office anywhere, a secretariat beneath its own body."""
    if kind not in BodyKind.values:
        raise BodyError(_("Unknown kind of body."))
    if not (name or "").strip():
        raise BodyError(_("A body needs a name."))
    allowed_parents = _PARENTS[kind]
    if (parent.kind if parent else None) not in allowed_parents:
        raise BodyError(
            _("A %(kind)s cannot be placed there.") % {"kind": BodyKind(kind).label}
            if parent
            else _("A %(kind)s needs a parent body.") % {"kind": BodyKind(kind).label}
        )
    if actor is not None and not (
        actor.has_perm("bodies.add_body")
        or (parent is not None and has_body_permission(actor, "bodies.add_body", parent))
    ):
        raise BodyPermissionError(_("You may not register a body here."))
    standard_code = (standard_code or "").strip()
    if standard_code and Body.objects.filter(standard_code__iexact=standard_code).exists():
        raise BodyError(_("Another body already uses this group standard code."))
    with transaction.atomic():
        body = Body.objects.create(
            kind=kind,
            name=name.strip(),
            parent=parent,
            number=_check_number(kind, number, parent),
            standard_code=standard_code,
            **fields,
        )
        log_action(
            "bodies.body.created",
            actor=actor,
            obj=body,
            after={
                "kind": kind,
                "name": body.name,
                "number": body.number,
                "parent": parent.pk if parent else None,
            },
            request=request,
        )
    return body
