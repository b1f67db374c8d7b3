"""Training notices: reminders before a session starts, and word of a cancelled session."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.services import Message, notify
from talent.models import TrainingSession
from talent.models.training import ACTIVE_STATUSES, EnrolmentStatus
from talent.services.training import CANCELLED, REMINDER, REMINDER_AHEAD


def send_session_reminders(now: datetime.datetime | None = None) -> int:
    """Remind confirmed participants of sessions starting within a day (once each)."""
    now = now or timezone.now()
    sessions = TrainingSession.objects.filter(
        state__in=("open", "closed"), starts_at__gt=now, starts_at__lte=now + REMINDER_AHEAD
    ).select_related("course")
    sent = 0
    for session in sessions:
        people = [
            e.person
            for e in session.enrolments.filter(status=EnrolmentStatus.CONFIRMED).select_related(
                "person"
            )
        ]
        start = timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M")
        where = session.place or session.online_url
        for person in people:
            sent += len(
                notify(
                    REMINDER,
                    [person],
                    session,
                    Message(
                        _("Reminder: “%(session)s” starts %(start)s")
                        % {
                            "session": session,
                            "start": start,
                        },
                        where,
                        session.get_absolute_url(),
                    ),
                    data={"session": session.pk},
                    dedupe_key=f"training-reminder:{session.pk}",
                )
            )
    return sent


def notify_session_cancelled(session: TrainingSession, event) -> None:
    """Effect of cancelling a session: everyone with a place or on the waitlist is told why."""
    people = [
        e.person
        for e in session.enrolments.filter(status__in=ACTIVE_STATUSES).select_related("person")
    ]
    notify(
        CANCELLED,
        people,
        session,
        Message(
            _("“%(session)s” is cancelled") % {"session": session},
            event.comment,
            session.get_absolute_url(),
        ),
        data={"session": session.pk},
        dedupe_key=f"training-cancelled:{session.pk}",
    )
