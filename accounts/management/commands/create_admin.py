"""`stdbase create_admin ROLE USERNAME`: bootstrap the security or audit administrator.

The system administrator cannot grant roles (三员分立), so the first security and audit
administrators are created by the operator at the console, with a generated password.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.management.commands.ensure_admin import generate_password
from accounts.models import RoleCode
from accounts.role_defaults import ensure_roles
from accounts.services.roles import assign_role

CHOICES = [RoleCode.SECURITY_ADMIN, RoleCode.AUDIT_ADMIN, RoleCode.SYSTEM_ADMIN]


class Command(BaseCommand):
    help = "Create an administrator account (security_admin, audit_admin or system_admin)."

    def add_arguments(self, parser):
        parser.add_argument("role", choices=[c.value for c in CHOICES])
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, role: str, username: str, email: str, **options):
        User = get_user_model()
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"user {username!r} exists already")
        ensure_roles()
        password = generate_password()
        with transaction.atomic():
            user = User.objects.create_user(
                username=username, email=email, password=password, must_change_password=True
            )
            assign_role(user, role)
        self.stdout.write(
            self.style.WARNING(
                f"Created {role} {username!r}; password (shown only once): {password}\n"
                "Change it and set up two-factor authentication at the first sign-in."
            )
        )
