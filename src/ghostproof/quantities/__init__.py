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
number (see :func:`.money._parse_amount`), because a money amount has at most two decimals — "1.200" and "1,200" next
to a currency are 1200 in either language.

Everything is plain :mod:`re`, compiled once at import; no spaCy.
"""

from __future__ import annotations

from .durations import find_durations
from .money import find_money
from .numbers import parse_number_word
from .percents import find_percents
from .types import Duration, Money, Percent

__all__ = [
    "Duration",
    "Money",
    "Percent",
    "find_durations",
    "find_money",
    "find_percents",
    "parse_number_word",
]
