"""Map domain errors raised by services to API responses, once for the whole API."""

from __future__ import annotations

from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.exceptions import DomainError


def exception_handler(exc, context):
    """Turn a DomainError into a 400 with its readable message; defer to DRF otherwise."""
    if isinstance(exc, DomainError):
        return Response(
            {"detail": exc.message, "code": exc.code}, status=status.HTTP_400_BAD_REQUEST
        )
    return drf_exception_handler(exc, context)
