"""Roles held in one body: restrict() gives their permissions there and nowhere else."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.exceptions import AccountError
from accounts.models import RoleCode
from accounts.services.roles import assign_role
from audit.models import AuditEntry
from bodies.exceptions import BodyError, BodyPermissionError
from bodies.models import Body, BodyMembership
from bodies.roles import BODY_MEMBER
from bodies.scopes import bodies_of, body_roles, has_body_permission
from bodies.services import add_member, create_body, end_membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user, make_org):
    """Alliances A, B, C; one person secretariat of A and member of B; the base office."""
    office = make_user("office", roles=[RoleCode.BASE_OFFICE])
    a = create_body(kind="alliance", name="联盟甲", standard_code="T/HNA", actor=office)
    b = create_body(kind="alliance", name="联盟乙", standard_code="T/HNB", actor=office)
    c = create_body(kind="alliance", name="联盟丙", standard_code="T/HNC", actor=office)
    person, other = make_user("person"), make_user("other")
    add_member(a, RoleCode.SECRETARIAT, user=person, actor=office)
    add_member(b, BODY_MEMBER, user=person, actor=office)
    for body in (a, b, c):
        add_member(body, BODY_MEMBER, user=other, actor=office)
        add_member(body, BODY_MEMBER, organization=make_org(f"{body.name}成员单位"), actor=office)
    return {"a": a, "b": b, "c": c, "person": person, "office": office, "other": other}


def bodies_seen(user, action: str) -> set[str]:
    rows = BodyMembership.objects.restrict(user, action).select_related("body")
    return {m.body.name for m in rows}


def test_secretariat_of_a_member_of_b_changes_a_views_b_nothing_of_c(world):
    person = world["person"]
    assert bodies_seen(person, "view") == {"联盟甲", "联盟乙"}
    assert bodies_seen(person, "change") == {"联盟甲"}
    assert bodies_seen(person, "delete") == {"联盟甲"}
    assert set(Body.objects.restrict(person, "change").values_list("name", flat=True)) == {"联盟甲"}
    # Bodies themselves are public pages.
    assert Body.objects.restrict(None, "view").count() == 3


def test_base_office_sees_and_changes_every_body(world):
    office = world["office"]
    assert bodies_seen(office, "view") == {"联盟甲", "联盟乙", "联盟丙"}
    assert bodies_seen(office, "change") == {"联盟甲", "联盟乙", "联盟丙"}


def test_a_plain_member_and_an_outsider(world, make_user):
    assert bodies_seen(world["other"], "view") == {"联盟甲", "联盟乙", "联盟丙"}
    assert bodies_seen(world["other"], "change") == set()
    assert bodies_seen(make_user("outsider"), "view") == set()
    assert bodies_seen(None, "view") == set()


def test_the_services_enforce_the_same_scope(world, make_user):
    person, newcomer = world["person"], make_user("newcomer")
    membership = add_member(world["a"], BODY_MEMBER, user=newcomer, actor=person)
    assert membership.body == world["a"]
    for body in (world["b"], world["c"]):
        with pytest.raises(BodyPermissionError) as refused:
            add_member(body, BODY_MEMBER, user=newcomer, actor=person)
        assert refused.value.message == f"您无权管理{body}的成员。"
    assert not BodyMembership.objects.filter(user=newcomer, body=world["b"]).exists()


def test_a_role_in_an_alliance_reaches_its_working_groups(world):
    person = world["person"]
    wg = create_body(kind="wg", name="标准工作组", parent=world["a"], actor=person)
    other_wg = create_body(kind="wg", name="乙工作组", parent=world["b"], actor=world["office"])
    assert has_body_permission(person, "bodies.change_body", wg)
    assert not has_body_permission(person, "bodies.change_body", other_wg)
    assert body_roles(person, wg) == {RoleCode.SECRETARIAT}
    with pytest.raises(BodyPermissionError):
        create_body(kind="wg", name="越权工作组", parent=world["c"], actor=person)


def test_ended_memberships_grant_nothing(world):
    person, office = world["person"], world["office"]
    held = BodyMembership.objects.get(user=person, body=world["a"])
    end_membership(held, actor=office)
    assert bodies_seen(person, "change") == set()
    assert set(bodies_of(person).values_list("name", flat=True)) == {"联盟乙"}
    held.refresh_from_db()
    assert held.ended_on == timezone.localdate()
    with pytest.raises(BodyError):
        end_membership(held, actor=office)


def test_every_change_is_audited_in_its_transaction(world):
    actions = list(
        AuditEntry.objects.filter(action__startswith="bodies.").values_list("action", flat=True)
    )
    assert actions.count("bodies.body.created") == 3
    assert actions.count("bodies.membership.added") == 8


def test_duplicate_role_and_unknown_role_are_refused_without_changes(world):
    before = BodyMembership.objects.count()
    with pytest.raises(BodyError):
        add_member(world["a"], RoleCode.SECRETARIAT, user=world["person"], actor=world["office"])
    with pytest.raises(BodyError):
        add_member(world["a"], "no_such_role", user=world["person"], actor=world["office"])
    # The audit administrator is a platform role, never one held in a body.
    with pytest.raises(BodyError):
        add_member(world["a"], RoleCode.AUDIT_ADMIN, user=world["person"], actor=world["office"])
    assert BodyMembership.objects.count() == before


def test_global_roles_and_the_three_administrators_keep_working(world, make_user):
    security = make_user("security", roles=[RoleCode.SECURITY_ADMIN])
    person = world["person"]
    assign_role(person, RoleCode.AUDIT_ADMIN, actor=security)
    with pytest.raises(AccountError):
        # A body-only role is never assigned platform-wide.
        assign_role(person, BODY_MEMBER, actor=security)
    # The global audit role gives nothing in bodies; the body role still applies.
    assert bodies_seen(person, "change") == {"联盟甲"}


def test_committee_numbers_are_normalised_and_checked(world):
    office = world["office"]
    tc = create_body(kind="tc", name="全国电工术语标委会", number="sac/tc124", actor=office)
    assert tc.number == "SAC/TC 124"
    sc = create_body(kind="sc", name="分委会", number="SAC/TC 124 / SC3", parent=tc, actor=office)
    assert sc.number == "SAC/TC 124/SC 3"
    for kind, number, parent in [
        ("tc", "TC 124", None),
        ("tc", "SAC/TC 124", None),
        ("sc", "SAC/TC 125/SC 1", tc),
        ("sc", "SAC/TC 124/SC 4", None),
        ("tc", "", None),
    ]:
        with pytest.raises(BodyError):
            create_body(kind=kind, name="x", number=number, parent=parent, actor=office)
    assert Body.objects.filter(kind__in=["tc", "sc"]).count() == 2


def test_document_search_finds_body_documents_through_the_bodies_a_person_holds_a_role_in(world):
    from core.registry import registry

    member_ids = registry.scopes["body"]
    assert set(member_ids(world["person"])) == {world["a"].pk, world["b"].pk}
    assert set(member_ids(world["office"])) == set()
