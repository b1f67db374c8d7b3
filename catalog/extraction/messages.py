"""Why a document cannot be read, in words a person understands."""

from __future__ import annotations

from django.utils.translation import gettext as _


def read_error_message(code: str, params: dict | None = None) -> str:
    """Why a document cannot be read, in the person's language, naming the limit reached."""
    limits = {
        "pdf_pages": _("The PDF has more than %(limit)s pages; the limit is %(limit)s pages."),
        "timeout": _("Reading the file took longer than %(limit)s seconds, the limit."),
        "memory": _("Reading the file needs more than %(limit)s MB of memory, the limit."),
    }
    if code in limits and params and "limit" in params:
        limit = float(params["limit"])
        return limits[code] % {"limit": int(limit) if limit.is_integer() else f"{limit:g}"}
    messages = {
        "unsupported": _("This file type is not supported."),
        "encoding": _("The text is neither UTF-8 nor GB18030 encoded."),
        "binary": _("The file is binary, not text."),
        "csv": _("The CSV file is malformed."),
        "xlsx": _("The file is not a readable xlsx workbook."),
        "docx": _("The file is not a readable docx document."),
        "pdf": _("The file is not a readable PDF."),
        "pdf_password": _("The PDF is password-protected."),
        "too_large": _("The workbook has too many cells."),
    }
    return messages.get(code, _("The file cannot be read."))
