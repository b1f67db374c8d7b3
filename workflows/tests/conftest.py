"""The example proposal's table exists only in the test database."""

from __future__ import annotations

import pytest
from django.db import connection

from accounts.tests.conftest import _fast_hashing, _roles, make_org, make_user  # noqa: F401
from workflows.tests.example import ExampleProposal


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.contrib.contenttypes.models import ContentType

    with django_db_blocker.unblock():
        with connection.schema_editor() as editor:
            editor.create_model(ExampleProposal)
        # Created outside the tests' transactions, so the cached id stays valid.
        ContentType.objects.get_for_model(ExampleProposal)
