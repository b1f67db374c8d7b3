"""E-mails about a person's own account (credential resets, invitations, registrations)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def absolute_url(path: str) -> str:
    """The address of `path` on this site, for links in e-mails."""
    return settings.SITE_URL + path


def password_link(user) -> str:
    """A single-use, expiring link with which `user` chooses a new password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute_url(
        reverse("accounts:password-reset-confirm", kwargs={"uidb64": uid, "token": token})
    )


def send_account_mail(address: str, template: str, context: dict) -> None:
    """Send `accounts/email/<template>_subject.txt` and `<template>.txt` to one address."""
    if not address:
        return
    subject = render_to_string(f"accounts/email/{template}_subject.txt", context)
    body = render_to_string(f"accounts/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, None, [address])
