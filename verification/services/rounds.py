"""Inter-laboratory rounds: storing measurements, ISO 5725-2 / ISO 13528 results, Mandel limits."""

from __future__ import annotations

import csv
import io
import math

from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import log_action
from core.exceptions import DomainError
from core.uploads import validate_upload
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


@transaction.atomic
def create_round(centre, *, user, title: str, text: str, method: str = "",
                 kind: str = "precision", verification_request=None, request=None):  # fmt: skip
    """Store a round's measurements and its computed results; bad data saves nothing."""
    from verification.models import PrecisionRound, RoundMeasurement
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
    RoundMeasurement.objects.bulk_create(
        RoundMeasurement(round=rnd, level=level, lab=cell.lab, replicate=i, value=value)
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


def mandel_h_critical(labs: int, alpha: float) -> float:
    """ISO 5725-2 §8.3: h = (p − 1) t / √(p (p − 2 + t²)), t two-sided at α with p − 2 df."""
    t = t_quantile(1 - alpha / 2, labs - 2)
    return (labs - 1) * t / math.sqrt(labs * (labs - 2 + t * t))


def mandel_k_critical(labs: int, replicates: int, alpha: float) -> float:
    """ISO 5725-2 §8.3: k = √(p / (1 + (p − 1)/F)), F at 1 − α of F(n − 1, (p − 1)(n − 1))."""
    f = f_quantile(1 - alpha, replicates - 1, (labs - 1) * (replicates - 1))
    return math.sqrt(labs / (1 + (labs - 1) / f))
