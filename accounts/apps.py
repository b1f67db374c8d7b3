from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """People, organisations, roles and authentication."""

    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from accounts import signals  # noqa: F401 - connects the audit receivers
        from accounts.api import schema  # noqa: F401 - registers the OpenAPI auth scheme
        from accounts.role_defaults import ensure_roles, register_builtin_roles
        from accounts.roles import roles_of
        from core.roles import set_holder_lookup

        register_builtin_roles()
        set_holder_lookup(roles_of)
        # Runs after every app migrated (and after test flushes), when permissions exist.
        post_migrate.connect(ensure_roles, dispatch_uid="accounts.ensure_roles")
