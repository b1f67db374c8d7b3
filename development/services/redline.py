"""Redline comparison of two drafts: clause by clause, character by character inside a clause.

Clauses are matched by their number (or heading); a changed clause is compared in tokens —
each Chinese character on its own, Latin words and numbers whole — so that a change of one
character in a Chinese sentence marks that character, not the sentence.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from development.services.clauses import Clause

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.\-/:][A-Za-z0-9]+)*|\s+|.", re.DOTALL)
SAME, ADDED, REMOVED, CHANGED = "same", "added", "removed", "changed"


@dataclass
class Piece:
    """A run of text that is equal, inserted or deleted."""

    op: str  # "equal", "insert", "delete"
    text: str


@dataclass
class ClauseDiff:
    """How one clause changed between the two versions."""

    number: str
    title: str
    status: str
    title_pieces: list[Piece] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.status != SAME


@dataclass
class Redline:
    """The comparison of two texts: per clause, with counts."""

    clauses: list[ClauseDiff]

    @property
    def counts(self) -> dict[str, int]:
        out = {SAME: 0, ADDED: 0, REMOVED: 0, CHANGED: 0}
        for clause in self.clauses:
            out[clause.status] += 1
        return out


def tokens(text: str) -> list[str]:
    """Chinese characters one by one, Latin words and numbers (GB/T 1.1-2020) whole."""
    return _TOKEN.findall(text or "")


def diff_text(old: str, new: str) -> list[Piece]:
    """Token-level differences between two texts, merged into runs."""
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    pieces: list[Piece] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if pieces and pieces[-1].op == op:
            pieces[-1].text += text
        else:
            pieces.append(Piece(op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", "".join(a[i1:i2]))
        else:
            add("delete", "".join(a[i1:i2]))
            add("insert", "".join(b[j1:j2]))
    return pieces


def compare(old: list[Clause], new: list[Clause]) -> Redline:
    """Match clauses by number (or heading) in order and compare each pair."""
    keys_a, keys_b = [c.key for c in old], [c.key for c in new]
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    out: list[ClauseDiff] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for before, after in zip(old[i1:i2], new[j1:j2], strict=True):
                out.append(_pair(before, after))
            continue
        # Replaced runs: pair clauses position by position, the rest added or removed.
        left, right = old[i1:i2], new[j1:j2]
        for index in range(max(len(left), len(right))):
            before = left[index] if index < len(left) else None
            after = right[index] if index < len(right) else None
            if before and after and tag == "replace" and before.title == after.title:
                out.append(_pair(before, after))
                continue
            if before is not None:
                out.append(
                    ClauseDiff(
                        before.number,
                        before.title,
                        REMOVED,
                        [Piece("delete", before.title)],
                        [Piece("delete", before.text)],
                    )
                )
            if after is not None:
                out.append(
                    ClauseDiff(
                        after.number,
                        after.title,
                        ADDED,
                        [Piece("insert", after.title)],
                        [Piece("insert", after.text)],
                    )
                )
    return Redline(out)


def _pair(before: Clause, after: Clause) -> ClauseDiff:
    same = before.title == after.title and before.text == after.text
    return ClauseDiff(
        after.number,
        after.title,
        SAME if same else CHANGED,
        [Piece("equal", after.title)]
        if before.title == after.title
        else diff_text(before.title, after.title),
        [Piece("equal", after.text)]
        if before.text == after.text
        else diff_text(before.text, after.text),
    )
