"""Quantities in English and German contract text: durations, money amounts and percentages.

Three finders return typed, frozen results with character offsets into the text they were given
(``text[q.start:q.end] == q.text``):

- :func:`find_durations` — "five (5) business days", "30 days' notice", "vierzehn (14) Tagen", "binnen eines
  Monats", "14-tägigen Frist" → :class:`Duration`.
- :func:`find_money` — "€95/hour", "95,00 EUR pro Stunde", "US$ 1,250", "a day rate of €650" → :class:`Money`.
- :func:`find_percents` — "1.5% per month", "9 Prozentpunkte über dem Basiszinssatz" → :class:`Percent`.

A number written in words and again in digits ("five (5)", "5 (five)", "fünfzig Prozent (50 %)") is one
quantity spanning both; when the two disagree, the digits win. Number words run from 1 to 100 in both languages
(:func:`parse_number_word`); "a"/"an"/"ein"/"eine"/... count as 1 directly before a unit.

Both languages are always recognised: English number words only pair with English units and German with
German ones ("an Werktagen" is no duration), and contracts mix languages. ``lang`` is accepted by every finder
for a uniform call signature but does not change the result: the number format is decided by the shape of the
number (see :func:`_parse_amount`), because a money amount has at most two decimals — "1.200" and "1,200" next
to a currency are 1200 in either language.

Everything is plain :mod:`re`, compiled once at import; no spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final, Literal, TypeAlias, TypeVar

__all__ = [
    "Duration",
    "Money",
    "Percent",
    "find_durations",
    "find_money",
    "find_percents",
    "parse_number_word",
]

DurationUnit = Literal["day", "week", "month", "year", "hour"]
RatePer = Literal["hour", "day", "month", "project"]
PercentPeriod = Literal["month", "year"]

_DAYS_PER_UNIT: Final[dict[str, int]] = {"day": 1, "week": 7, "month": 30, "year": 365}


@dataclass(frozen=True, slots=True)
class Duration:
    """A span of time, ``value`` times ``unit``; ``business`` for business/working days (Werktage, Arbeitstage)."""

    value: float
    unit: DurationUnit
    business: bool
    text: str
    start: int
    end: int

    @property
    def days(self) -> int | None:
        """Length in days (week = 7, month = 30, year = 365); business days stay their count.

        ``None`` for hours and for lengths that are not a whole number of days ("1.5 days").
        """
        factor = _DAYS_PER_UNIT.get(self.unit)
        if factor is None:
            return None
        total = self.value * factor
        return int(total) if total.is_integer() else None


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of money, ``currency`` as an ISO 4217 code, ``per`` the unit a rate is charged in."""

    amount: Decimal
    currency: str | None
    per: RatePer | None
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Percent:
    """A percentage (or percentage points), ``period`` for interest rates, ``over_base_rate`` when it is added to
    a base/reference rate ("9 Prozentpunkte über dem Basiszinssatz")."""

    value: float
    period: PercentPeriod | None
    over_base_rate: bool
    text: str
    start: int
    end: int


# ---------------------------------------------------------------------------------------------------------------
# number words

_EN_ONES: Final = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_EN_TEENS: Final = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_EN_TENS: Final = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_DE_ONES: Final = ("eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun")
_DE_TEENS: Final = (
    "zehn",
    "elf",
    "zwölf",
    "dreizehn",
    "vierzehn",
    "fünfzehn",
    "sechzehn",
    "siebzehn",
    "achtzehn",
    "neunzehn",
)
_DE_TENS: Final = ("zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig")
_EN_ARTICLES: Final = ("a", "an")
_DE_ARTICLES: Final = ("ein", "eine", "einen", "einem", "einer", "eines")

#: "-" in these words stands for any hyphen or whitespace ("twenty-one", "twenty one")
_SEP_MARK: Final = "-"
_FOLD: Final = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_HYPHENS_SPACES: Final = re.compile(r"[-\u2010\u2011\u2012\u2013\s]+")


def _en_words() -> dict[str, int]:
    words = {w: i for i, w in enumerate(_EN_ONES, 1)}
    words |= {w: i for i, w in enumerate(_EN_TEENS, 10)}
    for t, tens in enumerate(_EN_TENS, 2):
        for spelling in (tens, "fourty") if tens == "forty" else (tens,):
            words[spelling] = 10 * t
            words |= {f"{spelling}-{w}": 10 * t + i for i, w in enumerate(_EN_ONES, 1)}
    words |= {"hundred": 100, "one-hundred": 100, "a-hundred": 100}
    return words


def _de_words() -> dict[str, int]:
    words = {w: i for i, w in enumerate(_DE_ONES, 1)}
    words |= {w: i for i, w in enumerate(_DE_TEENS, 10)}
    prefixes = ("ein", *_DE_ONES[1:])
    for t, tens in enumerate(_DE_TENS, 2):
        words[tens] = 10 * t
        words |= {f"{p}und{tens}": 10 * t + i for i, p in enumerate(prefixes, 1)}
    words |= {"hundert": 100, "einhundert": 100}
    return words


_EN_WORDS: Final = _en_words()
_DE_WORDS: Final = _de_words()


def _fold(word: str) -> str:
    """Lower case, umlauts and ß transliterated, hyphens/whitespace runs as one "-"."""
    return _HYPHENS_SPACES.sub(_SEP_MARK, word.strip().lower().translate(_FOLD))


#: folded word -> (value, language)
_WORD_VALUES: Final[dict[str, tuple[int, str]]] = {
    **{_fold(w): (n, "de") for w, n in _DE_WORDS.items()},
    **{_fold(w): (1, "de") for w in _DE_ARTICLES},
    **{_fold(w): (n, "en") for w, n in _EN_WORDS.items()},
    **{w: (1, "en") for w in _EN_ARTICLES},
}


def parse_number_word(word: str) -> int | None:
    """The value of an English or German number word from 1 to 100, else ``None``.

    Case, umlaut spelling ("fuenf", "dreissig") and the hyphen in English compounds ("twenty-one",
    "twenty one") do not matter. Articles count as one ("a", "an", "ein", "eine", "einen", ... "eines"), as they
    do before a unit ("a week", "binnen eines Monats"). Digits are not number words: ``"14"`` gives ``None``.
    """
    hit = _WORD_VALUES.get(_fold(word))
    return hit[0] if hit else None


def _word_lang(word: str) -> str | None:
    hit = _WORD_VALUES.get(_fold(word))
    return hit[1] if hit else None


def _surfaces(word: str) -> set[str]:
    """Spellings of a canonical word: as written and with umlauts/ß transliterated."""
    return {word, word.translate(_FOLD)}


_Trie: TypeAlias = dict[str, "_Trie"]


def _trie_regex(words: Iterable[str]) -> str:
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


_EN_NUM_WORDS: Final = _trie_regex(_EN_WORDS)
_DE_NUM_WORDS: Final = _trie_regex(s for w in _DE_WORDS for s in _surfaces(w))
_NUM_WORDS: Final = f"(?:{_EN_NUM_WORDS}|{_DE_NUM_WORDS})"
#: number words that may stand before "(5)": also German articles ("einen (1) Monat")
_NUM_WORDS_PAREN: Final = f"(?:{_NUM_WORDS}|{_trie_regex(_DE_ARTICLES)})"

#: digits of a duration or percentage: an integer or a decimal with "." or ","
_DIGITS: Final = r"\d{1,4}(?:[.,]\d{1,2})?(?![\d])(?![.,]\d)"

# ---------------------------------------------------------------------------------------------------------------
# durations

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
    r"(?<![\w.,])(?=\w)(?:"
    r"(?P<art>an?)(?=\s)"  # "a week", "an hour"; German articles come through the number words
    rf"|(?P<w>{_NUM_WORDS_PAREN})(?!\w)(?:\s*\(\s*(?P<wd>{_DIGITS})\s*\))?"  # "five", "five (5)", "eines"
    rf"|(?P<d>{_DIGITS})(?:\s*\(\s*(?P<dw>{_NUM_WORDS_PAREN})\s*\))?"  # "5", "5 (five)"
    r")\s*(?:[-\u2010\u2011]\s*)?"
    rf"(?:(?P<qe>(?:{_EN_QUALIFIER}[-\s]+){{0,2}})(?P<ue>{_EN_UNIT})"
    rf"|(?P<qd>(?:{_DE_QUALIFIER}\s+){{0,2}})(?P<ud>{_DE_UNIT}))(?!\w)",
    re.IGNORECASE,
)
#: "14-tägig", "vierzehntägigen", "dreimonatige", "einjährig"
_DE_ADJ_RX: Final = re.compile(
    rf"(?<![\w.,])(?:(?P<d>{_DIGITS})\s*(?:[-\u2010\u2011]\s*)?|(?P<w>{_DE_NUM_WORDS}|ein)[-\u2010\u2011]?)"
    r"(?P<adj>t(?:ä|ae)gig|w(?:ö|oe)chig|monatig|j(?:ä|ae)hrig|st(?:ü|ue)ndig)(?:e[mnrs]?)?(?!\w)",
    re.IGNORECASE,
)
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
    if word and _word_lang(word) != unit_lang:
        return None  # "an Werktagen", "fünf days"
    if _reference_before(text, m.start()):
        return None
    digits = m["wd"] or m["d"]
    if m["art"] or (m["w"] and not digits and _fold(m["w"]) in _DE_ARTICLES):
        if _ARTICLE_NOT_ONE_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            return None
        if _RATE_AFTER.match(text, m.end()) or (_fold(word) == "eines" and unit_text.lower() == "tages"):
            return None  # "a day rate", "eines Tages" (= some day)
    if digits:
        value = float(digits.replace(",", "."))
    else:
        number = parse_number_word(word)
        if number is None:  # pragma: no cover - the regex only matches known words
            return None
        value = float(number)
    unit = _unit_of(unit_text)
    business = unit == "day" and _BUSINESS_RX.search((m["qe"] or m["qd"] or "") + unit_text) is not None
    return Duration(value, unit, business, m.group(), m.start(), m.end())


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
    adj = m["adj"].lower().translate(_FOLD)
    unit = _ADJECTIVE_UNITS.get(adj, "hour")
    return Duration(value, unit, False, m.group(), m.start(), m.end())


_T = TypeVar("_T")


def _scan(rx: re.Pattern[str], text: str, build: Callable[[re.Match[str], str], _T | None]) -> Iterator[_T]:
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
    found = [*_scan(_DURATION_RX, text, _duration), *_scan(_DE_ADJ_RX, text, _adjective_duration)]
    return _without_overlaps(found)


# ---------------------------------------------------------------------------------------------------------------
# money

_CODES: Final = r"(?:EUR|USD|GBP|CHF|CAD|AUD|JPY|SEK|NOK|DKK|PLN|CZK)"
_CUR_BEFORE: Final = (
    rf"(?:US\$|U\.S\.\s?\$|(?:AU|CA|A|C)\$|[$€£]|(?<![A-Za-z]){_CODES}(?![A-Za-z])|(?<![A-Za-z])[Ss]Fr\.?)"
)
_CUR_AFTER: Final = (
    rf"(?:[$€£]|(?<![A-Za-z]){_CODES}(?![A-Za-z])|(?<![A-Za-z])[Ss]Fr\.?"
    r"|(?i:euros?|us[-\s]?dollars?|dollars?|pounds?(?:\s+sterling)?|pfund(?:\s+sterling)?|schweizer\s+franken"
    r"|franken|swiss\s+francs?)(?!\w))"
)
#: integer part with optional thousands groups (".", ",", "'", or a space as in DIN 5008 "1 200,00 €"),
#: optional decimals or ",-" / ".–" (= no cents)
_AMOUNT: Final = r"(?:\d{1,3}(?:[.,'’ \u00a0\u202f\u2009]\d{3})+|\d+)(?:[.,](?:\d{1,2}|[-–—]{1,2})(?!\d))?(?![.,'’]?\d)"
_VAT: Final = (
    r"(?:\s*\(?(?i:netto|brutto|net|gross|zzgl\.?\s*(?:mwst|ust)\.?|exkl\.?\s*(?:mwst|ust)\.?|excl\.?\s*vat"
    r"|plus\s+vat|\+\s*vat|plus\s+(?:mwst|ust)\.?)\)?)?"
)
_PER_LEAD: Final = (
    r"(?:\s*/\s*|\s+(?i:per|pro|je|an?|each|for\s+each|for\s+every|f(?:ü|ue)r\s+jede[nr]?)\s+"
    r"(?i:(?:angefangene[mnrs]?|volle[nr]?|full|working|billable|abrechenbare[nr]?|geleistete[nr]?|started"
    r"|commenced|worked)\s+)?)"
)
_PER_UNIT: Final = (
    r"(?i:(?P<ph>hours?|hrs?|h|stunden?|std\.?|arbeitsstunden?|personenstunden?|(?:man|person)[-\s]hours?)"
    r"|(?P<pd>days?|tage?s?|arbeitstag|werktag|personentag|manntag|(?:man|person)[-\s]days?|diem)"
    r"|(?P<pm>months?|monat|kalendermonat|mo|mth|calendar\s+months?)"
    r"|(?P<pp>projects?|projekt|auftrag))(?!\w)"
)
_PER_ADVERB: Final = (
    r"\s+(?i:(?P<ah>hourly(?!\w)|st(?:ü|ue)ndlich(?!\w)|p\.\s?h\.)|(?P<ad>daily|t(?:ä|ae)glich)(?!\w)"
    r"|(?P<am>monthly(?!\w)|monatlich(?!\w)|p\.\s?m\.))"
)
_PER_PROJECT: Final = (
    r"\s+(?i:(?P<ap>(?:for|f(?:ü|ue)r)\s+(?:the|das)\s+(?:(?:entire|whole|gesamte|komplette)\s+)?(?:project|projekt)))"
    r"(?!\w)"
)
_PER: Final = rf"{_VAT}(?:{_PER_LEAD}{_PER_UNIT}|{_PER_ADVERB}|{_PER_PROJECT})"
#: "€1,5 Mio.", "EUR 2 million", "€5k"
_MULTIPLIER: Final = r"(?:\s?(?P<{}>(?i:mio\.|mio|millionen|million|mrd\.|mrd|milliarden|billion|bn|k)(?!\w)))?"
_MONEY_RX: Final = re.compile(
    rf"(?:(?P<cb>{_CUR_BEFORE})\s?(?P<a1>{_AMOUNT}){_MULTIPLIER.format('x1')}"
    rf"|(?<![\w.,])(?P<a2>{_AMOUNT}){_MULTIPLIER.format('x2')}\s?(?P<ca>{_CUR_AFTER}))"
    rf"(?P<per>{_PER})?"
)
#: "seventy euros (EUR 70) per hour": the rate unit after the closing bracket (not part of the amount's text)
_PER_AFTER_BRACKET_RX: Final = re.compile(rf"\s*\){_PER}")
#: German compounds are matched inside words ("Standardstundensatz", "Personentagessatz")
_RATE_CUE_BEFORE: Final = re.compile(
    r"(?s:.*)\b(?:"
    r"(?P<h>hourly\s+(?:rate|fee|charge|wage)|(?:rate|fee)\s+per\s+hour|per[-\s]hour\s+(?:rate|fee)"
    r"|\w*stunden(?:an)?(?:satz|s(?:ä|ae)tz|honorar|lohn|verrechnungssatz|preis|verg(?:ü|ue)tung)\w*)"
    r"|(?P<d>(?:day|daily)\s+(?:rate|fee|charge)|(?:rate|fee)\s+per\s+day|per[-\s]day\s+(?:rate|fee)"
    r"|\w*tages(?:an)?(?:satz|s(?:ä|ae)tz|honorar|pauschale|rate|preis|verg(?:ü|ue)tung)\w*)"
    r"|(?P<m>monthly\s+(?:rate|fee|retainer|charge|payment|flat\s+fee)|retainer(?:\s+fee)?"
    r"|\w*monats(?:pauschale|honorar|verg(?:ü|ue)tung|rate|preis)\w*"
    r"|monatliche[nr]?\s+(?:pauschale|verg(?:ü|ue)tung|honorar|rate|geb(?:ü|ue)hr))"
    r"|(?P<p>fixed\s+(?:fee|price|sum)|project\s+(?:fee|price)|total\s+(?:project\s+)?(?:fee|price)"
    r"|\w*(?:festpreis|pauschal(?:preis|honorar|verg(?:ü|ue)tung)|projekt(?:preis|honorar)"
    r"|gesamt(?:verg(?:ü|ue)tung|honorar|preis))\w*)"
    r")(?!\w)[^;.!?\d€$£]{0,40}\Z",
    re.IGNORECASE,
)
_CURRENCY_NAMES: Final[dict[str, str]] = {
    "$": "USD",
    "us$": "USD",
    "u.s.$": "USD",
    "dollar": "USD",
    "usdollar": "USD",
    "€": "EUR",
    "euro": "EUR",
    "£": "GBP",
    "pound": "GBP",
    "poundsterling": "GBP",
    "pfund": "GBP",
    "pfundsterling": "GBP",
    "sfr": "CHF",
    "sfr.": "CHF",
    "franken": "CHF",
    "schweizerfranken": "CHF",
    "swissfranc": "CHF",
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
}
_STRIP_CURRENCY: Final = re.compile(r"[\s\-]+")
_CURRENCY_PLURAL: Final = re.compile(r"(euro|dollar|pound|franc)s\b")


def _currency_code(token: str) -> str:
    """ISO 4217 code for a currency symbol, code or name."""
    if token.isupper() and token.isalpha() and len(token) == 3:
        return token
    key = _STRIP_CURRENCY.sub("", _CURRENCY_PLURAL.sub(r"\1", token.lower()))
    return _CURRENCY_NAMES.get(key, token.upper())


_GROUPING: Final = str.maketrans("", "", "'’ \u00a0\u202f\u2009")
_NO_CENTS: Final = re.compile(r"[.,][-–—]+\Z")
_SEPARATORS: Final = re.compile(r"[.,]")
_MULTIPLIERS: Final[dict[str, Decimal]] = {
    "k": Decimal(1_000),
    "mio": Decimal(1_000_000),
    "million": Decimal(1_000_000),
    "millionen": Decimal(1_000_000),
    "mrd": Decimal(1_000_000_000),
    "milliarden": Decimal(1_000_000_000),
    "billion": Decimal(1_000_000_000),
    "bn": Decimal(1_000_000_000),
}


def _parse_amount(raw: str) -> Decimal | None:
    """A written amount as a Decimal, in English ("1,200.50") or German ("1.200,50") format.

    Only the last separator can be a decimal mark. It is one when the other kind also occurs ("1.200,50"),
    when it is not followed by exactly three digits ("95,00", "80.5"), or after a lone zero ("0,085 € pro
    Wort"). Otherwise it groups thousands like every earlier separator: "1.200 Euro" and "US$ 1,250" are 1200
    and 1250 in both languages, since money is not written with three decimals.
    """
    s = _NO_CENTS.sub("", raw.translate(_GROUPING))
    last = max(s.rfind("."), s.rfind(","))
    if last < 0:
        digits = s
    else:
        head, tail = s[:last], s[last + 1 :]
        both_kinds = "." in s and "," in s
        if both_kinds or len(tail) != 3 or head == "0":
            digits = _SEPARATORS.sub("", head) + "." + tail
        else:
            digits = _SEPARATORS.sub("", s)
    try:
        return Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the regex only matches digits and separators
        return None


def _money(m: re.Match[str], text: str) -> Money | None:
    amount = _parse_amount(m["a1"] or m["a2"])
    if amount is None:  # pragma: no cover
        return None
    if multiplier := m["x1"] or m["x2"]:
        amount *= _MULTIPLIERS[multiplier.lower().rstrip(".")]
    currency = _currency_code(m["cb"] or m["ca"])
    per = _per_of(m)
    if per is None and (bracket := _PER_AFTER_BRACKET_RX.match(text, m.end())) is not None:
        per = _per_of(bracket)
    if per is None:
        per = _rate_cue(text, m.start())
    return Money(amount, currency, per, m.group(), m.start(), m.end())


def _per_of(m: re.Match[str]) -> RatePer | None:
    if m["ph"] or m["ah"]:
        return "hour"
    if m["pd"] or m["ad"]:
        return "day"
    if m["pm"] or m["am"]:
        return "month"
    if m["pp"] or m["ap"]:
        return "project"
    return None


def _rate_cue(text: str, start: int) -> RatePer | None:
    """The rate named just before an amount: "Stundensatz von 95 Euro", "a day rate of €650"."""
    cue = _RATE_CUE_BEFORE.match(text, max(0, start - 80), start)
    if cue is None:
        return None
    if cue["h"]:
        return "hour"
    if cue["d"]:
        return "day"
    return "month" if cue["m"] else "project"


def find_money(text: str, lang: str | None = None) -> list[Money]:
    """All money amounts in ``text`` in order, each with its currency (ISO code) and, for rates, what it is
    charged per: "€95/hour", "95,00 EUR pro Stunde", "EUR 1.200,00", "US$ 1,250", "£60 an hour",
    "120 €/Std.", "Tagessatz 800 EUR" (per day, from the word before). A per-unit phrase after the amount is
    part of ``text``. Numbers without a currency are not money. ``lang`` is accepted for symmetry (see module).
    """
    del lang
    return list(_scan(_MONEY_RX, text, _money))


# ---------------------------------------------------------------------------------------------------------------
# percentages

_PCT_DIGITS: Final = r"\d{1,3}(?:[.,]\d{1,4})?(?!\d)(?![.,]\d)"
_PCT_POINTS: Final = r"(?:percentage\s+points?|prozent-?punkte[ns]?|%[-\s]?punkte[ns]?|%\s*points?)"
_PCT_WORD: Final = r"(?:per\s?cent|percent|prozent|vom\s+hundert|v\.\s?h\.)"
_PCT_ANY_WORD: Final = rf"(?:{_PCT_POINTS}|{_PCT_WORD})(?!\w)"
_PCT_ANY: Final = rf"(?:{_PCT_POINTS}(?!\w)|%|{_PCT_WORD}(?!\w))"
_FRACTION: Final = r"(?:one[-\s]half|a\s+half|one[-\s]quarter|a\s+quarter|three[-\s]quarters?)"
_DE_HALF_PREFIX: Final = _trie_regex(s for w in ("ein", *_DE_ONES[1:]) for s in _surfaces(w))
_WORD_VALUE: Final = (
    rf"(?:(?:{_NUM_WORDS}|ein)(?:\s+and\s+{_FRACTION})?|(?:{_DE_HALF_PREFIX})?einhalb|anderthalb)(?!\w)"
)
_PERIOD: Final = (
    r"\s*(?:(?:per|pro|je|a|each|im|in\s+the)\s+(?:(?:angefangene[mnrs]?|begonnene[mnrs]?|volle[mnrs]?|started|commenced"
    r"|full|part\s+of\s+a)\s+)?(?:calendar\s+|kalender)?(?:annum|anno|year|jahr|month|monat|mensem)"
    r"|p\.\s?a\.?|p\.\s?m\.|j(?:ä|ae)hrlich|monatlich|annually|yearly|monthly)(?!\w)"
)
_BASE_RATE: Final = (
    r"(?:basiszins(?:satz(?:es)?)?|(?:base|prime|reference|bank)\s+(?:lending\s+)?rate|referenzzins(?:satz(?:es)?)?"
    r"|leitzins(?:es)?|euribor|libor|sofr|sonia|€str|spitzenrefinanzierungssatz(?:es)?"
    r"|hauptrefinanzierungssatz(?:es)?|diskontsatz(?:es)?)"
)
_OVER_BASE: Final = (
    r"\s+(?:(?:ü|ue)ber|oberhalb|above|over|plus|in\s+excess\s+of|more\s+than|higher\s+than)\s+"
    rf"(?:[^\s;,]+\s+){{0,6}}?{_BASE_RATE}(?!\w)"
)
_PERCENT_RX: Final = re.compile(
    r"(?<![\w.,])(?=\w)(?:"
    rf"(?P<w>{_WORD_VALUE})(?:"
    rf"\s+{_PCT_ANY_WORD}(?:\s*\(\s*(?P<wd>{_PCT_DIGITS})\s*(?:%|{_PCT_ANY_WORD})?\s*\))?"  # "fünfzig Prozent (50 %)"
    rf"|\s*\(\s*(?P<wd2>{_PCT_DIGITS})\s*%?\s*\)\s*{_PCT_ANY})"  # "five (5) percent"
    rf"|(?P<d>{_PCT_DIGITS})\s*{_PCT_ANY}(?:\s*\(\s*{_WORD_VALUE}\s+{_PCT_ANY_WORD}\s*\))?"  # "5 % (fünf Prozent)"
    rf")(?P<p1>{_PERIOD})?(?P<base>{_OVER_BASE})?(?P<p2>{_PERIOD})?",
    re.IGNORECASE,
)
_BASE_THEN_PLUS_BEFORE: Final = re.compile(
    rf"{_BASE_RATE}(?!\w)(?:\s*\([^)]{{0,60}}\))?[^.;%\d]{{0,20}}?(?:plus|zuz(?:ü|ue)glich|zzgl\.?|\+)\s*\Z",
    re.IGNORECASE,
)
_WORD_AND_FRACTION: Final = re.compile(rf"(?P<whole>.+?)(?:\s+and\s+(?P<frac>{_FRACTION}))?", re.IGNORECASE)


def _word_value(words: str) -> float | None:
    """ "neun" → 9, "one and one-half" → 1.5, "zweieinhalb" → 2.5, "anderthalb" → 1.5."""
    folded = _fold(words)
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
    if digits:
        value: float | None = float(digits.replace(",", "."))
    else:
        value = _word_value(m["w"])
    if value is None:  # pragma: no cover
        return None
    period_text = (m["p1"] or m["p2"] or "").lower()
    period: PercentPeriod | None = None
    if period_text:
        monthly = any(k in period_text for k in ("month", "monat", "mensem", "p.m", "p. m"))
        period = "month" if monthly else "year"
    over_base = bool(m["base"]) or _BASE_THEN_PLUS_BEFORE.search(text, max(0, m.start() - 120), m.start()) is not None
    return Percent(value, period, over_base, m.group(), m.start(), m.end())


def find_percents(text: str, lang: str | None = None) -> list[Percent]:
    """All percentages in ``text`` in order: "1.5% per month", "1,5 % pro Monat", "8 % p.a.",
    "one and one-half percent (1.5%) per month", "9 Prozentpunkte über dem Basiszinssatz" (over base rate),
    "base rate plus 8%" (over base rate). The period and the base-rate phrase after the number are part of
    ``text``. ``lang`` is accepted for symmetry (see module).
    """
    del lang
    return list(_scan(_PERCENT_RX, text, _percent))
