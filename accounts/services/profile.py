"""Changing one's own profile fields, audited."""

from __future__ import annotations

from django.db import transaction

from audit.services import log_action

#: Profile fields a person may change about themselves through the API.
EDITABLE = ("display_name",)


def update_profile(user, changes: dict, *, request=None):
    """Apply the person's own profile changes and write one audit entry in one transaction."""
    fields = [name for name in EDITABLE if name in changes]
    before = {name: getattr(user, name) for name in fields}
    with transaction.atomic():
        for name in fields:
            setattr(user, name, changes[name])
        if fields:
            user.save(update_fields=fields)
        log_action(
            "accounts.user.updated",
            actor=user,
            obj=user,
            before=before,
            after={name: getattr(user, name) for name in fields},
            request=request,
        )
    return user
