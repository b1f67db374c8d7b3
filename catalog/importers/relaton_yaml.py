"""Relaton YAML (the ISO, IEC and IEEE data archives) into standard records.

Reads one ``.yaml`` file, a directory of them, or a ``.tar.xz`` archive member by member
without extracting it. Only published main documents are kept (plus IEC consolidated
versions); drafts, amendments, corrigenda and alternative renderings are skipped. See
``data/README.md`` for the full list of rules.
"""

from __future__ import annotations

import datetime
import html
import io
import os
import re
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import yaml

from catalog.importers.editions import link_iec_editions
from catalog.importers.records import ImportFormatError, RecordError, RelationRef, StandardRecord

try:  # libyaml is ~10x faster; the archives hold ~115k files
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _Loader = yaml.SafeLoader

Source = str | os.PathLike | IO[bytes]

# A supplement (amendment, corrigendum, addendum, interpretation sheet) cites its base
# document and then a slash: ISO 8601-1:2019/Amd 1:2022, IEC 60840:2020/COR1:2021.
_SUPPLEMENT_RE = re.compile(r"\d[^/]*/\s*[A-Za-z]")
_DRAFT_RE = re.compile(
    r"(?:^|[/\s])(?:AWI|NP|PWI|WD|CD\d?|DIS\d?|FDIS|PRF|DTS|DTR|DPAS|DIWA|DGuide|D?Amd|DAM|"
    r"FDAM|PDAM|DCOR|FDCOR|PDTR|PDTS)(?=[\s/]|$)"
)
_YEAR_RE = re.compile(r":(\d{4})(?:\D|$)")  # ISO and IEC: ISO 9001:2015
_IEEE_YEAR_RE = re.compile(r"-(\d{4})$")  # IEEE: IEEE Std 802.3-2022
_IEC_MAIN_RE = re.compile(
    r"^(?P<base>.+?:\d{4}(?P<amd>(?:\+AMD\d+:\d{4})*))(?:\s+(?P<suffix>\S+))?$"
)
_IEC_DOCTYPES = {
    "international-standard",
    "technical-report",
    "technical-specification",
    "publicly-available-specification",
    "guide",
    "system-reference-deliverable",
}
_ARCHIVE_SUFFIXES = (".tar", ".tar.xz", ".txz", ".tar.gz", ".tgz", ".tar.bz2")
_IEEE_DRAFT_RE = re.compile(
    r"Unapproved|Approved\s+(?:Std\s+)?P|/D|(?:^|[\s/])(?:Std\s+)?P[A-Z]?\d"
)


# ---------------------------------------------------------------------------- reading


def _yaml_members(source: Source) -> Iterator[tuple[str, bytes | None]]:
    """(reference, bytes) of every YAML document in a file, directory or tar archive."""
    if hasattr(source, "read"):
        yield getattr(source, "name", "<stream>"), source.read()  # type: ignore[union-attr]
        return
    path = Path(source)
    if path.is_dir():
        for file in sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml")):
            yield str(file.relative_to(path)), file.read_bytes()
        return
    if not path.exists():
        raise ImportFormatError(f"{path}: no such file or directory")
    if path.name.endswith(_ARCHIVE_SUFFIXES):
        try:
            # Streaming mode reads the compressed archive once, member by member.
            with tarfile.open(path, "r|*") as archive:
                for member in archive:
                    if member.isfile() and member.name.endswith((".yaml", ".yml")):
                        handle = archive.extractfile(member)
                        yield member.name, handle.read() if handle else None
        except (tarfile.TarError, EOFError, OSError) as exc:
            raise ImportFormatError(f"{path}: not a readable tar archive ({exc})") from exc
        return
    yield path.name, path.read_bytes()


def _load(data: bytes, ref: str) -> Any:
    try:
        return yaml.load(io.BytesIO(data), Loader=_Loader)  # noqa: S506 - safe loader
    except yaml.YAMLError as exc:
        raise ImportFormatError(f"{ref}: not valid YAML ({exc})") from exc
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"{ref}: not UTF-8 text ({exc})") from exc


def parse_relaton_yaml(
    source: Source, *, as_of: datetime.date | None = None, dedupe: bool = True
) -> Iterator[StandardRecord | RecordError]:
    """Records from Relaton YAML: one file, a directory or a tar archive of files.

    A single file that is not YAML raises ImportFormatError; inside a directory or archive
    such a member becomes a RecordError. With ``dedupe`` (the default) a designation met
    twice (the ISO archive holds an older crawl next to the newer one) keeps the document
    with the newer Relaton schema, so records are yielded only once everything is read,
    and replaced IEC editions get their replaced-by links (``link_iec_editions``).
    """
    single = _is_single_file(source)
    kept: dict[str, tuple[tuple, StandardRecord]] = {}
    for ref, data in _yaml_members(source):
        try:
            if data is None:
                raise ImportFormatError(f"{ref}: unreadable archive member")
            doc = _load(data, ref)
            if not isinstance(doc, dict):
                raise ImportFormatError(f"{ref}: not a Relaton document (no mapping at top)")
        except ImportFormatError as exc:
            if single:
                raise
            yield RecordError(None, str(exc), ref)
            continue
        try:
            result = convert_document(doc, ref, as_of=as_of)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            result = RecordError(None, f"unexpected document structure ({exc!r})", ref)
        if result is None:
            continue
        if isinstance(result, RecordError) or not dedupe:
            yield result
            continue
        rank = (_schema_rank(doc), ref)
        previous = kept.get(result.designation)
        if previous is None or rank > previous[0]:
            kept[result.designation] = (rank, result)
    records = [record for _rank, record in kept.values()]
    link_iec_editions(records)  # needs every edition of a number, so only here
    yield from records


def _is_single_file(source: Source) -> bool:
    if hasattr(source, "read"):
        return True
    path = Path(source)
    return path.is_file() and not path.name.endswith(_ARCHIVE_SUFFIXES)


def _schema_rank(doc: dict) -> tuple[int, ...]:
    version = str(doc.get("schema-version") or "")
    return tuple(int(n) for n in re.findall(r"\d+", version)) or (0,)


# ---------------------------------------------------------------------------- helpers


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value: Any) -> str:
    """The text of a Relaton string, which may be plain or a {content: ...} mapping."""
    if isinstance(value, dict):
        value = value.get("content")
    if isinstance(value, list):
        value = value[0] if value else ""
        return _text(value)
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return html.unescape(text) if "&" in text else text


def _lang_ok(item: dict, lang: str) -> bool:
    langs = _as_list(item.get("language"))
    return not langs or lang in langs


def _title_en(doc: dict) -> str:
    titles = [t for t in _as_list(doc.get("title")) if isinstance(t, dict)]
    for title in titles:
        if title.get("type") == "main" and _lang_ok(title, "en"):
            return _text(title)
    parts = [
        _text(t)
        for kind in ("title-intro", "title-main", "title-part")
        for t in titles
        if t.get("type") == kind and _lang_ok(t, "en")
    ]
    if parts:
        return " - ".join(parts)
    untyped = [t for t in titles if _lang_ok(t, "en")]
    return _text(untyped[0]) if untyped else ""


def _primary_docid(doc: dict) -> tuple[str, str]:
    """(designation, type) of the primary identifier, trademark variants excluded."""
    ids = [d for d in _as_list(doc.get("docid")) if isinstance(d, dict) and d.get("id")]
    plain = [d for d in ids if d.get("scope") != "trademark"]
    for item in plain:
        if item.get("primary"):
            return str(item["id"]).strip(), str(item.get("type") or "")
    if plain:
        return str(plain[0]["id"]).strip(), str(plain[0].get("type") or "")
    return "", ""


def relaton_date(value: Any) -> datetime.date | None:
    """A Relaton date: 2004-12-05, 2004-12 (stored as the 1st) or 2004 (stored as 1 January)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    match = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
    if not match:
        return None
    year, month, day = match.group(1), match.group(2) or 1, match.group(3) or 1
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _stage(doc: dict) -> tuple[str, str]:
    """(stage, substage) of docstatus, each given as plain text or as {value: ...}."""
    status = doc.get("docstatus")
    if not isinstance(status, dict):
        return "", ""
    values = []
    for key in ("stage", "substage"):
        value = status.get(key)
        if isinstance(value, dict):
            value = value.get("value")
        values.append(str(value).strip() if value is not None else "")
    return values[0], values[1]


def _dates(doc: dict) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in _as_list(doc.get("date")):
        if isinstance(item, dict) and item.get("type"):
            out.setdefault(str(item["type"]), item.get("value", item.get("on")))
    return out


def _ext(doc: dict, key: str) -> Any:
    ext = doc.get("ext") if isinstance(doc.get("ext"), dict) else {}
    return ext.get(key, doc.get(key))


def _ics(doc: dict) -> list[str]:
    codes: list[str] = []
    for item in _as_list(_ext(doc, "ics")):
        code = item.get("code") if isinstance(item, dict) else item
        if isinstance(code, float):  # an unquoted 17.160 read as a number
            code = f"{code:06.3f}"
        elif isinstance(code, int):
            code = f"{code:02d}"
        code = str(code or "").strip()
        if code and code not in codes:
            codes.append(code)
    return codes


def _doctype(doc: dict) -> str:
    value = _ext(doc, "doctype")
    return str(value.get("type", "") if isinstance(value, dict) else value or "")


def _publisher(doc: dict) -> str:
    names: list[str] = []
    for contributor in _as_list(doc.get("contributor")):
        roles = [
            r.get("type") if isinstance(r, dict) else r for r in _as_list(contributor.get("role"))
        ]
        org = contributor.get("organization")
        if "publisher" not in roles or not isinstance(org, dict):
            continue
        name = _text(org.get("abbreviation")) or _text(org.get("name"))
        if name and name not in names:
            names.append(name)
    return "/".join(names)


def _link(doc: dict) -> str:
    links = [x for x in _as_list(doc.get("link")) if isinstance(x, dict)]
    for item in links:
        if item.get("type") == "src":
            return _text(item)
    return _text(links[0]) if links else ""


def _edition(doc: dict) -> str:
    return _text(doc.get("edition"))


def _relations(doc: dict) -> Iterator[tuple[str, str, str]]:
    """(type, target designation, description) of every relation."""
    for relation in _as_list(doc.get("relation")):
        if not isinstance(relation, dict):
            continue
        item = relation.get("bibitem") or {}
        target, _kind = _primary_docid(item)
        target = target or _text(item.get("formattedref"))
        if target:
            yield str(relation.get("type") or ""), target, _text(relation.get("description"))


def _year(designation: str) -> int | None:
    years = _YEAR_RE.findall(designation) or _IEEE_YEAR_RE.findall(designation)
    return int(years[0]) if years else None


def _keep_target(target: str, own: str, *, later: bool) -> bool:
    """Whether a relation target can be an edition link (PROVENANCE filtering rules).

    Drops amendments, corrigenda and addenda, draft stages, undated targets, the record
    itself, and links whose year runs the wrong way (a successor older than the record).
    """
    if target == own or _SUPPLEMENT_RE.search(target) or _DRAFT_RE.search(target):
        return False
    target_year, own_year = _year(target), _year(own)
    if target_year is None:
        return False
    if own_year is None:
        return True
    return target_year >= own_year if later else target_year <= own_year


def _base_record(doc: dict, designation: str, ref: str, source: str, as_of) -> StandardRecord:
    fetched = relaton_date(doc.get("fetched")) if doc.get("fetched") else None
    record = StandardRecord(
        designation=designation,
        title_en=_title_en(doc),
        ics=_ics(doc),
        publisher=_publisher(doc),
        edition=_edition(doc),
        url=_link(doc),
        source=source,
        source_ref=ref.rsplit("/", 1)[-1],
        as_of=fetched or as_of,
    )
    if doctype := _doctype(doc):
        record.extra["doctype"] = doctype
    return record


# ---------------------------------------------------------------------------- flavours


def convert_document(
    doc: dict, ref: str = "", *, as_of: datetime.date | None = None
) -> StandardRecord | RecordError | None:
    """One Relaton YAML document as a record; None when the rules skip it (drafts, ...)."""
    designation, kind = _primary_docid(doc)
    if not designation:
        return RecordError(None, "document has no identifier (docid)", ref)
    stage_value, _substage = _stage(doc)
    if kind == "IEEE" or designation.startswith(("IEEE", "AIEE", "ANSI")):
        return _convert_ieee(doc, designation, ref, as_of)
    if stage_value.isdigit() or kind == "ISO":
        return _convert_iso(doc, designation, ref, as_of)
    return _convert_iec(doc, designation, ref, as_of)


def _convert_iso(doc: dict, designation: str, ref: str, as_of) -> StandardRecord | None:
    stage, substage = _stage(doc)
    if (
        not stage.isdigit()
        or int(stage) < 60
        or _doctype(doc) == "directive"
        or not _YEAR_RE.search(designation)
        or _SUPPLEMENT_RE.search(designation)
        or _DRAFT_RE.search(designation)
    ):
        return None
    record = _base_record(doc, designation, ref, "relaton-iso", as_of)
    dates = _dates(doc)
    record.issued = relaton_date(dates.get("published"))
    group = _ext(doc, "editorialgroup") or {}
    committees = _as_list(group.get("technical_committee")) if isinstance(group, dict) else []
    if committees and isinstance(committees[0], dict):
        record.committee = str(committees[0].get("identifier") or _text(committees[0].get("name")))
    withdrawn = stage == "95" and substage == "99"
    for kind, target, _description in _relations(doc):
        if kind == "obsoletes" and _keep_target(target, designation, later=False):
            _append(record.replaces, RelationRef(target))
        elif kind == "updates" and _keep_target(target, designation, later=True):
            # A successor of a document still in force only covers part of it.
            _append(record.replaced_by, RelationRef(target, partial=not withdrawn))
    if stage == "60" and substage != "60":
        record.status = "upcoming"
    elif withdrawn:
        full = [r for r in record.replaced_by if not r.partial]
        record.status = "replaced" if full else "withdrawn"
    else:
        record.status = "current"
    record.extra["stage"] = f"{stage}.{substage}" if substage else stage
    return record


def _convert_iec(doc: dict, designation: str, ref: str, as_of) -> StandardRecord | None:
    match = _IEC_MAIN_RE.match(designation)
    if (
        not match
        or _SUPPLEMENT_RE.search(match.group("base"))
        or _doctype(doc) not in _IEC_DOCTYPES
    ):
        return None
    suffix, consolidated = match.group("suffix"), bool(match.group("amd"))
    if suffix not in (None, "CSV") or (suffix == "CSV") != consolidated:
        return None  # redline/commented/extended versions, series, and unnamed CSVs
    record = _base_record(doc, match.group("base"), ref, "relaton-iec", as_of)
    if consolidated:
        record.extra["consolidated"] = True
    dates = _dates(doc)
    record.issued = relaton_date(dates.get("published"))
    record.withdrawn = relaton_date(dates.get("obsoleted")) if dates.get("obsoleted") else None
    stage = _stage(doc)[0].upper()
    record.status = {
        "PUBLISHED": "current",
        "REVISED": "replaced",
        "REPLACED": "replaced",
        "WITHDRAWN": "withdrawn",
    }.get(stage, "")
    if stage:
        record.extra["iec_status"] = stage
    group = _ext(doc, "editorialgroup") or {}
    committees = _as_list(group.get("technical_committee")) if isinstance(group, dict) else []
    if committees and isinstance(committees[0], dict):
        name = str(committees[0].get("identifier") or _text(committees[0].get("name")))
        record.committee = f"IEC/{name}" if re.match(r"^(TC|SC|PC|SyC)\s", name) else name
    return record


def _convert_ieee(doc: dict, designation: str, ref: str, as_of) -> StandardRecord | None:
    ext = doc.get("ext") if isinstance(doc.get("ext"), dict) else {}
    stage = _stage(doc)[0].lower()
    modified = str(ext.get("standard_modified") or "")
    if (
        _doctype(doc) == "redline"
        or stage == "draft"
        or modified in ("Draft", "Redline")
        or _IEEE_DRAFT_RE.search(designation)
        or _DRAFT_RE.search(designation)
        or _year(designation) is None
    ):
        return None
    record = _base_record(doc, designation, ref, "relaton-ieee", as_of)
    record.extra.pop("doctype", None)  # always "standard" once redlines are gone
    dates = _dates(doc)
    issued = relaton_date(dates.get("issued"))
    if issued is None or len(str(dates.get("issued"))) <= 4:
        issued = relaton_date(dates.get("published")) or issued
    record.issued = issued
    group = ext.get("editorialgroup") or {}
    committees = _as_list(group.get("committee")) if isinstance(group, dict) else []
    if committees:
        record.committee = _text(committees[0])
    for kind, target, description in _relations(doc):
        if (
            _IEEE_DRAFT_RE.search(target)
            or target == designation
            or target.endswith("Redline")
            or _year(target) is None  # "IEEE Std C37.63", "NESC Handbook": no edition
        ):
            continue
        if kind == "obsoletedBy":
            _append(record.replaced_by, RelationRef(target))
        elif kind == "updates" and description in ("", "revises"):
            _append(record.replaces, RelationRef(target))
        elif kind == "updates":
            record.extra.setdefault(description, [])
            if target not in record.extra[description]:
                record.extra[description].append(target)
        elif kind == "adoptedFrom" and record.adoption is None:
            record.adoption = RelationRef(target)
    standard_status = str(ext.get("standard_status") or "")
    if standard_status == "Superseded" or stage == "superseded":
        record.status = "replaced"
    elif standard_status == "Active" and stage in ("", "approved"):
        record.status = "current"
    elif stage == "withdrawn" or modified in ("Withdrawn", "Reserved") or standard_status:
        record.status = "withdrawn"
    if modified == "Reserved":
        record.extra["ieee_status"] = "Inactive-Reserved"
    if record.status == "current":
        # A successor named while the standard is still active covers only part of it.
        record.replaced_by = [RelationRef(r.designation, partial=True) for r in record.replaced_by]
    return record


def _append(refs: list[RelationRef], ref: RelationRef) -> None:
    if all(r.designation != ref.designation for r in refs):
        refs.append(ref)
