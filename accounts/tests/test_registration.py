"""Registration of people and organisations; password policy; password reset by email."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from accounts.exceptions import AccountError
from accounts.models import Membership, Organization, User
from accounts.services.registration import register_organization, register_user
from accounts.tests.conftest import PASSWORD, make_uscc, signed_in
from audit.models import AuditEntry

pytestmark = pytest.mark.django_db


REGISTRATION = {
    "username": "sun",
    "email": "Sun@Example.cn",
    "display_name": "孙工",
    "phone": "13812345678",
    "password1": PASSWORD,
    "password2": PASSWORD,
}


def _link(message) -> str:
    return re.search(r"https?://\S+", message.body)[0].split("8000", 1)[-1]


def test_register_page_mails_an_activation_link_that_signs_in():
    client = Client()
    response = client.post("/accounts/register/", REGISTRATION)
    assert response.status_code == 200
    assert "请查收邮件" in response.content.decode()
    user = User.objects.get(username="sun")
    assert user.email == "sun@example.cn" and user.phone == "13812345678"
    assert not user.is_active
    assert client.get("/accounts/profile/").status_code == 302
    assert mail.outbox[-1].to == ["sun@example.cn"]
    response = client.get(_link(mail.outbox[-1]))
    assert response.status_code == 302
    assert client.get("/accounts/profile/").status_code == 200
    assert AuditEntry.objects.filter(action="accounts.user.registered", actor=user).exists()
    # The link works once.
    assert Client().get(_link(mail.outbox[-1])).status_code == 400


def test_registration_never_says_an_address_is_taken(make_user):
    make_user("owner", email="sun@example.cn")
    fresh = Client().post("/accounts/register/", {**REGISTRATION, "email": "new@example.cn"})
    taken = Client().post("/accounts/register/", {**REGISTRATION, "username": "sun2"})
    assert taken.status_code == fresh.status_code == 200
    page = taken.content.decode()
    assert "已被注册" not in page and "already" not in page

    def neutral(html: str, address: str) -> str:
        return re.sub(r'value="[A-Za-z0-9]{64}"', "", html.replace(address, "@"))

    assert neutral(page, "Sun@Example.cn") == neutral(fresh.content.decode(), "new@example.cn")
    assert not User.objects.filter(username="sun2").exists()
    # The owner of the address hears about it instead.
    notice = mail.outbox[-1]
    assert notice.to == ["sun@example.cn"] and "owner" in notice.body


@pytest.mark.parametrize(
    ("password", "fragment"),
    [("short1!", "short"), ("password123", "common"), ("12345678901234", "numeric")],
)
def test_password_policy(password, fragment):
    with pytest.raises(AccountError):
        register_user(username="ma", email="ma@example.cn", password=password)


def test_password_similar_to_username_is_rejected():
    with pytest.raises(AccountError):
        register_user(username="huangxiaoming", email="h@example.cn", password="huangxiaoming1")


def test_duplicate_username_or_email_is_rejected(make_user):
    make_user("lin", email="lin@example.cn")
    with pytest.raises(AccountError):
        register_user(username="LIN", email="other@example.cn", password=PASSWORD)
    # A taken address is not an error anyone can see: its owner is mailed instead.
    assert register_user(username="lin2", email="LIN@example.cn", password=PASSWORD) is None
    assert not User.objects.filter(username="lin2").exists()


def test_register_organization_makes_registrant_admin(make_user):
    user = make_user()
    code = make_uscc(4242)
    org = register_organization(
        user=user, name="洛阳轴承研究所", type="institute", credit_code=code.lower()
    )
    assert org.credit_code == code
    assert Membership.objects.get(user=user, organization=org).role == "admin"
    with pytest.raises(AccountError):
        register_organization(user=user, name="copy", type="institute", credit_code=code)
    with pytest.raises(AccountError):
        register_organization(user=user, name="bad", type="institute", credit_code=code[:-1] + "0")


def test_organization_form_shows_error_for_bad_code(make_user):
    client = signed_in(make_user())
    response = client.post(
        "/accounts/organizations/register/",
        {"name": "X", "type": "enterprise", "credit_code": "91410100MA00000000"},
    )
    assert response.status_code == 200
    assert not Organization.objects.exists()
    with translation.override("zh-hans"):
        message = gettext("Enter a valid 18-character unified social credit code.")
    assert message in response.content.decode()


def test_password_reset_link_is_single_use(make_user):
    user = make_user("he", email="he@example.cn")
    client = Client()
    response = client.post("/accounts/password/reset/", {"email": "he@example.cn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    new_password = "Brand-new-Pass-42"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)
    # The same link no longer works.
    response = Client().get(link, follow=True)
    assert "无效" in response.content.decode() or "invalid" in response.content.decode()
    assert AuditEntry.objects.filter(action="accounts.password.reset", actor=user).exists()


def test_password_reset_does_not_reveal_unknown_addresses():
    response = Client().post("/accounts/password/reset/", {"email": "nobody@example.cn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0


def test_password_reset_token_expires(make_user, settings):
    from django.contrib.auth.tokens import PasswordResetTokenGenerator

    user = make_user()
    generator = PasswordResetTokenGenerator()
    token = generator.make_token(user)
    assert generator.check_token(user, token)
    settings.PASSWORD_RESET_TIMEOUT = -1
    assert not generator.check_token(user, token)
