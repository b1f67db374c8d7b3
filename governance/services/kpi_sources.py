"""Built-in KPI data sources: counts read from the other apps' querysets and services.

Each source counts the records up to the month's last day inside the indicator's scope: the
bodies beneath its centre (or the base), or `params["bodies"]` when the indicator names them.
The method sentence and the first records' links are kept with every value.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bodies.models import Body, BodyMembership
from core.registry import has_statistic, statistic
from governance.sources import DataSource, Measurement, register_source

MAX_LINKS = 10


def scope_bodies(indicator) -> set[int]:
    """The bodies an indicator counts: those it names, else everything under its centre/base."""
    named = indicator.params.get("bodies") if isinstance(indicator.params, dict) else None
    if named:
        return {int(pk) for pk in named}
    root = indicator.centre_id or indicator.base.body_id
    children: dict[int, list[int]] = {}
    for pk, parent in Body.objects.filter(parent__isnull=False).values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    found, stack = {root}, [root]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def _links(rows, label=str) -> list[dict[str, str]]:
    return [{"label": label(row), "url": row.get_absolute_url()} for row in rows[:MAX_LINKS]]


def _counted(rows, method: str, label=str) -> Measurement:
    return Measurement(Decimal(rows.count()), method, _links(rows, label))


def group_standards_published(indicator, as_of: datetime.date) -> Measurement:
    """Group standards the alliances in scope published up to the date."""
    from development.models import Project

    rows = Project.objects.filter(
        body__in=scope_bodies(indicator), body__kind="alliance", published_on__lte=as_of
    ).order_by("-published_on", "pk")
    return _counted(
        rows,
        _("Projects of the alliances in scope with a publication date on or before %(d)s.")
        % {"d": as_of},
        lambda p: f"{p.designation or p.number} {p.title}",
    )


def projects_in_stage(indicator, as_of: datetime.date) -> Measurement:
    """Projects in scope now in a main stage (params: stage, e.g. "30")."""
    from development.models import Project

    stage = str(indicator.params.get("stage", "20"))
    rows = Project.objects.filter(body__in=scope_bodies(indicator), stage_main=stage).order_by("pk")
    return _counted(
        rows,
        _("Projects in scope now in main stage %(s)s (the current stage, as of the computation).")
        % {"s": stage},
    )


def drafts_uploaded(indicator, as_of: datetime.date) -> Measurement:
    """Draft versions uploaded to the projects in scope up to the date."""
    from development.models import Draft

    rows = Draft.objects.filter(
        project__body__in=scope_bodies(indicator), created_at__date__lte=as_of
    ).order_by("-created_at")
    return _counted(
        rows,
        _("Draft versions uploaded to projects in scope up to %(d)s.") % {"d": as_of},
        lambda d: f"{d.project.number} v{d.version}",
    )


def certificates_issued(indicator, as_of: datetime.date) -> Measurement:
    """Valid training certificates issued by the centres in scope up to the date."""
    from talent.models.training import Certificate

    rows = (
        Certificate.objects.valid()
        .filter(
            enrolment__session__course__centre__in=scope_bodies(indicator), issued_on__lte=as_of
        )
        .order_by("-issued_on")
    )
    return _counted(
        rows,
        _("Training certificates (not revoked) issued in scope up to %(d)s.") % {"d": as_of},
        lambda c: f"{c.number} {c.holder_name}",
    )


def trainees(indicator, as_of: datetime.date) -> Measurement:
    """Distinct people who attended a training session in scope up to the date."""
    from talent.models.training import Enrolment

    rows = Enrolment.objects.filter(
        session__course__centre__in=scope_bodies(indicator),
        attended=True,
        session__starts_at__date__lte=as_of,
    )
    return Measurement(
        Decimal(rows.values("person").distinct().count()),
        _("Distinct people who attended training sessions in scope held up to %(d)s.")
        % {"d": as_of},
        [
            {"label": str(e.session), "url": e.session.get_absolute_url()}
            for e in rows.select_related("session__course").order_by("-pk")[:MAX_LINKS]
        ],
    )


def drafts_verified(indicator, as_of: datetime.date) -> Measurement:
    """Verification reports on draft standards issued by the centres in scope up to the date."""
    from verification.models import VerificationRequest

    rows = VerificationRequest.objects.filter(
        centre__body__in=scope_bodies(indicator), state="reported", reported_at__date__lte=as_of
    ).order_by("-reported_at")
    return _counted(
        rows,
        _("Verification requests on drafts reported by the centres in scope up to %(d)s.")
        % {"d": as_of},
        lambda r: f"{r.report_number} {r.title}",
    )


def items_verified(indicator, as_of: datetime.date) -> Measurement:
    """Items of drafts measured and judged by the verification centres in scope up to the date."""
    from verification.models import VerificationItem, VerificationRequest

    items = VerificationItem.objects.filter(
        request__centre__body__in=scope_bodies(indicator),
        measured_at__date__lte=as_of,
    ).exclude(verdict="")
    requests = VerificationRequest.objects.filter(pk__in=items.values("request")).order_by("-pk")
    return Measurement(
        Decimal(items.count()),
        _("Verification items with a verdict, measured in the centres in scope up to %(d)s.")
        % {"d": as_of},
        _links(requests, lambda r: r.title),
    )


def conformity_reports(indicator, as_of: datetime.date) -> Measurement:
    """Conformity test reports issued by the verification centres in scope up to the date."""
    from verification.models.conformity import ConformityTest

    rows = (
        ConformityTest.objects.filter(
            centre__in=scope_bodies(indicator), state="reported", tested_on__lte=as_of
        )
        .select_related("standard")
        .order_by("-tested_on")
    )
    return _counted(
        rows,
        _("Conformity tests in scope with an issued report, tested up to %(d)s.") % {"d": as_of},
        lambda t: f"{t.report_number} {t.product}",
    )


def catalogue_size(indicator, as_of: datetime.date) -> Measurement:
    """Current standards in the catalogue (the platform's holdings)."""
    from catalog.models import Standard

    count = Standard.objects.current().count()
    return Measurement(
        Decimal(count), _("Standards with status 现行 in the catalogue at the computation.")
    )


def _published(code: str, as_of: datetime.date, method: str) -> Measurement:
    """A count another app publishes in the statistics registry (0 when it is not installed)."""
    if not has_statistic(code):
        return Measurement(Decimal(0), _("No app publishes the statistic %(c)s.") % {"c": code})
    return Measurement(Decimal(statistic(code, until=as_of)), method)


def novelty_checks(indicator, as_of: datetime.date) -> Measurement:
    """查新 runs served by the platform up to the date (statistic `checks.checks_served`)."""
    return _published(
        "checks.checks_served",
        as_of,
        _("Validity checks (查新) finished successfully up to %(d)s.") % {"d": as_of},
    )


def consulting_requests(indicator, as_of: datetime.date) -> Measurement:
    """Consulting requests answered up to the date (statistic `consulting.requests_served`)."""
    return _published(
        "consulting.requests_served",
        as_of,
        _("Consulting requests answered by the service desk up to %(d)s.") % {"d": as_of},
    )


def experts(indicator, as_of: datetime.date) -> Measurement:
    """Distinct experts holding an expert role in a body in scope on the date."""
    rows = BodyMembership.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=as_of),
        body__in=scope_bodies(indicator),
        role__code__in=("expert", "expert_committee_member"),
        user__isnull=False,
        joined_on__lte=as_of,
    )
    from talent.models.experts import Expert

    people = rows.values("user").distinct()
    profiles = Expert.objects.filter(user__in=people).order_by("name")
    return Measurement(
        Decimal(people.count()),
        _("Distinct people holding an expert role in a body in scope on %(d)s.") % {"d": as_of},
        _links(profiles, lambda e: e.name),
    )


def on_time_share(done: int, total: int) -> Decimal:
    """The share (%, one decimal) of tasks done on time; 0 when none were due."""
    return (Decimal(done) * 100 / total).quantize(Decimal("0.1")) if total else Decimal(0)


def plan_tasks_on_time(indicator, as_of: datetime.date) -> Measurement:
    """Share (%) of the plan tasks due by the date that were completed by their date."""
    from governance.models import PlanTask

    due = PlanTask.objects.filter(plan__base=indicator.base, due_on__lte=as_of)
    if indicator.centre_id:
        due = due.filter(centre=indicator.centre_id)
    total = due.count()
    done = due.filter(completed_on__isnull=False, completed_on__lte=F("due_on")).count()
    value = on_time_share(done, total)
    late = due.exclude(pk__in=due.filter(completed_on__lte=F("due_on")).values("pk"))
    return Measurement(
        value,
        _("%(done)d of %(total)d plan tasks due by %(d)s were completed on time.")
        % {"done": done, "total": total, "d": as_of},
        _links(late.order_by("due_on"), lambda t: f"{t.title} ({t.unit.name})"),
    )


def contract_tasks_accepted(indicator, as_of: datetime.date) -> Measurement:
    """Contract tasks of the base accepted by the office up to the date."""
    from governance.models import ContractTask

    rows = ContractTask.objects.filter(
        contract__base=indicator.base, status="accepted", accepted_on__lte=as_of
    )
    if indicator.centre_id:
        rows = rows.filter(contract__centre=indicator.centre_id)
    return Measurement(
        Decimal(rows.count()),
        _("Contract tasks accepted up to %(d)s.") % {"d": as_of},
        [{"label": t.title, "url": t.contract.get_absolute_url()} for t in rows[:MAX_LINKS]],
    )


def panels_drawn(indicator, as_of: datetime.date) -> Measurement:
    """Expert panels drawn up to the date for objects in scope.

    A draw belongs to the scope by its object: an evaluation of a base whose body is in scope
    (the base-wide indicators count the base's own evaluations, a centre's do not), or a
    project (`object_type="project"`, `object_ref` its number) of a body in scope. Draws for
    anything else on the platform are not counted.
    """
    from django.urls import reverse

    from development.models import Project
    from governance.models import Evaluation
    from governance.services.panels import object_ref
    from talent.models import ExpertDraw

    bodies = scope_bodies(indicator)
    evaluations = list(Evaluation.objects.filter(base__body__in=bodies).only("pk", "draw_id"))
    in_scope = (
        Q(pk__in=[e.draw_id for e in evaluations if e.draw_id])
        | Q(
            object_type="governance.evaluation",
            object_ref__in=[object_ref(e) for e in evaluations],
        )
        | Q(
            object_type="project",
            object_ref__in=Project.objects.filter(body__in=bodies).values("number"),
        )
    )
    rows = ExpertDraw.objects.filter(in_scope, drawn_at__date__lte=as_of).order_by("-drawn_at")
    return Measurement(
        Decimal(rows.count()),
        _(
            "Expert panels drawn up to %(d)s for the evaluations of the bases in scope and the "
            "projects of the bodies in scope."
        )
        % {"d": as_of},
        [
            {"label": str(d), "url": reverse("talent:experts:draw", args=[d.pk])}
            for d in rows[:MAX_LINKS]
        ],
    )


BUILTIN = (
    (
        "development.group_standards",
        gettext_lazy("Group standards published"),
        "项",
        group_standards_published,
    ),
    ("development.projects_in_stage", gettext_lazy("Projects in a stage"), "项", projects_in_stage),
    ("development.drafts", gettext_lazy("Draft versions uploaded"), "份", drafts_uploaded),
    (
        "talent.certificates",
        gettext_lazy("Training certificates issued"),
        "张",
        certificates_issued,
    ),
    ("talent.trainees", gettext_lazy("People trained"), "人次", trainees),
    ("talent.experts", gettext_lazy("Experts in the bodies"), "人", experts),
    ("talent.panels_drawn", gettext_lazy("Expert panels drawn"), "次", panels_drawn),
    (
        "verification.drafts_verified",
        gettext_lazy("Drafts verified (verification reports)"),
        "份",
        drafts_verified,
    ),
    ("verification.items_verified", gettext_lazy("Items verified"), "项", items_verified),
    (
        "verification.conformity_reports",
        gettext_lazy("Conformity test reports"),
        "份",
        conformity_reports,
    ),
    (
        "catalog.current_standards",
        gettext_lazy("Current standards in the catalogue"),
        "项",
        catalogue_size,
    ),
    ("checks.novelty_checks", gettext_lazy("查新 runs served"), "次", novelty_checks),
    (
        "consulting.requests_served",
        gettext_lazy("Consulting requests served"),
        "件",
        consulting_requests,
    ),
    (
        "governance.plan_tasks_on_time",
        gettext_lazy("Plan tasks completed on time"),
        "%",
        plan_tasks_on_time,
    ),
    (
        "governance.contract_tasks_accepted",
        gettext_lazy("Contract tasks accepted"),
        "项",
        contract_tasks_accepted,
    ),
)


def register() -> None:
    """Declare the built-in data sources."""
    for code, label, unit, compute in BUILTIN:
        register_source(
            DataSource(code, label, compute, unit=unit, description=compute.__doc__ or "")
        )
