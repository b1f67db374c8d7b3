"""Models of the standards catalogue."""

from catalog.models.classification import CcsCode, IcsCode, IndustryCode, RegionCode
from catalog.models.imports import CatalogEvent, DataSource, ImportRun
from catalog.models.standard import (
    AdoptionDegree,
    Mandate,
    Publisher,
    Replacement,
    Standard,
    StandardCcs,
    StandardIcs,
    Status,
    Tier,
)

__all__ = [
    "AdoptionDegree",
    "CatalogEvent",
    "CcsCode",
    "DataSource",
    "IcsCode",
    "ImportRun",
    "IndustryCode",
    "Mandate",
    "Publisher",
    "RegionCode",
    "Replacement",
    "Standard",
    "StandardCcs",
    "StandardIcs",
    "Status",
    "Tier",
]
