"""Documents the office hands out: the progress bulletin (工作进度通报), as docx and pdf.

Each document is built once as a `core.pdf.Report`; `render_docx` writes the same report
as Word, so the two formats never differ in content.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.pdf import Paragraph, Report, Section, Table


def render_docx(report: Report) -> bytes:
    """The report as a Word document: title, metadata table, headed sections and tables."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt

    document = docx.Document()
    if report.landscape:
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    document.add_heading(report.title, level=0)
    if report.subtitle:
        document.add_paragraph(report.subtitle)
    if report.metadata:
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for key, value in report.metadata:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = str(key), str(value)
    for part in report.sections:
        if part.heading:
            document.add_heading(part.heading, level=1)
        for block in part.blocks:
            if isinstance(block, Paragraph):
                for line in block.text.split("\n"):
                    document.add_paragraph(line)
            elif isinstance(block, Table):
                table = document.add_table(rows=1, cols=len(block.headers))
                table.style = "Table Grid"
                for cell, header in zip(table.rows[0].cells, block.headers, strict=True):
                    cell.text = str(header)
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
                for row in block.rows:
                    for cell, value in zip(table.add_row().cells, row, strict=False):
                        cell.text = "" if value is None else str(value)
                        for run in cell.paragraphs[0].runs:
                            run.font.size = Pt(9)
    if report.footer:
        document.add_paragraph(report.footer)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


STATUS_LABELS = {
    "done": _("done"),
    "on_track": _("on track"),
    "behind": _("behind"),
    "overdue": pgettext("governance", "overdue"),
}


def bulletin_report(plan, summary: dict) -> Report:
    """The progress bulletin of an annual plan at a date."""
    labels = {k: str(v) for k, v in STATUS_LABELS.items()}
    counts = summary["counts"]
    overview = _(
        "%(total)d tasks: %(done)d done, %(on_track)d on track, %(behind)d behind, "
        "%(overdue)d overdue."
    ) % {"total": summary["total"], **counts}
    units = [
        [u["unit"], u["done"], u["on_track"], u["behind"], u["overdue"]] for u in summary["units"]
    ]
    late = [
        [
            r["task"].title,
            r["task"].unit.name,
            r["task"].due_on.isoformat(),
            f"{r['task'].progress}%",
            labels[r["status"]],
        ]
        for r in summary["rows"]
        if r["status"] in ("behind", "overdue")
    ]
    every = [
        [
            r["task"].title,
            r["task"].unit.name,
            r["task"].due_on.isoformat(),
            f"{r['task'].progress}%",
            f"{r['expected']}%",
            labels[r["status"]],
        ]
        for r in summary["rows"]
    ]
    return Report(
        title=_("Work progress bulletin (工作进度通报)"),
        subtitle=f"{plan.base.name} · {plan.year} {plan.title}",
        metadata=[
            (_("Base"), plan.base.name),
            (_("Plan"), f"{plan.year} {plan.title}"),
            (pgettext("governance", "As of"), summary["today"].isoformat()),
        ],
        sections=[
            Section(_("Overview"), [Paragraph(overview)]),
            Section(
                _("By responsible unit"),
                [
                    Table(
                        [
                            pgettext("governance", "Unit"),
                            labels["done"],
                            labels["on_track"],
                            labels["behind"],
                            labels["overdue"],
                        ],
                        units,
                        widths=(60, 20, 20, 20, 20),
                    )
                ],
            ),
            Section(
                _("Tasks behind or overdue"),
                [
                    Table(
                        [
                            _("Task"),
                            pgettext("governance", "Unit"),
                            _("Due on"),
                            _("Progress"),
                            _("Status"),
                        ],
                        late,
                        widths=(70, 40, 22, 18, 18),
                    )
                ]
                if late
                else [Paragraph(_("None."))],
            ),
            Section(
                _("All tasks"),
                [
                    Table(
                        [
                            _("Task"),
                            pgettext("governance", "Unit"),
                            _("Due on"),
                            _("Progress"),
                            _("Expected"),
                            _("Status"),
                        ],
                        every,
                        widths=(60, 36, 22, 16, 16, 16),
                    )
                ],
            ),
        ],
        landscape=False,
    )
