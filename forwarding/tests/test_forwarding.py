"""The shared forwarded record: each target keeps its own columns' words, states and checks."""

from __future__ import annotations

import pytest
from django.utils import translation

from core import registry
from development.models import CoachingRequest
from development.services.coaching import COACHING, CoachingError
from forwarding import services
from talent.models import TrainingNeed
from talent.services.training_needs import NEEDS, TrainingNeedError
from talent.tests import fixtures_training as fx

_roles, _fast_hashing, _fresh_rate_limits = fx._roles, fx._fast_hashing, fx._fresh_rate_limits
make_user, make_org, training = fx.make_user, fx.make_org, fx.training


def _columns(model) -> dict[str, str]:
    return {f.name: f.get_internal_type() for f in model._meta.concrete_fields}


def test_both_targets_share_the_columns_but_keep_their_own_words():
    assert _columns(TrainingNeed).keys() - {"centre"} == _columns(CoachingRequest).keys() - {"body"}
    with translation.override("zh-hans"):
        need, coaching = TrainingNeed._meta, CoachingRequest._meta
        assert str(need.get_field("response").verbose_name) == "中心答复"
        assert dict(need.get_field("state").choices)["completed"] == "已满足"
        assert dict(coaching.get_field("state").choices)["completed"] != "已满足"
    with translation.override("en"):
        assert str(need.get_field("response").verbose_name) == "answer of the centre"
        assert str(coaching.get_field("response").verbose_name) == "answer of the secretariat"
    assert TrainingNeed.State.RECEIVED == CoachingRequest.State.RECEIVED == "received"


def test_each_target_is_registered_with_its_order_and_own_error():
    assert registry.consulting_service("training").order == NEEDS.order == 50
    assert registry.consulting_service("drafting").order == COACHING.order == 30
    assert issubclass(NEEDS.error, services.ForwardingError) and NEEDS.error is TrainingNeedError
    assert COACHING.error is CoachingError


@pytest.mark.django_db
def test_an_unknown_target_is_refused_with_the_targets_own_words():
    call = registry.ServiceCall(user=None, requester=None, title="t", text="", target="999999")
    with translation.override("en"), pytest.raises(TrainingNeedError, match="training centre"):
        services.receive(NEEDS, call)
    with translation.override("en"), pytest.raises(CoachingError, match="alliance"):
        services.receive(COACHING, call)


@pytest.fixture
def need(db, training, make_user):
    world = training
    alice = make_user("alice")
    call = registry.ServiceCall(
        user=world["office"], requester=alice, title="标准化培训", text="二十人", reference="ZX1",
        target=str(world["centre"].pk), note="五月前",
    )  # fmt: skip
    return world, NEEDS.receive(call).object


def test_the_shared_pages_speak_in_the_targets_words(client, need):
    world, item = need
    client.force_login(world["staff"])
    page = client.get(item.get_absolute_url()).content.decode()
    shared = ("由咨询服务台转办", "企业联系人", "服务台说明")
    for words in (*shared, "人才交流培养中心", 'id="need-state"'):
        assert words in page
    assert 'action="/talent/training/needs/' in page and "need-state-form" in page
    listing = client.get("/talent/training/needs/")
    assert list(listing.context["needs"]) == [item] == list(listing.context["items"])
    html = listing.content.decode()
    assert 'id="training-needs"' in html
    with translation.override("zh-hans"):  # the headings are the model's own labels
        assert all(f"<th>{t}</th>" in html for t in ("标题", "状态", "咨询服务申请"))
