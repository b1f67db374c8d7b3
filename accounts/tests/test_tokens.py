"""Personal API tokens: shown once, stored hashed, scoped, expiring, revocable."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import ApiToken
from accounts.services.tokens import create_token, digest, revoke_token
from accounts.tests.conftest import signed_in
from audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def api(key: str | None, method: str = "get", **data):
    client = Client()
    headers = {"HTTP_AUTHORIZATION": f"Token {key}"} if key else {}
    call = getattr(client, method)
    if method == "patch":
        return call("/api/v1/accounts/me/", data, content_type="application/json", **headers)
    return call("/api/v1/accounts/me/", **headers)


def test_token_created_on_page_is_shown_once_and_stored_hashed(make_user):
    user = make_user("tok")
    client = signed_in(user)
    response = client.post(
        "/accounts/tokens/", {"name": "CI", "scope": "read", "expires_in_days": 30}
    )
    page = response.content.decode()
    token = ApiToken.objects.get(user=user)
    key = re.search(r"sbt_[A-Za-z0-9_-]+", page)[0]
    assert token.key_digest == digest(key) and key not in token.key_digest
    assert key not in client.get("/accounts/tokens/").content.decode()
    assert api(key).json()["username"] == "tok"
    assert AuditEntry.objects.filter(action="accounts.token.created", actor=user).exists()


def test_read_token_cannot_write_but_write_token_can(make_user):
    user = make_user("w")
    _, read_key = create_token(user, name="r", scope="read")
    _, write_key = create_token(user, name="w", scope="write")
    assert api(read_key, "patch", display_name="新名字").status_code == 403
    assert api(write_key, "patch", display_name="新名字").status_code == 200
    user.refresh_from_db()
    assert user.display_name == "新名字"


def test_revoked_expired_bad_or_inactive_tokens_fail(make_user):
    user = make_user("r")
    token, key = create_token(user, name="a")
    assert api(key).status_code == 200
    revoke_token(user, token.pk)
    assert api(key).status_code == 401
    token2, key2 = create_token(user, name="b")
    ApiToken.objects.filter(pk=token2.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert api(key2).status_code == 401
    assert api("sbt_not-a-real-key").status_code == 401
    _, key3 = create_token(user, name="c")
    user.is_active = False
    user.save()
    assert api(key3).status_code == 401


def test_nobody_revokes_another_persons_token(make_user):
    owner, other = make_user(), make_user()
    token, key = create_token(owner, name="mine")
    client = signed_in(other)
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is None
    assert api(key).status_code == 200


def test_expiry_is_bounded(make_user, settings):
    from accounts.exceptions import AccountError

    settings.API_TOKEN_MAX_DAYS = 30
    with pytest.raises(AccountError):
        create_token(make_user(), name="x", expires_in_days=31)


def test_read_token_is_refused_even_where_a_view_forgets_the_scope_check(make_user):
    from rest_framework.permissions import IsAuthenticated
    from rest_framework.response import Response
    from rest_framework.test import APIRequestFactory
    from rest_framework.views import APIView

    class Careless(APIView):
        permission_classes = [IsAuthenticated]

        def post(self, request):
            return Response({"ok": True})

    _, key = create_token(make_user(), name="r", scope="read")
    request = APIRequestFactory().post("/x", {}, HTTP_AUTHORIZATION=f"Token {key}")
    assert Careless.as_view()(request).status_code == 403
