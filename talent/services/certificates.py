"""Training certificates: issue to those who attended and passed, verify publicly, revoke."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from audit.services import log_action
from core.pdf import Paragraph, Report, Section, Table, Verification, render_pdf
from talent.models import Certificate, Enrolment, TrainingSession
from talent.models.training import EnrolmentStatus
from talent.services.training import TrainingError, _require_change, display_name

CODE_LENGTH = 20


def mask_name(name: str) -> str:
    """The name as the public page shows it: the first character, the rest as *."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name or "*"
    return name[0] + "*" * min(len(name) - 1, 3)


def _content(cert: Certificate) -> bytes:
    return "|".join(
        [
            "talent-certificate",
            cert.number,
            cert.holder_name,
            cert.course_code,
            cert.course_title,
            str(cert.hours),
            cert.held_on.isoformat(),
            cert.issued_on.isoformat(),
        ]
    ).encode()


def certificate_code(cert: Certificate) -> str:
    """An HMAC-SHA256 of what the certificate states, under the server key, in groups of five."""
    key = ("stdbase-talent-certificates:" + settings.SECRET_KEY).encode()
    digest = hmac.new(key, _content(cert), hashlib.sha256).hexdigest()[:CODE_LENGTH].upper()
    return "-".join(digest[i : i + 5] for i in range(0, CODE_LENGTH, 5))


def normalize_code(code: str) -> str:
    """The code as stored, from what a person typed (case, spaces, missing dashes)."""
    raw = "".join(ch for ch in (code or "").upper() if ch.isalnum())[:CODE_LENGTH]
    return "-".join(raw[i : i + 5] for i in range(0, len(raw), 5))


def verify_certificate(code: str) -> tuple[Certificate | None, bool]:
    """The certificate a code belongs to and whether what it states still matches the code."""
    normalized = normalize_code(code)
    if len(normalized) != CODE_LENGTH + 3:
        return None, False
    cert = Certificate.objects.filter(code=normalized).first()
    if cert is None:
        return None, False
    return cert, hmac.compare_digest(certificate_code(cert), normalized)


def ineligibility(enrolment: Enrolment) -> str:
    """Why this participant gets no certificate ("" when they get one)."""
    if enrolment.status != EnrolmentStatus.CONFIRMED:
        return _("not a confirmed participant")
    if not enrolment.attended:
        return _("did not attend")
    course = enrolment.session.course
    if course.has_exam and enrolment.exam_score is None:
        return _("no exam score")
    if not enrolment.passed:
        return _("below the pass mark of %(mark)d") % {"mark": course.pass_mark}
    return ""


def _issue(enrolment: Enrolment, actor, today, request) -> Certificate:
    session, course = enrolment.session, enrolment.session.course
    cert = Certificate(
        enrolment=enrolment,
        holder=enrolment.person,
        number=f"pending-{enrolment.pk}",
        code=f"pending-{enrolment.pk}",
        holder_name=display_name(enrolment.person),
        course_title=course.title,
        course_code=course.code,
        level=course.level,
        hours=course.hours,
        held_on=timezone.localdate(session.ends_at),
        issued_on=today,
        exam_score=enrolment.exam_score,
        issued_by=actor,
    )
    cert.save()
    cert.number = f"PX{today:%Y}{cert.pk:06d}"
    cert.code = certificate_code(cert)
    cert.save(update_fields=["number", "code"])
    log_action(
        "talent.certificate.issued",
        actor=actor,
        obj=cert,
        after={"number": cert.number, "enrolment": enrolment.pk, "hours": str(cert.hours)},
        request=request,
    )
    return cert


def issue_certificate(actor, enrolment: Enrolment, *, request=None) -> Certificate:
    """Certify one participant who attended (and passed the exam, if any)."""
    enrolment = Enrolment.objects.select_related("person", "session__course").get(pk=enrolment.pk)
    session = enrolment.session
    _require_change(actor, session)
    if session.state != "finished":
        raise TrainingError(_("Certificates are issued once the session is marked as held."))
    reason = ineligibility(enrolment)
    if reason:
        raise TrainingError(
            _("No certificate for %(name)s: %(reason)s.")
            % {"name": display_name(enrolment.person), "reason": reason}
        )
    with transaction.atomic():
        locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if Certificate.objects.filter(enrolment=locked).exists():
            raise TrainingError(_("This participant already has a certificate."))
        return _issue(locked, actor, timezone.localdate(), request)


def issue_certificates(actor, session: TrainingSession, *, request=None) -> list[Certificate]:
    """Certify every participant of a held session who qualifies and has none yet."""
    _require_change(actor, session)
    if session.state != "finished":
        raise TrainingError(_("Certificates are issued once the session is marked as held."))
    today = timezone.localdate()
    with transaction.atomic():
        TrainingSession.objects.select_for_update().get(pk=session.pk)
        rows = (
            session.enrolments.filter(status=EnrolmentStatus.CONFIRMED, certificate__isnull=True)
            .select_related("person", "session__course")
            .order_by("pk")
        )
        return [_issue(e, actor, today, request) for e in rows if not ineligibility(e)]


def revoke_certificate(actor, cert: Certificate, reason: str, *, request=None) -> Certificate:
    """Withdraw a certificate with a reason; the public page then says it is revoked."""
    if not Certificate.objects.restrict(actor, "change").filter(pk=cert.pk).exists():
        raise TrainingError(_("Only the training office of this centre may do this."))
    reason = (reason or "").strip()
    if not reason:
        raise TrainingError(_("Give the reason for the revocation."))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=cert.pk)
        if locked.revoked:
            raise TrainingError(_("This certificate is already revoked."))
        locked.revoked_at = timezone.now()
        locked.revoked_by = actor
        locked.revocation_reason = reason[:2000]
        locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
        log_action(
            "talent.certificate.revoked",
            actor=actor,
            obj=locked,
            before={"revoked": False},
            after={"revoked": True},
            detail=reason[:300],
            request=request,
        )
    return locked


def verify_url(cert: Certificate, base_url: str = "") -> str:
    """The public page the certificate's QR code opens."""
    return base_url.rstrip("/") + reverse("talent:training:verify", args=[cert.code])


def certificate_pdf(cert: Certificate, base_url: str = "") -> bytes:
    """The certificate as a PDF: what it states, the verification code and the QR code."""
    return render_pdf(certificate_report(cert, base_url))


def certificate_report(cert: Certificate, base_url: str = "") -> Report:
    """The certificate as a `core.pdf` report description."""
    facts = [
        (_("Certificate number"), cert.number),
        (pgettext("person", "Name"), cert.holder_name),
        (_("Course"), f"{cert.course_code} {cert.course_title}"),
        (_("Level"), cert.get_level_display()),
        (_("Training hours"), f"{cert.hours}"),
        (_("Training date"), cert.held_on.isoformat()),
        (pgettext("training", "Issue date"), cert.issued_on.isoformat()),
    ]
    if cert.exam_score is not None:
        facts.append((_("Exam score"), f"{cert.exam_score}"))
    text = _(
        "%(name)s completed the course “%(course)s” (%(hours)s hours) and is awarded this "
        "certificate."
    ) % {"name": cert.holder_name, "course": cert.course_title, "hours": cert.hours}
    return Report(
        title=_("Training certificate"),
        subtitle=_("Talent centre of the technical standards innovation base"),
        metadata=facts,
        sections=[
            Section("", [Paragraph(text, size=12)]),
            Section(
                _("How to verify"),
                [
                    Table(
                        [_("Verification code"), _("Address")],
                        [[cert.code, verify_url(cert, base_url)]],
                        (40, 120),
                    )
                ],
            ),
        ],
        verification=Verification(
            cert.code,
            verify_url(cert, base_url),
            label=_("Scan the code to check that this certificate is genuine and valid."),
        ),
        footer=_("StdBase training certificate"),
    )
