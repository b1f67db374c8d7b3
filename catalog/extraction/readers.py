"""Read the documents people check (text, Markdown, CSV, xlsx, docx, text PDF) into segments."""

from __future__ import annotations

import csv
import io
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from core.sandbox import SandboxError, run_limited

from .extract import Segment

KINDS = ("txt", "md", "csv", "xlsx", "docx", "pdf")
# Plain-text formats people write standards lists and texts in; their bytes decide (a file
# with one of these names or with no extension that is binary is refused as binary).
_EXTENSIONS = {
    "": "txt",
    ".txt": "txt",
    ".text": "txt",
    ".adoc": "txt",
    ".asciidoc": "txt",
    ".rst": "txt",
    ".tex": "txt",
    ".md": "md",
    ".markdown": "md",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".docx": "docx",
    ".pdf": "pdf",
}
# Parsers the reading processes' forkserver imports once, so that no child pays for them.
_PRELOAD = ("openpyxl", "docx", "pypdf")
# Tabular inputs larger than this are refused rather than read into memory.
MAX_CELLS = 2_000_000


@dataclass(frozen=True)
class ReadLimits:
    """What reading one file may cost: the child process's memory and time, PDF pages."""

    memory_bytes: int = 1024 * 1024 * 1024
    seconds: float = 60.0
    pdf_pages: int = 2000
    pdf_seconds: float = 30.0


LIMITS = ReadLimits()


class ExtractionError(ValueError):
    """A document cannot be read; ``code`` says why, the message says it in one line.

    ``params`` holds the numbers a message names (the limit that was reached).
    """

    def __init__(self, code: str, message: str, **params) -> None:
        super().__init__(message)
        self.code = code
        self.params = params

    def __reduce__(self):
        return (_rebuild_error, (self.code, str(self), self.params))


def _rebuild_error(code: str, message: str, params: dict) -> ExtractionError:
    return ExtractionError(code, message, **params)


@dataclass
class Table:
    """A sheet (or a CSV file) with its original rows and cell values, kept for the export."""

    name: str
    rows: list[list] = field(default_factory=list)


@dataclass
class Document:
    """A read document: its kind, its segments in document order, its tables if tabular."""

    kind: str
    segments: list[Segment]
    tables: list[Table] = field(default_factory=list)
    pages: int = 0


def kind_of(filename: str) -> str | None:
    """The document kind for a file name, or None when the extension is not supported."""
    return _EXTENSIONS.get(PurePath(filename or "").suffix.lower())


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 -> A, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def decode_text(data: bytes) -> str:
    """Decode a text file written in UTF-8 (with or without BOM), UTF-16 or GB18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ExtractionError("encoding", "the text is neither UTF-8 nor GB18030 encoded")


def read_text(text: str, kind: str = "txt") -> Document:
    """A pasted or plain text: one multi-line segment."""
    return Document(kind=kind, segments=[Segment(text, {}, multiline=True)])


def _cell_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


def _table_segments(tables: list[Table], with_sheet: bool) -> list[Segment]:
    segments = []
    for table in tables:
        for r, row in enumerate(table.rows, start=1):
            for c, raw in enumerate(row):
                value = _cell_text(raw)
                if value:
                    loc = {"row": r, "column": column_letter(c)}
                    if with_sheet:
                        loc = {"sheet": table.name, **loc}
                    segments.append(Segment(value, loc))
    return segments


def read_csv(data: bytes) -> Document:
    """A CSV file: every cell of every row, with the rows kept."""
    text = decode_text(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:
        raise ExtractionError("csv", f"the CSV file is malformed: {exc}") from exc
    table = Table("CSV", rows)
    return Document(kind="csv", segments=_table_segments([table], False), tables=[table])


def read_xlsx(data: bytes) -> Document:
    """An Excel workbook: every cell of every sheet, with the rows kept."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ExtractionError("xlsx", "the file is not a readable xlsx workbook") from exc
    tables, cells = [], 0
    try:
        for sheet in book.worksheets:
            table = Table(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                cells += len(row)
                if cells > MAX_CELLS:
                    raise ExtractionError("too_large", "the workbook has too many cells")
                table.rows.append(list(row))
            while table.rows and not any(_cell_text(v) for v in table.rows[-1]):
                table.rows.pop()
            tables.append(table)
    finally:
        book.close()
    return Document(kind="xlsx", segments=_table_segments(tables, True), tables=tables)


def read_docx(data: bytes) -> Document:
    """A Word document: paragraphs and table cells in document order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExtractionError("docx", "the file is not a readable docx document") from exc
    segments: list[Segment] = []
    paragraph_no = table_no = 0
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph_no += 1
            text = Paragraph(element, document).text
            if text.strip():
                segments.append(Segment(text, {"paragraph": paragraph_no}))
        elif tag == "tbl":
            table_no += 1
            for r, row in enumerate(DocxTable(element, document).rows, start=1):
                seen = set()
                for c, cell in enumerate(row.cells, start=1):
                    if id(cell._tc) in seen:  # a merged cell repeats in every grid column
                        continue
                    seen.add(id(cell._tc))
                    if cell.text.strip():
                        loc = {"table": table_no, "row": r, "column": c}
                        segments.append(Segment(cell.text, loc, multiline=False))
    return Document(kind="docx", segments=segments)


def _fix_embedded_cmaps(page) -> None:
    """Let pypdf decode two-byte fonts whose encoding is an embedded CMap stream.

    pypdf reads such an /Encoding as a one-byte encoding and returns NUL-interleaved text;
    the ToUnicode map is keyed by the two-byte codes, so Identity-H decodes them right.
    """
    from pypdf.generic import NameObject, StreamObject

    fonts = (page.get("/Resources") or {}).get("/Font") or {}
    for ref in fonts.values():
        font = ref.get_object()
        encoding = font.get("/Encoding")
        encoding = encoding.get_object() if encoding is not None else None
        if (
            font.get("/Subtype") == "/Type0"
            and "/ToUnicode" in font
            and isinstance(encoding, StreamObject)
        ):
            font[NameObject("/Encoding")] = NameObject("/Identity-H")


def _declared_page_count(reader) -> int:
    try:
        return int(reader.trailer["/Root"]["/Pages"]["/Count"])
    except (KeyError, TypeError, ValueError):
        return 0


def read_pdf_pages(data: bytes, limits: ReadLimits = LIMITS) -> list[str]:
    """The text of every page of a text PDF, within the page cap and the time budget."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    deadline = time.monotonic() + limits.pdf_seconds
    too_many = ExtractionError(
        "pdf_pages", f"the PDF has more than {limits.pdf_pages} pages", limit=limits.pdf_pages
    )
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError("pdf_password", "the PDF is password-protected")
        # The declared count refuses at once; the pages read are counted all the same.
        if _declared_page_count(reader) > limits.pdf_pages:
            raise too_many
        pages = []
        for page in reader.pages:
            if len(pages) >= limits.pdf_pages:
                raise too_many
            if time.monotonic() > deadline:
                raise ExtractionError(
                    "timeout",
                    f"reading took longer than {limits.pdf_seconds:g} s",
                    limit=limits.pdf_seconds,
                )
            _fix_embedded_cmaps(page)
            pages.append(page.extract_text() or "")
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        if isinstance(exc, ExtractionError):
            raise
        raise ExtractionError("pdf", "the file is not a readable PDF") from exc
    return pages


def read_pdf(data: bytes, limits: ReadLimits = LIMITS) -> Document:
    """A text PDF: one multi-line segment per page (scanned pages yield nothing)."""
    pages = read_pdf_pages(data, limits)
    segments = [
        Segment(text, {"page": n}, multiline=True) for n, text in enumerate(pages, 1) if text
    ]
    return Document(kind="pdf", segments=segments, pages=len(pages))


def parse_document(
    data: bytes, filename: str, kind: str | None = None, limits: ReadLimits = LIMITS
) -> Document:
    """Read a file of a supported kind in this process; raises ExtractionError."""
    kind = kind or kind_of(filename)
    if kind not in KINDS:
        suffix = PurePath(filename or "").suffix or "?"
        raise ExtractionError("unsupported", f"unsupported file type: {suffix}")
    if kind in ("txt", "md"):
        if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ExtractionError("binary", "the file is binary, not text")
        return read_text(decode_text(data), kind)
    if kind == "pdf":
        return read_pdf(data, limits)
    return {"csv": read_csv, "xlsx": read_xlsx, "docx": read_docx}[kind](data)


def read_document(
    data: bytes, filename: str, kind: str | None = None, limits: ReadLimits | None = None
) -> Document:
    """Read an uploaded file in a memory- and time-limited child process.

    The caller's memory never holds more than the file and the segments read from it;
    raises ExtractionError with a one-line reason (``memory``/``timeout`` for the limits).
    """
    limits = limits or LIMITS
    try:
        return run_limited(
            parse_document,
            data,
            filename,
            kind,
            limits,
            memory_bytes=limits.memory_bytes,
            seconds=limits.seconds,
            preload=_PRELOAD,
        )
    except SandboxError as exc:
        if exc.reason == "timeout":
            raise ExtractionError(
                "timeout", f"reading took longer than {limits.seconds:g} s", limit=limits.seconds
            ) from exc
        megabytes = limits.memory_bytes // (1024 * 1024)
        raise ExtractionError(
            "memory", f"reading needs more than {megabytes} MB of memory", limit=megabytes
        ) from exc
