"""Models of the service desk: consulting requests, their thread, attachments and SLAs."""

from consulting.models.links import ServiceLink
from consulting.models.requests import (
    REQUEST_PROCESS,
    Attachment,
    Kind,
    Message,
    ServiceRequest,
    SlaPolicy,
)

__all__ = [
    "REQUEST_PROCESS",
    "Attachment",
    "Kind",
    "Message",
    "ServiceLink",
    "ServiceRequest",
    "SlaPolicy",
]
