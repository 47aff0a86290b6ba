"""Durations: "five (5) business days", "30 days' notice", "vierzehn (14) Tagen", "einer 14-tägigen Frist"."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Final

from .numbers import (
    DE_ARTICLES,
    DE_NUM_WORDS,
    DIGITS,
    FOLD,
    NUM_WORDS_PAREN,
    english_compound,
    fold,
    mentions,
    parse_number_word,
    scan,
    word_lang,
)
from .types import Duration, DurationUnit

_EN_QUALIFIER: Final = (
    r"(?:business|working|banking|bank|calendar|consecutive|full|clear|complete|successive|additional|further"
    r"|more|subsequent)"
)
_DE_QUALIFIER: Final = (
    r"(?:volle[nr]?|vollst(?:ä|ae)ndige[nr]?|aufeinander\s?folgende[nr]?|weitere[nr]?|zus(?:ä|ae)tzliche[nr]?"
    r"|zusammenh(?:ä|ae)ngende[nr]?)"
)
_EN_UNIT: Final = r"(?:(?:work)?days?(?:\(s\))?|weeks?(?:\(s\))?|months?(?:\(s\))?|years?(?:\(s\))?|yrs?|hours?|hrs?)"
_DE_UNIT: Final = (
    r"(?:(?:werk|arbeits|bankarbeits|gesch(?:ä|ae)fts|bank|kalender)?tag(?:e|en|es|s)?"
    r"|(?:kalender)?wochen?|(?:kalender)?monat(?:e|en|es|s)?|(?:kalender)?jahr(?:e|en|es|s)?"
    r"|(?:arbeits)?stunden?|std)"
)
_DURATION_RX: Final = re.compile(
    r"(?<![\w.,])(?:(?=\w)(?:"
    r"(?P<art>an?)(?=\s)"  # "a week", "an hour"; German articles come through the number words
    rf"|(?P<w>{NUM_WORDS_PAREN})(?!\w)(?:\s*\(\s*(?P<wd>{DIGITS})\s*\))?"  # "five", "five (5)", "eines"
    rf"|(?P<d>{DIGITS})(?:\s*\(\s*(?P<dw>{NUM_WORDS_PAREN})\s*\))?"  # "5", "5 (five)"
    # a form's blank filled in: "upon ________ (___30___) days", "____ (30) days" (a bare "(2) months" is a list item)
    rf")|(?:(?<=_\s)|(?=\(\s*_|\(\s*\d+\s*_))\(\s*_*\s*(?P<pd>{DIGITS})\s*_*\s*\))\s*(?:[-\u2010\u2011]\s*)?"
    rf"(?:(?P<qe>(?:{_EN_QUALIFIER}[-\s]+){{0,2}})(?P<ue>{_EN_UNIT})"
    rf"|(?P<qd>(?:{_DE_QUALIFIER}\s+){{0,2}})(?P<ud>{_DE_UNIT}))(?!\w)",
    re.IGNORECASE,
)
#: "14-tägig", "vierzehntägigen", "dreimonatige", "einjährig"
_DE_ADJ_RX: Final = re.compile(
    rf"(?<![\w.,])(?:(?P<d>{DIGITS})\s*(?:[-\u2010\u2011]\s*)?|(?P<w>{DE_NUM_WORDS}|ein)[-\u2010\u2011]?)"
    r"(?P<adj>t(?:ä|ae)gig|w(?:ö|oe)chig|monatig|j(?:ä|ae)hrig|st(?:ü|ue)ndig)(?:e[mnrs]?)?(?!\w)",
    re.IGNORECASE,
)
#: what every match of _DURATION_RX / _DE_ADJ_RX contains (a unit word); a text without it is not searched
_UNIT_HINT: Final = (
    "day",
    "week",
    "month",
    "year",
    "yr",
    "hour",
    "hr",
    "tag",
    "woche",
    "monat",
    "jahr",
    "stunde",
    "std",
)
_ADJ_HINT: Final = ("gig", "chig", "natig", "hrig", "ndig")
_BUSINESS_RX: Final = re.compile(r"business|working|banking|bank|work|werk|arbeits|gesch(?:ä|ae)fts", re.IGNORECASE)
#: a number right after these is a reference ("Section 5", "§ 5", "Abs. 2"), not a quantity
_REFERENCE_BEFORE: Final = re.compile(
    r"(?:§§?|\b(?:sections?|clauses?|articles?|absatz|abschnitt|ziffer|paragraphs?|schedules?|annex(?:es)?"
    r"|anlagen?|exhibits?|appendix|appendices|version|kapitel|chapters?|items?|punkt|randnummer|pages?|seiten?)"
    r"|\b(?:art|abs|ziff|nr|no|nos|para|paras|tz|rn|s|p|pp|v|ver|vers)\.)\s*\Z",
    re.IGNORECASE,
)
#: an article before a unit is not "one" after an amount or count ("€650 a day", "two days a week",
#: "once a month", "half an hour") or at the edge of a period ("zum Ende eines Monats")
_ARTICLE_NOT_ONE_BEFORE: Final = re.compile(
    r"(?:[\d€$£%]|\b(?:eur|usd|gbp|chf|euros?|dollars?|pounds?|once|twice|thrice|times|half|quarter\s+of"
    r"|days?|weeks?|months?|years?|hours?|tage?n?|wochen?|monate?n?|jahren?|stunden?|werktage?n?|arbeitstage?n?"
    r"|ende|anfang|beginn|mitte|end\s+of|beginning\s+of|start\s+of|middle\s+of|end\s+of\s+the))\s*\Z",
    re.IGNORECASE,
)
_RATE_AFTER: Final = re.compile(r"\s*-?\s*rates?\b", re.IGNORECASE)


def _unit_of(unit_text: str) -> DurationUnit:
    u = unit_text.lower()
    if "std" in u or "stund" in u or "hour" in u or u.startswith("hr"):
        return "hour"
    if "woche" in u or "week" in u:
        return "week"
    if "monat" in u or "month" in u:
        return "month"
    if "jahr" in u or "year" in u or u.startswith("yr"):
        return "year"
    return "day"


def _reference_before(text: str, start: int) -> bool:
    return _REFERENCE_BEFORE.search(text, max(0, start - 24), start) is not None


def _duration(m: re.Match[str], text: str) -> Duration | None:
    unit_text = m["ue"] or m["ud"]
    unit_lang = "en" if m["ue"] else "de"
    word = m["art"] or m["w"] or m["dw"]
    if word and word_lang(word) != unit_lang:
        return None  # "an Werktagen", "fünf days"
    if _reference_before(text, m.start()):
        return None
    digits = m["wd"] or m["d"] or m["pd"]
    if m["art"] or (m["w"] and not digits and fold(m["w"]) in DE_ARTICLES):
        if _ARTICLE_NOT_ONE_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            return None
        if _RATE_AFTER.match(text, m.end()) or (fold(word) == "eines" and unit_text.lower() == "tages"):
            return None  # "a day rate", "eines Tages" (= some day)
    start = m.start()
    # the word may end a larger number ("one hundred eighty (180) days", "two hundred days"): read it whole
    compound = english_compound(text, start, m["w"]) if m["w"] else None
    if compound is not None:
        start = compound[0]
    if digits:
        value = float(digits.replace(",", "."))
    else:
        number = parse_number_word(word) if compound is None else compound[1]
        if number is None:  # not one number ("one two days"), or a word the regex cannot match (never)
            return None
        value = float(number)
    unit = _unit_of(unit_text)
    business = unit == "day" and _BUSINESS_RX.search((m["qe"] or m["qd"] or "") + unit_text) is not None
    return Duration(value, unit, business, text[start : m.end()], start, m.end())


_ADJECTIVE_UNITS: Final[dict[str, DurationUnit]] = {
    "taegig": "day",
    "woechig": "week",
    "monatig": "month",
    "jaehrig": "year",
    "stuendig": "hour",
}


def _adjective_duration(m: re.Match[str], text: str) -> Duration | None:
    if _reference_before(text, m.start()):
        return None
    if m["d"]:
        value = float(m["d"].replace(",", "."))
    else:
        number = parse_number_word(m["w"])
        if number is None:  # pragma: no cover
            return None
        value = float(number)
    adj = m["adj"].lower().translate(FOLD)
    unit = _ADJECTIVE_UNITS.get(adj, "hour")
    return Duration(value, unit, False, m.group(), m.start(), m.end())


def _without_overlaps(items: Iterable[Duration]) -> list[Duration]:
    """Sorted by position; of overlapping items the earlier (then longer) one is kept."""
    kept: list[Duration] = []
    for item in sorted(items, key=lambda q: (q.start, -q.end)):
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return kept


def find_durations(text: str, lang: str | None = None) -> list[Duration]:
    """All durations in ``text`` in order: "five (5) business days", "30 days' notice" (→ "30 days"),
    "within 48 hours", "a period of seven working days", "vierzehn (14) Tagen", "binnen eines Monats",
    "4 Wochen zum Monatsende" (→ 4 weeks), "einer 14-tägigen Frist".

    Numbers after a reference word are skipped ("Section 5 days", "§ 5 Tage"), and so are articles that do not
    mean one ("€650 a day", "two days a week", "half an hour"). ``lang`` is accepted for symmetry (see module).
    """
    del lang
    return list(_durations(text))


@functools.lru_cache(maxsize=2048)
def _durations(text: str) -> tuple[Duration, ...]:
    # the families read the same sentences again and again: the (frozen) results are kept for the next ask
    # a text without a unit word (or an adjective's ending) is not searched
    found = [*scan(_DURATION_RX, text, _duration)] if mentions(text, _UNIT_HINT) else []
    if mentions(text, _ADJ_HINT):
        found += scan(_DE_ADJ_RX, text, _adjective_duration)
    return tuple(_without_overlaps(found))
