"""Tokenisation shared by indexing and querying: CJK bigrams, English words, numbers.

Both search backends receive text that Python has already cut into tokens separated by
single spaces, so that the engines (FTS5 unicode61, PostgreSQL tsvector literals) only
store and compare tokens and never apply their own word splitting to Chinese.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Han (basic, extension A, compatibility, extensions B+), kana and hangul syllables.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af\U00020000-\U0003134f"
_CJK_RUN = re.compile(f"[{_CJK}]+")
# A run of letters or digits that is not CJK; "_" and punctuation split words.
_WORD = re.compile(f"(?:(?![{_CJK}])[^\\W_])+")
_SEGMENT = re.compile(f"[{_CJK}]+|(?:(?![{_CJK}])[^\\W_])+")


def normalize(text: str) -> str:
    """Fold full-width forms and compatibility characters (NFKC) and lowercase."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def stem(word: str) -> str:
    """A deliberately light English stem: drop a plural "s" (systems -> system)."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word.isalpha():
        if word.endswith("ies") and len(word) > 4:
            return word[:-3] + "y"
        return word[:-1]
    return word


def cjk_tokens(run: str) -> list[str]:
    """Overlapping bigrams of a CJK run plus its last character as a unigram.

    The unigram makes a one-character query (`字*`) find every occurrence: a character
    is either followed by another one in its run (bigram `字X`) or ends the run.
    """
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def index_tokens(text: str) -> list[str]:
    """Tokens of a title for the full-text column, in reading order."""
    tokens: list[str] = []
    for match in _SEGMENT.finditer(normalize(text)):
        segment = match.group()
        if _CJK_RUN.fullmatch(segment):
            tokens.extend(cjk_tokens(segment))
        else:
            tokens.append(stem(segment))
    return tokens


@dataclass(frozen=True)
class Term:
    """One query unit: a phrase of tokens, optionally a prefix on its last token."""

    tokens: tuple[str, ...]
    prefix: bool = False
    cjk: bool = False
    raw: str = ""


def query_terms(text: str, *, prefix_last_word: bool = True) -> list[Term]:
    """Split free text into terms: a CJK run is a bigram phrase, a word is one token.

    A single CJK character becomes a prefix term (`字*`); the last Latin word is a
    prefix term while the person is still typing it.
    """
    terms: list[Term] = []
    for match in _SEGMENT.finditer(normalize(text)):
        segment = match.group()
        if _CJK_RUN.fullmatch(segment):
            if len(segment) == 1:
                terms.append(Term((segment,), prefix=True, cjk=True, raw=segment))
            else:
                bigrams = tuple(segment[i : i + 2] for i in range(len(segment) - 1))
                terms.append(Term(bigrams, cjk=True, raw=segment))
        else:
            terms.append(Term((stem(segment),), raw=segment))
    if prefix_last_word and terms and not terms[-1].cjk:
        last = terms[-1]
        # Prefixes of one letter would expand to a large part of the vocabulary.
        if len(last.tokens[0]) >= 2 and not last.tokens[0].isdigit():
            terms[-1] = Term(last.tokens, prefix=True, raw=last.raw)
    return terms


def words(text: str) -> list[str]:
    """Lowercased Latin/digit words of a text (no CJK), for designation tokens."""
    return [m.group() for m in _WORD.finditer(normalize(text))]


def compact_designation(tokens: list[str], prefix_tokens: int, main_number: str) -> list[str]:
    """Join the tokens up to the main number into one: gb t 22080 2016 -> gbt22080 2016.

    The joined token is rare, so a designation lookup (`"gbt2208"*`) reads a short list
    instead of the long lists of "gb" and "t". `prefix_tokens` is the number of tokens
    of the prefix; the main number is looked for after them.
    """
    if main_number and main_number in tokens[prefix_tokens:]:
        end = tokens.index(main_number, prefix_tokens) + 1
        return ["".join(tokens[:end]), *tokens[end:]]
    return list(tokens)
