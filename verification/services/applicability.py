"""Applicability questionnaires: questions, single-use invitations, responses, aggregation."""

from __future__ import annotations

import hashlib
import secrets
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from audit.services import log_action
from core.exceptions import DomainError

MAX_TEXT = 2000
SCORES = range(1, 6)
INVITATION_EVENT = "verification.questionnaire_invitation"


class QuestionnaireError(DomainError):
    """A questionnaire, question or answer that is not acceptable."""

    code = "questionnaire_invalid"


class InvitationError(DomainError):
    """A link that is unknown, already used, expired, or for a questionnaire not open."""

    code = "invitation_invalid"


def _can_change(user, questionnaire) -> bool:
    from verification.models import Questionnaire

    return Questionnaire.objects.restrict(user, "change").filter(pk=questionnaire.pk).exists()


@transaction.atomic
def create_questionnaire(*, user, standard, title: str, introduction: str = "", body=None,
                         request=None):  # fmt: skip
    """A draft questionnaire on a standard, run by the person (and their body); audited."""
    from bodies.scopes import has_body_permission
    from verification.models import Questionnaire

    if not title.strip():
        raise QuestionnaireError(_("Give the questionnaire a title."))
    permission = "verification.add_questionnaire"
    if not (user.has_perm(permission) or (body and has_body_permission(user, permission, body))):
        raise QuestionnaireError(_("You cannot create questionnaires here."))
    questionnaire = Questionnaire.objects.create(
        standard=standard, title=title.strip(), introduction=introduction, body=body,
        created_by=user,
    )  # fmt: skip
    log_action("verification.questionnaire.created", actor=user, obj=questionnaire,
               request=request, after={"standard": standard.designation})  # fmt: skip
    return questionnaire


def parse_choices(text: str) -> list[str]:
    """Options of a choice question, one a line (or separated by ；/;)."""
    parts = [p.strip() for line in text.splitlines() for p in line.replace("；", ";").split(";")]
    return list(dict.fromkeys(p[:200] for p in parts if p))


@transaction.atomic
def add_question(questionnaire, *, user, dimension: str, kind: str, text: str,
                 choices: str = "", weight: object = "1", required: bool = True,
                 request=None):  # fmt: skip
    """Add a question to a draft questionnaire after validating type, options and weight."""
    from verification.models import Dimension, Question, QuestionKind

    if not _can_change(user, questionnaire):
        raise QuestionnaireError(_("You cannot change this questionnaire."))
    if questionnaire.state != "draft":
        raise QuestionnaireError(_("Questions can only be changed while it is a draft."))
    if dimension not in Dimension.values:
        raise QuestionnaireError(_("Choose a dimension."))
    if kind not in QuestionKind.values:
        raise QuestionnaireError(_("Choose a question type."))
    if not text.strip():
        raise QuestionnaireError(_("Write the question."))
    options = parse_choices(choices) if kind == QuestionKind.CHOICE else []
    if kind == QuestionKind.CHOICE and len(options) < 2:
        raise QuestionnaireError(_("A choice question needs at least two options."))
    try:
        value = Decimal(str(weight).strip() or "1")
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or value <= 0 or value > 10:
        raise QuestionnaireError(_("The weight must be a number above 0 and at most 10."))
    position = questionnaire.questions.count() + 1
    question = Question.objects.create(
        questionnaire=questionnaire, position=position, dimension=dimension, kind=kind,
        text=text.strip(), choices=options, weight=value, required=required,
    )  # fmt: skip
    log_action("verification.questionnaire.question_added", actor=user, obj=questionnaire,
               request=request, after={"question": question.text, "kind": kind})  # fmt: skip
    return question


def standard_questions() -> list[dict]:
    """The starting set: one weighted score per dimension, a revision choice, free text."""
    return [
        {"dimension": "clarity", "kind": "score", "weight": "1",
         "text": _("Are the provisions clear and unambiguous?")},
        {"dimension": "technical", "kind": "score", "weight": "1.5",
         "text": _("Is the technical level appropriate to current practice?")},
        {"dimension": "operability", "kind": "score", "weight": "1.5",
         "text": _("Can the requirements and test methods be applied as written?")},
        {"dimension": "consistency", "kind": "score", "weight": "1",
         "text": _("Is it consistent with related standards and regulations?")},
        {"dimension": "gaps", "kind": "choice", "weight": "1",
         "text": _("Does the standard need revising?"),
         "choices": "\n".join([pgettext("revision", "No"), _("Amend some clauses"),
                                  _("Revise fully")])},
        {"dimension": "gaps", "kind": "text", "weight": "1", "required": False,
         "text": _("What is missing or should change?")},
    ]  # fmt: skip


@transaction.atomic
def add_standard_questions(questionnaire, *, user, request=None) -> list:
    """Add the starting set of questions to a draft questionnaire (each one audited)."""
    return [
        add_question(questionnaire, user=user, request=request, **spec)
        for spec in standard_questions()
    ]


# --- invitations ---------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _alliance_of(organization):
    from bodies.models import BodyKind, BodyMembership

    ids = set(
        BodyMembership.objects.current()
        .filter(organization=organization, body__kind=BodyKind.ALLIANCE)
        .values_list("body_id", flat=True)
    )
    if len(ids) == 1:
        from bodies.models import Body

        return Body.objects.get(pk=ids.pop())
    return None


@transaction.atomic
def invite(questionnaire, *, user, organization=None, recipient=None, email: str = "",
           alliance=None, days: int = 30, link_for=None, request=None):  # fmt: skip
    """Create a personal single-use link for an adopting organisation and send it.

    Returns `(invitation, token)`; only the token's hash is stored. `link_for(token)` gives
    the absolute link put into the message (in-app for a recipient with an account, else
    e-mail).
    """
    from verification.models import Invitation

    if not _can_change(user, questionnaire):
        raise QuestionnaireError(_("You cannot change this questionnaire."))
    if questionnaire.state != "open":
        raise QuestionnaireError(_("Open the questionnaire before inviting organisations."))
    if organization is None and recipient is None and not email.strip():
        raise QuestionnaireError(_("Name an organisation, a person or an e-mail address."))
    if not 1 <= days <= 365:
        raise QuestionnaireError(_("A link is valid for 1 to 365 days."))
    if recipient is None and email.strip():
        recipient = _account_of(email.strip())
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        questionnaire=questionnaire, organization=organization, recipient=recipient,
        email=email.strip() or (recipient.email if recipient else ""),
        alliance=alliance or (_alliance_of(organization) if organization else None),
        token_hash=_hash(token), expires_at=timezone.now() + timedelta(days=days),
    )  # fmt: skip
    link = link_for(token) if link_for else token
    _send(invitation, link)
    after = {"invitation": invitation.pk, "organization": getattr(organization, "pk", None)}
    log_action("verification.questionnaire.invited", actor=user, obj=questionnaire,
               request=request, after=after)  # fmt: skip
    return invitation, token


def _account_of(email: str):
    """The one active account with this e-mail address (messages then go in-app), or None."""
    from django.contrib.auth import get_user_model

    found = list(get_user_model().objects.filter(email__iexact=email, is_active=True)[:2])
    return found[0] if len(found) == 1 else None


def _send(invitation, link: str) -> None:
    questionnaire = invitation.questionnaire
    title = _("Questionnaire on %(standard)s: %(title)s") % {
        "standard": questionnaire.standard.designation,
        "title": questionnaire.title,
    }
    body = _("Please answer by %(date)s: %(link)s") % {
        "date": timezone.localtime(invitation.expires_at).date().isoformat(),
        "link": link,
    }
    if invitation.recipient_id:
        from notifications.services import Message, notify

        notify(INVITATION_EVENT, [invitation.recipient_id], questionnaire,
               Message(title, body, link), dedupe_key=f"invitation:{invitation.pk}")  # fmt: skip
    elif invitation.email:
        from django.core.mail import send_mail

        transaction.on_commit(lambda: send_mail(title, body, None, [invitation.email]))


def invitation_for(token: str):
    """The invitation of a link, or InvitationError saying why it cannot be used."""
    from verification.models import Invitation

    invitation = (
        Invitation.objects.select_related("questionnaire__standard")
        .filter(token_hash=_hash(token or ""))
        .first()
    )
    if invitation is None:
        raise InvitationError(_("This link is not valid."))
    if invitation.used_at is not None:
        raise InvitationError(_("This link has already been used to answer."))
    if invitation.expires_at <= timezone.now():
        raise InvitationError(_("This link has expired."))
    if invitation.questionnaire.state != "open":
        raise InvitationError(_("This questionnaire is not open for responses."))
    return invitation


def _clean_answer(question, raw) -> dict:
    from verification.models import QuestionKind

    raw = "" if raw is None else str(raw).strip()
    label = {"q": question.text}
    if not raw:
        if question.required:
            raise QuestionnaireError(_("Answer “%(q)s”.") % label)
        return {}
    if question.kind == QuestionKind.SCORE:
        if not raw.isdigit() or int(raw) not in SCORES:
            raise QuestionnaireError(_("“%(q)s”: give a score from 1 to 5.") % label)
        return {"score": int(raw)}
    if question.kind == QuestionKind.CHOICE:
        if raw not in question.choices:
            raise QuestionnaireError(_("“%(q)s”: choose one of the options.") % label)
        return {"choice": raw}
    if len(raw) > MAX_TEXT:
        raise QuestionnaireError(_("“%(q)s”: at most %(n)d characters.") % {**label, "n": MAX_TEXT})
    return {"text": raw}


@transaction.atomic
def submit_response(token: str, answers: dict, *, request=None):
    """Record the answers given through a link and use the link up; nothing is half-saved."""
    from verification.models import Answer, Invitation, Response

    invitation = invitation_for(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at is not None:  # a second submission racing the first
        raise InvitationError(_("This link has already been used to answer."))
    questions = list(invitation.questionnaire.questions.all())
    cleaned = [(q, _clean_answer(q, answers.get(str(q.pk)))) for q in questions]
    response = Response.objects.create(
        questionnaire=invitation.questionnaire, invitation=invitation,
        organization=invitation.organization, alliance=invitation.alliance,
    )  # fmt: skip
    Answer.objects.bulk_create(
        Answer(response=response, question=q, **values) for q, values in cleaned if values
    )
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    log_action("verification.questionnaire.answered", obj=invitation.questionnaire,
               request=request, after={"response": response.pk,
                                       "organization": invitation.organization_id})  # fmt: skip
    return response


# --- aggregation ---------------------------------------------------------------------


@dataclass
class Scores:
    """Weighted mean scores (1–5) per dimension and overall, with the number of responses."""

    responses: int = 0
    dimensions: dict[str, float] = field(default_factory=dict)
    overall: float | None = None


def _scores(answers) -> Scores:
    """Σ wᵢ·sᵢ / Σ wᵢ over the score answers, per dimension and over all of them."""
    totals: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    responses = set()
    for dimension, weight, score, response_id in answers:
        totals[dimension][0] += weight * score
        totals[dimension][1] += weight
        responses.add(response_id)
    dims = {d: float(s / w) for d, (s, w) in totals.items() if w}
    weight = sum((w for _s, w in totals.values()), Decimal(0))
    overall = float(sum((s for s, _w in totals.values()), Decimal(0)) / weight) if weight else None
    return Scores(len(responses), dims, overall)


def _score_rows(responses):
    from verification.models import Answer, QuestionKind

    return Answer.objects.filter(
        response__in=responses, question__kind=QuestionKind.SCORE, score__isnull=False
    ).values_list("question__dimension", "question__weight", "score", "response_id")


def questionnaire_scores(questionnaire) -> Scores:
    """The weighted scores of one questionnaire's responses."""
    result = _scores(_score_rows(questionnaire.responses.all()))
    result.responses = questionnaire.responses.count()
    return result


GROUPS = {
    "standard": ("questionnaire__standard__designation", "questionnaire__standard__designation"),
    "alliance": ("alliance_id", "alliance__name"),
    "ics": ("questionnaire__standard__ics_root", "questionnaire__standard__ics_root"),
}


def scores_by(group: str, user) -> list[tuple[str, Scores]]:
    """Weighted scores of the responses the person may see, per standard, alliance or ICS field."""
    from verification.models import Questionnaire, Response

    if group not in GROUPS:
        raise QuestionnaireError(_("Unknown grouping."))
    key, label = GROUPS[group]
    responses = Response.objects.filter(
        questionnaire__in=Questionnaire.objects.restrict(user, "view")
    )
    labels = dict(responses.values_list(key, label).distinct())
    rows = defaultdict(list)
    for row in _score_rows(responses).values_list(
        "question__dimension", "question__weight", "score", "response_id", f"response__{key}"
    ):
        rows[row[4]].append(row[:4])
    return sorted(
        ((labels.get(k) or _("(none)"), _scores(v)) for k, v in rows.items()),
        key=lambda item: str(item[0]),
    )


def choice_counts(questionnaire) -> dict[int, list[tuple[str, int]]]:
    """For each choice question, how often each option was chosen (options in order)."""
    from verification.models import Answer, QuestionKind

    counts = Counter(
        Answer.objects.filter(
            response__questionnaire=questionnaire, question__kind=QuestionKind.CHOICE
        ).values_list("question_id", "choice")
    )
    return {
        q.pk: [(option, counts[(q.pk, option)]) for option in q.choices]
        for q in questionnaire.questions.filter(kind=QuestionKind.CHOICE)
    }


STOP_CHARACTERS = set("的了是在和与及或等对也有为不就都而这那个我们你他她它其该此")


def frequent_terms(texts: list[str], limit: int = 10) -> list[tuple[str, int]]:
    """Most frequent CJK bigrams and English words (≥ 3 letters) in the texts, once per text."""
    from catalog.search.text import index_tokens

    counts: Counter[str] = Counter()
    for text in texts:
        terms = {
            t for t in index_tokens(text)
            if (len(t) == 2 and not (set(t) & STOP_CHARACTERS) and not t.isascii())
            or (t.isascii() and t.isalpha() and len(t) >= 3)
        }  # fmt: skip
        counts.update(terms)
    return counts.most_common(limit)


@dataclass(frozen=True)
class DigestGroup:
    """The free-text answers to one question with their most frequent terms."""

    question: object
    texts: list[str]
    terms: list[tuple[str, int]]


def free_text_digest(questionnaire) -> list[DigestGroup]:
    """Free-text answers grouped by question, each with its most frequent terms."""
    from verification.models import QuestionKind

    groups = []
    for question in questionnaire.questions.filter(kind=QuestionKind.TEXT):
        texts = list(question.answers.exclude(text="").values_list("text", flat=True))
        groups.append(DigestGroup(question, texts, frequent_terms(texts)))
    return groups
