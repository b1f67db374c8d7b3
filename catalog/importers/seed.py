"""The compact shipped seed: records as xz-compressed JSON lines, plus classification files."""

from __future__ import annotations

import csv
import io
import json
import lzma
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from catalog.importers.records import ImportFormatError, StandardRecord

SEED_FORMAT = "stdbase-catalog-seed"
SEED_VERSION = 1
_XZ_PRESET = 9


def _open_text(path: str | os.PathLike, mode: str):
    if str(path).endswith(".xz"):
        if "w" in mode:
            return lzma.open(path, mode + "t", encoding="utf-8", preset=_XZ_PRESET, newline="\n")
        return lzma.open(path, mode + "t", encoding="utf-8")
    return open(path, mode, encoding="utf-8", newline="\n")  # noqa: SIM115 - returned


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def write_seed(records: Iterable[StandardRecord], path: str | os.PathLike) -> int:
    """Write records as one JSON object per line after a header line; returns the count.

    The order is kept as given (the seed builder sorts), and key order is fixed, so the
    same records always give the same bytes.
    """
    count = 0
    with _open_text(path, "w") as handle:
        handle.write(_dumps({"format": SEED_FORMAT, "version": SEED_VERSION}) + "\n")
        for record in records:
            handle.write(_dumps(record.to_json()) + "\n")
            count += 1
    return count


def read_seed(path: str | os.PathLike) -> Iterator[StandardRecord]:
    """Records from a seed written by write_seed (``.jsonl`` or ``.jsonl.xz``)."""
    try:
        with _open_text(path, "r") as handle:
            header = json.loads(handle.readline() or "{}")
            if header.get("format") != SEED_FORMAT:
                raise ImportFormatError(f"{path}: not a StdBase catalogue seed")
            if header.get("version", 0) > SEED_VERSION:
                raise ImportFormatError(f"{path}: seed version {header['version']} is too new")
            for line in handle:
                if line.strip():
                    yield StandardRecord.from_json(json.loads(line))
    except (lzma.LZMAError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ImportFormatError(f"{path}: damaged seed file ({exc})") from exc


def write_json(obj: Any, path: str | os.PathLike) -> None:
    """Write JSON (xz-compressed when the name ends in .xz) with fixed key order."""
    with _open_text(path, "w") as handle:
        handle.write(json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=0) + "\n")


def read_json(path: str | os.PathLike) -> Any:
    """Read a JSON file written by write_json (plain or .xz)."""
    with _open_text(path, "r") as handle:
        return json.load(handle)


# ---------------------------------------------------------------------------- classifications


def ics_parent(code: str) -> str:
    """The parent ICS code: '17.160.10' -> '17.160', '17.160' -> '17', '17' -> ''."""
    return code.rsplit(".", 1)[0] if "." in code else ""


def read_ics_source(path: str | os.PathLike) -> list[dict[str, str]]:
    """ICS codes from metanorma's merged ics-ed7.json as {code, description, parent}."""
    entries = json.loads(Path(path).read_text(encoding="utf-8"))
    out = [
        {
            "code": str(e["code"]),
            "description": " ".join(str(e.get("description", "")).split()),
            "parent": ics_parent(str(e["code"])),
        }
        for e in entries
    ]
    return sorted(out, key=lambda e: [int(p) for p in e["code"].split(".")])


def read_ccs_source(directory: str | os.PathLike) -> list[dict[str, Any]]:
    """CCS codes from metanorma's ccs-cat-level{1,2,3}.csv as {code, name, parent, level}.

    Level 1 is a letter (A), level 2 a range (A00/09), level 3 a code (A01) whose parent
    is the range that holds it.
    """
    base = Path(directory)
    out: list[dict[str, Any]] = []
    for level in (1, 2, 3):
        text = (base / f"ccs-cat-level{level}.csv").read_text(encoding="utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))[1:]
        for row in rows:
            if not row or not row[0].strip():
                continue
            code, name = row[0].strip(), row[1].strip()
            parent = "" if level == 1 else row[2].strip()
            out.append({"code": code, "name": name, "parent": parent, "level": level})
    return out
