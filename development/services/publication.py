"""Publishing a project's standard: its designation, the catalogue record, review dates."""

from __future__ import annotations

import copy
import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from bodies.scopes import has_body_permission
from catalog.designations import DesignationError, parse
from catalog.models import CatalogEvent, Replacement, Standard, Status
from catalog.services.imports import designation_columns, get_source, record_manual_change
from development import stages
from development.exceptions import DevelopmentError, DevelopmentPermissionError
from development.models import AllianceProfile, Level, Project
from development.services.bodies import group_code, profile_of
from development.services.schedule import add_months
from development.services.stages import advance_stage

#: The catalogue's data source for standards published on the platform.
SOURCE_SLUG = "stdbase-development"


def display_designation(canonical: str) -> str:
    """A designation as printed on a Chinese standard: T/HNXX 012—2026."""
    head, dash, year = canonical.rpartition("-")
    return f"{head}—{year}" if dash and year.isdigit() else canonical


def assign_designation(project: Project, *, year: int, user, request=None) -> str:
    """Give a project the body's next group-standard number (T/HNXX 012-2026), once."""
    if project.designation:
        return project.designation
    if project.level != Level.GROUP:
        raise DevelopmentError(
            _("Only group standards are numbered by their body; enter the designation given.")
        )
    code = group_code(project.body)
    with transaction.atomic():
        # The profile row lock makes two publications of one body take different numbers.
        profile = AllianceProfile.objects.select_for_update().get(pk=profile_of(project.body).pk)
        locked = Project.objects.select_for_update().get(pk=project.pk)
        if locked.designation:
            project.designation = locked.designation
            return locked.designation
        number = profile.next_number
        while True:
            canonical = parse(f"{code} {number:0{profile.number_width}d}-{year}").canonical
            taken = Standard.objects.filter(designation=canonical).exists() or (
                Project.objects.filter(designation=canonical).exists()
            )
            if not taken:
                break
            number += 1
        profile.next_number = number + 1
        profile.save(update_fields=["next_number", "updated_at"])
        project.designation = canonical
        Project.objects.filter(pk=project.pk).update(designation=canonical)
        log_action(
            "development.project.designated",
            actor=user,
            obj=project,
            after={"designation": canonical},
            request=request,
        )
    return canonical


def _check_dates(published: datetime.date, implemented: datetime.date) -> None:
    if implemented < published:
        raise DevelopmentError(_("A standard cannot be implemented before it is published."))


def _catalogue_record(project: Project, published, implemented, user, request) -> Standard:
    parsed = parse(project.designation)
    today = timezone.localdate()
    std = Standard(
        **designation_columns(parsed),
        title_zh=project.title[:500],
        title_en=project.title_en[:1000],
        status=Status.CURRENT if implemented <= today else Status.UPCOMING,
        issued=published,
        effective=implemented,
        committee=str(project.body)[:200],
        adopted_designation=project.adopted_designation,
        adoption_degree=project.adoption_degree,
        source=get_source(SOURCE_SLUG),
        source_ref=project.number,
        as_of=today,
        ics_root=(project.ics.split() or [""])[0][:2],
        ccs_root=(project.ccs.split() or [""])[0][:1],
        extra={"project": project.number},
    )
    std.save()
    _link_classes(std, project)
    record_manual_change(None, std, user=user, request=request)
    if project.revises_id:
        _replace(project.revises, std, implemented, user, request)
    return std


def _link_classes(std: Standard, project: Project) -> None:
    from catalog.models import CcsCode, IcsCode, StandardCcs, StandardIcs

    for position, code in enumerate(project.ics.split()):
        ics = IcsCode.objects.filter(code=code).first()
        if ics:
            StandardIcs.objects.create(standard=std, code=ics, position=position)
    for position, code in enumerate(project.ccs.split()):
        ccs = CcsCode.objects.filter(code=code).first()
        if ccs:
            StandardCcs.objects.create(standard=std, code=ccs, position=position)


def _replace(old: Standard, new: Standard, implemented, user, request) -> None:
    """Record that the new edition replaces the old one, so 查新 follows the chain at once."""
    Replacement.objects.get_or_create(
        predecessor_designation=old.designation,
        successor_designation=new.designation,
        defaults={"predecessor": old, "successor": new, "source": new.source},
    )
    CatalogEvent.objects.create(
        standard=old,
        kind=CatalogEvent.Kind.REPLACEMENT_ADDED,
        after={"successor": new.designation},
    )
    if implemented <= timezone.localdate() and old.status == Status.CURRENT:
        before = copy.copy(old)
        old.status, old.withdrawn = Status.REPLACED, implemented
        old.save(update_fields=["status", "withdrawn", "updated_at"])
        record_manual_change(before, old, user=user, request=request)


def publish_project(
    project: Project,
    *,
    user,
    published_on: datetime.date,
    implemented_on: datetime.date,
    designation: str = "",
    request=None,
) -> Project:
    """Publish an approved project: designation, catalogue record, 60.60, review reminder."""
    if not has_body_permission(user, "development.change_project", project.body):
        raise DevelopmentPermissionError(
            _("Only the secretariat of %(body)s may publish its standards.")
            % {"body": project.body}
        )
    if project.standard_id:
        raise DevelopmentError(_("This project's standard is already published."))
    if stages.main_stage(project.state) not in ("50", "60"):
        raise DevelopmentError(
            _("A project is published after approval (stage 50); it is at %(stage)s.")
            % {"stage": project.state}
        )
    _check_dates(published_on, implemented_on)
    with transaction.atomic():
        if designation:
            try:
                canonical = parse(designation).canonical
            except DesignationError as exc:
                raise DevelopmentError(exc.message) from None
            if Standard.objects.filter(designation=canonical).exists():
                raise DevelopmentError(
                    _("%(designation)s is already in the catalogue.") % {"designation": canonical}
                )
            project.designation = canonical
            project.save(update_fields=["designation", "updated_at"])
        else:
            assign_designation(project, year=published_on.year, user=user, request=request)
        if project.state != "60.00":
            advance_stage(project, "60.00", user=user, request=request)
        std = _catalogue_record(project, published_on, implemented_on, user, request)
        profile = profile_of(project.body)
        project.standard = std
        project.published_on, project.implemented_on = published_on, implemented_on
        project.review_due_on = add_months(implemented_on, 12 * profile.review_years)
        project.save(
            update_fields=[
                "standard",
                "published_on",
                "implemented_on",
                "review_due_on",
                "updated_at",
            ]
        )
        advance_stage(
            project,
            stages.PUBLISHED,
            user=user,
            data={"designation": project.designation, "standard": std.pk},
            request=request,
        )
        log_action(
            "development.project.published",
            actor=user,
            obj=project,
            after={
                "designation": project.designation,
                "standard": std.pk,
                "published_on": published_on.isoformat(),
                "implemented_on": implemented_on.isoformat(),
                "review_due_on": project.review_due_on.isoformat(),
            },
            request=request,
        )
    return project
