"""The message centre, notification settings and their old addresses under /checks/."""

from __future__ import annotations

import socket

import pytest

from notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice", email="alice@example.com", password="x")


def test_message_centre_and_unread_count(client, alice):
    Notification.objects.create(recipient=alice, kind="replaced", title="GB 50204-2015 被代替")
    client.force_login(alice)
    assert ">1</span>" in client.get("/notifications/unread/").content.decode()
    assert "GB 50204-2015 被代替" in client.get("/notifications/").content.decode()
    client.post("/notifications/read/")
    assert Notification.objects.get().read_at is not None


@pytest.mark.parametrize("value", ["²", "abc", "-1", "0", "1.5", "9" * 30])
@pytest.mark.parametrize("url", ["/notifications/read/", "/checks/messages/read/"])
def test_marking_a_message_read_with_a_bad_id_is_a_400(client, alice, value, url):
    note = Notification.objects.create(recipient=alice, kind="replaced", title="t")
    client.force_login(alice)
    assert client.post(url, {"id": value}).status_code == 400
    note.refresh_from_db()
    assert note.read_at is None  # nothing marked by a bad request


def test_alert_settings_and_webhook(client, alice, monkeypatch):
    public = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 443))]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: public)
    client.force_login(alice)
    client.post("/notifications/settings/", {"email": "on", "frequency": "weekly"})
    assert alice.notification_preference.frequency == "weekly"
    response = client.post(
        "/notifications/webhooks/",
        {"name": "钉钉", "url": "https://oapi.example/x", "flavor": "dingtalk", "active": "on"},
    )
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_old_addresses_under_checks_keep_working(client, alice):
    client.force_login(alice)
    response = client.get("/checks/messages/?unread=1")
    assert (response.status_code, response["Location"]) == (301, "/notifications/?unread=1")
    assert client.get("/checks/settings/")["Location"] == "/notifications/settings/"
    client.post("/checks/settings/", {"frequency": "daily"})
    assert alice.notification_preference.frequency == "daily"
    assert client.get("/checks/messages/unread/").status_code == 200


def test_empty_message_centre_speaks_to_people_with_and_without_watch_lists(client, alice):
    from checks.services import watchlists

    client.force_login(alice)
    page = client.get("/notifications/").content.decode()
    assert "将标准加入关注清单" in page
    watchlists.create_watchlist(alice, "混凝土")
    page = client.get("/notifications/").content.decode()
    assert "您的关注清单已设置好" in page and "将标准加入关注清单" not in page


def test_channels_per_event_type_are_chosen_on_the_settings_page(client, alice):
    from notifications.services.subscriptions import event_channels

    client.force_login(alice)
    page = client.get("/notifications/settings/").content.decode()
    assert "关注或查新涉及的标准的变更" in page
    assert event_channels(alice)["checks.catalogue_change"] == {"email", "webhook"}
    client.post(
        "/notifications/settings/",
        {"email": "on", "frequency": "immediate", "channels:checks.catalogue_change": "webhook"},
    )
    assert event_channels(alice)["checks.catalogue_change"] == {"webhook"}
    response = client.post(
        "/notifications/settings/",
        {"frequency": "immediate", "channels:checks.catalogue_change": "sms"},
    )
    assert response.status_code == 200  # refused with the form's message, nothing saved
    assert event_channels(alice)["checks.catalogue_change"] == {"webhook"}
