"""Fixtures for accounts tests: people with roles, organisations, signed-in clients."""

from __future__ import annotations

import itertools

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Membership, Organization, RoleAssignment, RoleCode, User
from accounts.role_defaults import ensure_roles
from accounts.validators import uscc_check_char

PASSWORD = "Qx7!mPz9#Lw2"
_counter = itertools.count(1)


def make_uscc(n: int) -> str:
    first17 = f"91410100MA{n:07d}"
    return first17 + uscc_check_char(first17)


@pytest.fixture(autouse=True)
def _roles(db):
    ensure_roles()


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # Argon2 costs ~100 MB and a noticeable time per hash; test_models checks it separately.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def make_user(db):
    def factory(username: str | None = None, *, roles=(), **fields) -> User:
        name = username or f"user{next(_counter)}"
        fields.setdefault("email", f"{name}@example.cn")
        user = User.objects.create_user(username=name, password=PASSWORD, **fields)
        for code in roles:
            RoleAssignment.objects.create(user=user, role_id=_role_pk(code))
            if code == RoleCode.SYSTEM_ADMIN:
                user.is_staff = user.is_superuser = True
                user.save()
        return user

    return factory


def _role_pk(code: str) -> int:
    from accounts.models import Role

    return Role.objects.get(code=code).pk


@pytest.fixture
def make_org(db):
    def factory(name: str = "郑州机械研究所", *, admin=None, members=()) -> Organization:
        org = Organization.objects.create(
            name=name, type="institute", credit_code=make_uscc(next(_counter))
        )
        if admin is not None:
            Membership.objects.create(user=admin, organization=org, role="admin")
        for member in members:
            Membership.objects.create(user=member, organization=org, role="member")
        return org

    return factory


def totp_now(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def enrol_totp(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="TOTP", confirmed=True)


def fresh_code(user) -> str:
    """A code the device accepts now (as if the next 30-second step had begun)."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    device.last_t = -1
    device.throttle_reset(commit=False)
    device.save()
    return totp_now(device)


def signed_in(user, *, verify_totp: bool = True) -> Client:
    """A client signed in as `user`; admins get a confirmed, verified TOTP device."""
    from accounts.roles import requires_two_factor

    client = Client()
    client.force_login(user)
    if verify_totp and requires_two_factor(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or enrol_totp(user)
        response = client.post("/accounts/2fa/verify/", {"token": totp_now(device)})
        assert response.status_code == 302, response.content[:500]
    return client
