"""Splitting a draft's text into clauses (章条) the way GB/T 1.1 numbers them."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

# "1 范围", "3.1.2 数字孪生", "A.1 总则", "附录 A", "前言", "引言", "参考文献"; a number then
# a space (half or full width) and a short heading.
_NUMBERED = re.compile(
    r"^\s*(?P<number>(?:\d{1,2}|[A-Z])(?:\.\d{1,2}){0,5})(?:[\s\u3000]+|(?=[\u4e00-\u9fff]))"
    r"(?P<title>[^\s。；;，,].{0,60})$"
)
_ANNEX = re.compile(r"^\s*附\s*录\s*(?P<letter>[A-Z])(?P<title>.{0,60})$")
_UNNUMBERED = ("前言", "引言", "参考文献", "索引")
NORMATIVE_REFERENCES = "规范性引用文件"


@dataclass
class Clause:
    """One clause: its number ("3.1", "A", "前言"), its heading and its body text."""

    number: str
    title: str
    text: str

    @property
    def key(self) -> str:
        """What identifies the clause across versions: its number, else its heading."""
        return self.number or self.title


def _heading(line: str) -> tuple[str, str] | None:
    stripped = line.strip()
    if not stripped or len(stripped) > 80:
        return None
    compact = stripped.replace(" ", "").replace("\u3000", "")
    if compact in _UNNUMBERED:
        return compact, compact
    annex = _ANNEX.match(stripped)
    if annex:
        return annex["letter"], ("附录" + annex["letter"] + " " + annex["title"].strip()).strip()
    numbered = _NUMBERED.match(stripped)
    if numbered:
        title = numbered["title"].strip()
        # A sentence ("1 个传感器应……。") is not a heading.
        if title.endswith(("。", "；", ";")) or len(title) > 40:
            return None
        return numbered["number"], title
    return None


def split_clauses(text: str) -> list[Clause]:
    """The clauses of a text in order; text before the first heading is clause "" (cover)."""
    clauses: list[Clause] = []
    current = Clause("", "", "")
    body: list[str] = []
    seen_top = 0
    for line in (text or "").splitlines():
        heading = _heading(line)
        if heading is not None:
            number, title = heading
            top = number.split(".")[0]
            # Top-level numbers only go up (a numbered list item "2 ..." inside 5 is not 2).
            if top.isdigit() and "." not in number:
                if int(top) < seen_top:
                    heading = None
                else:
                    seen_top = int(top)
        if heading is not None:
            current.text = "\n".join(body).strip()
            if current.number or current.title or current.text:
                clauses.append(current)
            current, body = Clause(heading[0], heading[1], ""), []
        else:
            body.append(line.rstrip())
    current.text = "\n".join(body).strip()
    if current.number or current.title or current.text:
        clauses.append(current)
    return clauses


def clauses_as_json(clauses: list[Clause]) -> list[dict]:
    """Clauses as stored on a draft."""
    return [asdict(c) for c in clauses]


def clauses_from_json(rows: list[dict]) -> list[Clause]:
    """Clauses as read back from a draft."""
    return [Clause(r.get("number", ""), r.get("title", ""), r.get("text", "")) for r in rows]


def normative_reference_text(clauses: list[Clause]) -> str | None:
    """The text of the normative references clause (规范性引用文件), or None without one."""
    for clause in clauses:
        if NORMATIVE_REFERENCES in clause.title.replace(" ", ""):
            return clause.text
    return None
