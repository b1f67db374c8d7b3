"""Fixtures of public comment and ballots: a draft for comment, its window, voters."""

from __future__ import annotations

import pytest

from bodies.services import add_member
from development.models import Draft
from development.services import comments


@pytest.fixture
def draft(make_project):
    project = make_project("30.00")
    return Draft.objects.create(
        project=project,
        kind="cd",
        version=1,
        stage="30.00",
        filename="cd.txt",
        file_kind="txt",
        size=1,
        sha256="0" * 64,
    )


@pytest.fixture
def window(draft, world):
    return comments.open_comment_window(draft, user=world.sec_a)


@pytest.fixture
def voters(world, make_user):
    people = [world.author] + [make_user(f"voter{i}") for i in range(3)]
    for person in people[1:]:
        add_member(world.a, "body_member", actor=None, user=person)
    return people
