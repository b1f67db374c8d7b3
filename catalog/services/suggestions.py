"""Example searches chosen from what is loaded, each checked to find something.

The search box placeholder, the home page chips and the hints shown when nothing matches
used to be fixed strings (信息安全, GB/T 19001, "管道 finds 燃气管道") that found nothing in
the shipped catalogue. They are now picked from the catalogue itself: designations of
current standards of each tier, words of the official CCS and industry vocabularies that
occur in loaded Chinese titles, words of ICS names that occur in English titles. Every
candidate is run through search() and kept only when it finds at least one standard.
The choice is cached per search-index version, so it changes after an import.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import F
from django.db.models.functions import Coalesce

from catalog.models import CcsCode, IcsCode, IndustryCode, Standard, Status, Tier
from catalog.search import SearchError, SearchQuery, search

_CACHE_SECONDS = 24 * 3600
_TITLE_SAMPLE = 3000
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_VOCABULARY_SPLIT = re.compile(r"[、，,与和及（）()\s/]+")
_GENERIC_TAIL = re.compile(r"(综合|其他|一般|通用)$")
_WORD = re.compile(r"[a-z]{4,}")
# Words too common in titles to make an example that says anything.
_ENGLISH_STOP = frozenset(
    {
        "part", "parts", "general", "requirements", "methods", "method", "specification",
        "specifications", "test", "tests", "testing", "standard", "standards",
        "determination", "with", "from", "their", "other",
    }
)  # fmt: skip
CHINESE_TIER_ORDER = (Tier.NATIONAL, Tier.INDUSTRY, Tier.LOCAL, Tier.GROUP)


@dataclass
class Suggestions:
    """Example queries that find standards in the catalogue as it is now."""

    designations: list[str] = field(default_factory=list)  # Chinese standards
    international: list[str] = field(default_factory=list)
    chinese_terms: list[str] = field(default_factory=list)
    english_terms: list[str] = field(default_factory=list)
    # A designation's main number alone ("55008"), and a short Chinese word found inside
    # a longer one of a real title: ("建筑", "民用建筑").
    number: str = ""
    substring: tuple[str, str] | None = None
    # Other spellings of the first designation that find it too ("gb55038", "ＧＢ　５５０３８").
    spellings: list[str] = field(default_factory=list)

    @property
    def chips(self) -> list[str]:
        """The example searches offered as buttons, designations first."""
        return [
            *self.designations[:2],
            *self.international[:1],
            *self.chinese_terms[:2],
            *self.english_terms[:1],
        ]

    @property
    def placeholder_examples(self) -> tuple[str, str] | None:
        """A designation and a word for the search box placeholder."""
        word = (self.chinese_terms or self.english_terms or [""])[0]
        designation = (self.designations or self.international or [""])[0]
        if designation and word:
            return designation, word
        return None


def finds_something(text: str) -> bool:
    """Whether a search for this text finds at least one standard."""
    try:
        return search(SearchQuery(text=text, page_size=1, facets=False)).total > 0
    except SearchError:
        return False


def suggest_examples() -> Suggestions:
    """The example searches for the current catalogue, cached per search-index version."""
    from catalog.search import get_backend

    backend = get_backend()
    key = f"stdbase:suggestions:{backend.vendor}:{backend.version()}"
    found = cache.get(key)
    if found is None:
        found = _choose()
        cache.set(key, found, _CACHE_SECONDS)
    return found


def _choose() -> Suggestions:
    current = Standard.objects.filter(status=Status.CURRENT)
    suggestions = Suggestions()
    chinese_series, international_series = _designation_candidates(current)
    suggestions.designations = _checked(chinese_series, 3)
    suggestions.international = _checked(international_series, 1)
    titles = list(
        current.exclude(title_zh="")
        .order_by("-issued", "id")
        .values_list("title_zh", flat=True)[:_TITLE_SAMPLE]
    )
    chinese = _chinese_candidates(titles)
    suggestions.chinese_terms = _checked(chinese, 2)
    english = _english_candidates(
        list(
            current.exclude(title_en="")
            .order_by(F("issued").desc(nulls_last=True), "id")
            .values_list("title_en", flat=True)[:_TITLE_SAMPLE]
        )
    )
    suggestions.english_terms = _checked(english, 1)
    numbers = [
        Standard.objects.filter(series_key=d).values_list("main_number", flat=True).first() or ""
        for d in [*suggestions.designations, *suggestions.international]
    ]
    suggestions.number = next(iter(_checked([n for n in numbers if len(n) >= 3], 1)), "")
    suggestions.substring = _substring_pair(chinese, titles)
    first = (suggestions.designations or suggestions.international or [""])[0]
    suggestions.spellings = _checked(_spellings(first), 2) if first else []
    return suggestions


def _spellings(designation: str) -> list[str]:
    """The designation typed lower-case without spaces or slashes, and in full width."""
    compact = re.sub(r"[\s/]+", "", designation).lower()
    wide = "".join(
        "\u3000" if ch == " " else chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch
        for ch in designation
    )
    return [compact, wide]


def _checked(candidates: list[str], wanted: int) -> list[str]:
    """The first `wanted` candidates that find something (each searched at most once)."""
    kept: list[str] = []
    for candidate in dict.fromkeys(candidates):
        if len(kept) == wanted:
            break
        if candidate and finds_something(candidate):
            kept.append(candidate)
    return kept


def _designation_candidates(current) -> tuple[list[str], list[str]]:
    """Undated designations of the newest current standard of each Chinese tier, then of
    the newest current international ones."""
    newest = current.exclude(series_key="").annotate(dated=Coalesce("issued", "effective"))
    order = (F("dated").desc(nulls_last=True), "designation")
    candidates = []
    for tier in CHINESE_TIER_ORDER:
        found = newest.filter(tier=tier).order_by(*order).values_list("series_key", flat=True)
        if series := found.first():
            candidates.append(series)
    international = newest.filter(tier=Tier.INTERNATIONAL).order_by(*order)
    return candidates, list(international.values_list("series_key", flat=True)[:3])


def _vocabulary() -> set[str]:
    """Chinese words of the official CCS class names and industry names (2-6 characters)."""
    names = [*CcsCode.objects.values_list("name_zh", flat=True)]
    names += IndustryCode.objects.values_list("name_zh", flat=True)
    words = set()
    for name in names:
        for part in _VOCABULARY_SPLIT.split(name or ""):
            part = _GENERIC_TAIL.sub("", part)
            if 2 <= len(part) <= 6 and _CJK_RUN.fullmatch(part):
                words.add(part)
    return words


def _chinese_candidates(titles: list[str]) -> list[str]:
    """Vocabulary words that occur in the most titles (longer words weigh more)."""
    vocabulary = _vocabulary()
    counts: Counter[str] = Counter()
    for title in titles:
        grams = {
            run[i : i + n]
            for run in _CJK_RUN.findall(title)
            for n in range(2, 7)
            for i in range(len(run) - n + 1)
        }
        counts.update(grams & vocabulary)
    return [word for word, _n in sorted(counts.items(), key=lambda c: (-c[1] * len(c[0]), c[0]))]


def _english_candidates(titles: list[str]) -> list[str]:
    """Words of ICS class names that occur in the most English titles."""
    vocabulary = {
        word
        for name in IcsCode.objects.values_list("name_en", flat=True)
        for word in _WORD.findall(name.lower())
        if word not in _ENGLISH_STOP
    }
    counts: Counter[str] = Counter()
    for title in titles:
        counts.update(set(_WORD.findall(title.lower())) & vocabulary)
    return [word for word, _n in counts.most_common(10)]


def _substring_pair(words: list[str], titles: list[str]) -> tuple[str, str] | None:
    """A two-character word and a longer word of a real title that ends with it, both
    found by search: shows that Chinese words match inside longer ones."""
    pairs = []
    for short in [w for w in words if len(w) == 2][:5]:
        for run in (r for title in titles for r in _CJK_RUN.findall(title)):
            if (at := run.find(short)) > 0:
                pairs.append((short, run[max(0, at - 2) : at + 2]))
                break
    # Chinese compounds end in their head word: 质量管理 holds 管理, 市政工程 holds 工程.
    pairs += [(word[-2:], word) for word in words if len(word) > 2][:5]
    for short, longer in pairs:
        if finds_something(short) and finds_something(longer):
            return short, longer
    return None
