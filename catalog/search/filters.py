"""Validated search filters, as SQL on catalog_searchdoc or as FTS5 facet tokens."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from django.utils.translation import get_language

from catalog.search.documents import STATUS_RANK
from catalog.search.types import FILTER_KEYS, SearchError

_ICS = re.compile(r"[0-9]{2}(?:\.[0-9]{1,3}(?:\.[0-9]{1,2})?)?")
_CCS = re.compile(r"[A-Z](?:[0-9]{1,2})?")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
# FTS5 facet-token prefixes; unicode61 splits on "_" and ".", so tokens are alphanumeric.
TOKEN = {
    "tier": "ti",
    "status": "st",
    "mandate": "ma",
    "publisher": "pu",
    "year": "yr",
    "ics_root": "ir",
    "ics": "ic",
    "ccs_root": "cr",
    "ccs": "cc",
}


@dataclass
class Filters:
    """Checked filter values: OR within one key, AND across keys."""

    tier: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    mandate: list[str] = field(default_factory=list)
    publisher_ids: list[int] = field(default_factory=list)
    year: list[int] = field(default_factory=list)
    ics: list[str] = field(default_factory=list)  # "35" (primary field) or "35.030" (any)
    ccs: list[str] = field(default_factory=list)  # "L" (primary category) or "L70" (any)

    @property
    def empty(self) -> bool:
        return not any(getattr(self, name) for name in self.__dataclass_fields__)

    def key(self) -> tuple:
        """A hashable form, for caches."""
        return tuple(tuple(getattr(self, name)) for name in self.__dataclass_fields__)


@functools.cache
def _choice_pairs(name: str) -> tuple[tuple[str, object], ...]:
    from catalog import models

    return tuple((str(v), label) for v, label in getattr(models, name).choices if v)


def choice_labels(name: str) -> dict[str, str]:
    """Value -> label (in the active language) of a catalogue TextChoices class."""
    return _choice_labels(name, get_language())


@functools.lru_cache(maxsize=64)
def _choice_labels(name: str, language: str | None) -> dict[str, str]:
    return {value: str(label) for value, label in _choice_pairs(name)}


def _bad_value(key: str, value: str) -> SearchError:
    return SearchError(f"未知的筛选值：{key}={value[:50]}", code="unknown_filter_value")


def _clean(raw: dict) -> dict[str, list[str]]:
    cleaned: dict[str, list[str]] = {}
    for key, values in (raw or {}).items():
        if key not in FILTER_KEYS:
            raise SearchError(f"未知的筛选条件：{str(key)[:50]}", code="unknown_filter")
        values = [values] if isinstance(values, str) else list(values or [])
        values = [str(v).strip() for v in values if str(v).strip()]
        if values:
            cleaned[key] = list(dict.fromkeys(values))
    return cleaned


def _check(key: str, values: list[str], pattern: re.Pattern) -> list[str]:
    for value in values:
        if not pattern.fullmatch(value):
            raise _bad_value(key, value)
    return values


def validate_filters(raw: dict) -> Filters:
    """Check keys and values; unknown keys and values raise SearchError with the culprit."""
    from catalog.models import Publisher

    values = _clean(raw)
    result = Filters()
    for key, choices in (("tier", "Tier"), ("status", "Status"), ("mandate", "Mandate")):
        allowed = choice_labels(choices)
        for value in values.get(key, []):
            if value not in allowed:
                raise _bad_value(key, value)
        setattr(result, key, values.get(key, []))
    if "publisher" in values:
        found = dict(
            Publisher.objects.filter(code__in=values["publisher"]).values_list("code", "id")
        )
        for value in values["publisher"]:
            if value not in found:
                raise _bad_value("publisher", value)
        result.publisher_ids = sorted(found.values())
    result.year = [int(v) for v in _check("year", values.get("year", []), _YEAR)]
    result.ics = _check("ics", values.get("ics", []), _ICS)
    result.ccs = _check("ccs", [v.upper() for v in values.get("ccs", [])], _CCS)
    return result


# -- as SQL on catalog_searchdoc d --------------------------------------------------------------


def _in(column: str, values: list) -> tuple[str, list]:
    return f"d.{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def _classification(
    values: list[str], root_column: str, link_table: str, code_table: str, root_length: int
) -> tuple[str, list]:
    # A first-level value uses the denormalised primary root (what the facet counts);
    # deeper codes look at every classification of the standard.
    parts, params = [], []
    for value in values:
        if len(value) == root_length:
            parts.append(f"d.{root_column} = %s")
            params.append(value)
        else:
            parts.append(
                f"EXISTS (SELECT 1 FROM {link_table} l JOIN {code_table} c ON c.id = l.code_id "  # noqa: S608
                "WHERE l.standard_id = d.standard_id AND c.code LIKE %s)"
            )
            params.append(value + "%")
    return "(" + " OR ".join(parts) + ")", params


def doc_filter_sql(filters: Filters) -> tuple[str, list]:
    """The filters as SQL conditions on catalog_searchdoc `d` ("1 = 1" when none)."""
    clauses = [
        _in(key, getattr(filters, key))
        for key in ("tier", "mandate", "year")
        if getattr(filters, key)
    ]
    if filters.status:
        # Status by its rank key (one to one), which leads the btree that large result
        # sets are paged by, so that a walk can seek to withdrawn standards directly.
        clauses.append(_in("status_rank", sorted({STATUS_RANK[s] for s in filters.status})))
    if filters.publisher_ids:
        clauses.append(_in("publisher_id", filters.publisher_ids))
    if filters.ics:
        clauses.append(
            _classification(filters.ics, "ics_root", "catalog_standardics", "catalog_icscode", 2)
        )
    if filters.ccs:
        clauses.append(
            _classification(filters.ccs, "ccs_root", "catalog_standardccs", "catalog_ccscode", 1)
        )
    if not clauses:
        return "1 = 1", []
    return " AND ".join(sql for sql, _ in clauses), [p for _, ps in clauses for p in ps]


# -- as FTS5 facet tokens -------------------------------------------------------------------------


def _code_token(prefix: str, code: str) -> str:
    return prefix + re.sub(r"[^0-9a-z]", "", code.lower())


def facet_tokens(doc, ics_codes: list[str], ccs_codes: list[str]) -> list[str]:
    """Tokens of a document's facet values for the FTS5 `fac` column."""
    tokens = [TOKEN["tier"] + doc.tier, TOKEN["status"] + doc.status]
    if doc.mandate:
        tokens.append(TOKEN["mandate"] + doc.mandate)
    if doc.publisher_id:
        tokens.append(f"{TOKEN['publisher']}{doc.publisher_id}")
    if doc.year:
        tokens.append(f"{TOKEN['year']}{doc.year}")
    if doc.ics_root:
        tokens.append(TOKEN["ics_root"] + doc.ics_root)
    if doc.ccs_root:
        tokens.append(_code_token(TOKEN["ccs_root"], doc.ccs_root))
    tokens += sorted({_code_token(TOKEN["ics"], code) for code in ics_codes})
    tokens += sorted({_code_token(TOKEN["ccs"], code) for code in ccs_codes})
    return tokens


def fts_filter_expression(filters: Filters) -> str:
    """The filters as FTS5 conditions on the `fac` column ("" when none)."""

    def any_of(tokens: list[str], prefix: bool = False) -> str:
        star = "*" if prefix else ""
        return "fac : (" + " OR ".join(f'"{t}"{star}' for t in tokens) + ")"

    parts = [
        any_of([TOKEN[key] + value for value in getattr(filters, key)])
        for key in ("tier", "status", "mandate")
        if getattr(filters, key)
    ]
    if filters.publisher_ids:
        parts.append(any_of([f"{TOKEN['publisher']}{i}" for i in filters.publisher_ids]))
    if filters.year:
        parts.append(any_of([f"{TOKEN['year']}{y}" for y in filters.year]))
    for values, root_key, key, root_length in (
        (filters.ics, "ics_root", "ics", 2),
        (filters.ccs, "ccs_root", "ccs", 1),
    ):
        if not values:
            continue
        roots = [_code_token(TOKEN[root_key], v) for v in values if len(v) == root_length]
        deep = [_code_token(TOKEN[key], v) for v in values if len(v) != root_length]
        options = [f'"{t}"' for t in roots] + [f'"{t}"*' for t in deep]
        parts.append("fac : (" + " OR ".join(options) + ")")
    return " AND ".join(parts)
