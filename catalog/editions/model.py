"""What edition resolution returns: the verdict, the editions, the chain walked, in words."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .catalogue import Edition


class StepKind:
    """How one step of a chain leads from an edition to the next."""

    REPLACED = "replaced"  # the successor replaces it
    PARTLY_REPLACED = "partly_replaced"  # the successor replaces some of its provisions
    CONVERTED = "converted"  # same document, new designation (GB -> GB/T)
    LATER_EDITION = "later_edition"  # a later edition of the same number (no link recorded)


@dataclass(frozen=True, slots=True)
class Step:
    """One step walked from the edition asked for towards the editions in force."""

    predecessor: str
    successor: str
    kind: str

    def as_dict(self) -> dict[str, str]:
        return {"from": self.predecessor, "to": self.successor, "kind": self.kind}


@dataclass
class Resolution:
    """Which edition a reference means and what to use instead, with a readable explanation.

    ``current`` are the editions the reference resolves to (in force, or successors not
    catalogued yet); ``partly`` the standards that replace some of its provisions;
    ``candidates`` the choices of an ambiguity or the editions of a number not found.
    """

    verdict: str
    reference: str
    standard: Edition | None = None
    current: list[str] = field(default_factory=list)
    partly: list[str] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)
    chain: list[Step] = field(default_factory=list)
    effective: datetime.date | None = None
    explanation: str = ""

    @property
    def matched(self) -> str:
        """The catalogue edition the reference names, as printed there."""
        return self.standard.designation if self.standard else ""

    @property
    def title(self) -> str:
        return self.standard.title if self.standard else ""

    def get_verdict_display(self) -> str:
        """The translated name of the verdict (like a model field's display)."""
        from .verdicts import Verdict

        return str(Verdict(self.verdict).label)

    @property
    def use_instead(self) -> list[str]:
        """Every standard to consult now: the editions in force, then partial replacements."""
        return [*self.current, *(p for p in self.partly if p not in self.current)]

    def as_dict(self) -> dict:
        """The JSON form shared by the API and exports."""
        return {
            "verdict": self.verdict,
            "verdict_label": self.get_verdict_display(),
            "reference": self.reference,
            "matched": self.matched or None,
            "current": list(self.current),
            "partly": list(self.partly),
            "candidates": list(self.candidates),
            "chain": [step.as_dict() for step in self.chain],
            "effective": self.effective.isoformat() if self.effective else None,
            "explanation": self.explanation,
        }
