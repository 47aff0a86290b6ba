"""Number words (1 to 100 and a thousand, English and German) as one regular expression each, and the scan every finder
uses."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Final, TypeAlias, TypeVar

_EN_ONES: Final = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_EN_TEENS: Final = tuple("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())
_EN_TENS: Final = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
DE_ONES: Final = ("eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun")
_DE_TEENS: Final = tuple("zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn".split())
_DE_TENS: Final = ("zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig")
_EN_ARTICLES: Final = ("a", "an")
DE_ARTICLES: Final = ("ein", "eine", "einen", "einem", "einer", "eines")

#: "-" in these words stands for any hyphen or whitespace ("twenty-one", "twenty one")
_SEP_MARK: Final = "-"
FOLD: Final = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_HYPHENS_SPACES: Final = re.compile(r"[-\u2010\u2011\u2012\u2013\s]+")


def _en_words() -> dict[str, int]:
    words = {w: i for i, w in enumerate(_EN_ONES, 1)}
    words |= {w: i for i, w in enumerate(_EN_TEENS, 10)}
    for t, tens in enumerate(_EN_TENS, 2):
        for spelling in (tens, "fourty") if tens == "forty" else (tens,):
            words[spelling] = 10 * t
            words |= {f"{spelling}-{w}": 10 * t + i for i, w in enumerate(_EN_ONES, 1)}
    words |= {"hundred": 100, "one-hundred": 100, "a-hundred": 100, "thousand": 1000, "one-thousand": 1000}
    return words


def _de_words() -> dict[str, int]:
    words = {w: i for i, w in enumerate(DE_ONES, 1)}
    words |= {w: i for i, w in enumerate(_DE_TEENS, 10)}
    prefixes = ("ein", *DE_ONES[1:])
    for t, tens in enumerate(_DE_TENS, 2):
        words[tens] = 10 * t
        words |= {f"{p}und{tens}": 10 * t + i for i, p in enumerate(prefixes, 1)}
    words |= {"hundert": 100, "einhundert": 100, "tausend": 1000, "eintausend": 1000}
    return words


_EN_WORDS: Final = _en_words()
_DE_WORDS: Final = _de_words()


def fold(word: str) -> str:
    """Lower case, umlauts and ß transliterated, hyphens/whitespace runs as one "-"."""
    return _HYPHENS_SPACES.sub(_SEP_MARK, word.strip().lower().translate(FOLD))


#: folded word -> (value, language)
_WORD_VALUES: Final[dict[str, tuple[int, str]]] = {
    **{fold(w): (n, "de") for w, n in _DE_WORDS.items()},
    **{fold(w): (1, "de") for w in DE_ARTICLES},
    **{fold(w): (n, "en") for w, n in _EN_WORDS.items()},
    **{w: (1, "en") for w in _EN_ARTICLES},
}


def parse_number_word(word: str) -> int | None:
    """The value of an English or German number word from 1 to 100 (and "thousand", "tausend"), else ``None``.

    Case, umlaut spelling ("fuenf", "dreissig") and the hyphen in English compounds ("twenty-one",
    "twenty one") do not matter. Articles count as one ("a", "an", "ein", "eine", "einen", ... "eines"), as they
    do before a unit ("a week", "binnen eines Monats"). Digits are not number words: ``"14"`` gives ``None``.
    """
    hit = _WORD_VALUES.get(fold(word))
    return hit[0] if hit else None


def word_lang(word: str) -> str | None:
    hit = _WORD_VALUES.get(fold(word))
    return hit[1] if hit else None


def surfaces(word: str) -> set[str]:
    """Spellings of a canonical word: as written and with umlauts/ß transliterated."""
    return {word, word.translate(FOLD)}


_Trie: TypeAlias = dict[str, "_Trie"]


def trie_regex(words: Iterable[str]) -> str:
    """One regex matching exactly ``words``, factored as a trie so that matching is fast.

    ``-`` inside a word matches any run of hyphens or whitespace. No anchors or boundaries are added.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _render_trie(trie)


def _render_trie(node: _Trie) -> str:
    # branches start with different characters, so their order does not matter; "(...)?" is greedy, so a
    # longer word is preferred to a prefix of it
    branches = [
        (r"[-\u2010\u2011\s]+" if ch == _SEP_MARK else re.escape(ch)) + _render_trie(child)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not branches:
        return ""
    body = "|".join(branches)
    if "" in node:
        return f"(?:{body})?"
    return body if len(branches) == 1 else f"(?:{body})"


_EN_NUM_WORDS: Final = trie_regex(_EN_WORDS)
DE_NUM_WORDS: Final = trie_regex(s for w in _DE_WORDS for s in surfaces(w))
NUM_WORDS: Final = f"(?:{_EN_NUM_WORDS}|{DE_NUM_WORDS})"
#: number words that may stand before "(5)": also German articles ("einen (1) Monat")
NUM_WORDS_PAREN: Final = f"(?:{NUM_WORDS}|{trie_regex(DE_ARTICLES)})"

#: English number words that lead a larger number before the word a finder matched: "one hundred [eighty]",
#: "two [hundred]", "one thousand two hundred [and twenty]"
_EN_COMPOUND_BEFORE: Final = re.compile(
    rf"(?<![\w-])(?:{trie_regex(_EN_WORDS)}[-\u2010\u2011\s]+(?:and[-\u2010\u2011\s]+)?)+\Z",
    re.IGNORECASE,
)
_EN_WORD_RUN: Final = re.compile(rf"{trie_regex(_EN_WORDS)}(?![a-z])|and", re.IGNORECASE)


def english_compound(text: str, start: int, word: str) -> tuple[int, int | None] | None:
    """When the English number ``word`` at ``start`` ends a larger number written in words ("one hundred eighty",
    "two hundred", "one thousand two hundred"): (where that number starts, its value — None when it cannot be
    read). None when nothing leads it."""
    m = _EN_COMPOUND_BEFORE.search(text, max(0, start - 80), start)
    if m is None or not word or word_lang(word) != "en":
        return None
    total = current = 0
    for w in _EN_WORD_RUN.findall(text[m.start() : start] + " " + word):
        low = fold(w)
        if low == "and":
            continue
        if low.endswith("thousand"):
            total += max(current, 1) * 1000
            current = 0
        elif low.endswith("hundred"):
            if current >= 100:
                return m.start(), None
            current = max(current, 1) * 100
        else:
            value = parse_number_word(low)
            if value is None or current % 100 or (value == 100 and current):
                return m.start(), None  # "one two", "five one hundred": not one number
            current += value
    return m.start(), total + current


#: digits of a duration or percentage: an integer or a decimal with "." or ","
DIGITS: Final = r"\d{1,4}(?:[.,]\d{1,2})?(?![\d])(?![.,]\d)"


_T = TypeVar("_T")


def mentions(text: str, words: tuple[str, ...], exact: tuple[str, ...] = ()) -> bool:
    """Whether ``text`` contains one of ``words`` (lower case; case does not matter) or one of ``exact`` (as
    written): the cheap test a finder runs before its regular expression (plain substring tests are many times
    faster than a case-blind regular expression)."""
    if any(w in text for w in exact):
        return True
    low = text.lower()
    return any(w in low for w in words)


def scan(rx: re.Pattern[str], text: str, build: Callable[[re.Match[str], str], _T | None]) -> Iterator[_T]:
    """Matches of ``rx`` that ``build`` accepts, left to right; after a rejected match the search resumes one
    character later so a shorter match inside it can still be found."""
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        item = build(m, text)
        if item is None:
            pos = m.start() + 1
        else:
            yield item
            pos = max(m.end(), m.start() + 1)


_WORDS_THEN_FIGURE: Final = re.compile(
    rf"(?<![\w-])(?P<w>{NUM_WORDS})(?![\w-])\s*\(\s*(?P<d>{DIGITS})\s*%?\s*\)", re.IGNORECASE
)
_FIGURE_THEN_WORDS: Final = re.compile(
    rf"(?<![\w.,])(?P<d>{DIGITS})\s*%?\s*\(\s*(?P<w>{NUM_WORDS})(?![\w-])\s*\)", re.IGNORECASE
)


def words_and_figures_differ(text: str) -> bool:
    """Whether ``text`` writes a number in words and in figures that disagree ("thirty (45) days", "5 (six)"): which
    one governs is for the contract (or a court) to say, so no figure should be read from it."""
    for m in _WORDS_THEN_FIGURE.finditer(text):
        compound = english_compound(text, m.start(), m["w"])
        said = parse_number_word(m["w"]) if compound is None else compound[1]
        if said is not None and float(said) != float(m["d"].replace(",", ".")):
            return True
    for m in _FIGURE_THEN_WORDS.finditer(text):
        said = parse_number_word(m["w"])
        if said is not None and float(said) != float(m["d"].replace(",", ".")):
            return True
    return False
