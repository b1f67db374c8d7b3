"""Search scope of bodies: documents restricted to a body are found by its members."""

from core.registry import register_scope


def _body_ids(user):
    from bodies.scopes import bodies_of

    return bodies_of(user).values_list("pk", flat=True)


register_scope("body", _body_ids)
