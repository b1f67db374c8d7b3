"""Relaton XML (as written by relaton-gb for Chinese standards) into standard records.

DTDs are refused: Relaton XML never needs one. The check below and defusedxml (a required
dependency) both rule out entity expansion attacks.
"""

from __future__ import annotations

import datetime
import os
import re
import xml.etree.ElementTree as StdET  # noqa: S405 - for ParseError only; defusedxml parses
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element  # noqa: S405 - type only

from defusedxml import ElementTree as SafeET

from catalog.importers.records import ImportFormatError, RecordError, RelationRef, StandardRecord
from catalog.importers.relaton_yaml import relaton_date

Source = str | os.PathLike | IO[bytes]

STAGE_STATUS = {
    "activated": "current",
    "published": "current",
    "current": "current",
    "upcoming": "upcoming",
    "to-be-implemented": "upcoming",
    "obsoleted": "withdrawn",
    "withdrawn": "withdrawn",
    "abolished": "withdrawn",
    "replaced": "replaced",
}
_RECORD_TAGS = ("bibdata", "bibitem")
_REPLACES = ("obsoletes", "replaces", "updates")
_REPLACED_BY = ("obsoletedBy", "replacedBy", "updatedBy")
_ADOPTION = {"identical": "IDT", "adoptedFrom": "", "modifiedFrom": "MOD", "nonequivalent": "NEQ"}


def _parse_xml(data: bytes, ref: str) -> Element:
    head = data[:4096].removeprefix(b"\xef\xbb\xbf").lstrip()
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ImportFormatError(f"{ref}: XML with a DOCTYPE or entity declarations is refused")
    if not head.startswith(b"<"):
        raise ImportFormatError(f"{ref}: not an XML document")
    try:
        return SafeET.fromstring(data, forbid_dtd=True)
    except StdET.ParseError as exc:
        raise ImportFormatError(f"{ref}: malformed XML ({exc})") from exc


def _files(source: Source) -> Iterator[tuple[str, bytes]]:
    if hasattr(source, "read"):
        yield getattr(source, "name", "<stream>"), source.read()  # type: ignore[union-attr]
        return
    path = Path(source)
    if path.is_dir():
        for file in sorted(path.glob("*.xml")):
            yield file.name, file.read_bytes()
    elif path.exists():
        yield path.name, path.read_bytes()
    else:
        raise ImportFormatError(f"{path}: no such file or directory")


def parse_relaton_xml(
    source: Source, *, as_of: datetime.date | None = None, source_slug: str = "relaton-gb"
) -> Iterator[StandardRecord | RecordError]:
    """Records from a Relaton XML file (one bibdata/bibitem, or a collection) or a directory.

    A file that is not well-formed XML raises ImportFormatError; a document inside it
    that lacks an identifier becomes a RecordError. '(all parts)' collections are skipped.
    """
    for ref, data in _files(source):
        root = _parse_xml(data, ref)
        items = [root] if root.tag in _RECORD_TAGS else [e for e in root if e.tag in _RECORD_TAGS]
        if not items:
            raise ImportFormatError(f"{ref}: no <bibdata> or <bibitem> element")
        for item in items:
            result = convert_bibitem(item, ref, as_of=as_of, source_slug=source_slug)
            if result is not None:
                yield result


def _text(element: Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _title(item: Element, lang: str) -> str:
    titles = [t for t in item.findall("title") if t.get("language", lang) == lang]
    for kind in ("main", "title-main"):
        for title in titles:
            if title.get("type") == kind:
                return _text(title)
    return _text(titles[0]) if titles else ""


def _designation(item: Element) -> str:
    ids = item.findall("docidentifier")
    for docid in ids:
        if docid.get("primary") == "true":
            return _text(docid)
    return _text(ids[0]) if ids else ""


def _publisher(item: Element) -> str:
    for contributor in item.findall("contributor"):
        roles = [r.get("type") for r in contributor.findall("role")]
        org = contributor.find("organization")
        if "publisher" in roles and org is not None:
            names = {n.get("language", ""): _text(n) for n in org.findall("name")}
            return names.get("zh") or names.get("") or next(iter(names.values()), "")
    return ""


def _codes(ext: Element | None, tag: str) -> list[str]:
    if ext is None:
        return []
    codes: list[str] = []
    for element in ext.findall(tag):
        code = _text(element.find("code")) or _text(element)
        if code and code not in codes:
            codes.append(code)
    return codes


def convert_bibitem(
    item: Element,
    ref: str = "",
    *,
    as_of: datetime.date | None = None,
    source_slug: str = "relaton-gb",
) -> StandardRecord | RecordError | None:
    """One Relaton bibdata/bibitem element as a record; None for an '(all parts)' collection."""
    designation = _designation(item)
    if not designation:
        return RecordError(None, "document has no <docidentifier>", ref)
    if re.search(r"\(all parts\)", designation, re.IGNORECASE):
        return None
    dates = {d.get("type"): _text(d.find("on")) or _text(d) for d in item.findall("date")}
    fetched = (
        relaton_date(_text(item.find("fetched"))) if item.find("fetched") is not None else None
    )
    record = StandardRecord(
        designation=designation,
        title_zh=_title(item, "zh"),
        title_en=_title(item, "en"),
        issued=relaton_date(dates.get("published") or dates.get("issued")),
        effective=relaton_date(dates.get("implemented") or dates.get("effective")),
        withdrawn=relaton_date(dates.get("obsoleted") or dates.get("abolished")),
        publisher=_publisher(item),
        edition=_text(item.find("edition")),
        url=next((_text(u) for u in item.findall("uri") if u.get("type") == "src"), ""),
        source=source_slug,
        source_ref=ref,
        as_of=fetched or as_of,
    )
    for relation in item.findall("relation"):
        target = (
            _designation(relation.find("bibitem")) if relation.find("bibitem") is not None else ""
        )
        kind = relation.get("type", "")
        if not target or target == designation:
            continue
        if kind in _REPLACES:
            record.replaces.append(RelationRef(target))
        elif kind in _REPLACED_BY:
            record.replaced_by.append(RelationRef(target))
        elif kind in _ADOPTION and record.adoption is None:
            record.adoption = RelationRef(target)
            record.adoption_degree = _ADOPTION[kind]
    stage = _text(item.find("status/stage")).lower()
    record.status = STAGE_STATUS.get(stage, "")
    if record.status == "withdrawn" and record.replaced_by:
        record.status = "replaced"
    if stage and not record.status:
        record.extra["stage"] = stage
    ext = item.find("ext")
    record.ics = _codes(ext, "ics")
    record.ccs = _codes(ext, "ccs")
    if ext is not None:
        record.committee = _text(ext.find("gbcommittee"))
        gbtype = ext.find("gbtype")
        if gbtype is not None:
            for key in ("gbscope", "gbprefix", "gbmandate"):
                if value := _text(gbtype.find(key)):
                    record.extra[key] = value
        if doctype := _text(ext.find("doctype")):
            record.extra["doctype"] = doctype
    return record
