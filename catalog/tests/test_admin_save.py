"""Saving a standard in the Django admin: one audit entry, one re-index, one transaction."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from accounts.models import User
from audit.models import AuditEntry
from catalog.models import CatalogEvent, Standard
from catalog.tests.factories import StandardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    user = User.objects.create_user("editor", password="Qx7!mPz9#Lw2", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="catalog",
            codename__in=["view_standard", "change_standard", "add_standard"],
        )
    )
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def indexed(monkeypatch):
    """Counts every call of the search indexer, whoever makes it (signals or services)."""
    import catalog.search as search

    calls: list[list[int]] = []
    original = search.index_standards

    def counting(ids):
        calls.append(sorted(ids))
        return original(ids)

    monkeypatch.setattr(search, "index_standards", counting)
    return calls


def form_data(html: str) -> dict[str, str]:
    """The admin change form's current values, as a browser would submit them."""
    data = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'type="submit"' in tag or 'type="checkbox"' in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = unescape(value.group(1)) if value else ""
        if 'type="checkbox"' in tag and "checked" in tag:
            data[name.group(1)] = "on"
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        data[name] = unescape(body).lstrip("\n")
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        data[name] = chosen.group(1) if chosen else ""
    return data


def test_changing_a_standard_writes_one_audit_entry_and_indexes_once(editor, indexed):
    std = StandardFactory(designation="GB/T 19001-2016", title_zh="质量管理体系 要求")
    url = f"/admin/catalog/standard/{std.pk}/change/"
    data = form_data(editor.get(url).content.decode())
    data["title_zh"] = "质量管理体系　要求（修订）"
    audit_before = AuditEntry.objects.order_by("-sequence").values_list("sequence", flat=True)[0]
    indexed.clear()  # creating the standard above indexed it
    response = editor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    std.refresh_from_db()
    assert std.title_zh == "质量管理体系　要求（修订）"
    entries = list(AuditEntry.objects.filter(sequence__gt=audit_before))
    assert [e.action for e in entries] == ["catalog.standard.updated"]
    assert entries[0].after == {"title_zh": "质量管理体系　要求（修订）"}
    assert entries[0].actor_username == "editor"
    # Indexed once, by the service, after the inlines were saved.
    assert indexed == [[std.pk]]
    assert CatalogEvent.objects.filter(standard=std).count() == 1


def test_other_admin_changes_still_enter_the_audit_trail(editor):
    from catalog.models import Replacement

    user = User.objects.get(username="editor")
    user.user_permissions.add(Permission.objects.get(codename="delete_standard"))
    std = StandardFactory(designation="GB/T 1-2020")
    response = editor.post(f"/admin/catalog/standard/{std.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Standard.objects.filter(pk=std.pk).exists()
    assert AuditEntry.objects.filter(action="admin.catalog.standard.deleted").count() == 1
    assert Replacement.objects.count() == 0
