"""Uploads are checked by content: size limits, disguised and malicious files refused."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from core.uploads import UploadError, detect_kind, safe_filename, validate_upload

ALL = {"pdf", "xlsx", "docx", "csv", "txt", "md"}


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(["标准号", "名称"])
    workbook.active.append(["GB/T 19001-2016", "质量管理体系 要求"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def docx_bytes(extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("清单.pdf", PDF, "pdf"),
        ("list.xlsx", xlsx_bytes(), "xlsx"),
        ("list.docx", docx_bytes(), "docx"),
        ("list.csv", "标准号,名称\nGB 1-2020,示例\n".encode(), "csv"),
        ("list.csv", "标准号,名称\r\nGB 1-2020,示例\r\n".encode("gb18030"), "csv"),
        ("notes.md", "# 标题\n\n- GB/T 1.1-2020\n".encode(), "md"),
        ("notes.txt", "\ufeffGB/T 19001-2016 质量管理体系".encode(), "txt"),
        ("notes", b"GB 2760-2014\n", "txt"),
    ],
)
def test_genuine_files_are_accepted_with_their_kind(name, data, kind):
    file = upload(name, data)
    assert validate_upload(file, ALL) == kind
    assert file.tell() == 0  # the caller can read the file from the start


def test_oversized_upload_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(UploadError, match="过大|too large"):
        validate_upload(upload("big.txt", b"a" * 1025), ALL)
    assert validate_upload(upload("ok.txt", b"a" * 1024), ALL) == "txt"


def test_empty_upload_is_refused():
    with pytest.raises(UploadError):
        validate_upload(upload("empty.csv", b""), ALL)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("invoice.pdf", b"MZ\x90\x00\x03\x00\x00\x00 this is a windows executable"),
        ("report.pdf", b"just text pretending to be a PDF"),
        ("sheet.xlsx", PDF),
        ("sheet.xlsx", b"PK\x03\x04 not really a zip archive"),
        ("doc.docx", xlsx_bytes()),
        ("list.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("list.csv", b"GB 1-2020\x00\x01\x02binary"),
        ("list.txt", PDF),
    ],
)
def test_disguised_or_binary_files_are_refused(name, data):
    with pytest.raises(UploadError):
        validate_upload(upload(name, data), ALL)


def test_plain_zip_without_ooxml_parts_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", b"MZ...")
    with pytest.raises(UploadError):
        validate_upload(upload("doc.docx", buffer.getvalue()), ALL)


def test_macro_documents_and_zip_bombs_are_refused():
    with pytest.raises(UploadError, match="宏|macro"):
        validate_upload(upload("m.docx", docx_bytes({"word/vbaProject.bin": b"x"})), ALL)
    bomb = docx_bytes({"word/media/zeros.bin": b"\0" * (20 * 1024 * 1024)})
    with pytest.raises(UploadError):
        validate_upload(upload("bomb.docx", bomb), ALL)


def test_kind_outside_the_allowed_set_is_refused():
    with pytest.raises(UploadError, match="PDF"):
        validate_upload(upload("list.xlsx", xlsx_bytes()), {"pdf"})
    with pytest.raises(ValueError):
        validate_upload(upload("a.exe", b"x"), {"exe"})


def test_detect_kind_ignores_the_extension_for_binary_kinds():
    assert detect_kind(io.BytesIO(PDF), "whatever.txt") == "pdf"
    assert detect_kind(io.BytesIO(xlsx_bytes()), "") == "xlsx"


def test_safe_filename_strips_paths_and_controls():
    assert safe_filename("../../etc/passwd", "txt") == "passwd.txt"
    assert safe_filename("C:\\Users\\x\\清单\x00.pdf", "pdf") == "清单.pdf"
    assert safe_filename("", "csv") == "file.csv"


def _understate_sizes(data: bytes, part: str) -> bytes:
    """Rewrite the local and central headers of ``part`` to claim it expands to 10 bytes."""
    out = bytearray(data)
    name = part.encode()
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            name_at = 30 if signature == b"PK\x03\x04" else 46
            if out[start + name_at : start + name_at + len(name)] == name:
                out[start + size_at : start + size_at + 4] = (10).to_bytes(4, "little")
            start += 4
    return bytes(out)


def test_expansion_is_counted_while_decompressing_not_read_from_headers(settings):
    settings.UPLOAD_MAX_EXPANDED_ENTRY_BYTES = 1024 * 1024
    honest = docx_bytes({"word/media/a.bin": b"GB/T 1-2020 " * 200_000})
    with pytest.raises(UploadError, match="1 MB"):
        validate_upload(upload("a.docx", honest), ALL)
    lying = _understate_sizes(honest, "word/media/a.bin")
    with pytest.raises(UploadError):
        validate_upload(upload("a.docx", lying), ALL)


def test_total_expansion_of_all_parts_is_capped(settings):
    settings.UPLOAD_MAX_EXPANDED_ENTRY_BYTES = 2 * 1024 * 1024
    settings.UPLOAD_MAX_EXPANDED_BYTES = 3 * 1024 * 1024
    import os

    parts = {f"word/media/{n}.bin": os.urandom(1024 * 1024) for n in range(4)}
    with pytest.raises(UploadError, match="3 MB"):
        validate_upload(upload("a.docx", docx_bytes(parts)), ALL)
    del parts["word/media/3.bin"], parts["word/media/2.bin"]
    assert validate_upload(upload("a.docx", docx_bytes(parts)), ALL) == "docx"
