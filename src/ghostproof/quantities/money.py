"""Money amounts and rates: "€95/hour", "95,00 EUR pro Stunde", "US$ 1,250", "a day rate of €650"."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Final

from .numbers import mentions, scan
from .types import Money, RatePer

_CODES: Final = r"(?:EUR|USD|GBP|CHF|CAD|AUD|JPY|SEK|NOK|DKK|PLN|CZK)"
_CUR_BEFORE: Final = (
    # a "$" right after letters that name no dollar here ("R$", "MX$") is no US dollar: not read
    rf"(?:US\$|U\.S\.\s?\$|(?<![A-Za-z])(?:AU|CA|CDN|CAN|NZ|HK|A|C|S)\$|(?<![A-Za-z])\$|[€£]|(?<![A-Za-z]){_CODES}(?![A-Za-z])"
    r"|(?<![A-Za-z])[Ss]Fr\.?)"
)
_CUR_AFTER: Final = (
    rf"(?:[$€£]|(?<![A-Za-z]){_CODES}(?![A-Za-z])|(?<![A-Za-z])[Ss]Fr\.?"
    r"|(?i:euros?|us[-\s]?dollars?|dollars?|pounds?(?:\s+sterling)?|pfund(?:\s+sterling)?|schweizer\s+franken"
    r"|franken|swiss\s+francs?)(?!\w))"
)
#: integer part with optional thousands groups (".", ",", "'", or a space as in DIN 5008 "1 200,00 €"),
#: optional decimals or ",-" / ".–" (= no cents)
_AMOUNT: Final = (
    r"(?:\d{1,3}(?:(?:[.,'’ \u00a0\u202f\u2009]|,\s)\d{3})+|\d+)(?:[.,](?:\d{1,2}|[-–—]{1,2})(?!\d))?(?![.,'’]?\d)"
)
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
    # a number after "/" is a fraction's denominator: "Fifty and No/100 Dollars ($50.00)" is $50, not $100
    rf"|(?<![\w.,/])(?P<a2>{_AMOUNT}){_MULTIPLIER.format('x2')}\s?(?P<ca>{_CUR_AFTER}))"
    rf"(?P<per>{_PER})?"
)
#: what every match of _MONEY_RX contains (a currency sign, code or word); a text without it is not searched
_HINT_EXACT: Final = ("$", "€", "£", *_CODES[3:-1].split("|"), "SFr", "sFr")
_HINT_WORDS: Final = ("euro", "dollar", "pound", "pfund", "franken", "franc")
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
    "cdn$": "CAD",
    "can$": "CAD",
    "nz$": "NZD",
    "hk$": "HKD",
    "s$": "SGD",
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
    if not mentions(text, _HINT_WORDS, _HINT_EXACT):
        return []
    return list(scan(_MONEY_RX, text, _money))
