"""Percentages: "1.5% per month", "9 Prozentpunkte über dem Basiszinssatz", "fünfzig Prozent (50 %)"."""

from __future__ import annotations

import re
from typing import Final

from .numbers import DE_ONES, NUM_WORDS, english_compound, fold, mentions, parse_number_word, scan, surfaces, trie_regex
from .types import Percent, PercentPeriod

#: a mixed or plain fraction as written: "1-1/2", "1 1/2", "1½", "½", "3/4"
_FRACTION_DIGITS: Final = r"(?:\d{1,2}(?:\s*[-\u2010\u2011]\s*|\s+)?\d\s*/\s*[248]|\d{0,2}\s?[½¼¾])"
_PCT_DIGITS: Final = rf"(?:{_FRACTION_DIGITS}|\d{{1,3}}(?:[.,]\d{{1,4}})?)(?!\d)(?![.,]\d)"
_PCT_POINTS: Final = r"(?:percentage\s+points?|prozent-?punkte[ns]?|%[-\s]?punkte[ns]?|%\s*points?)"
_PCT_WORD: Final = r"(?:per\s?cent|percent|prozent|vom\s+hundert|v\.\s?h\.)"
_PCT_ANY_WORD: Final = rf"(?:{_PCT_POINTS}|{_PCT_WORD})(?!\w)"
_PCT_ANY: Final = rf"(?:{_PCT_POINTS}(?!\w)|%|{_PCT_WORD}(?!\w))"
_FRACTION: Final = r"(?:one[-\s]half|a\s+half|one[-\s]quarter|a\s+quarter|three[-\s]quarters?)"
_DE_HALF_PREFIX: Final = trie_regex(s for w in ("ein", *DE_ONES[1:]) for s in surfaces(w))
_WORD_VALUE: Final = rf"(?:(?:{NUM_WORDS}|ein)(?:\s+and\s+{_FRACTION})?|(?:{_DE_HALF_PREFIX})?einhalb|anderthalb)(?!\w)"
_PERIOD: Final = (
    r"\s*(?:(?:per|pro|je|a|each|im|in\s+the)\s+(?:(?:angefangene[mnrs]?|begonnene[mnrs]?|volle[mnrs]?|started|commenced"
    r"|full|part\s+of\s+a)\s+)?(?:calendar\s+|kalender)?(?:annum|anno|year|jahr|month|monat|mensem)"
    r"|p\.\s?a\.?|p\.\s?m\.|j(?:ä|ae)hrlich|monatlich|annually|yearly|monthly)(?!\w)"
)
#: the word of interest between a rate and its period ("5 % Zinsen p.a.", "1.5% interest per month")
_PERIOD_AFTER_INTEREST: Final = rf"(?:\s+(?:zinsen|verzugszinsen|interest){_PERIOD})"
_BASE_RATE: Final = (
    r"(?:basiszins(?:satz(?:es)?)?|(?:base|prime|reference|bank)\s+(?:lending\s+|interest\s+)?rate|referenzzins(?:satz(?:es)?)?"
    r"|leitzins(?:es)?|euribor|libor|sofr|sonia|€str|spitzenrefinanzierungssatz(?:es)?"
    r"|hauptrefinanzierungssatz(?:es)?|diskontsatz(?:es)?)"
)
_OVER_BASE: Final = (
    r"\s+(?:(?:ü|ue)ber|oberhalb|above|over|plus|in\s+excess\s+of|more\s+than|higher\s+than)\s+"
    rf"(?:[^\s;,]+\s+){{0,6}}?{_BASE_RATE}(?!\w)"
)
#: what every match of _PERCENT_RX contains (a per-cent sign or word); a text without it is skipped
_HINT_WORDS: Final = ("%", "cent", "prozent", "hundert", "v.")
_PERCENT_RX: Final = re.compile(
    r"(?<![\w.,/])(?<!\d[-\u2010\u2011])(?=[\w½¼¾])(?:"
    rf"(?P<w>{_WORD_VALUE})(?:"
    rf"\s+{_PCT_ANY_WORD}(?:\s*\(\s*(?P<wd>{_PCT_DIGITS})\s*(?:%|{_PCT_ANY_WORD})?\s*\))?"  # "fünfzig Prozent (50 %)"
    rf"|\s*\(\s*(?P<wd2>{_PCT_DIGITS})\s*%?\s*\)\s*{_PCT_ANY})"  # "five (5) percent"
    rf"|(?P<d>{_PCT_DIGITS})\s*{_PCT_ANY}(?:\s*\(\s*{_WORD_VALUE}\s+{_PCT_ANY_WORD}\s*\))?"  # "5 % (fünf Prozent)"
    rf")(?P<p1>{_PERIOD}|{_PERIOD_AFTER_INTEREST})?(?P<base>{_OVER_BASE})?(?P<p2>{_PERIOD})?",
    re.IGNORECASE,
)
_BASE_THEN_PLUS_BEFORE: Final = re.compile(
    rf"{_BASE_RATE}(?!\w)(?:\s*\([^)]{{0,60}}\))?[^.;%\d]{{0,20}}?(?:plus|zuz(?:ü|ue)glich|zzgl\.?|\+)\s*\Z",
    re.IGNORECASE,
)
_WORD_AND_FRACTION: Final = re.compile(rf"(?P<whole>.+?)(?:\s+and\s+(?P<frac>{_FRACTION}))?", re.IGNORECASE)


_VULGAR: Final = {"½": 0.5, "¼": 0.25, "¾": 0.75}
_MIXED: Final = re.compile(
    r"(?P<whole>\d{1,2})?(?:\s*[-\u2010\u2011]\s*|\s+)?(?:(?P<num>\d)\s*/\s*(?P<den>\d)|(?P<v>[½¼¾]))"
)


def digits_value(digits: str) -> float:
    """ "1.5" or "1,5" → 1.5; "1-1/2", "1 1/2", "1½" → 1.5; "3/4" → 0.75."""
    m = _MIXED.fullmatch(digits.strip())
    if m is None:
        return float(digits.replace(",", "."))
    whole = float(m["whole"] or 0)
    return whole + (_VULGAR[m["v"]] if m["v"] else int(m["num"]) / int(m["den"]))


def _word_value(words: str) -> float | None:
    """ "neun" → 9, "one and one-half" → 1.5, "zweieinhalb" → 2.5, "anderthalb" → 1.5."""
    folded = fold(words)
    if folded == "anderthalb":
        return 1.5
    if folded.endswith("einhalb"):
        head = folded.removesuffix("einhalb")
        whole = parse_number_word(head) if head else 0
        return None if whole is None else whole + 0.5
    m = _WORD_AND_FRACTION.fullmatch(words)
    if m is None:  # pragma: no cover - ".+?" matches any non-empty text
        return None
    whole = parse_number_word(m["whole"])
    frac = (m["frac"] or "").lower()
    fraction = 0.75 if frac.startswith("three") else 0.25 if "quarter" in frac else 0.5 if frac else 0.0
    return None if whole is None else whole + fraction


def _percent(m: re.Match[str], text: str) -> Percent | None:
    digits = m["wd"] or m["wd2"] or m["d"]
    start = m.start()
    # the word may end a larger number ("one hundred fifty percent (150%)", "two hundred percent"): read it whole
    head = re.split(r"\s+and\s+", m["w"], maxsplit=1)[0] if m["w"] else ""
    compound = english_compound(text, start, head) if head else None
    if compound is not None:
        start = compound[0]
    if digits:
        value: float | None = digits_value(digits)
    elif compound is not None:
        value = None if compound[1] is None or head != m["w"] else float(compound[1])
    else:
        value = _word_value(m["w"])
    if value is None:  # not one number ("one two percent"), or "one hundred one and one-half" (not read)
        return None
    period_text = (m["p1"] or m["p2"] or "").lower()
    period: PercentPeriod | None = None
    if period_text:
        monthly = any(k in period_text for k in ("month", "monat", "mensem", "p.m", "p. m"))
        period = "month" if monthly else "year"
    over_base = bool(m["base"]) or _BASE_THEN_PLUS_BEFORE.search(text, max(0, m.start() - 120), m.start()) is not None
    return Percent(value, period, over_base, text[start : m.end()], start, m.end())


def find_percents(text: str, lang: str | None = None) -> list[Percent]:
    """All percentages in ``text`` in order: "1.5% per month", "1,5 % pro Monat", "8 % p.a.",
    "one and one-half percent (1.5%) per month", "9 Prozentpunkte über dem Basiszinssatz" (over base rate),
    "base rate plus 8%" (over base rate). The period and the base-rate phrase after the number are part of
    ``text``. ``lang`` is accepted for symmetry (see module).
    """
    del lang
    if not mentions(text, _HINT_WORDS):  # no per-cent sign or word at all: nothing to find
        return []
    return list(scan(_PERCENT_RX, text, _percent))
