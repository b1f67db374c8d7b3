"""Monthly service statistics of the desk (the base's KPIs read them)."""

from __future__ import annotations

import datetime
import statistics as stats
from dataclasses import dataclass, field

from django.utils import timezone

from consulting.models import Kind, ServiceRequest


@dataclass
class KindStatistics:
    """One request type in one month."""

    kind: str
    label: str
    submitted: int = 0
    answered: int = 0
    answered_in_time: int = 0
    median_response_hours: float | None = None
    mean_answer_hours: float | None = None
    ratings: int = 0
    mean_rating: float | None = None


@dataclass
class MonthlyStatistics:
    """The desk's figures of one month: per type and in total."""

    year: int
    month: int
    kinds: list[KindStatistics] = field(default_factory=list)
    total: KindStatistics | None = None


def _hours(delta: datetime.timedelta) -> float:
    return delta.total_seconds() / 3600


def _figures(kind: str, label: str, rows: list[ServiceRequest]) -> KindStatistics:
    out = KindStatistics(kind, label, submitted=len(rows))
    responses = [_hours(r.first_response_at - r.created_at) for r in rows if r.first_response_at]
    answers = [r for r in rows if r.answered_at]
    out.answered = len(answers)
    out.answered_in_time = sum(1 for r in answers if r.answered_at <= r.due_at)
    if responses:
        out.median_response_hours = round(stats.median(responses), 1)
    if answers:
        out.mean_answer_hours = round(
            stats.fmean(_hours(r.answered_at - r.created_at) for r in answers), 1
        )
    ratings = [r.rating for r in rows if r.rating]
    out.ratings = len(ratings)
    if ratings:
        out.mean_rating = round(stats.fmean(ratings), 2)
    return out


def monthly_service_statistics(year: int, month: int) -> MonthlyStatistics:
    """Requests submitted in a month by type: answered (in time), response and answer hours,
    satisfaction. Months are in the platform's time zone."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime(year, month, 1, tzinfo=zone)
    end = datetime.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=zone)
    rows = list(ServiceRequest.objects.filter(created_at__gte=start, created_at__lt=end))
    result = MonthlyStatistics(year, month)
    for kind, label in Kind.choices:
        result.kinds.append(_figures(kind, str(label), [r for r in rows if r.kind == kind]))
    result.total = _figures("", "", rows)
    return result
