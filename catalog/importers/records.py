"""The intermediate record that every source format produces and the loader consumes.

Parsers in this package never touch the database: they turn a file into a stream of
``StandardRecord`` objects, with a ``RecordError`` in place of each row that cannot become
a record, so that the loader can carry on and report the row with its line and reason.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

STATUSES = ("current", "upcoming", "withdrawn", "replaced")
ADOPTION_DEGREES = ("IDT", "MOD", "NEQ")


class ImportFormatError(ValueError):
    """A whole input file is unusable: not the expected format, encoding or header."""


class RecordError(ValueError):
    """A row or document that cannot become a record; yielded by parsers, not raised."""

    def __init__(
        self, line: int | None, reason: str, source_ref: str = "", *, kind: str = "unreadable"
    ) -> None:
        self.line = line
        self.reason = reason
        self.source_ref = source_ref
        self.kind = kind  # catalog.services.imports.RejectKind
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The reason prefixed with the line number (or the file reference) when known."""
        if self.line is not None:
            return f"第 {self.line} 行：{self.reason}"
        if self.source_ref:
            return f"{self.source_ref}: {self.reason}"
        return self.reason

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RecordError):
            return NotImplemented
        return (self.line, self.reason, self.source_ref) == (
            other.line,
            other.reason,
            other.source_ref,
        )

    __hash__ = ValueError.__hash__


@dataclass
class RelationRef:
    """A link to another standard by its designation; partial when only clauses are concerned."""

    designation: str
    partial: bool = False

    def to_json(self) -> str | dict[str, Any]:
        """A bare designation string, or an object when the link is partial."""
        if self.partial:
            return {"designation": self.designation, "partial": True}
        return self.designation

    @classmethod
    def from_json(cls, data: str | dict[str, Any]) -> RelationRef:
        """Rebuild a reference written by ``to_json``."""
        if isinstance(data, str):
            return cls(data)
        return cls(str(data["designation"]), bool(data.get("partial", False)))


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@dataclass
class StandardRecord:
    """One edition of a standard as a source describes it, before it is loaded."""

    designation: str
    title_zh: str = ""
    title_en: str = ""
    status: str = ""
    issued: datetime.date | None = None
    effective: datetime.date | None = None
    withdrawn: datetime.date | None = None
    ics: list[str] = field(default_factory=list)
    ccs: list[str] = field(default_factory=list)
    committee: str = ""
    publisher: str = ""
    adoption: RelationRef | None = None
    adoption_degree: str = ""
    replaces: list[RelationRef] = field(default_factory=list)
    replaced_by: list[RelationRef] = field(default_factory=list)
    edition: str = ""
    url: str = ""
    source: str = ""
    source_ref: str = ""
    as_of: datetime.date | None = None
    line: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """A compact JSON-ready dict: empty fields are left out, dates as ISO strings."""
        out: dict[str, Any] = {"designation": self.designation}
        for name in ("title_zh", "title_en", "status", "committee", "publisher"):
            if value := getattr(self, name):
                out[name] = value
        for name in ("issued", "effective", "withdrawn", "as_of"):
            if (value := getattr(self, name)) is not None:
                out[name] = value.isoformat()
        for name in ("ics", "ccs"):
            if value := getattr(self, name):
                out[name] = list(value)
        if self.adoption is not None:
            out["adoption"] = self.adoption.to_json()
        if self.adoption_degree:
            out["adoption_degree"] = self.adoption_degree
        for name in ("replaces", "replaced_by"):
            if refs := getattr(self, name):
                out[name] = [ref.to_json() for ref in refs]
        for name in ("edition", "url", "source", "source_ref"):
            if value := getattr(self, name):
                out[name] = value
        if self.line is not None:
            out["line"] = self.line
        if self.extra:
            out["extra"] = dict(self.extra)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StandardRecord:
        """Rebuild a record written by ``to_json``."""
        adoption = data.get("adoption")
        return cls(
            designation=data["designation"],
            title_zh=data.get("title_zh", ""),
            title_en=data.get("title_en", ""),
            status=data.get("status", ""),
            issued=_date(data.get("issued")),
            effective=_date(data.get("effective")),
            withdrawn=_date(data.get("withdrawn")),
            ics=list(data.get("ics", [])),
            ccs=list(data.get("ccs", [])),
            committee=data.get("committee", ""),
            publisher=data.get("publisher", ""),
            adoption=RelationRef.from_json(adoption) if adoption else None,
            adoption_degree=data.get("adoption_degree", ""),
            replaces=[RelationRef.from_json(r) for r in data.get("replaces", [])],
            replaced_by=[RelationRef.from_json(r) for r in data.get("replaced_by", [])],
            edition=data.get("edition", ""),
            url=data.get("url", ""),
            source=data.get("source", ""),
            source_ref=data.get("source_ref", ""),
            as_of=_date(data.get("as_of")),
            line=data.get("line"),
            extra=dict(data.get("extra", {})),
        )
