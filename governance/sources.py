"""The registry of KPI data sources; the built-in ones live in services/kpi_sources.py."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Measurement:
    """A computed value, the sentence saying how, and links to the first counted records."""

    value: Decimal
    method: str
    records: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class DataSource:
    """A way to compute an indicator's value at a date from the platform's records."""

    code: str
    label: Any
    compute: Callable[..., Measurement]  # compute(indicator, as_of: datetime.date)
    unit: str = ""
    description: Any = ""


_SOURCES: dict[str, DataSource] = {}


def register_source(source: DataSource) -> DataSource:
    """Declare a data source (idempotent for the same code)."""
    _SOURCES[source.code] = source
    return source


def get_source(code: str) -> DataSource | None:
    """The data source with this code, or None (manual indicators have none)."""
    return _SOURCES.get(code)


def registered_sources() -> list[DataSource]:
    """Every data source, by code."""
    return [_SOURCES[code] for code in sorted(_SOURCES)]


def measure(indicator, as_of: datetime.date) -> Measurement | None:
    """The indicator's value at `as_of` from its data source (None for a manual one)."""
    source = get_source(indicator.source)
    return source.compute(indicator, as_of) if source is not None else None


def register_builtin_sources() -> None:
    """Declare the data sources computed from the other apps."""
    from governance.services import kpi_sources

    kpi_sources.register()
