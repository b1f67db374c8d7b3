"""Audit tests reuse the accounts fixtures (users with roles, signed-in clients)."""

from accounts.tests.conftest import (  # noqa: F401
    _fast_hashing,
    _fresh_rate_limits,
    _roles,
    make_org,
    make_user,
)
