"""Fixtures for body tests: the people and organisation factories of accounts."""

from accounts.tests.conftest import _fast_hashing, _roles, make_org, make_user  # noqa: F401
