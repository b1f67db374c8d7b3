"""Load the classification vocabularies (ICS, CCS, industry and region codes)."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from catalog.importers.seed import read_json
from catalog.models import CcsCode, IcsCode, IndustryCode, RegionCode


def _upsert(model, rows: list[dict], unique: str, fields: list[str]) -> int:
    model.objects.bulk_create(
        [model(**row) for row in rows],
        update_conflicts=True,
        unique_fields=[unique],
        update_fields=fields,
        batch_size=500,
    )
    return len(rows)


def _link_parents(model, parents: dict[str, str]) -> None:
    ids = dict(model.objects.values_list("code", "id"))
    stale = []
    for node in model.objects.only("id", "code", "parent_id"):
        parent_id = ids.get(parents.get(node.code, ""))
        if node.parent_id != parent_id:
            node.parent_id = parent_id
            stale.append(node)
    model.objects.bulk_update(stale, ["parent"], batch_size=500)


@transaction.atomic
def load_ics(entries: list[dict]) -> int:
    """Upsert ICS codes from [{code, description, parent}]."""
    rows = [
        {"code": e["code"], "name_en": e["description"][:300], "level": e["code"].count(".") + 1}
        for e in entries
    ]
    count = _upsert(IcsCode, rows, "code", ["name_en", "level"])
    _link_parents(IcsCode, {e["code"]: e["parent"] for e in entries})
    return count


@transaction.atomic
def load_ccs(entries: list[dict]) -> int:
    """Upsert CCS codes from [{code, name, parent, level}]."""
    rows = [
        {
            "code": e["code"],
            "name_zh": e["name"][:200],
            "level": e["level"],
            "notes": e.get("notes", ""),
        }
        for e in entries
    ]
    count = _upsert(CcsCode, rows, "code", ["name_zh", "level", "notes"])
    _link_parents(CcsCode, {e["code"]: e["parent"] for e in entries})
    return count


@transaction.atomic
def load_codes(data: dict) -> int:
    """Upsert industry codes and province codes from cn_codes.json."""
    industry = [
        {
            "code": e["code"],
            "name_zh": e["industry_zh"],
            "name_en": e.get("industry_en", ""),
            "authority": e.get("authority_zh_as_of_source", ""),
        }
        for e in data.get("industry_codes", [])
    ]
    regions = [
        {"code": e["code"], "name_zh": e["name_zh"]} for e in data.get("local_province_codes", [])
    ]
    _upsert(IndustryCode, industry, "code", ["name_zh", "name_en", "authority"])
    _upsert(RegionCode, regions, "code", ["name_zh"])
    return len(industry) + len(regions)


def load_vocabularies(seed_dir: Path) -> dict[str, int]:
    """Load every vocabulary file present in the seed directory."""
    counts = {}
    if (seed_dir / "ics.json.xz").exists():
        counts["ics"] = load_ics(read_json(seed_dir / "ics.json.xz"))
    if (seed_dir / "ccs.json").exists():
        counts["ccs"] = load_ccs(read_json(seed_dir / "ccs.json"))
    if (seed_dir / "cn_codes.json").exists():
        counts["codes"] = load_codes(read_json(seed_dir / "cn_codes.json"))
    return counts
