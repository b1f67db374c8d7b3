"""Extraction on the labelled corpus of real texts: the recall and precision README promises."""

from __future__ import annotations

import json

import pytest

from checks.tests.corpus.evaluate import CORPUS, evaluate

# Targets of issue 9: at least 97% of the cited designations found, and at most one
# spurious extraction per document.
MIN_RECALL = 0.97
MAX_SPURIOUS_PER_DOCUMENT = 1


@pytest.fixture(scope="module")
def scores():
    return evaluate()


def test_every_corpus_text_is_labelled():
    labels = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    texts = {
        p.name
        for p in CORPUS.iterdir()
        if p.suffix in (".txt", ".md", ".csv", ".xml", ".yaml") and p.name != "README.md"
    }
    assert texts == {name for name in labels if not name.startswith("_")}


def test_recall_on_the_corpus(scores):
    total, per_file = scores
    missed = {name: dict(miss) for name, (_s, miss, _x) in per_file.items() if miss}
    assert total.recall >= MIN_RECALL, missed


def test_at_most_one_spurious_extraction_per_document(scores):
    _total, per_file = scores
    spurious = {
        name: dict(extra)
        for name, (_s, _m, extra) in per_file.items()
        if sum(extra.values()) > MAX_SPURIOUS_PER_DOCUMENT
    }
    assert not spurious


def test_new_designation_families_are_in_the_corpus(scores):
    """The corpus holds the families issue 9 found missed, so the figures cover them."""
    labels = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    cited = " ".join(d for name, items in labels.items() if name[0] != "_" for d in items)
    for family in ("DBJ", "CECS", "JTG F80/1", "ISO/R", "ISO 105-B04", "/Add", "UL ", "IEEE Std"):
        assert family in cited, family
