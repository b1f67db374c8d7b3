"""`stdbase ensure_admin`: create the system administrator once, with a generated password."""

from __future__ import annotations

import secrets
import string

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import RoleCode
from accounts.role_defaults import ensure_roles
from accounts.services.roles import assign_role
from audit.services import log_action

ALPHABET = string.ascii_letters + string.digits + "-_.!@#%+="


def generate_password(length: int = 20) -> str:
    """A random password with letters, digits and punctuation from a CSPRNG."""
    while True:
        password = "".join(secrets.choice(ALPHABET) for _ in range(length))
        if (
            any(c.islower() for c in password)
            and any(c.isupper() for c in password)
            and any(c.isdigit() for c in password)
        ):
            return password


class Command(BaseCommand):
    help = "Create the system administrator if no superuser exists; print its password once."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="sysadmin")
        parser.add_argument("--email", default="")

    def handle(self, *args, username: str, email: str, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            if options["verbosity"] >= 2:
                self.stdout.write("An administrator account exists; nothing to do.")
            return
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"user {username!r} exists but is not an administrator")
        ensure_roles()
        password = generate_password()
        with transaction.atomic():
            user = User.objects.create_superuser(
                username=username, email=email, password=password, must_change_password=True
            )
            assign_role(user, RoleCode.SYSTEM_ADMIN)
            log_action("accounts.admin.bootstrapped", obj=user, detail="ensure_admin")
        self.stdout.write(
            self.style.WARNING(
                "\n".join(
                    [
                        "Created the system administrator account (shown only once):",
                        f"  username: {username}",
                        f"  password: {password}",
                        "Change the password and set up two-factor authentication (TOTP)",
                        "at the first sign-in; the account cannot be used without it.",
                    ]
                )
            )
        )
