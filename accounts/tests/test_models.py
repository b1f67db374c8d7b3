"""Personal data encrypted at rest, unique email ignoring case, argon2 passwords."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from accounts.models import User
from core import crypto

pytestmark = pytest.mark.django_db


def raw_column(user, column: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM accounts_user WHERE id = %s", [user.pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_phone_and_id_number_are_encrypted_at_rest(make_user):
    user = make_user("chen", phone="13812345678", id_number="11010519491231002X")
    stored = raw_column(user, "phone")
    assert stored.startswith(crypto.PREFIX) and "13812345678" not in stored
    assert "11010519491231002X" not in raw_column(user, "id_number")
    fresh = User.objects.get(pk=user.pk)
    assert fresh.phone == "13812345678"
    assert fresh.masked_phone == "138****5678"
    assert fresh.masked_id_number == "1****************X"
    # Saving again does not double-encrypt.
    fresh.save()
    assert User.objects.get(pk=user.pk).phone == "13812345678"


def test_serialised_user_keeps_ciphertext():
    from django.core import serializers

    user = User.objects.create_user("zhou", "zhou@example.cn", "x", phone="13912345678")
    text = serializers.serialize("json", [user])
    assert "13912345678" not in text
    restored = next(serializers.deserialize("json", text)).object
    restored.save()
    assert User.objects.get(pk=user.pk).phone == "13912345678"


def test_email_unique_ignoring_case(make_user):
    make_user("a1", email="same@example.cn")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_user("a2", email="SAME@example.cn")
    # Blank emails do not collide.
    User.objects.create_user("b1", "", "x")
    User.objects.create_user("b2", "", "x")


def test_passwords_are_hashed_with_argon2(make_user, settings):
    from stdbase import settings as project_settings

    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    user = make_user("wu")
    assert user.password.startswith("argon2")
