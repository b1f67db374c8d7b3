"""Webhooks: signed JSON, robot formats, retries with exponential backoff, visible failures."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone

from catalog.models import CatalogEvent
from checks.services import alerts, watchlists
from notifications.models import Notification, Webhook, WebhookDelivery
from notifications.services import delivery, subscriptions
from notifications.services.webhooks import dingtalk_sign

pytestmark = pytest.mark.django_db


class Receiver:
    """A tiny HTTP server on 127.0.0.1 that fails the first requests, then accepts."""

    def __init__(self, failures: int = 0, body: bytes = b"ok"):
        self.failures = failures
        self.body = body
        self.requests: list = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                data = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((self.path, self.headers, data))
                failing = len(receiver.requests) <= receiver.failures
                self.send_response(500 if failing else 200)
                self.end_headers()
                self.wfile.write(b"error" if failing else receiver.body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def loopback(settings):
    """Test-only: let webhooks call 127.0.0.1 on the port of a given URL."""

    def allow(url: str) -> None:
        settings.OUTGOING_ALLOW_LOOPBACK = True
        settings.OUTGOING_ALLOWED_PORTS = [urlparse(url).port]

    return allow


@pytest.fixture
def notified(catalogue, django_user_model, loopback):
    """Alice watches GB 50204; one catalogue event about it has been processed."""
    alice = django_user_model.objects.create_user("alice", password="x")
    watchlist = watchlists.create_watchlist(alice, "混凝土")
    watchlists.add_standard(watchlist, alice, "GB 50204")

    def process(hook_kwargs):
        loopback(hook_kwargs["url"])
        hook = subscriptions.create_webhook(alice, name="hook", **hook_kwargs)
        CatalogEvent.objects.create(
            standard=catalogue["gb50204_2015"],
            kind=CatalogEvent.Kind.STATUS_CHANGED,
            before={"status": "current"},
            after={"status": "withdrawn"},
        )
        alerts.process_catalog_events()
        return hook

    return process


def test_generic_webhook_is_signed_and_retried_with_backoff(notified):
    with Receiver(failures=2) as receiver:
        hook = notified({"url": receiver.url, "flavor": Webhook.Flavor.GENERIC, "secret": "s3cret"})
        d = WebhookDelivery.objects.get(webhook=hook)
        start = timezone.now()
        assert delivery.deliver_webhooks(start) == 0
        d.refresh_from_db()
        assert (d.state, d.attempts, d.response_status) == ("retrying", 1, 500)
        assert d.next_attempt_at == start + datetime.timedelta(minutes=1)
        # Not due yet: nothing is sent.
        assert delivery.retry_webhooks(start + datetime.timedelta(seconds=30)) == 0
        assert len(receiver.requests) == 1
        second = start + datetime.timedelta(minutes=1)
        assert delivery.retry_webhooks(second) == 0
        d.refresh_from_db()
        assert d.next_attempt_at == second + datetime.timedelta(minutes=2)  # doubled
        assert delivery.retry_webhooks(second + datetime.timedelta(minutes=2)) == 1
        d.refresh_from_db()
        assert (d.state, d.attempts, d.last_error) == ("delivered", 3, "")
        assert delivery.retry_webhooks(second + datetime.timedelta(hours=1)) == 0
        assert len(receiver.requests) == 3
    _path, headers, body = receiver.requests[-1]
    expected = hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert headers["X-StdBase-Signature"] == f"sha256={expected}"
    payload = json.loads(body)
    assert payload["standard"] == "GB 50204-2015"
    assert payload["kind"] == "status_changed"
    assert payload["event"]["after"] == {"status": "withdrawn"}


def test_failures_are_given_up_after_the_last_attempt_and_visible(notified, client):
    with Receiver(failures=100) as receiver:
        hook = notified({"url": receiver.url, "flavor": Webhook.Flavor.GENERIC})
        now = timezone.now()
        delivery.deliver_webhooks(now)
        for _attempt in range(delivery.MAX_ATTEMPTS):
            now += delivery.BACKOFF_MAX
            delivery.retry_webhooks(now)
    d = WebhookDelivery.objects.get(webhook=hook)
    assert (d.state, d.attempts) == ("abandoned", delivery.MAX_ATTEMPTS)
    assert len(receiver.requests) == delivery.MAX_ATTEMPTS
    client.force_login(hook.owner)
    page = client.get(f"/notifications/webhooks/{hook.pk}/").content.decode()
    assert "失败，已放弃" in page and "HTTP 500" in page


def test_unreachable_endpoint_is_retried(notified):
    hook = notified({"url": "http://127.0.0.1:9/hook", "flavor": Webhook.Flavor.GENERIC})
    delivery.deliver_webhooks()
    d = WebhookDelivery.objects.get(webhook=hook)
    assert d.state == "retrying" and d.last_error == "无法连接到该接收地址。"


def test_wecom_robot_format_and_errcode(notified):
    with Receiver(body=b'{"errcode": 93000, "errmsg": "invalid webhook url"}') as receiver:
        hook = notified({"url": receiver.url, "flavor": Webhook.Flavor.WECOM})
        delivery.deliver_webhooks()
    payload = json.loads(receiver.requests[0][2])
    assert payload["msgtype"] == "markdown"
    assert "GB 50204-2015" in payload["markdown"]["content"]
    d = WebhookDelivery.objects.get(webhook=hook)
    assert (d.state, d.last_error) == ("retrying", "errcode 93000")


def test_dingtalk_robot_is_signed_in_the_url(notified):
    with Receiver(body=b'{"errcode": 0}') as receiver:
        hook = notified(
            {
                "url": receiver.url + "?access_token=abc",
                "flavor": Webhook.Flavor.DINGTALK,
                "secret": "SECxyz",
            }
        )
        assert delivery.deliver_webhooks() == 1
    path, _headers, body = receiver.requests[0]
    query = parse_qs(urlparse(path).query)
    assert query["access_token"] == ["abc"]
    assert query["sign"] == [dingtalk_sign("SECxyz", int(query["timestamp"][0]))]
    payload = json.loads(body)
    assert payload["markdown"]["title"] == Notification.objects.get().title
    assert WebhookDelivery.objects.get(webhook=hook).state == "delivered"


def test_significant_only_webhook_skips_title_changes(catalogue, django_user_model, loopback):
    loopback("http://127.0.0.1:9/")
    alice = django_user_model.objects.create_user("alice", password="x")
    watchlist = watchlists.create_watchlist(alice, "list")
    watchlists.add_standard(watchlist, alice, "GB 50204")
    subscriptions.create_webhook(
        alice, name="h", url="http://127.0.0.1:9/", flavor="generic", significant_only=True
    )
    CatalogEvent.objects.create(
        standard=catalogue["gb50204_2015"],
        kind=CatalogEvent.Kind.TITLE_CHANGED,
        after={"title_zh": "新名称"},
    )
    alerts.process_catalog_events()
    assert Notification.objects.count() == 1
    assert not WebhookDelivery.objects.exists()


# -- issue 8 item 3: webhook SSRF ---------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:5432/", "http://169.254.169.254/latest/meta-data/"]
)
def test_internal_webhook_addresses_are_refused_at_creation(url, client, django_user_model):
    alice = django_user_model.objects.create_user("alice", password="x")
    client.force_login(alice)
    response = client.post(
        "/notifications/webhooks/", {"name": "x", "url": url, "flavor": "generic"}, follow=True
    )
    page = response.content.decode()
    assert "不能使用此地址" in page
    assert "5432" not in page.replace(url, "") and not Webhook.objects.exists()


def test_an_address_refused_at_delivery_is_not_called_and_retry_now_obeys(
    notified, client, settings, caplog
):
    with Receiver() as receiver:
        hook = notified({"url": receiver.url, "flavor": Webhook.Flavor.GENERIC})
        settings.OUTGOING_ALLOW_LOOPBACK = False  # e.g. the name now resolves to loopback
        assert delivery.deliver_webhooks() == 0
        d = WebhookDelivery.objects.get(webhook=hook)
        assert d.state == "retrying" and d.last_error.startswith("不能使用此地址")
        assert any("127.0.0.1" in r.getMessage() for r in caplog.records)
        client.force_login(hook.owner)
        page = client.get(f"/notifications/webhooks/{hook.pk}/").content.decode()
        assert "Connection refused" not in page and "loopback" not in page
        d.state = WebhookDelivery.State.ABANDONED
        d.save()
        response = client.post(
            f"/notifications/webhooks/{hook.pk}/deliveries/{d.pk}/retry/", follow=True
        )
        assert "不能使用此地址" in response.content.decode()
        d.refresh_from_db()
        assert d.state == "abandoned"
        assert delivery.retry_webhooks(timezone.now() + datetime.timedelta(days=1)) == 0
    assert receiver.requests == []
