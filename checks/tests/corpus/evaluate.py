"""Precision and recall of reference extraction on the labelled corpus."""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from catalog.designations import try_parse
from catalog.extraction import extract_from_segments, read_document

CORPUS = Path(__file__).resolve().parent


@dataclass
class Score:
    """Counts of one file (or of the whole corpus) and the derived measures."""

    expected: int = 0
    found: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    def add(self, other: Score) -> None:
        self.expected += other.expected
        self.found += other.found
        self.correct += other.correct


def _canonical(text: str) -> str:
    parsed = try_parse(text)
    return parsed.canonical if parsed else text


def expected_references(name: str, labels: dict) -> list[str]:
    """The labelled references of one corpus file, canonical."""
    expected = list(labels[name])
    if name.endswith(".csv"):
        with (CORPUS / name).open(encoding="utf-8") as handle:
            expected += [row["编号"] for row in csv.DictReader(handle)]
    return [_canonical(e) for e in expected]


def evaluate() -> tuple[Score, dict[str, tuple[Score, Counter, Counter]]]:
    """Score every labelled file: total, and per file the score, misses and inventions."""
    labels = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    total = Score()
    per_file = {}
    for name in sorted(k for k in labels if not k.startswith("_")):
        document = read_document(
            (CORPUS / name).read_bytes(), name.replace(".yaml", ".txt").replace(".xml", ".txt")
        )
        found = Counter(r.designation for r in extract_from_segments(document.segments))
        expected = Counter(expected_references(name, labels))
        score = Score(sum(expected.values()), sum(found.values()), sum((found & expected).values()))
        total.add(score)
        per_file[name] = (score, expected - found, found - expected)
    return total, per_file
