"""The header shows sign-in links to visitors and the account menu to signed-in people."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_visitor_sees_sign_in_and_register(client):
    page = client.get("/").content.decode()
    assert "/accounts/login/" in page and "/accounts/register/" in page
    assert "/checks/" in page
    assert "/audit/" not in page


def test_signed_in_user_sees_account_menu_without_admin_links(client, django_user_model):
    user = django_user_model.objects.create_user(
        username="zhangsan", email="zhangsan@example.com", password="Gq7#long-enough-pass"
    )
    client.force_login(user)
    page = client.get("/").content.decode()
    assert "zhangsan" in page
    assert "/accounts/logout/" in page and "/checks/watchlists/" in page
    assert "/accounts/login/" not in page
    assert "/audit/" not in page and "/accounts/security/users/" not in page


def test_audit_link_only_for_the_audit_administrator(django_user_model):
    from django.template import Context, Template

    from accounts.services.roles import assign_role

    auditor = django_user_model.objects.create_user(username="auditor", password="x" * 20)
    other = django_user_model.objects.create_user(username="other", password="x" * 20)
    assign_role(auditor, "audit_admin")
    template = Template('{% load account_nav %}{% if user|has_role:"audit_admin" %}yes{% endif %}')
    assert template.render(Context({"user": auditor})) == "yes"
    assert template.render(Context({"user": other})) == ""
