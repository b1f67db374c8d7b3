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

        _name_totp_devices()
        register_builtin_roles()
        set_holder_lookup(roles_of)
        # Runs after every app migrated (and after test flushes), when permissions exist.
        post_migrate.connect(ensure_roles, dispatch_uid="accounts.ensure_roles")


def _name_totp_devices() -> None:
    """django-otp names its app and model in untranslated English ("OTP_TOTP", "TOTP
    devices"); give the admin index translatable names."""
    from django.apps import apps
    from django_otp.plugins.otp_totp.models import TOTPDevice

    apps.get_app_config("otp_totp").verbose_name = _("Two-factor authentication")
    TOTPDevice._meta.verbose_name = _("authenticator app")
    TOTPDevice._meta.verbose_name_plural = _("authenticator apps")
