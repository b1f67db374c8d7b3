"""Reference extraction: pure Python, no Django; fast precompiled patterns.

``extract_references(text)`` finds references in a text; ``read_document(data, filename)``
reads a file into segments with their locations; ``extract_from_segments`` runs both.
"""

from .extract import Reference, Segment, extract_from_segments, extract_references
from .readers import (
    KINDS,
    Document,
    ExtractionError,
    Table,
    column_letter,
    kind_of,
    read_document,
    read_text,
)

__all__ = [
    "KINDS",
    "Document",
    "ExtractionError",
    "Reference",
    "Segment",
    "Table",
    "column_letter",
    "extract_from_segments",
    "extract_references",
    "kind_of",
    "read_document",
    "read_text",
]
