"""Authentication backend: username or email + password, sign-in delays, role permissions."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from accounts.services.lockout import is_locked, source_of


def find_user(identifier: str):
    """The active or inactive user whose username or email matches, ignoring case."""
    from accounts.usernames import normalize_username

    User = get_user_model()
    identifier = normalize_username(identifier)
    if not identifier:
        return None
    field = "email__iexact" if "@" in identifier else "username__iexact"
    return User._default_manager.filter(**{field: identifier}).first()


class StdBaseBackend(ModelBackend):
    """Signs people in by username or email and grants the permissions of their roles."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD) or kwargs.get("email")
        if not username or password is None:
            return None
        if is_locked(username, source_of(request)):
            # Stops every backend; django.contrib.auth then sends user_login_failed.
            raise PermissionDenied("sign-in delayed for this source")
        user = find_user(username)
        if user is None:
            # Hash anyway so that response time does not reveal which accounts exist.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def _get_group_permissions(self, user_obj):
        return Permission.objects.filter(
            Q(group__user=user_obj) | Q(stdbase_roles__assignments__user=user_obj)
        ).distinct()
