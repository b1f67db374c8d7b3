"""Fixtures shared by the catalogue's tests."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def api() -> APIClient:
    """An anonymous REST API client."""
    return APIClient()
