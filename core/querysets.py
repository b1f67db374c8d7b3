"""Object-level permissions expressed as querysets (NetBox style `.restrict(user, action)`).

A list page, a detail page, an export and an API endpoint all start from
`Model.objects.restrict(request.user, "view")`, so they see the same rows and no view can
forget the check. Rules, in order:

1. actions listed in the model queryset's `public_actions` return every row to anyone;
2. anonymous or inactive users get nothing else;
3. a user holding the model permission `<app>.<action>_<model>` (from a role, a group or
   directly) gets every row;
4. otherwise the queryset's `object_filter(user, action)` may return a `Q` describing the rows
   the user may act on (their own, their organisation's), and its `scope_filter(user, action)`
   the rows of the bodies in which the user holds a role granting the permission
   (`bodies.querysets.BodyScopedQuerySet` declares which body an object belongs to); the
   user gets the union of both; `None` from both means no rows.
"""

from __future__ import annotations

from django.db import models

ACTIONS = ("view", "add", "change", "delete")


def permission_name(model: type[models.Model], action: str) -> str:
    """Return the Django permission string for an action on a model: `app.view_model`."""
    opts = model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def restrict_queryset(queryset: models.QuerySet, user, action: str = "view") -> models.QuerySet:
    """Filter any queryset down to the rows `user` may perform `action` on."""
    if action in getattr(queryset, "public_actions", ()):
        return queryset
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if user.has_perm(permission_name(queryset.model, action)):
        return queryset
    condition = None
    for hook in ("object_filter", "scope_filter"):
        method = getattr(queryset, hook, None)
        extra = method(user, action) if method else None
        if extra is not None:
            condition = extra if condition is None else condition | extra
    if condition is None:
        return queryset.none()
    # A subquery keeps the result free of duplicates that joins in `condition` would cause.
    allowed = queryset.model._base_manager.filter(condition).values("pk")
    return queryset.filter(pk__in=allowed)


class RestrictedQuerySet(models.QuerySet):
    """A queryset that knows which rows a user may see or change."""

    #: Actions that anyone, even an anonymous visitor, may perform on every row.
    public_actions: frozenset[str] = frozenset()

    def restrict(self, user, action: str = "view") -> RestrictedQuerySet:
        """Return only the rows `user` may perform `action` ("view", "change", ...) on."""
        return restrict_queryset(self, user, action)

    def object_filter(self, user, action: str) -> models.Q | None:
        """Rows a user without the model permission may act on; override per model."""
        return None

    def scope_filter(self, user, action: str) -> models.Q | None:
        """Rows a user may act on through a role held in a body; see BodyScopedQuerySet."""
        return None


class OwnedQuerySet(RestrictedQuerySet):
    """Rows belong to one person: `owner_field` names the user who owns a row."""

    owner_field = "owner"

    def object_filter(self, user, action: str) -> models.Q | None:
        return models.Q(**{self.owner_field: user})
