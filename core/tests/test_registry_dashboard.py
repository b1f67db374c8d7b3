"""The dashboard renders the widgets apps declared, each for the people allowed to see it."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.tests import conftest as account_fixtures
from accounts.tests.conftest import signed_in
from catalog.models import Standard, Tier
from catalog.tests.factories import StandardFactory
from checks.services.checking import CheckRequest, create_check
from core.registry import DashboardWidget, register_widget, registry

_roles = account_fixtures._roles
_fast_hashing = account_fixtures._fast_hashing
make_user = account_fixtures.make_user

pytestmark = pytest.mark.django_db


def widget_html(page: str, key: str) -> str:
    start = page.index(f'data-testid="widget-{key}"')
    return page[start : page.index("</section>", start)]


def test_the_dashboard_needs_an_account():
    response = Client().get("/dashboard/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_catalogue_widget_counts_standards_by_tier(make_user):
    StandardFactory.create_batch(3, tier=Tier.NATIONAL)
    StandardFactory.create_batch(2, tier=Tier.INDUSTRY)
    page = signed_in(make_user("zhang")).get("/dashboard/").content.decode()
    html = widget_html(page, "catalogue-tiers")
    assert f"共 {Standard.objects.count()} 项标准" in html
    assert 'href="/search/?tier=national"' in html and "<span>3</span>" in html
    assert 'href="/search/?tier=industry"' in html and "<span>2</span>" in html


def test_the_checks_widget_lists_only_my_own_recent_checks(make_user):
    me, other = make_user("me"), make_user("other")
    create_check(CheckRequest(text="GB 50204-2015", title="我的工程"), owner=me)
    create_check(CheckRequest(text="GB 50204-2015", title="别人的工程"), owner=other)
    html = widget_html(signed_in(me).get("/dashboard/").content.decode(), "recent-checks")
    assert "我的工程" in html and "别人的工程" not in html
    empty = widget_html(
        signed_in(make_user("new")).get("/dashboard/").content.decode(), "recent-checks"
    )
    assert 'href="/checks/"' in empty


@pytest.fixture
def extra_widget():
    before = dict(registry.dashboard)
    yield
    registry.dashboard.clear()
    registry.dashboard.update(before)


def test_an_app_adds_a_widget_with_its_own_rule_and_order(extra_widget, make_user):
    register_widget(
        DashboardWidget(
            key="staff-only",
            title="Staff only",
            template="checks/partials/widget_recent.html",
            context=lambda request: {"checks": []},
            order=1,
            visible=lambda user: user.username == "boss",
        )
    )
    boss = signed_in(make_user("boss")).get("/dashboard/").content.decode()
    assert boss.index('data-testid="widget-staff-only"') < boss.index("widget-catalogue-tiers")
    plain = signed_in(make_user("plain")).get("/dashboard/").content.decode()
    assert 'data-testid="widget-staff-only"' not in plain


def test_signed_in_people_reach_the_dashboard_from_the_account_menu(make_user):
    page = signed_in(make_user("li")).get("/").content.decode()
    assert 'class="dropdown-item" href="/dashboard/">工作台</a>' in page
    assert "/dashboard/" not in Client().get("/").content.decode()
