"""The signed draw record (签字版) as a PDF, through the shared PDF writer."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.pdf import Paragraph, Report, Section, Table, render_pdf
from talent.models import ExpertDraw
from talent.services.draw_requests import DrawRequestError, exclusion_summary


def draw_report(draw: ExpertDraw) -> Report:
    """Object, rules, pool size, commitment, seed, panel, alternates, substitutions, signatures."""
    if draw.state != "drawn":
        raise DrawRequestError(_("The draw has not been made yet."))
    record = draw.record
    invitations = list(draw.invitations.select_related("expert", "replaces__expert"))
    rules = [
        [_("parties' organisations"), "、".join(draw.party_orgs) or "—"],
        [_("fields with counts"), ", ".join(f"{k}={v}" for k, v in draw.quotas.items()) or "—"],
        [_("exclude who served within N days"), str(draw.served_within_days or "—")],
        [
            _("exclude who sat on more than K panels this year"),
            str(draw.max_panels_per_year or "—"),
        ],
        [_("exclude after this many no-shows in a year"), str(draw.max_no_shows or "—")],
    ]
    removed = [[code, str(count)] for code, count in sorted(exclusion_summary(draw).items())]
    seats = [
        [str(i.position), i.get_seat_display(), i.expert.draw_id, i.expert.name, i.expert.employer,
         i.drawn_for or "—", i.get_status_display(),
         i.replaces.expert.draw_id if i.replaces else "—"]
        for i in invitations
    ]  # fmt: skip
    substitutions = [
        Paragraph(_("%(new)s replaces %(old)s (%(why)s)") % {
            "new": i.expert.draw_id, "old": i.replaces.expert.draw_id,
            "why": i.replaces.reason or i.replaces.get_status_display()})
        for i in invitations if i.replaces_id
    ]  # fmt: skip
    return Report(
        title=_("Expert draw record"),
        subtitle=draw.object_title,
        metadata=[
            (_("purpose"), draw.get_purpose_display()),
            (pgettext("draw", "object"), f"{draw.object_type_label} {draw.object_ref}"),
            (_("drawn at"), timezone.localtime(draw.drawn_at).strftime("%Y-%m-%d %H:%M")),
            (_("operator"), draw.operator.get_username()),
            (_("supervisor"), draw.supervisor or "—"),
        ],
        sections=[
            Section(_("Rules"), [Table([_("rule"), _("value")], rules, widths=(70, 110))]),
            Section(
                _("Pool"),
                [
                    Paragraph(
                        _("%(size)d candidates, %(eligible)d eligible.")
                        % {"size": record["pool_size"], "eligible": record["eligible"]}
                    ),
                    Table([_("exclusion"), _("experts")], removed or [["—", "0"]], widths=(90, 40)),
                    Paragraph(f"{_('pool SHA-256')}: {record['pool_sha256']}"),
                    Paragraph(f"{_('commitment')}: {record['commitment']}"),
                    Paragraph(f"{_('seed')}: {record['seed']}"),
                    Paragraph(f"{_('public value')}: {record['public_value'] or '—'}"),
                    Paragraph(
                        _(
                            "Algorithm %(name)s (docs/draws.md); check with "
                            "“stdbase verify-draw RECORD.json”."
                        )
                        % {"name": record["algorithm"]}
                    ),
                ],
            ),  # fmt: skip
            Section(
                _("Panel and alternates"),
                [
                    Table(
                        [
                            _("order"),
                            _("seat"),
                            _("id"),
                            _("name"),
                            _("employer"),
                            _("field"),
                            _("status"),
                            _("replaces"),
                        ],
                        seats,
                        widths=(12, 18, 14, 24, 40, 18, 22, 16),
                    ),
                    *substitutions,
                ],
            ),  # fmt: skip
            Section(
                _("Signatures"),
                [
                    Paragraph(
                        _("Operator: ____________    Supervisor: ____________    Date: ________")
                    )
                ],
            ),
        ],
    )


def draw_pdf(draw: ExpertDraw) -> bytes:
    """The draw record as PDF bytes."""
    return render_pdf(draw_report(draw))
