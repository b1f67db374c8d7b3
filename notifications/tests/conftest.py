"""Fixtures of the notifications tests: the checks app's small catalogue (its first client)."""

from checks.tests.conftest import catalogue, link, make_standard  # noqa: F401
