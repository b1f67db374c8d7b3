"""Inter-laboratory rounds: storing measurements, ISO 5725-2 / ISO 13528 results, Mandel limits."""

from __future__ import annotations

import csv
import io
import math

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from audit.services import log_action
from core.exceptions import DomainError
from core.uploads import validate_upload
from core.writers import Column, Sheet, Styled, stream_csv, write_xlsx
from verification.services import precision
from verification.services.distributions import f_quantile, t_quantile

MAX_MEASUREMENTS = 20000


class RoundError(DomainError):
    """A round that cannot be saved."""

    code = "round_invalid"


def read_round_file(upload) -> str:
    """The CSV text `level,lab,value` of an uploaded csv or xlsx (first sheet)."""
    kind = validate_upload(upload, {"xlsx", "csv"})
    if kind == "csv":
        data = upload.read()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise RoundError(_("The CSV file is neither UTF-8 nor GB18030 text."))
    from openpyxl import load_workbook

    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable workbook is the same error to a person
        raise RoundError(_("The workbook cannot be read.")) from None
    out = io.StringIO()
    writer = csv.writer(out)
    for row in book.worksheets[0].iter_rows(values_only=True, max_row=MAX_MEASUREMENTS + 2):
        writer.writerow(["" if c is None else c for c in row])
    book.close()
    return out.getvalue()


def analyse_text(text: str) -> dict:
    """The per-level results of a round's CSV text, as stored and shown."""
    return {"levels": [r.as_dict() for r in precision.analyse(text)]}


MEASUREMENT_FIELDS = ("round", "level", "lab", "replicate", "value")


def _insert_measurements(rows) -> None:
    """Write `(round id, level, lab, replicate, value)` rows in multi-row INSERTs.

    `bulk_create()` builds a model instance and prepares each field of every row: for the
    1,500 values of a 30 × 10 × 5 round that was about half of `create_round` on SQLite
    (bench.verification). The values here are already typed (str, int, float), and the
    model has no defaults, signals or generated fields that an INSERT would skip.
    """
    from django.db import connection

    from verification.models import RoundMeasurement

    meta, quote = RoundMeasurement._meta, connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in MEASUREMENT_FIELDS)
    limit = connection.features.max_query_params or 10000
    batch = max(1, min(2000, limit // len(MEASUREMENT_FIELDS)))
    placeholder = "(" + ", ".join(["%s"] * len(MEASUREMENT_FIELDS)) + ")"
    # Only quoted model names and placeholders go into the SQL; the values are parameters.
    insert = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "  # noqa: S608
    rows = list(rows)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            sql = insert + ", ".join([placeholder] * len(chunk))
            cursor.execute(sql, [value for row in chunk for value in row])


@transaction.atomic
def create_round(centre, *, user, title: str, text: str, method: str = "",
                 kind: str = "precision", verification_request=None, request=None):  # fmt: skip
    """Store a round's measurements and its computed results; bad data saves nothing."""
    from verification.models import PrecisionRound
    from verification.services.requests import can_work_on_centre

    if not can_work_on_centre(user, centre):
        raise RoundError(
            _("Only the staff of %(centre)s may record its rounds.") % {"centre": centre}
        )
    if not title.strip():
        raise RoundError(_("Give the round a title."))
    cells = precision.read_measurements(text)
    total = sum(c.n for level in cells.values() for c in level)
    if total > MAX_MEASUREMENTS:
        raise RoundError(_("At most %(n)d measurements per round.") % {"n": MAX_MEASUREMENTS})
    result = {"levels": [precision.analyse_level(lv, cs).as_dict() for lv, cs in cells.items()]}
    rnd = PrecisionRound.objects.create(
        centre=centre, title=title.strip(), method=method.strip(), kind=kind, result=result,
        created_by=user, request=verification_request,
    )  # fmt: skip
    _insert_measurements(
        (rnd.pk, level, cell.lab, i, value)
        for level, level_cells in cells.items()
        for cell in level_cells
        for i, value in enumerate(cell.values, start=1)
    )  # fmt: skip
    log_action("verification.round.created", actor=user, obj=rnd, request=request,
               after={"levels": len(cells), "measurements": total, "kind": kind})  # fmt: skip
    return rnd


def round_csv(rnd) -> str:
    """The stored measurements back as CSV text `level,lab,value`."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["level", "lab", "value"])
    for level, lab, value in rnd.measurements.order_by("pk").values_list("level", "lab", "value"):
        writer.writerow([level, lab, repr(value)])
    return out.getvalue()


EXPORT_FORMATS = ("xlsx", "csv")


def test_label(test: str) -> str:
    """The name of the outlier test that flagged a laboratory (ISO 5725-2 §7.3)."""
    labels = {
        "cochran": _("Cochran"),
        "grubbs_high": _("Grubbs, highest"),
        "grubbs_low": _("Grubbs, lowest"),
        "grubbs_double_high": _("Grubbs, two highest"),
        "grubbs_double_low": _("Grubbs, two lowest"),
    }
    return labels.get(test, test)


def _flags(flags: list[dict]) -> str:
    return ", ".join(f"{f['lab']} ({test_label(f['test'])})" for f in flags)


def round_facts(rnd) -> list[list]:
    """The round's description: what, by whom, when (the first sheet of the workbook)."""
    from django.utils import timezone

    return [
        [Styled(_("Inter-laboratory round"), bold=True, size=14)],
        [_("title"), rnd.title],
        [_("kind"), rnd.get_kind_display()],
        [_("test method"), rnd.method],
        [_("organising centre"), rnd.centre.body.name],
        [_("verification request"), rnd.request.title if rnd.request_id else ""],
        [_("created at"), timezone.localtime(rnd.created_at).replace(tzinfo=None)],
        [_("measurements"), rnd.measurements.count()],
    ]


def round_workbook(rnd) -> bytes:
    """The round as xlsx: facts, precision per level, every laboratory's cell, the raw values.

    Written by `core.writers`, so a laboratory or level name that looks like a formula
    (`=HYPERLINK(...)`) stays text.
    """
    levels = rnd.result.get("levels", [])
    precision_columns = [Column(h, w) for h, w in (
        (_("level"), 14), ("p", 6), ("n", 6), ("m", 12), ("s_r", 12), ("s_L", 12), ("s_R", 12),
        ("r", 12), ("R", 12), (_("outliers"), 30), (_("stragglers"), 30), (_("excluded"), 20),
    )]  # fmt: skip
    precision_rows = (
        [lv["level"], lv["labs"], lv["replicates"], lv["mean"], lv["s_r"], lv["s_L"],
         lv["s_R"], lv["r"], lv["R"], _flags(lv["outliers"]), _flags(lv["stragglers"]),
         ", ".join(lv["excluded"])]
        for lv in levels
    )  # fmt: skip
    lab_columns = [Column(h, w) for h, w in (
        (_("level"), 14), (_("laboratory"), 16), ("n", 6), (_("cell mean"), 12),
        (_("cell standard deviation"), 12), ("h", 10), ("k", 10), ("z", 10), (_("assessment"), 12),
    )]  # fmt: skip
    assessments = {"acceptable": pgettext("z-score", "acceptable"),
                   "warning": pgettext("z-score", "warning"),
                   "action": pgettext("z-score", "action"), "undefined": "—"}  # fmt: skip
    lab_rows = (
        [lv["level"], lab, cell["n"], cell["mean"], cell["sd"], lv["h"].get(lab),
         lv["k"].get(lab), lv["robust"].get("z", {}).get(lab),
         assessments.get(lv["robust"].get("assessment", {}).get(lab, ""), "")]
        for lv in levels
        for lab, cell in lv["cells"].items()
    )  # fmt: skip
    measurement_columns = [Column(_("level"), 14), Column(_("laboratory"), 16),
                           Column(_("replicate"), 10), Column(_("value"), 14)]  # fmt: skip
    measurements = rnd.measurements.order_by("pk").values_list("level", "lab", "replicate", "value")
    return write_xlsx([
        Sheet(_("Round"), round_facts(rnd), [Column("", 22), Column("", 50)]),
        Sheet(_("Precision"), precision_rows, precision_columns),
        Sheet(_("Laboratories"), lab_rows, lab_columns),
        Sheet(_("Measurements"), measurements.iterator(chunk_size=2000), measurement_columns),
    ])  # fmt: skip


def round_csv_lines(rnd):
    """The measurements as CSV `level,lab,value` (safe cells, BOM), readable as a new round."""
    rows = rnd.measurements.order_by("pk").values_list("level", "lab", "value")
    return stream_csv(["level", "lab", "value"], rows.iterator(chunk_size=2000))


def export_round(rnd, fmt: str, *, user, request=None):
    """The round as "xlsx" bytes or CSV lines; the export is recorded in the audit trail.

    Proficiency results say how each laboratory performed, so who took them out is kept.
    """
    if fmt not in EXPORT_FORMATS:
        raise RoundError(_("Export as xlsx or csv."))
    content = round_workbook(rnd) if fmt == "xlsx" else round_csv_lines(rnd)
    log_action("verification.round.exported", actor=user, obj=rnd, request=request,
               after={"format": fmt, "levels": len(rnd.result.get("levels", []))})  # fmt: skip
    return content


def mandel_h_critical(labs: int, alpha: float) -> float:
    """ISO 5725-2 §8.3: h = (p − 1) t / √(p (p − 2 + t²)), t two-sided at α with p − 2 df."""
    t = t_quantile(1 - alpha / 2, labs - 2)
    return (labs - 1) * t / math.sqrt(labs * (labs - 2 + t * t))


def mandel_k_critical(labs: int, replicates: int, alpha: float) -> float:
    """ISO 5725-2 §8.3: k = √(p / (1 + (p − 1)/F)), F at 1 − α of F(n − 1, (p − 1)(n − 1))."""
    f = f_quantile(1 - alpha, replicates - 1, (labs - 1) * (replicates - 1))
    return math.sqrt(labs / (1 + (labs - 1) / f))
