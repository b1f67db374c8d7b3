"""Querysets whose rows belong to a body: `restrict()` then honours roles held in bodies."""

from __future__ import annotations

from django.db import models

from core.querysets import RestrictedQuerySet, permission_name


class BodyScopedQuerySet(RestrictedQuerySet):
    """Rows of a body; a role held in that body (or one above it) grants its permissions there.

    Set `body_path` to the lookup from the model to its `bodies.Body` ("alliance",
    "project__committee"; "pk" for `Body` itself). A person holding a body role whose
    permissions include `<app>.<action>_<model>` then acts on the rows of that body and of the
    bodies beneath it (an alliance's working groups); a global holder of the permission (the
    base office) still sees every row.
    """

    body_path: str = "body"

    def scope_filter(self, user, action: str) -> models.Q | None:
        from bodies.scopes import bodies_with_permission

        ids = bodies_with_permission(user, permission_name(self.model, action))
        if not ids:
            return None
        return models.Q(**{f"{self.body_path}__in": sorted(ids)})
