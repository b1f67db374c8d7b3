"""Map errors raised by services and DRF to one API error shape, once for the whole API.

Every error answer of the API is ``{"detail": <readable message>, "code": <machine code>}``;
a validation error adds ``"errors"`` with the messages per parameter.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.exceptions import DomainError


class BadRequest(exceptions.APIException):
    """A 400 answer with a readable message, a code and optional extra fields."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = _("The request is not valid.")
    default_code = "invalid"

    def __init__(self, detail: str, *, code: str | None = None, **extra: Any):
        super().__init__(detail, code)
        self.extra = extra


class PageOutOfRange(BadRequest):
    """The requested page does not exist in the result list."""

    default_code = "page_out_of_range"


def _first_message(errors: Any) -> str:
    """The first message of a nested DRF error structure, prefixed by its parameter."""
    if isinstance(errors, dict):
        for key, value in errors.items():
            message = _first_message(value)
            if message:
                return message if key in ("non_field_errors", "detail") else f"{key}: {message}"
        return ""
    if isinstance(errors, list | tuple):
        for value in errors:
            message = _first_message(value)
            if message:
                return message
        return ""
    return str(errors)


def _messages(errors: Any) -> list[str]:
    """Every message of a nested error structure, as a flat list."""
    if isinstance(errors, dict):
        return [m for value in errors.values() for m in _messages(value)]
    if isinstance(errors, list | tuple):
        return [m for value in errors for m in _messages(value)]
    return [str(errors)]


def error_body(exc: exceptions.APIException, data: Any) -> dict[str, Any]:
    """The uniform error body for a DRF exception and the data DRF made of it."""
    if isinstance(exc, exceptions.ValidationError):
        raw = data if isinstance(data, dict) else {"non_field_errors": data}
        errors = {str(key): _messages(value) for key, value in raw.items()}
        return {
            "detail": str(
                _("Invalid parameter. %(message)s") % {"message": _first_message(errors)}
            ),
            "code": "invalid",
            "errors": errors,
        }
    detail = data.get("detail", "") if isinstance(data, dict) else _first_message(data)
    code = getattr(exc.detail, "code", None) if hasattr(exc, "detail") else None
    body: dict[str, Any] = {"detail": str(detail), "code": code or exc.default_code}
    body.update(getattr(exc, "extra", None) or {})
    return body


def exception_handler(exc, context):
    """Turn a DomainError into a 400 with its readable message; shape every DRF error alike."""
    if isinstance(exc, DomainError):
        return Response(
            {"detail": exc.message, "code": exc.code}, status=status.HTTP_400_BAD_REQUEST
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = error_body(exc, response.data)
    return response
