"""Usernames are NFKC-normalised and look-alikes of existing ones are refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from accounts.exceptions import AccountError
from accounts.models import User
from accounts.services.registration import register_user
from accounts.tests.conftest import PASSWORD
from accounts.usernames import normalize_username, username_skeleton

pytestmark = pytest.mark.django_db


def test_full_width_is_normalised():
    assert normalize_username("ａｌｉｃｅ") == "alice"
    assert username_skeleton("ａｌｉｃｅ") == username_skeleton("alice") == "alice"


def test_cyrillic_look_alike_has_the_latin_skeleton():
    assert "аlice" != "alice"  # the first letter is CYRILLIC SMALL LETTER A
    assert username_skeleton("аlice") == "alice"
    assert username_skeleton("АLICE") == "alice"
    assert username_skeleton("张三") == "张三"


@pytest.mark.parametrize("look_alike", ["ａｌｉｃｅ", "аlice", "ALICE", "Ａlice"])
def test_look_alikes_of_alice_are_refused(make_user, look_alike):
    make_user("alice")
    with pytest.raises(AccountError):
        register_user(username=look_alike, email="other@example.cn", password=PASSWORD)
    assert User.objects.count() == 1


def test_whole_cyrillic_look_alike_is_refused_beside_its_latin_twin(make_user):
    make_user("ape")
    with pytest.raises(AccountError, match="已被使用"):
        register_user(username="аре", email="x@example.cn", password=PASSWORD)


def test_mixed_script_name_is_refused_even_without_a_twin():
    with pytest.raises(AccountError):
        register_user(username="pаypal", email="p@example.cn", password=PASSWORD)


def test_registration_page_refuses_the_look_alike(make_user):
    make_user("alice")
    response = Client().post(
        "/accounts/register/",
        {
            "username": "аlice",
            "email": "evil@example.cn",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 200 and not User.objects.filter(email="evil@example.cn")


def test_honest_chinese_and_latin_names_still_register():
    assert register_user(username="张工", email="z@example.cn", password=PASSWORD)
    assert register_user(username="li.wei-2", email="l@example.cn", password=PASSWORD)
    assert User.objects.get(email="z@example.cn").username_skeleton == "张工"


def test_admin_forms_apply_the_same_rule(make_user):
    make_user("alice")
    look_alike = User(username="аlice", email="a2@example.cn")
    look_alike.set_password(PASSWORD)
    with pytest.raises(ValidationError):
        look_alike.full_clean()


def test_sign_in_with_the_full_width_spelling_finds_the_account(make_user):
    make_user("alice")
    response = Client().post("/accounts/login/", {"username": "ａｌｉｃｅ", "password": PASSWORD})
    assert response.status_code == 302
