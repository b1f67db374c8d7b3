"""The analyst's dashboard: charts of the filtered catalogue, each number linked to its search."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from catalog.models import CcsCode, IcsCode, Publisher
from catalog.search.filters import Filters, choice_labels, validate_filters
from catalog.search.types import FILTER_KEYS
from research.models.aggregates import AdoptionClass
from research.services.cube import cube_counts
from research.services.findings import gap_fields, outdated_adoptions

REVIEW_YEARS = 5
# Age buckets of current standards: (label, min age, max age or None).
AGE_BUCKETS = ((0, 2), (3, 5), (6, 10), (11, 20), (21, None))
TOP_PUBLISHERS = 20
ADOPTED = ("IDT", "MOD", "NEQ", "UNK")


@dataclass
class Row:
    """One bar, slice or point: its label, count, optional share and the link behind it."""

    key: str
    label: str
    count: int
    url: str
    share: float | None = None


@dataclass
class Chart:
    """A chart of the dashboard: kind (bar, line, pie), rows, and the columns of its download."""

    key: str
    title: str
    kind: str
    rows: list[Row] = field(default_factory=list)
    value_title: str = ""
    note: str = ""

    def as_json(self) -> dict:
        """What the browser draws (labels, values, links)."""
        return {
            "key": self.key,
            "title": self.title,
            "kind": self.kind,
            "labels": [r.label for r in self.rows],
            "values": [r.share if self.kind == "rate" else r.count for r in self.rows],
            "urls": [r.url for r in self.rows],
        }

    def table(self) -> tuple[list[str], list[list]]:
        """Columns and rows of the chart's data, for xlsx/CSV."""
        columns = [_("Value"), _("Label"), _("Count")]
        if any(r.share is not None for r in self.rows):
            columns.append(_("Share (%)"))
        rows = [
            [r.key, r.label, r.count] + ([r.share] if len(columns) == 4 else []) for r in self.rows
        ]
        return columns, rows


class Links:
    """Links to the catalogue search (or the research drill-down) for the filtered set."""

    def __init__(self, raw: dict[str, list[str]]) -> None:
        self.raw = raw

    def _url(self, name: str, extra: dict) -> str:
        params = {k: list(v) for k, v in self.raw.items()}
        for key, value in extra.items():
            params[key] = [str(value)]
        return reverse(name) + ("?" + urlencode(params, doseq=True) if params else "")

    def search(self, **extra) -> str:
        """The catalogue search narrowed further by `extra` facet values."""
        return self._url("catalog:search", extra)

    def standards(self, **extra) -> str:
        """The research list of the standards behind a number the search cannot filter."""
        return self._url("research:standards", extra)


def raw_filters(query) -> dict[str, list[str]]:
    """The search filters of a query dict (request.GET), unchecked."""
    return {key: query.getlist(key) for key in FILTER_KEYS if query.getlist(key)}


def _labels() -> dict[str, dict]:
    return {
        "tier": choice_labels("Tier"),
        "status": choice_labels("Status"),
        "ics": {c: f"{c} {n}" for c, n in _names(IcsCode)},
        "ccs": {c: f"{c} {n}" for c, n in _names(CcsCode)},
    }


def _english() -> bool:
    return (get_language() or "").startswith("en")


def _names(model) -> list[tuple[str, str]]:
    english = "name_en" if any(f.name == "name_en" for f in model._meta.fields) else "name_zh"
    rows = model.objects.filter(level=1).values_list("code", "name_zh", english)
    if _english():
        return [(code, en or zh) for code, zh, en in rows]
    return [(code, zh or en) for code, zh, en in rows]


def _simple(key: str, dim: str, title: str, kind: str, filters: Filters, links: Links,
            labels: dict) -> Chart:  # fmt: skip
    counts = cube_counts((dim,), filters).as_dict()
    chart = Chart(key, title, kind, value_title=_("Standards"))
    for value, count in sorted(counts.items(), key=lambda kv: (kv[0] is None, str(kv[0]))):
        if value in (None, ""):
            continue
        text = str(value)
        label = labels.get(dim, {}).get(text, text)
        chart.rows.append(Row(text, label, count, links.search(**{dim: text})))
    return chart


def _publishers(filters: Filters, links: Links) -> Chart:
    counts = cube_counts(("publisher",), filters).as_dict()
    top = sorted(((n, pid) for pid, n in counts.items() if pid), reverse=True)[:TOP_PUBLISHERS]
    names = {p.pk: p for p in Publisher.objects.filter(pk__in=[pid for _n, pid in top])}
    chart = Chart("publisher", _("By publisher (top 20)"), "bar", value_title=_("Standards"))
    english = _english()
    for count, pid in top:
        pub = names[pid]
        first, second = (pub.name_en, pub.name_zh) if english else (pub.name_zh, pub.name_en)
        label = first or second or pub.code
        chart.rows.append(Row(pub.code, label, count, links.search(publisher=pub.code)))
    return chart


def _ages(filters: Filters, links: Links, today: datetime.date) -> tuple[Chart, Row]:
    current = replace(filters, status=["current"]) if not filters.status or (
        "current" in filters.status) else None  # fmt: skip
    by_year = cube_counts(("year",), current).as_dict() if current else {}
    chart = Chart("age", _("Age of current standards (years)"), "bar", value_title=_("Standards"))
    for low, high in AGE_BUCKETS:
        count = sum(
            n for year, n in by_year.items()
            if year and today.year - year >= low and (high is None or today.year - year <= high)
        )  # fmt: skip
        label = f"{low}–{high}" if high is not None else f"> {low - 1}"
        extra = {"status": "current", "min_age": low} | ({"max_age": high} if high else {})
        chart.rows.append(Row(label, label, count, links.standards(**extra)))
    overdue = sum(n for year, n in by_year.items() if year and year < today.year - REVIEW_YEARS)
    return chart, Row(
        "overdue",
        _("Current standards older than %(n)d years (systematic review due)") % {"n": REVIEW_YEARS},
        overdue,
        links.standards(status="current", min_age=REVIEW_YEARS + 1),
    )


def _national(filters: Filters) -> Filters | None:
    if filters.tier and "national" not in filters.tier:
        return None
    return replace(filters, tier=["national"])


def _rate(adopted: int, total: int) -> float:
    return round(100.0 * adopted / total, 1) if total else 0.0


def _adoption(filters: Filters, links: Links, labels: dict) -> list[Chart]:
    national = _national(filters)
    degree = Chart("adoption", _("National standards by ISO/IEC adoption"), "pie",
                   value_title=_("Standards"))  # fmt: skip
    by_ics = Chart("adoption_ics", _("Adoption rate by ICS field (%)"), "rate",
                   value_title=_("Adoption rate (%)"))  # fmt: skip
    by_year = Chart("adoption_year", _("Adoption rate by year of publication (%)"), "rate",
                    value_title=_("Adoption rate (%)"))  # fmt: skip
    if national is None:
        note = _("The filters exclude national standards.")
        return [replace(c, note=note) for c in (degree, by_ics, by_year)]
    names = dict(AdoptionClass.choices)
    counts = cube_counts(("adoption",), national).as_dict()
    total = sum(counts.values())
    for value in (*ADOPTED, ""):
        count = counts.get(value, 0)
        row = Row(value or "none", str(names[value]), count,
                  links.standards(tier="national", adoption=value or "none"),
                  _rate(count, total))  # fmt: skip
        degree.rows.append(row)
    adopted = sum(counts.get(v, 0) for v in ADOPTED)
    degree.note = _("Adoption rate %(rate)s%%: %(adopted)d of %(total)d national standards.") % {
        "rate": _rate(adopted, total), "adopted": adopted, "total": total}  # fmt: skip
    for chart, dim, label_of, key in (
        (by_ics, "ics", lambda v: labels["ics"].get(v, v), "ics"),
        (by_year, "year", str, "year"),
    ):
        pairs = cube_counts(("adoption", dim), national).as_dict()
        totals: dict = {}
        ours: dict = {}
        for (adoption, value), n in pairs.items():
            if value in (None, ""):
                continue
            totals[value] = totals.get(value, 0) + n
            if adoption in ADOPTED:
                ours[value] = ours.get(value, 0) + n
        for value in sorted(totals, key=str):
            chart.rows.append(Row(
                str(value), label_of(str(value)), ours.get(value, 0),
                links.standards(tier="national", adoption="any", **{key: value}),
                _rate(ours.get(value, 0), totals[value]),
            ))  # fmt: skip
    return [degree, by_ics, by_year]


@dataclass
class Dashboard:
    """Everything the analytics page shows for one set of filters."""

    filters: Filters
    raw: dict
    total: Row
    overdue: Row
    charts: list[Chart]
    gaps: list = field(default_factory=list)
    outdated_total: int = 0
    outdated: list = field(default_factory=list)

    def chart(self, key: str) -> Chart | None:
        return next((c for c in self.charts if c.key == key), None)


def build_dashboard(raw: dict, *, today: datetime.date | None = None) -> Dashboard:
    """The dashboard of the standards matching the search filters `raw` (SearchError if bad)."""
    today = today or datetime.date.today()
    filters = validate_filters(raw)
    links = Links(raw)
    labels = _labels()
    total = cube_counts((), filters).total
    charts = [
        _simple("tier", "tier", _("By tier"), "bar", filters, links, labels),
        _simple("status", "status", _("By status"), "pie", filters, links, labels),
        _publishers(filters, links),
        _simple("year", "year", _("By year of publication"), "line", filters, links, labels),
        _simple("ics", "ics", _("By ICS field"), "bar", filters, links, labels),
        _simple("ccs", "ccs", _("By CCS category"), "bar", filters, links, labels),
    ]
    age, overdue = _ages(filters, links, today)
    charts.append(age)
    charts += _adoption(filters, links, labels)
    outdated_total, outdated = outdated_adoptions(filters, limit=50)
    gaps = [g for g in gap_fields(filters) if g.adopted == 0][:50]
    for gap in gaps:
        gap.url = links.search(tier="international", status="current", ics=gap.ics_code)
        gap.label = labels["ics"].get(gap.ics_root, gap.ics_root)
    return Dashboard(
        filters=filters,
        raw=raw,
        total=Row("total", _("Standards"), total, links.search()),
        overdue=overdue,
        charts=charts,
        gaps=gaps,
        outdated_total=outdated_total,
        outdated=outdated,
    )


def drilldown_condition(params) -> tuple[str, list]:
    """SQL on `d` (search doc) and `s` (standard) for the research-only keys of a list."""
    clauses, values = [], []
    adoption = params.get("adoption", "")
    iso = "(s.adopted_designation LIKE 'ISO%%' OR s.adopted_designation LIKE 'IEC%%')"
    if adoption == "none":
        clauses.append(f"NOT {iso}")
    elif adoption == "any":
        clauses.append(iso)
    elif adoption in ("IDT", "MOD", "NEQ"):
        clauses.append(f"{iso} AND s.adoption_degree = %s")
        values.append(adoption)
    elif adoption == "UNK":
        clauses.append(f"{iso} AND s.adoption_degree NOT IN ('IDT', 'MOD', 'NEQ')")
    this_year = datetime.date.today().year
    for key, op in (("min_age", "<="), ("max_age", ">=")):
        text = params.get(key, "")
        if text.isdigit() and int(text) < 200:
            clauses.append(f"d.year IS NOT NULL AND d.year {op} %s")
            values.append(this_year - int(text))
    return (" AND ".join(clauses) or "1 = 1"), values
