"""Model fields shared by every app."""

from __future__ import annotations

from django.core import validators
from django.db import models

from core import crypto


class EncryptedCharField(models.TextField):
    """A short text stored encrypted at rest; `max_length` bounds the plaintext."""

    def __init__(self, *args, max_length: int = 255, **kwargs):
        self.plaintext_max_length = max_length
        super().__init__(*args, **kwargs)
        self.validators.append(validators.MaxLengthValidator(max_length))

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["max_length"] = self.plaintext_max_length
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return None if value is None else crypto.decrypt(value)

    def to_python(self, value):
        return value if value is None else str(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or crypto.is_ciphertext(value):
            # Already encrypted (loaded from a backup made by value_to_string).
            return value
        return crypto.encrypt(value)

    def value_to_string(self, obj):
        # Serialised data (dumpdata, backups) keeps the ciphertext, never the plaintext.
        value = self.value_from_object(obj)
        return crypto.encrypt(value) if value else value

    def formfield(self, **kwargs):
        from django import forms

        return super().formfield(
            **{"max_length": self.plaintext_max_length, "widget": forms.TextInput, **kwargs}
        )
