"""People who sign in to StdBase."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from accounts.validators import mask_id_number, mask_phone, validate_id_number, validate_mobile
from core.fields import EncryptedCharField


class StdBaseUserManager(UserManager):
    """User manager whose natural key lookup ignores the case of the username."""

    def get_by_natural_key(self, username):
        from accounts.usernames import normalize_username

        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": normalize_username(username)})


def look_alike_taken(username: str, *, exclude_pk=None) -> bool:
    """True when another account's username looks the same (full-width, Cyrillic, case)."""
    from accounts.usernames import username_skeleton

    others = User.objects.filter(username_skeleton=username_skeleton(username))
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    return others.exists()


class User(AbstractUser):
    """A person with an account; personal data fields are encrypted at rest."""

    email = models.EmailField(_("email address"), blank=True)
    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    phone = EncryptedCharField(
        _("mobile phone"), max_length=20, blank=True, validators=[validate_mobile]
    )
    id_number = EncryptedCharField(
        _("resident ID number"), max_length=18, blank=True, validators=[validate_id_number]
    )
    must_change_password = models.BooleanField(_("must change password"), default=False)
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)
    anonymized_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    # Part of the session hash: incrementing it signs the user out of every session.
    session_version = models.PositiveIntegerField(_("session version"), default=0)
    # What the username looks like (accounts.usernames): look-alikes share a skeleton.
    username_skeleton = models.CharField(
        _("username skeleton"), max_length=150, blank=True, db_index=True, editable=False
    )

    objects = StdBaseUserManager()

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_email_unique_ci",
                violation_error_message=_("A user with this email address already exists."),
            ),
            models.UniqueConstraint(
                Lower("username"),
                name="accounts_user_username_unique_ci",
                violation_error_message=_("A user with this username already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    def clean(self):
        super().clean()
        from accounts.usernames import validate_username_script

        validate_username_script(self.username)
        if look_alike_taken(self.username, exclude_pk=self.pk):
            raise ValidationError({"username": _("This username is taken.")})

    def save(self, *args, **kwargs):
        from accounts.usernames import normalize_username, username_skeleton

        self.username = normalize_username(self.username)
        self.username_skeleton = username_skeleton(self.username)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "username" in update_fields:
            kwargs["update_fields"] = {*update_fields, "username_skeleton"}
        super().save(*args, **kwargs)

    def _get_session_auth_hash(self, secret=None):
        key_salt = "accounts.User.get_session_auth_hash"
        value = f"{self.password}:{self.session_version}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    @property
    def masked_phone(self) -> str:
        """The phone number as shown in lists."""
        return mask_phone(self.phone)

    @property
    def masked_id_number(self) -> str:
        """The ID number as shown in lists."""
        return mask_id_number(self.id_number)
