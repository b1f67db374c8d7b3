"""Conformity tests: recording judged clauses, reports and failure statistics per standard."""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from audit.services import log_action
from bodies.scopes import has_body_permission
from core.exceptions import DomainError
from core.uploads import validate_upload
from verification.services.limits import (
    FAIL,
    FULL,
    INCONCLUSIVE,
    NOT_DETECTED,
    ROUNDED,
    Judgement,
    judge,
)
from verification.services.numbers import new_verification_code, next_report_number

MAX_ITEMS = 2000


class ConformityError(DomainError):
    """A conformity test or its data that cannot be recorded."""

    code = "conformity_invalid"


@dataclass(frozen=True)
class ItemInput:
    """One tested clause as entered or read from a file (before judging)."""

    clause: str
    indicator: str
    requirement: str
    value: str
    unit: str = ""
    method: str = ""
    row: int = 0  # the row of the data file or form, for located errors


# Column headings accepted in uploaded files (Chinese as in the template, or English).
COLUMNS = {
    "clause": ("条款", "条款号", "clause"),
    "indicator": ("指标", "检验项目", "项目", "indicator"),
    "requirement": ("要求", "技术要求", "标准要求", "requirement"),
    "value": ("测定值", "检测值", "实测值", "结果", "value"),
    "unit": ("单位", "unit"),
    "method": ("判定方法", "比较方法", "method"),
}
TEMPLATE_HEADINGS = ["条款", "指标", "要求", "测定值", "单位", "判定方法"]
METHODS = {"": "", "全数值": FULL, "全数值比较法": FULL, "full": FULL,
           "修约值": ROUNDED, "修约值比较法": ROUNDED, "rounded": ROUNDED}  # fmt: skip
REQUIRED = ("clause", "indicator", "requirement", "value")


def _heading_label(key: str) -> str:
    return COLUMNS[key][0]


def _located(row: int, key: str, message: str) -> ConformityError:
    return ConformityError(
        _("Row %(row)d, column “%(column)s”: %(message)s")
        % {"row": row, "column": _heading_label(key), "message": message}
    )


def check_item(item: ItemInput) -> ItemInput:
    """Refuse an item with an empty required cell, an unknown method or an unreadable value."""
    return judge_item(item)[0]


def judge_item(item: ItemInput) -> tuple[ItemInput, Judgement]:
    """The cleaned item and its judgement, or a ConformityError naming row and column."""
    for key in REQUIRED:
        if not str(getattr(item, key)).strip():
            raise _located(item.row, key, _("empty."))
    method = METHODS.get(item.method.strip())
    if method is None:
        raise _located(item.row, "method", _("write 全数值 or 修约值 (or leave it empty)."))
    clean = ItemInput(
        *(str(getattr(item, k)).strip() for k in ("clause", "indicator", "requirement", "value")),
        item.unit.strip(), method, item.row,
    )  # fmt: skip
    judged = judge(clean.requirement, clean.value, clean.unit, method or None)
    # A value that gives no number (text, or a unit that cannot convert) is a data error;
    # "未检出" is a legitimate (inconclusive) result, and so is an unreadable requirement.
    if (
        judged.limit is not None
        and judged.compared is None
        and not NOT_DETECTED.search(clean.value)
    ):
        raise _located(item.row, "value", judged.rule)
    return clean, judged


def read_items_file(upload) -> list[ItemInput]:
    """The items of an uploaded xlsx/csv (template columns); errors name the row and column."""
    kind = validate_upload(upload, {"xlsx", "csv"})
    rows = _xlsx_rows(upload) if kind == "xlsx" else _csv_rows(upload)
    if not rows:
        raise ConformityError(_("The file has no rows."))
    headings = [str(c or "").strip().lower() for c in rows[0]]
    where: dict[str, int] = {}
    for key, names in COLUMNS.items():
        for index, heading in enumerate(headings):
            if heading in names:
                where[key] = index
                break
    missing = [_heading_label(k) for k in REQUIRED if k not in where]
    if missing:
        raise ConformityError(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": "、".join(missing)}
        )
    items = []
    for number, row in enumerate(rows[1:], start=2):
        cells = {k: _text(row[i]) if i < len(row) else "" for k, i in where.items()}
        if not any(cells.values()):
            continue
        items.append(check_item(ItemInput(**{k: cells.get(k, "") for k in COLUMNS}, row=number)))
    if not items:
        raise ConformityError(_("The file has no data rows."))
    if len(items) > MAX_ITEMS:
        raise ConformityError(_("At most %(n)d rows per file.") % {"n": MAX_ITEMS})
    return items


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_rows(upload) -> list[tuple]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable workbook is the same error to a person
        raise ConformityError(_("The workbook cannot be read.")) from None
    sheet = book.worksheets[0]
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True, max_row=MAX_ITEMS + 2)]
    book.close()
    return rows


def _csv_rows(upload) -> list[list[str]]:
    data = upload.read()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ConformityError(_("The CSV file is neither UTF-8 nor GB18030 text."))
    return list(csv.reader(io.StringIO(text)))


def template_xlsx() -> bytes:
    """The data template: the columns and one example row."""
    from core.writers import Column, Sheet, write_xlsx

    example = ["5.2", "铅（以 Pb 计）", "≤ 0.5 mg/kg", "0.12", "mg/kg", "全数值"]
    return write_xlsx([Sheet("数据", [example], [Column(h, 18) for h in TEMPLATE_HEADINGS])])


def can_test_in(user, centre) -> bool:
    """Whether the person may record conformity tests for this testing centre."""
    return has_body_permission(user, "verification.add_conformitytest", centre)


@transaction.atomic
def create_conformity_test(*, user, standard, centre, product: str, tested_on: datetime.date,
                           model: str = "", lot: str = "", sample: str = "",
                           manufacturer: str = "", request=None):  # fmt: skip
    """Open a conformity test of a product for a centre the person works for; audited."""
    from bodies.models import BodyKind
    from verification.models import ConformityTest

    if centre.kind != BodyKind.VERIFICATION_CENTRE:
        raise ConformityError(_("The testing centre must be a verification centre."))
    if not can_test_in(user, centre):
        raise ConformityError(_("You cannot record tests for %(centre)s.") % {"centre": centre})
    if not product.strip():
        raise ConformityError(_("Name the product."))
    test = ConformityTest.objects.create(
        standard=standard, centre=centre, product=product.strip(), model=model, lot=lot,
        sample=sample, manufacturer=manufacturer, tested_on=tested_on, created_by=user,
    )  # fmt: skip
    log_action(
        "verification.conformity.created", actor=user, obj=test, request=request,
        after={"standard": standard.designation, "centre": centre.pk, "product": test.product},
    )  # fmt: skip
    return test


@transaction.atomic
def record_items(test, items: list[ItemInput], *, user, replace: bool = False, request=None):
    """Judge the items against their requirements and add them to a draft test; audited."""
    from verification.models import ConformityItem, ConformityTest

    test = ConformityTest.objects.select_for_update().get(pk=test.pk)
    if test.state != "draft":
        raise ConformityError(_("Results can only be added while the test is a draft."))
    if not ConformityTest.objects.restrict(user, "change").filter(pk=test.pk).exists():
        raise ConformityError(_("You cannot change this test."))
    if not items:
        raise ConformityError(_("Enter at least one result."))
    checked = [judge_item(item) for item in items]
    if replace:
        test.items.all().delete()
    start = (test.items.aggregate(m=Max("position"))["m"] or 0) + 1
    rows = []
    for offset, (item, judged) in enumerate(checked):
        rows.append(
            ConformityItem(
                test=test, position=start + offset, clause=item.clause, indicator=item.indicator,
                requirement=item.requirement, value=item.value, unit=item.unit,
                method=judged.limit.method if judged.limit else item.method,
                verdict=judged.verdict, rule=judged.rule,
            )
        )  # fmt: skip
    ConformityItem.objects.bulk_create(rows)
    verdicts = Counter(r.verdict for r in rows)
    log_action(
        "verification.conformity.results", actor=user, obj=test, request=request,
        after={"added": len(rows), "replace": replace, **verdicts},
    )  # fmt: skip
    return rows


def assign_report_number(test) -> None:
    """Give a reported test its report number and verification code (inside the transition)."""
    from verification.models import ConformityTest

    test.report_number = next_report_number(ConformityTest, "CT")
    test.verification_code = new_verification_code(ConformityTest)
    test.save(update_fields=["report_number", "verification_code", "updated_at"])


def overall_verdict(test) -> str:
    """fail if any clause fails, inconclusive if any cannot be judged, else pass."""
    verdicts = set(test.items.values_list("verdict", flat=True))
    if FAIL in verdicts:
        return FAIL
    return INCONCLUSIVE if INCONCLUSIVE in verdicts or not verdicts else "pass"


# --- statistics per standard ---------------------------------------------------------


@dataclass(frozen=True)
class ClauseStat:
    """How often one clause was tested and failed across the reported tests."""

    clause: str
    indicator: str
    tested: int
    failed: int
    inconclusive: int

    @property
    def fail_rate(self) -> float:
        return self.failed / self.tested if self.tested else 0.0


@dataclass(frozen=True)
class YearStat:
    """Tests and failed clauses of one year."""

    year: int
    tests: int = 0
    failed_tests: int = 0
    items: int = 0
    failed_items: int = 0

    @property
    def fail_rate(self) -> float:
        return self.failed_items / self.items if self.items else 0.0


@dataclass
class FailureStats:
    """Conformity results of one standard: clauses by failures, and fail rates per year."""

    tests: int = 0
    failed_tests: int = 0
    clauses: list[ClauseStat] = field(default_factory=list)
    years: list[YearStat] = field(default_factory=list)

    @property
    def most_failed(self) -> list[ClauseStat]:
        return [c for c in self.clauses if c.failed][:5]


def clause_failure_stats(standard, user=None) -> FailureStats:
    """Which clauses of the standard fail most often, and fail rates per year (reported tests).

    Without `user` every reported test counts (the standard's systematic review); with a user
    only the tests that person may see.
    """
    from verification.models import ConformityItem, ConformityTest

    tests = ConformityTest.objects.filter(standard=standard, state="reported")
    if user is not None:
        tests = tests.restrict(user, "view")
    items = ConformityItem.objects.filter(test__in=tests)
    per_clause = (
        items.values("clause")
        .annotate(
            tested=Count("pk"),
            failed=Count("pk", filter=Q(verdict=FAIL)),
            inconclusive=Count("pk", filter=Q(verdict=INCONCLUSIVE)),
            indicator=Max("indicator"),
        )
        .order_by()
    )
    clauses = sorted(
        (ClauseStat(r["clause"], r["indicator"], r["tested"], r["failed"], r["inconclusive"])
         for r in per_clause),
        key=lambda c: (-c.failed, -c.fail_rate, _clause_key(c.clause)),
    )  # fmt: skip
    by_year: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    failed_tests = set(items.filter(verdict=FAIL).values_list("test_id", flat=True))
    for pk, tested_on in tests.values_list("pk", "tested_on"):
        row = by_year[tested_on.year]
        row["tests"] += 1
        row["failed_tests"] += pk in failed_tests
    for tested_on, verdict, n in (
        items.values_list("test__tested_on", "verdict").annotate(n=Count("pk")).order_by()
    ):
        row = by_year[tested_on.year]
        row["items"] += n
        if verdict == FAIL:
            row["failed_items"] += n
    years = [YearStat(year, **by_year[year]) for year in sorted(by_year)]
    return FailureStats(sum(y.tests for y in years), len(failed_tests), clauses, years)


def _clause_key(clause: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in clause.replace("．", ".").split("."))


def find_standard(text: str):
    """The catalogue edition a designation names (undated: the newest); ConformityError if none."""
    from catalog.designations import DesignationError, parse
    from catalog.editions import find_editions

    try:
        designation = parse(text.strip())
    except DesignationError:
        raise ConformityError(
            _("“%(text)s” is not a standard designation.") % {"text": text}
        ) from None
    editions = find_editions(designation)
    if not editions:
        raise ConformityError(
            _("The catalogue has no standard %(designation)s.")
            % {"designation": designation.canonical}
        )
    return editions[0]
