"""Which bodies a person acts in, and with which permissions, through roles held there.

A role held in a body applies to that body and to every body beneath it (the secretariat of
an alliance runs its working groups too). Memberships count while they are in force.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.utils import timezone


def _active(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def _current_memberships(user):
    from bodies.models import BodyMembership

    return BodyMembership.objects.current().filter(user=user, body__is_active=True)


def _descendants(ids: set[int]) -> set[int]:
    """The given bodies and every body beneath them."""
    from bodies.models import Body

    children: dict[int, list[int]] = defaultdict(list)
    for pk, parent_id in Body.objects.filter(parent__isnull=False).values_list("pk", "parent_id"):
        children[parent_id].append(pk)
    found, stack = set(ids), list(ids)
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def _ancestors(body) -> list[int]:
    """The body's id and the ids of the bodies above it, nearest first."""
    from bodies.models import Body

    ids, parent_id = [body.pk], body.parent_id
    while parent_id is not None and parent_id not in ids:
        ids.append(parent_id)
        parent_id = Body.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
    return ids


def bodies_with_permission(user, permission: str) -> set[int]:
    """Ids of the bodies where a role the user holds grants `permission` ("app.codename")."""
    if not _active(user):
        return set()
    app_label, codename = permission.split(".", 1)
    direct = set(
        _current_memberships(user)
        .filter(
            role__permissions__content_type__app_label=app_label,
            role__permissions__codename=codename,
        )
        .values_list("body_id", flat=True)
    )
    return _descendants(direct) if direct else set()


def body_roles(user, body) -> frozenset[str]:
    """Role codes the user holds in `body` or in a body above it."""
    if not _active(user) or body is None:
        return frozenset()
    codes = _current_memberships(user).filter(body_id__in=_ancestors(body))
    return frozenset(codes.values_list("role__code", flat=True))


def has_body_permission(user, permission: str, body) -> bool:
    """True when the user holds `permission` globally or through a role in `body` (or above)."""
    if not _active(user):
        return False
    if user.has_perm(permission):
        return True
    return body is not None and body.pk in bodies_with_permission(user, permission)


def bodies_of(user):
    """The active bodies in which the user currently holds a role."""
    from bodies.models import Body

    if not _active(user):
        return Body.objects.none()
    today = timezone.localdate()
    held = Q(memberships__user=user, memberships__joined_on__lte=today) & (
        Q(memberships__ended_on__isnull=True) | Q(memberships__ended_on__gt=today)
    )
    return Body.objects.active().filter(held).distinct()


def body_of(obj):
    """The body an object belongs to, as its queryset's `body_path` declares (or None)."""
    from bodies.models import Body
    from bodies.querysets import BodyScopedQuerySet

    if obj is None or isinstance(obj, Body):
        return obj
    queryset = type(obj)._default_manager.get_queryset()
    if not isinstance(queryset, BodyScopedQuerySet):
        return None
    target = obj
    for step in queryset.body_path.split("__"):
        target = getattr(target, step, None)
        if target is None:
            return None
    return target if isinstance(target, Body) else None
