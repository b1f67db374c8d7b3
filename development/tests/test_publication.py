"""Publication: numbering, the catalogue record, revisions replacing editions, review dates."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection

from catalog.editions import resolve_reference
from catalog.models import CatalogEvent, Standard, Status
from catalog.search import SearchQuery, search
from development.exceptions import DevelopmentError, DevelopmentPermissionError
from development.services.bodies import update_profile
from development.services.publication import (
    assign_designation,
    display_designation,
    publish_project,
)

pytestmark = pytest.mark.django_db

PUBLISHED = datetime.date(2026, 3, 1)
IMPLEMENTED = datetime.date(2026, 4, 1)


def test_publication_numbers_catalogues_and_schedules_review(world, make_project, catalogue):
    update_profile(world.a, actor=world.sec_a, ics="35.240.50")
    world.a.development_profile.refresh_from_db()
    project = make_project("50.99", title="智能工厂 数字孪生 通用要求", ics="35.240.50")
    publish_project(project, user=world.sec_a, published_on=PUBLISHED, implemented_on=IMPLEMENTED)
    project.refresh_from_db()
    assert project.designation == "T/HNXX 001-2026"
    assert display_designation(project.designation) == "T/HNXX 001—2026"
    assert project.state == "60.60"
    std = project.standard
    assert std.designation == "T/HNXX 001-2026" and std.tier == "group"
    assert std.issued == PUBLISHED and std.effective == IMPLEMENTED
    assert CatalogEvent.objects.filter(standard=std, kind="published").exists()
    assert project.review_due_on == datetime.date(2031, 4, 1)
    hits = search(SearchQuery(text="智能工厂 数字孪生", facets=False)).hits
    assert std in [h.standard for h in hits]
    nxt = make_project("50.99")
    publish_project(nxt, user=world.sec_a, published_on=PUBLISHED, implemented_on=IMPLEMENTED)
    assert nxt.designation == "T/HNXX 002-2026"


def test_a_revision_replaces_the_old_edition_at_once(world, make_project):
    from catalog.tests.factories import StandardFactory

    old = StandardFactory(designation="T/HNXX 003-2020", title_zh="数字孪生 术语")
    project = make_project("50.99", track="revision", revises=old, title="数字孪生 术语")
    publish_project(
        project, user=world.sec_a, published_on=PUBLISHED, implemented_on=datetime.date(2026, 3, 1)
    )
    old.refresh_from_db()
    assert old.status == Status.REPLACED
    resolution = resolve_reference("T/HNXX 003-2020")
    assert resolution.verdict == "replaced"
    assert project.standard.designation in resolution.current


def test_refusals(world, make_project):
    early = make_project("30.20")
    with pytest.raises(DevelopmentError):
        publish_project(early, user=world.sec_a, published_on=PUBLISHED, implemented_on=IMPLEMENTED)
    ready = make_project("50.99")
    with pytest.raises(DevelopmentPermissionError):
        publish_project(
            ready, user=world.member_b, published_on=PUBLISHED, implemented_on=IMPLEMENTED
        )
    with pytest.raises(DevelopmentError):
        publish_project(ready, user=world.sec_a, published_on=IMPLEMENTED, implemented_on=PUBLISHED)
    assert not Standard.objects.filter(designation__startswith="T/HNXX").exists()
    ready.refresh_from_db()
    assert ready.state == "50.99" and not ready.designation


def test_numbers_skip_designations_already_in_the_catalogue(world, make_project):
    from catalog.tests.factories import StandardFactory

    StandardFactory(designation="T/HNXX 001-2026")
    project = make_project("50.99")
    assert assign_designation(project, year=2026, user=world.sec_a) == "T/HNXX 002-2026"
    assert world.a.development_profile.__class__.objects.get(body=world.a).next_number == 3


@pytest.mark.django_db(transaction=True)
def test_concurrent_numbering_gives_distinct_numbers(world, make_project):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    projects = [make_project("50.99") for _ in range(4)]
    results, errors = [], []

    def work(p):
        try:
            results.append(assign_designation(p, year=2026, user=world.sec_a))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(p,)) for p in projects]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(results) == [f"T/HNXX 00{i}-2026" for i in range(1, 5)]
