"""Validated uploads: size limit and file type detected from the content, not the name.

Every module accepting files calls `validate_upload(file, {"pdf", "docx"})` before storing
it; the returned kind decides how the file is processed and served. Files are stored under
MEDIA_ROOT (inside the data directory, never served as static files) and handed out only by
permission-checked views.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext as _

from core.exceptions import DomainError

KINDS = frozenset({"pdf", "xlsx", "docx", "csv", "txt", "md"})
TEXT_KINDS = frozenset({"csv", "txt", "md"})
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}
# Extensions people use for each kind; any other extension on a known kind is a disguise.
EXTENSIONS = {
    "pdf": {".pdf"},
    "xlsx": {".xlsx"},
    "docx": {".docx"},
    "csv": {".csv"},
    # Plain-text markup (AsciiDoc, reStructuredText, TeX) and names without an extension are
    # read as text when their bytes are text.
    "txt": {".txt", ".text", ".log", ".adoc", ".asciidoc", ".rst", ".tex", ""},
    "md": {".md", ".markdown"},
}
_OOXML_MAIN = {
    "xlsx": (
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "xl/workbook.xml",
    ),
    "docx": (
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "word/document.xml",
    ),
}
# Zip-bomb guards: archive entries, how far one part and all parts may expand (counted
# while decompressing, never taken from the headers), and the ratio of large archives.
MAX_ZIP_ENTRIES = 5000
MAX_ZIP_RATIO = 100
RATIO_FLOOR = 8 * 1024 * 1024
# C0 control characters other than tab, newline, carriage return, form feed and escape.
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_CHUNK = 1024 * 1024


class UploadError(DomainError):
    """An uploaded file was refused (too large, empty, wrong or disguised type)."""

    code = "upload_invalid"


def _kind_label(kinds) -> str:
    return "、".join(sorted(k.upper() for k in kinds))


def _megabytes(size: int) -> str:
    return f"{size / 1048576:.0f}"


def _expansion_error(name: str, limit: int) -> UploadError:
    return UploadError(
        _(
            "The file expands to more than %(limit)s MB (part “%(part)s”); "
            "the limit is %(limit)s MB."
        )
        % {"limit": _megabytes(limit), "part": name[:80]}
    )


def _check_expansion(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Decompress every part in chunks and refuse the archive at the first cap exceeded.

    The sizes in the zip headers are written by the sender, so they are only a first,
    cheap refusal; the bytes actually produced are what is counted.
    """
    entry_cap = settings.UPLOAD_MAX_EXPANDED_ENTRY_BYTES
    total_cap = settings.UPLOAD_MAX_EXPANDED_BYTES
    for info in infos:
        if info.file_size > entry_cap:
            raise _expansion_error(info.filename, entry_cap)
    if sum(info.file_size for info in infos) > total_cap:
        raise _expansion_error(infos[-1].filename, total_cap)
    total = 0
    for info in infos:
        produced = 0
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                produced += len(chunk)
                total += len(chunk)
                if produced > entry_cap:
                    raise _expansion_error(info.filename, entry_cap)
                if total > total_cap:
                    raise _expansion_error(info.filename, total_cap)
    compressed = max(1, sum(info.compress_size for info in infos))
    if total > RATIO_FLOOR and total / compressed > MAX_ZIP_RATIO:
        raise UploadError(
            _("The file expands %(ratio)d times its size; the limit is %(limit)d times.")
            % {"ratio": total // compressed, "limit": MAX_ZIP_RATIO}
        )


def _ooxml_kind(file) -> str | None:
    """Return "xlsx"/"docx" for a genuine OOXML package, else None."""
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                message = _("The archive contains more than %(limit)d parts.")
                raise UploadError(message % {"limit": MAX_ZIP_ENTRIES})
            names = {info.filename for info in infos}
            if "[Content_Types].xml" not in names:
                return None
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise UploadError(_("Files with macros are not accepted."))
            _check_expansion(archive, infos)
            content_types = archive.read("[Content_Types].xml")[: 1024 * 1024]
    except (zipfile.BadZipFile, OSError, KeyError, EOFError, NotImplementedError):
        return None
    for kind, (main_type, main_part) in _OOXML_MAIN.items():
        if main_type in content_types and main_part in names:
            return kind
    return None


def _is_text(file) -> bool:
    """True when the whole file decodes as UTF-8 or GB18030 without binary control bytes."""
    for encoding in ("utf-8-sig", "gb18030"):
        file.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            while chunk := file.read(_CHUNK):
                if _BINARY_CONTROLS.search(decoder.decode(chunk)):
                    return False
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return True
    return False


def detect_kind(file, name: str = "") -> str | None:
    """Detect the kind of a file from its bytes (the name only tells csv, md, txt apart)."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _ooxml_kind(file)
    if head.startswith((b"\x7fELF", b"MZ", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff")):
        return None
    if not _is_text(file):
        return None
    suffix = PurePath(name).suffix.lower()
    for kind in ("csv", "md"):
        if suffix in EXTENSIONS[kind]:
            return kind
    return "txt"


def validate_upload(uploaded_file, allowed: set[str]) -> str:
    """Check size and content of an uploaded file and return its kind, or raise UploadError."""
    unknown = set(allowed) - KINDS
    if unknown:
        raise ValueError(f"unknown upload kinds: {sorted(unknown)}")
    size = getattr(uploaded_file, "size", None)
    if size is None:
        uploaded_file.seek(0, 2)
        size = uploaded_file.tell()
    limit = settings.UPLOAD_MAX_BYTES
    if size > limit:
        raise UploadError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": f"{size / 1048576:.1f}", "limit": f"{limit / 1048576:.0f}"}
        )
    if size == 0:
        raise UploadError(_("The file is empty."))
    name = getattr(uploaded_file, "name", "") or ""
    try:
        kind = detect_kind(uploaded_file, name)
    finally:
        uploaded_file.seek(0)
    if kind is None or kind not in allowed:
        raise UploadError(
            _("This file type is not accepted; allowed types: %(kinds)s.")
            % {"kinds": _kind_label(allowed)}
        )
    suffix = PurePath(name).suffix.lower()
    if suffix not in EXTENSIONS[kind] and not (kind == "txt" and suffix in EXTENSIONS["txt"]):
        raise UploadError(
            _("The file name ends in “%(suffix)s” but the content is %(kind)s.")
            % {"suffix": suffix or "-", "kind": kind.upper()}
        )
    return kind


def safe_filename(name: str, kind: str, max_length: int = 120) -> str:
    """A display name without paths or control characters, ending in the kind's extension."""
    base = PurePath((name or "").replace("\\", "/")).name
    base = "".join(
        c for c in unicodedata.normalize("NFC", base) if unicodedata.category(c)[0] != "C"
    )
    stem = PurePath(base).stem.strip(" .") or "file"
    extension = "." + kind
    return stem[: max_length - len(extension)] + extension
