"""The catalogue file formats the importers understand, and importing a file by path."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from catalog.importers.records import RecordError, StandardRecord
from catalog.services.imports import ImportReport, import_records
from core.exceptions import DomainError


class ImportFileError(DomainError):
    """A file that cannot be imported at all (unreadable, wrong format)."""

    code = "import_file"


@dataclass(frozen=True)
class Format:
    """A source format: how to read it and which data source its records belong to."""

    label: str
    reader: Callable[[Path], Iterable[StandardRecord | RecordError]]
    default_source: str
    suffixes: tuple[str, ...]


def _relaton_yaml(path: Path):
    from catalog.importers.relaton_yaml import parse_relaton_yaml

    return parse_relaton_yaml(path)


def _relaton_xml(path: Path):
    from catalog.importers.relaton_xml import parse_relaton_xml

    return parse_relaton_xml(path)


def _construction(path: Path):
    from catalog.importers.construction_csv import parse_construction_csv

    return parse_construction_csv(path)


def _spreadsheet(path: Path):
    from catalog.importers.spreadsheet import parse_spreadsheet

    return parse_spreadsheet(path)


def _seed(path: Path):
    from catalog.importers.seed import read_seed

    return read_seed(path)


FORMATS: dict[str, Format] = {
    "spreadsheet": Format(
        _("Spreadsheet template or platform export (xlsx/CSV)"),
        _spreadsheet,
        "spreadsheet",
        (".xlsx", ".csv"),
    ),
    "relaton-yaml": Format(
        _("Relaton YAML (file, folder or .tar.xz)"),
        _relaton_yaml,
        "relaton-iso",
        (".yaml", ".yml", ".tar.xz"),
    ),
    "relaton-xml": Format(_("Relaton XML"), _relaton_xml, "relaton-gb", (".xml",)),
    "construction-csv": Format(
        _("Construction standards list (CSV)"), _construction, "cn-construction", ()
    ),
    "seed": Format(_("StdBase seed (.jsonl.xz)"), _seed, "shipped-seed", (".jsonl.xz",)),
}


def detect_format(path: Path) -> str:
    """Guess the format from the file name; raises ImportFileError when unknown."""
    name = path.name.lower()
    if path.is_dir():
        return "relaton-yaml"
    for key, fmt in FORMATS.items():
        if any(name.endswith(suffix) for suffix in fmt.suffixes):
            return key
    raise ImportFileError(
        _("Cannot tell the format of %(name)s; choose one of: %(formats)s")
        % {"name": path.name, "formats": ", ".join(FORMATS)}
    )


def import_file(
    path: Path,
    *,
    fmt: str | None = None,
    source_slug: str | None = None,
    user=None,
    filename: str = "",
    progress: Callable[[int], None] | None = None,
    batch_size: int = 2000,
    job=None,
) -> ImportReport:
    """Import one file (or Relaton folder/archive) and return the report."""
    if not path.exists():
        raise ImportFileError(_("File not found: %(path)s") % {"path": path})
    key = fmt or detect_format(path)
    if key not in FORMATS:
        raise ImportFileError(_("Unknown format: %(fmt)s") % {"fmt": key})
    spec = FORMATS[key]
    try:
        records = spec.reader(path)
        return import_records(
            records,
            source_slug=source_slug or spec.default_source,
            fmt=key,
            filename=filename or path.name,
            user=user,
            progress=progress,
            batch_size=batch_size,
            job=job,
        )
    except (ValueError, OSError, UnicodeError) as exc:
        if isinstance(exc, DomainError):
            raise
        raise ImportFileError(
            _("Cannot read %(name)s: %(reason)s") % {"name": filename or path.name, "reason": exc}
        ) from exc
