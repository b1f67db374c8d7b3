"""Chinese standard codes: national prefixes, industry codes and province codes.

The lists come from ``cn_codes.json`` (metanorma/gb-agencies, BSD-2-Clause), a copy kept in
the package so that nothing outside the repository is read at run time. That source predates
some codes still in use; they are added here with the reason next to each.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

_DATA_FILE = Path(__file__).with_name("cn_codes.json")


def _load() -> dict[str, Any]:
    with _DATA_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


_DATA = _load()

# National codes written without a /T or /Z suffix of their own (GB/T is GB + suffix).
NATIONAL_CODES: frozenset[str] = frozenset(
    {p["prefix"] for p in _DATA["national_prefixes"] if "/" not in p["prefix"]}
    # GBJ: national engineering construction standards before 1991 (GBJ 16-87).
    | {"GBJ"}
)

_EXTRA_INDUSTRY_CODES = {
    "NB",  # energy (能源), since 2009
    "XF",  # fire rescue (消防救援), split from GA in 2019
    "RB",  # certification and accreditation (认证认可)
    "SF",  # justice administration (司法行政)
    "DY",  # listed in relaton-gb prefixes.yaml
    "JGJ",  # construction industry engineering standards (建筑工程行业)
    "CJJ",  # urban construction engineering standards (城镇建设工程行业)
    "JTG",  # highway engineering (公路工程), numbers may start with a letter: JTG D60
    "JTJ",  # highway and waterway engineering before JTG/JTS
    "JTS",  # waterway engineering (水运工程)
    "TSG",  # special equipment safety technical specifications (特种设备安全技术规范)
}

INDUSTRY_CODES: frozenset[str] = frozenset(
    {c["code"] for c in _DATA["industry_codes"]} | _EXTRA_INDUSTRY_CODES
)

# Codes whose numbers can start with a letter (JTG D60-2015, TSG Z7002-2022).
LETTER_NUMBER_CODES: frozenset[str] = frozenset({"JTG", "JTJ", "TSG"})

# Codes whose numbers can end with a revision letter (GJB 9001C-2017).
LETTER_SUFFIX_CODES: frozenset[str] = frozenset({"GJB"})

PROVINCE_CODES: frozenset[str] = frozenset(p["code"] for p in _DATA["local_province_codes"])

# Every national or industry code; "DB" is also the earthquake industry code.
CHINESE_CODES: frozenset[str] = NATIONAL_CODES | INDUSTRY_CODES
