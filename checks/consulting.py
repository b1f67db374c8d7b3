"""查新 as a service of the consulting desk, declared through `core.registry`.

A consulting request of kind `novelty` is dispatched here when it is submitted: its text and
each attachment become validity checks owned by the requester (so the full reports are on
their 查新 pages), and the verdicts come back as rows for the request's page.
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exceptions import DomainError
from core.registry import ConsultingService, ServiceCall, ServiceResult, register_service

logger = logging.getLogger("stdbase.checks")
MAX_ROWS = 500


def _rows(check) -> list[dict]:
    rows = []
    for item in check.items.exclude(designation="").order_by("position"):
        rows.append(
            {"designation": item.designation, "verdict": item.status, "current": item.current}
        )
    return rows


def run_novelty_service(call: ServiceCall) -> ServiceResult:
    """Check the request's text and attachments; the first check is the link, rows merged."""
    from checks.services.checking import CheckRequest, create_check, start_check

    inputs = []
    if call.text.strip():
        inputs.append(CheckRequest(text=call.text, title=call.title))
    inputs += [CheckRequest(upload=f, title=call.title) for f in call.files]
    checks, rows, seen = [], [], set()
    for item in inputs:
        try:
            check = start_check(create_check(item, owner=call.requester, http_request=call.request))
        except DomainError as exc:  # an unreadable attachment only loses its references
            logger.info("consulting %s: input not checked: %s", call.reference, exc.message)
            continue
        finally:
            if item.upload is not None:
                item.upload.seek(0)
        checks.append(check)
        for row in _rows(check):
            if row["designation"] not in seen:
                seen.add(row["designation"])
                rows.append(row)
    if not checks:
        return ServiceResult(label=_("No standards to check"))
    first = checks[0]
    return ServiceResult(
        label=_("Validity check %(n)s") % {"n": first.pk},
        url=first.get_absolute_url(),
        object=first,
        rows=rows[:MAX_ROWS],
    )


def register() -> None:
    """Declare 查新 to the consulting desk (called from the app's ready())."""
    register_service(
        ConsultingService(
            key="novelty",
            label=gettext_lazy("Validity check (查新)"),
            handler="checks.consulting.run_novelty_service",
            order=10,
        )
    )
