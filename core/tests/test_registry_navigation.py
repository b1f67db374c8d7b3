"""The header is built from the apps' navigation declarations: the same links, per role."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from accounts.models import RoleCode
from accounts.tests import conftest as account_fixtures
from accounts.tests.conftest import signed_in
from core.registry import NavItem, register_navigation, registry

_roles = account_fixtures._roles
_fast_hashing = account_fixtures._fast_hashing
make_user = account_fixtures.make_user

pytestmark = pytest.mark.django_db

MAIN = [
    ("/search/", "检索"),
    ("/ics/", "ICS 分类"),
    ("/ccs/", "CCS 分类"),
    ("#", "中心"),  # the centres' menu: one entry per centre the person may use
    ("/development/bodies/", "标准研制"),
    ("/verification/centres/", "验证中心"),
    ("/talent/training/", "培训"),
    ("/research/analytics/", "战略研究"),
    ("/consulting/", "咨询服务"),
    ("/api/v1/docs/", "API 文档"),
]
ADMIN = [("/admin/", "管理")]  # staff only
VISITOR_TOOLS = [
    ("/checks/", "标准查新"),
    ("/accounts/login/", "登录"),
    ("/accounts/register/", "注册"),
]
MEMBER_TOOLS = [
    ("/checks/", "标准查新"),
    ("/checks/watchlists/", "关注清单"),
    ("/notifications/", "消息"),
    ("/accounts/profile/", None),  # the account menu's toggle shows the person's name
    ("/dashboard/", "工作台"),  # new with the dashboard registry
    ("/accounts/profile/", "我的账户"),
    ("/accounts/organizations/", "我的机构"),
    ("/accounts/tokens/", "API 令牌"),
    ("/talent/training/mine/", "我的培训"),
    ("/talent/experts/", "我的专家档案"),
]


def header_links(client: Client, path: str = "/checks/") -> list[tuple[str, str]]:
    page = client.get(path).content.decode()
    nav = page[page.index('id="site-nav"') : page.index("</nav>")]
    return [
        (href, re.sub(r"<[^>]+>|\s+", " ", text).strip())
        for href, text in re.findall(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', nav, re.S)
    ]


def expected(links, user=None):
    return [(href, text if text is not None else user.username) for href, text in links]


def test_visitors_see_the_catalogue_links_and_sign_in():
    assert header_links(Client()) == MAIN + VISITOR_TOOLS


@pytest.mark.parametrize(
    ("role", "extra"),
    [
        (None, []),
        (RoleCode.AUDIT_ADMIN, [("/audit/", "审计日志")]),
        (RoleCode.SECURITY_ADMIN, [("/accounts/security/users/", "用户与角色")]),
    ],
)
def test_signed_in_people_see_their_menu_and_role_links(make_user, role, extra):
    user = make_user("zhang", roles=[role] if role else [])
    links = header_links(signed_in(user))
    admin = ADMIN if user.is_staff else []
    assert links == MAIN + admin + expected(MEMBER_TOOLS, user) + extra


def test_only_staff_see_the_admin_link(make_user):
    staff = make_user("staffer", is_staff=True)
    assert ADMIN[0] in header_links(signed_in(staff))
    assert ADMIN[0] not in header_links(signed_in(make_user("plain")))
    assert ADMIN[0] not in header_links(Client())


def test_the_current_section_is_highlighted():
    page = Client().get("/ics/").content.decode()
    assert re.search(r'class="nav-link active" aria-current="page" href="/ics/"', page)
    assert not re.search(r'class="nav-link active"[^>]*href="/search/"', page)


@pytest.fixture
def extra_entry():
    before = list(registry.navigation)
    yield
    registry.navigation[:] = before


def test_an_app_adds_an_entry_with_a_permission_without_touching_templates(extra_entry, make_user):
    from django.contrib.auth.models import Permission

    register_navigation(
        NavItem("Audit export", "audit:export-csv", order=15, permission="audit.view_auditentry")
    )
    entry = ("/audit/export.csv", "Audit export")
    holder = make_user("holder")
    holder.user_permissions.add(Permission.objects.get(codename="view_auditentry"))
    assert entry not in header_links(Client())
    assert entry not in header_links(signed_in(make_user("plain")))
    assert header_links(signed_in(holder)).index(entry) == 1  # after 检索 (order 10)


def test_centre_entries_share_one_menu_between_the_catalogue_and_the_platform_links(
    make_user,
):
    page = Client().get("/checks/").content.decode()
    menu = page[page.index('data-testid="centres-menu"') :]
    menu = menu[: menu.index("</li>\n")]
    assert 'class="dropdown-item" href="/talent/training/"' in page
    assert page.index("ICS 分类") < page.index('id="centres-menu"') < page.index("API 文档")
    assert "dropdown-menu" in menu


def test_the_centres_menu_is_highlighted_on_a_centre_page():
    page = Client().get("/talent/training/").content.decode()
    assert re.search(r'class="nav-link dropdown-toggle active"', page)
    assert re.search(
        r'class="dropdown-item active" aria-current="page" href="/talent/training/"', page
    )


def test_an_unknown_group_is_refused():
    with pytest.raises(ValueError, match="unknown navigation group"):
        NavItem("x", "catalog:search", group="sidebar")
