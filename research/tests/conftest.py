import pytest

from research.tests.fixtures import build_catalogue


@pytest.fixture
def catalogue(db):
    return build_catalogue()
