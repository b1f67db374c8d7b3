"""Storing a base's documents and evidence through the shared upload checks."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import log_action
from core.uploads import safe_filename, validate_upload
from governance.exceptions import GovernanceError
from governance.models import Document, DocumentKind
from governance.services.access import is_unit_member, may

DOCUMENT_KINDS = {"pdf", "docx", "xlsx", "csv", "txt", "md"}


def store_document(
    base,
    uploaded_file,
    *,
    kind: str,
    user,
    stage: str = "",
    title: str = "",
    unit=None,
    request=None,
) -> Document:
    """Check and keep one uploaded file of a base (the office, or the unit for its evidence)."""
    if kind not in DocumentKind.values:
        raise GovernanceError(_("Unknown kind of document."))
    if not (may(user, "add_document", base) or (unit is not None and is_unit_member(user, unit))):
        raise GovernanceError(_("You may not upload documents to %(base)s.") % {"base": base})
    if uploaded_file is None:
        raise GovernanceError(_("Choose a file to upload."))
    file_kind = validate_upload(uploaded_file, DOCUMENT_KINDS)
    data = uploaded_file.read()
    name = safe_filename(getattr(uploaded_file, "name", "") or "document", file_kind)
    with transaction.atomic():
        document = Document(
            base=base,
            kind=kind,
            stage=stage,
            title=(title or "").strip()[:200] or name,
            filename=name,
            file_kind=file_kind,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by=user,
        )
        document.file.save(name, ContentFile(data), save=False)
        document.save()
        log_action(
            "governance.document.uploaded",
            actor=user,
            obj=document,
            after={"base": base.code, "kind": kind, "stage": stage, "sha256": document.sha256},
            request=request,
        )
    return document
