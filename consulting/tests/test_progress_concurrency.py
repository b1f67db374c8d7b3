"""Two reports of the same state at once: the link, the thread and the audit change once."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from audit.models import AuditEntry
from consulting.models import Message, ServiceLink
from consulting.services import dispatch
from consulting.services import requests as desk_services
from core import registry


@pytest.mark.django_db(transaction=True)
def test_concurrent_reports_of_one_state_change_the_link_once(lab):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL (SQLite serialises every write)")
    from verification.models import Commission

    req = desk_services.submit_request(
        lab["alice"], kind="verification", title="并发验证", question="并发上报"
    )
    desk_services.assign_request(req, lab["office"], assignee=lab["expert"])
    dispatch.forward_request(req, lab["office"], lab["to"])
    commission = Commission.objects.get()
    for state, label, outcome in (
        ("accepted", "已受理", registry.PROGRESS_OPEN),
        ("declined", "不予受理", registry.PROGRESS_DECLINED),
    ):
        barrier = threading.Barrier(3)
        errors: list[BaseException] = []

        def report(state=state, label=label, outcome=outcome, barrier=barrier, errors=errors):
            try:
                barrier.wait(timeout=10)
                registry.report_service_progress(
                    "verification", commission, state, label, "理由",
                    outcome=outcome, user=lab["engineer"],
                )  # fmt: skip
            except BaseException as exc:  # reported below
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=report) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert errors == []
        assert ServiceLink.objects.get().state == state
    entries = AuditEntry.objects.filter(action="consulting.request.progress")
    assert [e.after["state"] for e in entries.order_by("pk")] == ["accepted", "declined"]
    assert Message.objects.filter(request=req, internal=True).count() == 2
    assert AuditEntry.objects.filter(action="consulting.request.return").count() == 1
    req.refresh_from_db()
    assert req.state == "submitted"
