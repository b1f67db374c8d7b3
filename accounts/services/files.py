"""Storing validated uploads outside the web root and finding them for download."""

from __future__ import annotations

import hashlib
import uuid

from django.core.files.base import File
from django.utils.translation import gettext as _

from accounts.exceptions import NotAuthorizedError
from accounts.models import Membership, StoredFile
from audit.services import log_action
from core.uploads import safe_filename, validate_upload


def store_upload(
    uploaded_file,
    *,
    owner,
    allowed: set[str],
    organization=None,
    purpose: str = "",
    request=None,
) -> StoredFile:
    """Validate an upload by content and keep it under a random name; returns the record."""
    kind = validate_upload(uploaded_file, allowed)
    if (
        organization is not None
        and not Membership.objects.filter(user=owner, organization=organization).exists()
    ):
        raise NotAuthorizedError(_("You can only share files with your own organisation."))
    sha = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        sha.update(chunk)
    uploaded_file.seek(0)
    stored = StoredFile(
        owner=owner,
        organization=organization,
        original_name=safe_filename(uploaded_file.name, kind),
        kind=kind,
        size=uploaded_file.size,
        sha256=sha.hexdigest(),
        purpose=purpose[:60],
    )
    # The name on disk is random: nothing the uploader typed reaches the file system.
    stored.file.save(f"{uuid.uuid4().hex}.{kind}", File(uploaded_file), save=False)
    stored.save()
    log_action(
        "accounts.file.uploaded",
        actor=owner,
        obj=stored,
        after={"kind": kind, "size": stored.size, "sha256": stored.sha256},
        request=request,
    )
    return stored


def record_download(stored: StoredFile, *, actor, request=None) -> None:
    """Audit that a person downloaded a stored file (the view checked who may)."""
    log_action("accounts.file.downloaded", actor=actor, obj=stored, request=request)


def record_member_export(organization, rows: int, *, actor, request=None) -> None:
    """Audit an export of an organisation's member list (personal data)."""
    log_action(
        "accounts.membership.exported",
        actor=actor,
        obj=organization,
        after={"rows": rows},
        request=request,
    )
