"""The words of the page frame, in the active language."""

from __future__ import annotations

from django.utils.translation import gettext as _


def page_label(page: int | str, pages: int | str) -> str:
    """ "Page 2 of 5" (第 2 页，共 5 页)."""
    return _("Page %(page)s of %(pages)s") % {"page": page, "pages": pages}


def code_label(code: str) -> str:
    """ "Verification code: 7K3Q9"."""
    return _("Verification code: %(code)s") % {"code": code}


def verify_sentence(url: str, code: str) -> str:
    """The default sentence beside the QR code."""
    return _("Scan the code or open %(url)s to verify this document (code %(code)s).") % {
        "url": url,
        "code": code,
    }
