"""Summaries of an import for a terminal, and the report file of its rejected rows."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.services.imports import ImportReport, RejectKind

REPORTS_DIRNAME = "import-reports"
KIND_LABELS = {
    RejectKind.DESIGNATION: gettext_lazy("designation not recognised"),
    RejectKind.STATUS: gettext_lazy("unknown status"),
    RejectKind.UNREADABLE: gettext_lazy("row could not be read"),
}


def rejection_location(row: dict, filename: str) -> str:
    """Where a rejected row is: the file and its line, and the source's own file or id."""
    parts = [filename] if filename else []
    if row.get("line") is not None:
        parts.append(_("line %(line)d") % {"line": row["line"]})
    elif row.get("index"):
        parts.append(_("record %(index)d") % {"index": row["index"]})
    # Spreadsheet rows already name "file:line" as their reference.
    if row.get("source_ref") and row["source_ref"] != f"{filename}:{row.get('line')}":
        parts.append(f"({row['source_ref']})")
    return " ".join(parts) or _("unknown location")


def write_rejection_report(
    report: ImportReport, filename: str, directory: Path | None = None
) -> Path | None:
    """Write every rejected row (location, designation, reason) to a text file in the data
    directory; returns its path, or None when nothing was rejected."""
    if not report.rejections:
        return None
    folder = directory or Path(settings.DATA_DIR) / REPORTS_DIRNAME
    folder.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^0-9A-Za-z._-]+", "_", Path(filename).name.split("#")[0])[:80] or "import"
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    path = folder / f"{stamp}-run{report.run_id or 0}-{stem}.txt"
    lines = [
        _("Rejected rows of the import of %(file)s (%(count)d):")
        % {"file": filename, "count": report.rejected},
        "",
    ]
    for row in report.rejections:
        kind = str(KIND_LABELS.get(row.get("kind"), row.get("kind", "")))
        lines.append(
            "\t".join(
                [
                    rejection_location(row, filename),
                    row.get("designation") or "-",
                    kind,
                    row.get("reason", ""),
                ]
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def summarise_import(report: ImportReport, report_path: Path | None) -> list[str]:
    """The lines that tell a person what an import did, ending with where the details are."""
    lines = [report.summary()]
    for kind, count in report.rejected_by_kind.items():
        lines.append(
            _("  rejected, %(reason)s: %(count)d")
            % {"reason": KIND_LABELS.get(kind, kind), "count": count}
        )
    if report_path is not None:
        lines.append(_("Rejected rows are listed in %(path)s") % {"path": report_path})
    return lines
