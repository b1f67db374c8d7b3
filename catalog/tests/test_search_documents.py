"""Other apps' documents through the search service: ranked in the engine, permissions in SQL."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.test import Client

from accounts.models import Organization
from accounts.tests import conftest as account_fixtures
from accounts.tests.conftest import signed_in
from catalog.search import SearchError
from catalog.search.generic import index_objects, rebuild_documents, search_documents
from checks.models import WatchList
from core.registry import SearchDocument, SearchIndex, Visibility, register_search, registry

_roles = account_fixtures._roles
_fast_hashing = account_fixtures._fast_hashing
make_user = account_fixtures.make_user
make_org = account_fixtures.make_org

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user, make_org):
    owner, colleague, outsider = make_user("owner"), make_user("colleague"), make_user("outsider")
    org = make_org("甲建筑设计院", admin=owner, members=[colleague])
    lists = {
        "personal": WatchList.objects.create(
            name="混凝土结构规范", description="个人关注", owner=owner
        ),
        "shared": WatchList.objects.create(
            name="院内规范清单",
            description="混凝土、钢结构相关标准",
            owner=owner,
            organization=org,
        ),
        "other": WatchList.objects.create(
            name="混凝土外加剂", description="别人的清单", owner=outsider
        ),
    }
    return {"owner": owner, "colleague": colleague, "outsider": outsider, "org": org, **lists}


def found(user, text: str = "混凝土", **kwargs) -> list[str]:
    return [hit.title for hit in search_documents(user, text, **kwargs).hits]


def test_each_person_finds_exactly_the_watch_lists_they_may_open(world):
    for who in ("owner", "colleague", "outsider"):
        user = world[who]
        allowed = set(
            WatchList.objects.restrict(user, "view")
            .filter(pk__in=[world[k].pk for k in ("personal", "shared", "other")])
            .values_list("name", flat=True)
        )
        assert set(found(user)) == allowed, who
    assert found(world["colleague"]) == ["院内规范清单"]
    assert found(AnonymousUser()) == []


def test_ranking_is_done_by_the_engine_title_before_text(world):
    # "混凝土" is in the personal list's name but only in the shared list's description.
    assert found(world["owner"]) == ["混凝土结构规范", "院内规范清单"]
    results = search_documents(world["owner"], "混凝土")
    assert results.counts == {"checks.watchlist": 2}
    assert results.hits[0].score != results.hits[1].score
    assert results.hits[0].url == f"/checks/watchlists/{world['personal'].pk}/"


def test_permissions_are_applied_before_the_limit_not_after(world):
    # The outsider's only visible list ranks below lists they may not see; a filter applied
    # after LIMIT 1 in Python would return nothing.
    assert found(world["outsider"], limit=1) == ["混凝土外加剂"]
    assert search_documents(world["outsider"], "混凝土", limit=1).total == 1


def test_view_all_permission_finds_everything_like_restrict(world, make_user):
    office = make_user("office")
    office.user_permissions.add(Permission.objects.get(codename="view_watchlist"))
    assert len(found(office)) == 3


def test_saving_renaming_and_deleting_keep_the_index_current(world):
    personal = world["personal"]
    personal.name = "钢结构规范"
    personal.save()
    assert "钢结构规范" in found(world["owner"], "钢结构")
    assert "混凝土结构规范" not in found(world["owner"])
    personal.delete()
    assert found(world["owner"], "钢结构") == ["院内规范清单"]
    assert rebuild_documents() == 2
    # Engine operators in the text are words, never syntax.
    assert found(world["owner"], '钢结构" OR "外加剂') == []


def test_english_words_prefixes_and_unknown_models(world):
    WatchList.objects.create(name="Quality management suppliers", owner=world["owner"])
    assert found(world["owner"], "supplier") == ["Quality management suppliers"]
    assert found(world["owner"], "quality manag") == ["Quality management suppliers"]
    assert found(world["owner"], "   ") == []
    with pytest.raises(SearchError):
        search_documents(world["owner"], "x", models=["nothing.here"])
    with pytest.raises(SearchError):
        search_documents(world["owner"], "质" * 10_000)


class PublicOrganizationIndex(SearchIndex):
    """Organisations as public documents (test declaration)."""

    model = Organization
    label = "机构"
    visibility = Visibility.PUBLIC

    def document(self, obj: Organization) -> SearchDocument:
        return SearchDocument(title=obj.name, text="", url="/", visibility=self.visibility)


@pytest.fixture
def organisations_declared():
    register_search(PublicOrganizationIndex)
    yield PublicOrganizationIndex
    registry.search.pop("accounts.organization")


def test_public_and_signed_in_visibility_and_model_selection(world, organisations_declared):
    index_objects(Organization.objects.all())
    assert found(AnonymousUser(), "建筑设计院") == ["甲建筑设计院"]
    organisations_declared.visibility = Visibility.AUTHENTICATED
    try:
        index_objects(Organization.objects.all())
        assert found(AnonymousUser(), "建筑设计院") == []
        assert found(world["outsider"], "建筑设计院") == ["甲建筑设计院"]
    finally:
        organisations_declared.visibility = Visibility.PUBLIC
    assert found(world["owner"], "混凝土", models=[Organization]) == []
    both = search_documents(world["owner"], "规范", models=[Organization, WatchList])
    assert [label for label, _count, _hits in both.sections()] == ["关注清单"]


def test_the_search_page_shows_matching_documents_to_those_who_may_see_them(world):
    owner_page = signed_in(world["owner"]).get("/search/", {"q": "混凝土"}).content.decode()
    assert 'data-testid="document-results"' in owner_page and "混凝土结构规范" in owner_page
    colleague_page = signed_in(world["colleague"]).get("/search/", {"q": "混凝土"})
    assert "院内规范清单" in colleague_page.content.decode()
    assert "混凝土结构规范" not in colleague_page.content.decode()
    anonymous = Client().get("/search/", {"q": "混凝土"}).content.decode()
    assert 'data-testid="document-results"' not in anonymous


def test_rows_of_objects_gone_without_signals_are_pruned_after_a_flush_or_migrate(world):
    from django.db import connection

    from catalog.search.generic import prune_documents

    with connection.cursor() as cursor:  # a raw delete, as a flush or a restore does
        cursor.execute("DELETE FROM checks_watchlist WHERE id = %s", [world["other"].pk])
    prune_documents()
    everything = make_everything_visible(world["outsider"])
    assert set(found(everything)) == {"混凝土结构规范", "院内规范清单"}


def make_everything_visible(user):
    user.user_permissions.add(Permission.objects.get(codename="view_watchlist"))
    return type(user).objects.get(pk=user.pk)  # fresh permission cache
