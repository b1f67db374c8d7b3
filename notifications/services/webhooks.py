"""Webhook payloads: generic JSON signed with HMAC-SHA256, WeChat Work and DingTalk robots."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.parse
from dataclasses import dataclass, field

SIGNATURE_HEADER = "X-StdBase-Signature"
USER_AGENT = "StdBase-Webhook/1.0"


def sign(secret: str, body: bytes) -> str:
    """The signature header value of a generic webhook body: "sha256=<hex HMAC>"."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """DingTalk robot signature: base64 HMAC-SHA256 of "timestamp\\nsecret"."""
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256)
    return base64.b64encode(digest.digest()).decode()


@dataclass
class WebhookRequest:
    """A POST request that knows how its receiver reports success."""

    url: str
    data: bytes
    headers: dict[str, str] = field(default_factory=dict)
    robot: bool = False

    def check_response(self, body: bytes) -> str:
        """An error message when a 2xx answer still means failure (robots' errcode)."""
        if not self.robot:
            return ""
        try:
            errcode = json.loads(body or b"{}").get("errcode", 0)
        except (ValueError, AttributeError):
            return ""
        return "" if errcode in (0, "0") else f"errcode {errcode}"


def _markdown(notification, link: str) -> str:
    body = (notification.body or "").replace("\n", "\n> ")
    return f"**{notification.title}**\n> {body}\n\n[{link}]({link})"


def generic_payload(notification, delivery_id: int, link: str) -> dict:
    """The JSON document a generic webhook receives; the event type adds its own fields."""
    from notifications.registry import get_event_type

    payload = {
        "delivery": delivery_id,
        "notification": notification.pk,
        "event_type": notification.event_type,
        "kind": notification.kind,
        "significant": notification.significant,
        "title": notification.title,
        "body": notification.body,
        "url": link,
        "created_at": notification.created_at.isoformat(),
    }
    extra = get_event_type(notification.event_type).webhook_payload
    if extra:
        payload.update(extra(notification))
    return payload


def build_request(webhook, notification, delivery_id: int, base_url: str = "") -> WebhookRequest:
    """The HTTP request that delivers one notification to one webhook."""
    from notifications.models import Webhook

    link = base_url + notification.url
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT}
    url = webhook.url
    if webhook.flavor == Webhook.Flavor.WECOM:
        payload = {"msgtype": "markdown", "markdown": {"content": _markdown(notification, link)}}
    elif webhook.flavor == Webhook.Flavor.DINGTALK:
        payload = {
            "msgtype": "markdown",
            "markdown": {"title": notification.title, "text": _markdown(notification, link)},
        }
        if webhook.secret:
            stamp = int(time.time() * 1000)
            query = urllib.parse.urlencode(
                {"timestamp": stamp, "sign": dingtalk_sign(webhook.secret, stamp)}
            )
            url += ("&" if "?" in url else "?") + query
    else:
        payload = generic_payload(notification, delivery_id, link)
    body = json.dumps(payload, ensure_ascii=False).encode()
    if webhook.flavor == Webhook.Flavor.GENERIC:
        headers["X-StdBase-Delivery"] = str(delivery_id)
        headers["X-StdBase-Event"] = notification.kind or notification.event_type
        if webhook.secret:
            headers[SIGNATURE_HEADER] = sign(webhook.secret, body)
    return WebhookRequest(url, body, headers, robot=webhook.flavor != Webhook.Flavor.GENERIC)
