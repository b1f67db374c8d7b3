"""The sentences that explain a verdict: one wording for pages, API, CLI and reports."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from .model import Resolution, StepKind
from .verdicts import Verdict


def _list(items: list[str]) -> str:
    return "、".join(items)


def explain(res: Resolution, *, undated: bool, as_of: datetime.date | None, extra: str = "") -> str:
    """The explanation of a resolution in the active language (Chinese by default)."""
    sentences = [_headline(res, undated=undated, as_of=as_of)]
    if res.partly and res.verdict != Verdict.PARTLY_REPLACED:
        sentences.append(_("Parts of it are replaced by %(list)s.") % {"list": _list(res.partly)})
    if any(len(path) > 2 for path in chain_paths(res)):
        sentences.append(_("Chain followed: %(chain)s.") % {"chain": chain_text(res)})
    if extra:
        sentences.append(extra)
    return join_sentences(sentences)


def join_sentences(sentences: list[str]) -> str:
    """Sentences run together in Chinese and are separated by a space in English."""
    from django.utils.translation import get_language

    chinese = (get_language() or "").startswith("zh")
    return ("" if chinese else " ").join(s for s in sentences if s)


def chain_paths(res: Resolution) -> list[list[str]]:
    """The steps walked as paths from the edition asked for to each end."""
    if not res.chain:
        return []
    following: dict[str, list[str]] = {}
    for step in res.chain:
        following.setdefault(step.predecessor, []).append(step.successor)
    paths: list[list[str]] = []

    def walk(path: list[str]) -> None:
        nexts = [n for n in following.get(path[-1], []) if n not in path]
        if not nexts:
            paths.append(path)
        for name in nexts:
            walk([*path, name])

    walk([res.chain[0].predecessor])
    return paths


def chain_text(res: Resolution) -> str:
    """The paths walked, as "A → B → C; A → D"."""
    return "；".join(" → ".join(path) for path in chain_paths(res))


def _headline(res: Resolution, *, undated: bool, as_of: datetime.date | None) -> str:
    name = res.matched or res.reference
    values = {
        "designation": name,
        "current": _list(res.current),
        "partly": _list(res.partly),
        "date": as_of.isoformat() if as_of else "",
        "effective": res.effective.isoformat() if res.effective else "?",
        "candidates": _list(res.candidates),
        "reference": res.reference,
    }
    verdict = res.verdict
    if verdict == Verdict.NOT_FOUND:
        if res.candidates:
            return (
                _(
                    "%(reference)s is not in the catalogue; editions of this number in it: "
                    "%(candidates)s."
                )
                % values
            )
        return _("%(reference)s is not in the catalogue.") % values
    if verdict == Verdict.AMBIGUOUS:
        return _("Different standards share the number %(reference)s: %(candidates)s.") % values
    if as_of is not None:
        return _headline_on(res, values)
    if verdict == Verdict.CURRENT:
        if undated:
            return (
                _(
                    "An undated reference means the latest edition including its amendments: "
                    "%(designation)s, in force."
                )
                % values
            )
        return _("%(designation)s is in force.") % values
    if verdict == Verdict.UPCOMING:
        if res.current:
            return (
                _(
                    "%(designation)s is published and takes effect on %(effective)s; until "
                    "then %(current)s is in force."
                )
                % values
            )
        return _("%(designation)s is published and takes effect on %(effective)s.") % values
    if verdict == Verdict.CONVERTED:
        return (
            _(
                "%(designation)s was converted to %(current)s: the same edition under a new "
                "designation."
            )
            % values
        )
    if verdict == Verdict.PARTLY_REPLACED:
        if res.standard is not None and res.standard.in_force:
            return _("%(designation)s is in force, but parts of it are replaced by %(partly)s.") % (
                values
            )
        return (
            _(
                "Parts of %(designation)s are replaced by %(partly)s; no successor is recorded for "
                "the rest."
            )
            % values
        )
    if verdict == Verdict.REPLACED:
        return _replaced(res, values)
    # Withdrawn.
    dead = [step.successor for step in res.chain]
    if dead:
        return _(
            "%(designation)s was replaced by %(via)s, which was withdrawn without a successor."
        ) % {**values, "via": _list(dead[-1:])}
    return _("%(designation)s was withdrawn without a successor.") % values


def _replaced(res: Resolution, values: dict) -> str:
    if not res.current:
        return _("%(designation)s is replaced, but the replacing standard is not recorded.") % (
            values
        )
    if res.chain and res.chain[-1].kind == StepKind.LATER_EDITION:
        return _("%(designation)s is replaced by the later edition %(current)s.") % values
    if res.chain and all(step.kind == StepKind.PARTLY_REPLACED for step in res.chain):
        return _("%(designation)s was split into %(current)s, each replacing part of it.") % values
    return _("%(designation)s is replaced by %(current)s.") % values


def _headline_on(res: Resolution, values: dict) -> str:
    verdict = res.verdict
    if verdict == Verdict.CURRENT:
        return _("%(designation)s was in force on %(date)s.") % values
    if verdict == Verdict.UPCOMING:
        if res.current:
            return _("%(designation)s was not yet in force on %(date)s; %(current)s was.") % values
        return _("%(designation)s was not yet in force on %(date)s.") % values
    if verdict in (Verdict.REPLACED, Verdict.CONVERTED, Verdict.PARTLY_REPLACED):
        return _("%(designation)s was no longer in force on %(date)s; %(current)s was.") % values
    return _("No edition was in force on %(date)s.") % values


def amendments_note(designations: list[str]) -> str:
    """The amendments and consolidated versions of the edition asked for."""
    return _("Amendments and consolidated versions of this edition: %(list)s.") % {
        "list": _list(designations)
    }


def upcoming_note(designation: str, effective: datetime.date | None) -> str:
    """A newer edition that is published but not yet in force."""
    return _("New edition %(designation)s takes effect on %(date)s.") % {
        "designation": designation,
        "date": effective.isoformat() if effective else "?",
    }


def other_code_note(asked: str, found: str) -> str:
    """The reference matched an edition of the same number under another code."""
    return _(
        "The catalogue has no %(asked)s; it holds %(found)s, the same number under another code."
    ) % {"asked": asked, "found": found}
