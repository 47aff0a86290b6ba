"""Quantity parsers: table-driven rows (positives and near misses side by side) and hypothesis round trips."""

from __future__ import annotations

import itertools
import json
import re
import time
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from ghostproof.quantities import (
    Duration,
    Money,
    Percent,
    find_durations,
    find_money,
    find_percents,
    parse_number_word,
)
from ghostproof.quantities import durations as durations_module
from ghostproof.quantities import money as money_module
from ghostproof.quantities import percents as percents_module
from ghostproof.quantities.numbers import mentions, words_and_figures_differ

# ---------------------------------------------------------------------------------------------------------------
# durations: (text, [(matched text, value, unit, business), ...])

DURATION_ROWS: list[tuple[str, list[tuple[str, float, str, bool]]]] = [
    # English
    ("within five (5) business days of delivery", [("five (5) business days", 5, "day", True)]),
    ("within ten (10) Business Days after receipt", [("ten (10) Business Days", 10, "day", True)]),
    ("upon 30 days' prior written notice", [("30 days", 30, "day", False)]),
    ("on thirty days notice", [("thirty days", 30, "day", False)]),
    ("within 14 calendar days", [("14 calendar days", 14, "day", False)]),
    ("no later than two weeks after", [("two weeks", 2, "week", False)]),
    ("for one month", [("one month", 1, "month", False)]),
    ("by giving 1 month's notice", [("1 month", 1, "month", False)]),
    ("within 48 hours", [("48 hours", 48, "hour", False)]),
    ("sixty (60) days", [("sixty (60) days", 60, "day", False)]),
    ("a period of seven working days", [("seven working days", 7, "day", True)]),
    ("twenty-one days", [("twenty-one days", 21, "day", False)]),
    ("twenty one days", [("twenty one days", 21, "day", False)]),
    ("THIRTY (30) DAYS", [("THIRTY (30) DAYS", 30, "day", False)]),
    ("within 5 (five) days", [("5 (five) days", 5, "day", False)]),
    ("within a week", [("a week", 1, "week", False)]),
    ("within an hour", [("an hour", 1, "hour", False)]),
    ("a business day", [("a business day", 1, "day", True)]),
    ("a hundred days", [("a hundred days", 100, "day", False)]),
    ("one hundred days", [("one hundred days", 100, "day", False)]),
    ("ninety-nine days", [("ninety-nine days", 99, "day", False)]),
    ("within one (1) Business Day(s)", [("one (1) Business Day(s)", 1, "day", True)]),
    ("thirty (30) consecutive days", [("thirty (30) consecutive days", 30, "day", False)]),
    ("fifteen (15) calendar days", [("fifteen (15) calendar days", 15, "day", False)]),
    ("within such thirty-day period", [("thirty-day", 30, "day", False)]),
    ("a 30-day cure period", [("30-day", 30, "day", False)]),
    ("a 48-hour window", [("48-hour", 48, "hour", False)]),
    ("for six years thereafter", [("six years", 6, "year", False)]),
    ("twelve (12) months", [("twelve (12) months", 12, "month", False)]),
    ("five more days", [("five more days", 5, "day", False)]),
    ("three banking days", [("three banking days", 3, "day", True)]),
    ("10 workdays", [("10 workdays", 10, "day", True)]),
    ("1.5 days", [("1.5 days", 1.5, "day", False)]),
    ("2 hrs", [("2 hrs", 2, "hour", False)]),
    # German
    ("binnen 14 Tage", [("14 Tage", 14, "day", False)]),
    ("innerhalb von 14 Tagen", [("14 Tagen", 14, "day", False)]),
    ("innerhalb von vierzehn (14) Tagen", [("vierzehn (14) Tagen", 14, "day", False)]),
    ("zwei Wochen", [("zwei Wochen", 2, "week", False)]),
    ("innerhalb einer Woche", [("einer Woche", 1, "week", False)]),
    ("binnen 10 Werktagen", [("10 Werktagen", 10, "day", True)]),
    ("binnen 5 Arbeitstagen", [("5 Arbeitstagen", 5, "day", True)]),
    ("binnen eines Monats", [("eines Monats", 1, "month", False)]),
    ("drei Monate", [("drei Monate", 3, "month", False)]),
    ("mit einer Frist von 4 Wochen zum Monatsende", [("4 Wochen", 4, "week", False)]),
    ("30 Kalendertage", [("30 Kalendertage", 30, "day", False)]),
    ("einundzwanzig Tage", [("einundzwanzig Tage", 21, "day", False)]),
    ("dreißig Tage", [("dreißig Tage", 30, "day", False)]),
    ("dreissig Tage", [("dreissig Tage", 30, "day", False)]),
    ("fuenf Werktage", [("fuenf Werktage", 5, "day", True)]),
    ("zwölf Monate", [("zwölf Monate", 12, "month", False)]),
    ("sechsundneunzig Stunden", [("sechsundneunzig Stunden", 96, "hour", False)]),
    ("einen (1) Monat im Voraus", [("einen (1) Monat", 1, "month", False)]),
    ("von einem Monat", [("einem Monat", 1, "month", False)]),
    ("ein Jahr ab Abnahme", [("ein Jahr", 1, "year", False)]),
    ("eine Stunde", [("eine Stunde", 1, "hour", False)]),
    ("binnen 48 Std. nach Zugang", [("48 Std", 48, "hour", False)]),
    ("14 vollen Kalendertagen", [("14 vollen Kalendertagen", 14, "day", False)]),
    ("zehn Bankarbeitstagen", [("zehn Bankarbeitstagen", 10, "day", True)]),
    ("mit einer 14-tägigen Frist", [("14-tägigen", 14, "day", False)]),
    ("eine vierwöchige Frist", [("vierwöchige", 4, "week", False)]),
    ("die dreimonatige Kündigungsfrist", [("dreimonatige", 3, "month", False)]),
    ("2,5 Stunden", [("2,5 Stunden", 2.5, "hour", False)]),
    ("within 5-10 business days", [("10 business days", 10, "day", True)]),  # a range: its upper end
    ("binnen 10–14 Tagen", [("14 Tagen", 14, "day", False)]),
    # several in one text, in order
    (
        "within 5 business days, and in any case 30 days; sonst binnen zwei Wochen",
        [("5 business days", 5, "day", True), ("30 days", 30, "day", False), ("zwei Wochen", 2, "week", False)],
    ),
    ("two days a week", [("two days", 2, "day", False)]),  # "a week" is a frequency here
    ("7 days a week, 24 hours a day", [("7 days", 7, "day", False), ("24 hours", 24, "hour", False)]),
    ("gemäß § 5 Abs. 2 BGB, 14 Tage", [("14 Tage", 14, "day", False)]),
    # a form's blanks filled in (ALCO Stores 3.01(a)): the number typed into the blank is the period
    ("upon ____________ (______30________) days written notice", [("(______30________) days", 30, "day", False)]),
    ("upon ______ (30) days notice", [("(30) days", 30, "day", False)]),
    ("within (__10__) business days", [("(__10__) business days", 10, "day", True)]),
]

NOT_DURATIONS = [
    "Section 5 days",
    "see clause 7 days",
    "§ 5",
    "§ 5 Tage",
    "Art. 3 Monate",
    "Abs. 2 Wochen",
    "30.04.2026",
    "version 1.5",
    "£60 an hour",
    "€650 a day",
    "a day rate of €650",
    "once a month",
    "twice a year",
    "half an hour",
    "an Werktagen zwischen 9 und 17 Uhr",
    "eines Tages wird alles gut",
    "zum Ende eines Monats",
    "zum Monatsende",
    "der Tagessatz beträgt",
    "am 1. Monat",
    "on the 5th day",
    "Day 1 of the project",
    "fünf days",
    "five Tage",
    "the days are long",
    "1,000 days",
    "10000 hours",
    "someday",
    "twentyone days",
    "(2) months after delivery",  # a list item's number, no blank
    "upon (30) days notice",
    "Section (___30) days",
]


@pytest.mark.parametrize(("text", "expected"), DURATION_ROWS)
def test_durations(text: str, expected: list[tuple[str, float, str, bool]]) -> None:
    found = find_durations(text)
    assert [(d.text, d.value, d.unit, d.business) for d in found] == expected
    for d in found:
        assert text[d.start : d.end] == d.text


@pytest.mark.parametrize("text", NOT_DURATIONS)
def test_not_durations(text: str) -> None:
    assert find_durations(text) == []


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("10 business days", 10),
        ("10 Werktage", 10),
        ("two weeks", 14),
        ("one month", 30),
        ("1 year", 365),
        ("1.5 months", 45),
        ("vier Wochen", 28),
        ("48 hours", None),
        ("1,5 Tage", None),
    ],
)
def test_duration_days(text: str, days: int | None) -> None:
    (d,) = find_durations(text)
    assert d.days == days


def test_word_and_digits_are_one_duration() -> None:
    text = "within five (5) days and vierzehn (14) Tagen and 5 (five) days"
    assert [d.text for d in find_durations(text)] == ["five (5) days", "vierzehn (14) Tagen", "5 (five) days"]


def test_digits_win_when_words_disagree() -> None:
    (d,) = find_durations("within five (6) days")
    assert d.value == 6


@pytest.mark.parametrize(
    ("text", "differ"),
    [
        ("payable within thirty (45) days", True),
        ("5 (six) days", True),
        ("zwei (3) Wochen", True),
        ("twenty (25%)", True),
        ("thirty (30) days", False),
        ("5 (five) days", False),
        ("one hundred eighty (180) days", False),
        ("einen (1) Monat", False),
        ("vierzehn (14) Tagen", False),
        ("twenty-five percent (25%)", False),
    ],
)
def test_words_and_figures_that_differ_are_told_apart(text: str, differ: bool) -> None:
    """The parser reads the figure ("within five (6) days" is 6 above); a finding states no figure where the words
    differ (new user, round 7: "due 45 days after receipt" where the contract says "thirty (45)" and the words
    govern)."""
    assert words_and_figures_differ(text) is differ


def test_lang_does_not_change_durations() -> None:
    text = "within 14 days / binnen 14 Tagen"
    assert find_durations(text, "en") == find_durations(text, "de") == find_durations(text)


def test_duration_is_frozen() -> None:
    (d,) = find_durations("30 days")
    with pytest.raises(AttributeError):
        d.value = 31  # type: ignore[misc]
    assert d == Duration(30.0, "day", False, "30 days", 0, 7)


# ---------------------------------------------------------------------------------------------------------------
# money: (text, [(matched text, amount, currency, per), ...])

MONEY_ROWS: list[tuple[str, list[tuple[str, str, str | None, str | None]]]] = [
    ("thirty thousand dollars ($30, 000)", [("$30, 000", "30000", "USD", None)]),
    # Coral Gold 5.1(c): Canadian dollars were read as US dollars ("$750,000" after "CDN")
    ("a termination payment equal to CDN$750,000; and", [("CDN$750,000", "750000", "CAD", None)]),
    ("a fee of HK$5,000", [("HK$5,000", "5000", "HKD", None)]),
    ("at €95/hour", [("€95/hour", "95", "EUR", "hour")]),
    ("at € 95 per hour", [("€ 95 per hour", "95", "EUR", "hour")]),
    ("zu 95,00 EUR pro Stunde", [("95,00 EUR pro Stunde", "95.00", "EUR", "hour")]),
    ("mit 95 € je Stunde", [("95 € je Stunde", "95", "EUR", "hour")]),
    ("EUR 1.200,00", [("EUR 1.200,00", "1200.00", "EUR", None)]),
    ("1.200 Euro", [("1.200 Euro", "1200", "EUR", None)]),
    ("$80.00 per hour", [("$80.00 per hour", "80.00", "USD", "hour")]),
    ("USD 175 per hour", [("USD 175 per hour", "175", "USD", "hour")]),
    ("US$ 1,250", [("US$ 1,250", "1250", "USD", None)]),
    ("£60 an hour", [("£60 an hour", "60", "GBP", "hour")]),
    ("GBP 500 per day", [("GBP 500 per day", "500", "GBP", "day")]),
    ("CHF 120/h", [("CHF 120/h", "120", "CHF", "hour")]),
    ("120 €/Std.", [("120 €/Std.", "120", "EUR", "hour")]),
    ("Stundensatz von 95 Euro", [("95 Euro", "95", "EUR", "hour")]),
    ("Stundensatz von 95 Euro pro Stunde", [("95 Euro pro Stunde", "95", "EUR", "hour")]),
    ("a day rate of €650", [("€650", "650", "EUR", "day")]),
    ("Tagessatz 800 EUR", [("800 EUR", "800", "EUR", "day")]),
    ("€1,200.50", [("€1,200.50", "1200.50", "EUR", None)]),
    ("1.200,50 €", [("1.200,50 €", "1200.50", "EUR", None)]),
    ("€1.200.000", [("€1.200.000", "1200000", "EUR", None)]),
    ("€1.200.000,50", [("€1.200.000,50", "1200000.50", "EUR", None)]),
    ("$1,200,000.5", [("$1,200,000.5", "1200000.5", "USD", None)]),
    ("€1.200.50", [("€1.200.50", "1200.50", "EUR", None)]),  # malformed, read leniently
    ("£1,000,000 per claim", [("£1,000,000", "1000000", "GBP", None)]),
    ("1.200,- EUR netto pro Stunde", [("1.200,- EUR netto pro Stunde", "1200", "EUR", "hour")]),
    ("95,– €", [("95,– €", "95", "EUR", None)]),
    ("CHF 1'200.00", [("CHF 1'200.00", "1200.00", "CHF", None)]),
    ("0,085 € pro Wort", [("0,085 €", "0.085", "EUR", None)]),
    ("2.000 € monatlich", [("2.000 € monatlich", "2000", "EUR", "month")]),
    ("€3,000 per month", [("€3,000 per month", "3000", "EUR", "month")]),
    ("€5,000 for the entire project", [("€5,000 for the entire project", "5000", "EUR", "project")]),
    ("a fixed fee of EUR 12,500", [("EUR 12,500", "12500", "EUR", "project")]),
    ("Festpreis von 4.800 EUR", [("4.800 EUR", "4800", "EUR", "project")]),
    ("100 EUR je angefangener Stunde", [("100 EUR je angefangener Stunde", "100", "EUR", "hour")]),
    ("€95 plus VAT per hour", [("€95 plus VAT per hour", "95", "EUR", "hour")]),
    ("seventy euros (EUR 70) per hour", [("EUR 70", "70", "EUR", "hour")]),
    ("Standardstundensatz von 105 EUR", [("105 EUR", "105", "EUR", "hour")]),
    ("Stundenansatz von CHF 140.00", [("CHF 140.00", "140.00", "CHF", "hour")]),
    ("500 Dollars", [("500 Dollars", "500", "USD", None)]),
    ("20 pounds sterling", [("20 pounds sterling", "20", "GBP", None)]),
    ("€650 a day", [("€650 a day", "650", "EUR", "day")]),
    ("1 200,00 €", [("1 200,00 €", "1200.00", "EUR", None)]),
    ("1\u00a0200,00\u00a0€", [("1\u00a0200,00\u00a0€", "1200.00", "EUR", None)]),
    ("EUR 1 200 000", [("EUR 1 200 000", "1200000", "EUR", None)]),
    ("a Pauschale von 40 EUR nach § 288 Abs. 5 BGB", [("40 EUR", "40", "EUR", None)]),
    ("€1,5 Mio.", [("€1,5 Mio.", "1500000", "EUR", None)]),
    ("1,5 Mio. EUR", [("1,5 Mio. EUR", "1500000", "EUR", None)]),
    ("EUR 2 million", [("EUR 2 million", "2000000", "EUR", None)]),
    ("€5k per month", [("€5k per month", "5000", "EUR", "month")]),
    ("EUR 95,-/Std.", [("EUR 95,-/Std.", "95", "EUR", "hour")]),
    ("€ 95,00 (netto) pro Stunde", [("€ 95,00 (netto) pro Stunde", "95.00", "EUR", "hour")]),
    ("$100/hr", [("$100/hr", "100", "USD", "hour")]),
    ("100 $/h", [("100 $/h", "100", "USD", "hour")]),
    (
        "hourly rate of $110, capped at $8,000",
        [("$110", "110", "USD", "hour"), ("$8,000", "8000", "USD", None)],
    ),
    # the cheque form: "No/100" is no cents, the figure in brackets is the amount
    ("a late charge of Fifty and No/100 Dollars ($50.00) per day", [("$50.00", "50.00", "USD", "day")]),
]

NOT_MONEY = [
    "30.04.2026",
    "version 1.5",
    "§ 5",
    "Section 1.200",
    "within 95 days",
    "1.5% per month",
    "EUROPE 500",
    "the euro zone",
    "€",
    "EUR",
    "eur 5",
    "R$ 1.000",  # a dollar sign after letters that name no currency here: not read as US dollars
    "COSTS$100",
    "One Hundred and 50/100 Dollars",  # a fraction's denominator is no amount
]


@pytest.mark.parametrize(("text", "expected"), MONEY_ROWS)
def test_money(text: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    found = find_money(text)
    assert [(m.text, m.amount, m.currency, m.per) for m in found] == [(t, Decimal(a), c, p) for t, a, c, p in expected]
    for m in found:
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(text: str) -> None:
    assert find_money(text) == []


@pytest.mark.parametrize("lang", [None, "en", "de"])
@pytest.mark.parametrize(
    ("text", "amount"),
    [("1.200 Euro", "1200"), ("US$ 1,250", "1250"), ("€95,00", "95.00"), ("$80.00", "80.00")],
)
def test_three_digits_after_one_separator_are_thousands_in_both_languages(
    text: str, amount: str, lang: str | None
) -> None:
    (m,) = find_money(text, lang)
    assert m.amount == Decimal(amount)


# ---------------------------------------------------------------------------------------------------------------
# percentages: (text, [(matched text, value, period, over base rate), ...])

PERCENT_ROWS: list[tuple[str, list[tuple[str, float, str | None, bool]]]] = [
    ("interest at the rate of 1-1/2% per month", [("1-1/2% per month", 1.5, "month", False)]),
    (
        "one and one-half percent (1 1/2%) per month",
        [("one and one-half percent (1 1/2%) per month", 1.5, "month", False)],
    ),
    ("Verzugszinsen von 1½ % pro Monat", [("1½ % pro Monat", 1.5, "month", False)]),
    ("at 1.5% per month", [("1.5% per month", 1.5, "month", False)]),
    ("Zinsen von 1,5 % pro Monat", [("1,5 % pro Monat", 1.5, "month", False)]),
    (
        "one and one-half percent (1.5%) per month",
        [("one and one-half percent (1.5%) per month", 1.5, "month", False)],
    ),
    ("18% per annum", [("18% per annum", 18, "year", False)]),
    ("8 % p.a.", [("8 % p.a.", 8, "year", False)]),
    # a word of interest between the rate and its period
    ("mit 5 % Zinsen p.a. belastet", [("5 % Zinsen p.a.", 5, "year", False)]),
    ("1.5% interest per month", [("1.5% interest per month", 1.5, "month", False)]),
    ("10% interest on the balance", [("10%", 10, None, False)]),
    ("9 Prozentpunkte über dem Basiszinssatz", [("9 Prozentpunkte über dem Basiszinssatz", 9, None, True)]),
    (
        "neun Prozentpunkten über dem jeweiligen Basiszinssatz",
        [("neun Prozentpunkten über dem jeweiligen Basiszinssatz", 9, None, True)],
    ),
    (
        "5 percentage points above the base rate",
        [("5 percentage points above the base rate", 5, None, True)],
    ),
    ("8% over the Bank of England base rate", [("8% over the Bank of England base rate", 8, None, True)]),
    ("25 %", [("25 %", 25, None, False)]),
    ("fünfzig Prozent (50 %)", [("fünfzig Prozent (50 %)", 50, None, False)]),
    ("five percent (5%)", [("five percent (5%)", 5, None, False)]),
    ("ten (10) percent", [("ten (10) percent", 10, None, False)]),
    ("5% (five percent)", [("5% (five percent)", 5, None, False)]),
    ("zwei Prozent", [("zwei Prozent", 2, None, False)]),
    ("eineinhalb Prozent", [("eineinhalb Prozent", 1.5, None, False)]),
    ("anderthalb Prozent", [("anderthalb Prozent", 1.5, None, False)]),
    ("two and a half percent", [("two and a half percent", 2.5, None, False)]),
    ("1% a month", [("1% a month", 1, "month", False)]),
    ("8 % jährlich", [("8 % jährlich", 8, "year", False)]),
    ("1 % pro angefangenem Monat", [("1 % pro angefangenem Monat", 1, "month", False)]),
    (
        "9 Prozentpunkten p. a. über dem Basiszinssatz",
        [("9 Prozentpunkten p. a. über dem Basiszinssatz", 9, "year", True)],
    ),
    (
        "fünf Prozentpunkte über dem Basiszinssatz pro Jahr",
        [("fünf Prozentpunkte über dem Basiszinssatz pro Jahr", 5, "year", True)],
    ),
    ("the prime rate plus 2%", [("2%", 2, None, True)]),
    ("Basiszinssatz zuzüglich 9 Prozentpunkte", [("9 Prozentpunkte", 9, None, True)]),
    ("3 % über dem Referenzzinssatz", [("3 % über dem Referenzzinssatz", 3, None, True)]),
    ("2 per cent per annum", [("2 per cent per annum", 2, "year", False)]),
    ("5 v. H.", [("5 v. H.", 5, None, False)]),
    ("0,5 %", [("0,5 %", 0.5, None, False)]),
    ("100%", [("100%", 100, None, False)]),
    (
        "a 50% deposit and 25 % on delivery",
        [("50%", 50, None, False), ("25 %", 25, None, False)],
    ),
]

NOT_PERCENTS = ["version 1.5", "§ 5", "30.04.2026", "€95", "5 percentile", "Prozentsatz", "50 Prozentsätze"]


@pytest.mark.parametrize(("text", "expected"), PERCENT_ROWS)
def test_percents(text: str, expected: list[tuple[str, float, str | None, bool]]) -> None:
    found = find_percents(text)
    assert [(p.text, p.value, p.period, p.over_base_rate) for p in found] == expected
    for p in found:
        assert text[p.start : p.end] == p.text


@pytest.mark.parametrize("text", NOT_PERCENTS)
def test_not_percents(text: str) -> None:
    assert find_percents(text) == []


# ---------------------------------------------------------------------------------------------------------------
# number words


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("one", 1),
        ("Five", 5),
        ("twelve", 12),
        ("twenty-one", 21),
        ("twenty one", 21),
        ("Ninety-Nine", 99),
        ("forty", 40),
        ("hundred", 100),
        ("one hundred", 100),
        ("a", 1),
        ("an", 1),
        ("eins", 1),
        ("ein", 1),
        ("eine", 1),
        ("einen", 1),
        ("einem", 1),
        ("einer", 1),
        ("eines", 1),
        ("vierzehn", 14),
        ("sechzehn", 16),
        ("siebzehn", 17),
        ("zwölf", 12),
        ("zwoelf", 12),
        ("dreißig", 30),
        ("dreissig", 30),
        ("einundzwanzig", 21),
        ("fünfundfünfzig", 55),
        ("fuenfundfuenfzig", 55),
        ("neunundneunzig", 99),
        ("hundert", 100),
        ("einhundert", 100),
        ("14", None),
        ("", None),
        ("zero", None),
        ("null", None),
        ("twentyone", None),
        ("einhundertzwei", None),
        ("thirtieth", None),
    ],
)
def test_parse_number_word(word: str, value: int | None) -> None:
    assert parse_number_word(word) == value


# ---------------------------------------------------------------------------------------------------------------
# property tests: rendered quantities round-trip

_EN_ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_EN_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_DE_ONES = ["", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"]
_DE_TEENS = "zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn".split()
_DE_TENS = ["", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"]


def en_words(n: int, sep: str = "-") -> str:
    if n == 100:
        return "one hundred"
    if n < 10:
        return _EN_ONES[n]
    if n < 20:
        return _EN_TEENS[n - 10]
    tens, ones = divmod(n, 10)
    return _EN_TENS[tens] + (sep + _EN_ONES[ones] if ones else "")


def de_words(n: int, ascii_only: bool = False) -> str:
    if n == 100:
        word = "hundert"
    elif n < 10:
        word = _DE_ONES[n]
    elif n < 20:
        word = _DE_TEENS[n - 10]
    else:
        tens, ones = divmod(n, 10)
        word = (("ein" if ones == 1 else _DE_ONES[ones]) + "und" if ones else "") + _DE_TENS[tens]
    if ascii_only:
        word = word.replace("ü", "ue").replace("ö", "oe").replace("ß", "ss")
    return word


#: unit -> (singular, plural) in English; German: (forms for one with their articles, plural forms)
_EN_UNITS = {"day": ("day", "days"), "week": ("week", "weeks"), "month": ("month", "months"),
             "year": ("year", "years"), "hour": ("hour", "hours")}  # fmt: skip
_DE_UNITS: dict[str, tuple[list[tuple[str, str]], list[str]]] = {
    "day": ([("ein", "Tag"), ("einen", "Tag"), ("einem", "Tag")], ["Tage", "Tagen"]),
    "bday": ([("einen", "Werktag"), ("einem", "Arbeitstag")], ["Werktage", "Werktagen", "Arbeitstage", "Arbeitstagen"]),
    "week": ([("eine", "Woche"), ("einer", "Woche")], ["Wochen"]),
    "month": ([("ein", "Monat"), ("einen", "Monat"), ("einem", "Monat"), ("eines", "Monats")], ["Monate", "Monaten"]),
    "year": ([("ein", "Jahr"), ("einem", "Jahr"), ("eines", "Jahres")], ["Jahre", "Jahren"]),
    "hour": ([("eine", "Stunde"), ("einer", "Stunde")], ["Stunden"]),
}
_DE_SINGULAR = {"day": "Tag", "bday": "Werktag", "week": "Woche", "month": "Monat", "year": "Jahr", "hour": "Stunde"}


@st.composite
def rendered_durations(draw: st.DrawFn) -> tuple[str, str, int, str, bool]:
    """(text, quantity phrase, n, unit, business) for a random duration in English or German."""
    n = draw(st.integers(1, 365))
    unit = draw(st.sampled_from(["day", "week", "month", "year", "hour"]))
    business = unit == "day" and draw(st.booleans())
    lang = draw(st.sampled_from(["en", "de"]))
    styles = ["digits", "digits (word)", "word", "word (digits)"] if n <= 100 else ["digits"]
    style = draw(st.sampled_from(styles))
    if lang == "en":
        if n == 1:
            word = draw(st.sampled_from(["one", "an" if unit == "hour" else "a"]))
            word = "one" if "(" in style else word  # "a (1) day" is not English
        else:
            word = en_words(n, draw(st.sampled_from(["-", " "]))) if n <= 100 else ""
        noun = _EN_UNITS[unit][0 if n == 1 else 1]
        qualifier = draw(st.sampled_from(["business ", "working ", "Business "])) if business else ""
        noun = qualifier + noun
        template = draw(st.sampled_from(["The Client shall respond within {} of delivery.", "for {}", "{}' notice"]))
    else:
        key = "bday" if business else unit
        if n == 1:
            word, noun = draw(st.sampled_from(_DE_UNITS[key][0]))  # the article agrees with the noun
            if style.startswith("digits"):
                noun = _DE_SINGULAR[key]
        else:
            word = de_words(n, ascii_only=draw(st.booleans())) if n <= 100 else ""
            noun = draw(st.sampled_from(_DE_UNITS[key][1]))
        template = draw(st.sampled_from(["Der Kunde prüft innerhalb von {} nach Zugang.", "binnen {}", "{}"]))
    number = {"digits": f"{n}", "digits (word)": f"{n} ({word})", "word": word, "word (digits)": f"{word} ({n})"}
    phrase = f"{number[style]} {noun}"
    return template.format(phrase), phrase, n, unit, business


@given(rendered_durations(), st.sampled_from([None, "en", "de"]))
@example(("within twenty-one (21) business days", "twenty-one (21) business days", 21, "day", True), None)
@example(("binnen eines Monats", "eines Monats", 1, "month", False), "de")
def test_durations_round_trip(case: tuple[str, str, int, str, bool], lang: str | None) -> None:
    text, phrase, n, unit, business = case
    (d,) = find_durations(text, lang)
    assert (d.text, d.value, d.unit, d.business) == (phrase, n, unit, business)
    assert text[d.start : d.end] == d.text


_CURRENCY_BEFORE = {"€": "EUR", "€ ": "EUR", "EUR ": "EUR", "EUR": "EUR", "$": "USD", "US$": "USD",
                    "US$ ": "USD", "USD ": "USD", "£": "GBP", "GBP ": "GBP", "CHF ": "CHF"}  # fmt: skip
_CURRENCY_AFTER = {" €": "EUR", "€": "EUR", " EUR": "EUR", " Euro": "EUR", " Euros": "EUR", " USD": "USD",
                   " Dollar": "USD", " GBP": "GBP", " CHF": "CHF", " $": "USD"}  # fmt: skip
_PER_PHRASES = [("", None), (" per hour", "hour"), ("/hour", "hour"), ("/h", "hour"), (" an hour", "hour"),
                (" per day", "day"), (" a day", "day"), (" per month", "month"), (" monthly", "month"),
                (" per project", "project"), (" pro Stunde", "hour"), (" je Stunde", "hour"), ("/Std.", "hour"),
                (" pro Tag", "day"), (" je Personentag", "day"), (" monatlich", "month"), (" pro Monat", "month"),
                (" pro Projekt", "project"), (" netto pro Stunde", "hour")]  # fmt: skip


def render_amount(whole: int, cents: int | None, style: str) -> str:
    """``style``: en / en-plain / de / de-plain; ``cents=None`` writes no decimals (or ",-" in German)."""
    grouped = f"{whole:,}" if not style.endswith("plain") else str(whole)
    if style.startswith("de"):
        grouped = grouped.replace(",", ".")
        return grouped + ("" if cents is None else f",{cents:02d}")
    return grouped + ("" if cents is None else f".{cents:02d}")


@given(
    whole=st.integers(0, 99_999_999),
    cents=st.one_of(st.none(), st.integers(0, 99)),
    style=st.sampled_from(["en", "en-plain", "de", "de-plain"]),
    currency=st.one_of(
        st.sampled_from(sorted(_CURRENCY_BEFORE)).map(lambda c: (c, "before")),
        st.sampled_from(sorted(_CURRENCY_AFTER)).map(lambda c: (c, "after")),
    ),
    per=st.sampled_from(_PER_PHRASES),
    lang=st.sampled_from([None, "en", "de"]),
)
@example(whole=1200, cents=None, style="de", currency=(" Euro", "after"), per=("", None), lang="de")
@example(whole=1250, cents=None, style="en", currency=("US$ ", "before"), per=("", None), lang="en")
@example(whole=1200, cents=50, style="de", currency=("EUR ", "before"), per=("", None), lang=None)
def test_money_round_trip(
    whole: int,
    cents: int | None,
    style: str,
    currency: tuple[str, str],
    per: tuple[str, str | None],
    lang: str | None,
) -> None:
    if whole == 0 and not cents:
        cents = 1
    amount = render_amount(whole, cents, style)
    token, side = currency
    money = token + amount if side == "before" else amount + token
    phrase = money + per[0]
    text = f"The fee is {phrase}, payable on invoice."
    (m,) = find_money(text, lang)
    expected = Decimal(whole) + Decimal(cents or 0) / 100
    iso = (_CURRENCY_BEFORE if side == "before" else _CURRENCY_AFTER)[token]
    assert (m.amount, m.currency, m.per, m.text) == (expected, iso, per[1], phrase)
    assert text[m.start : m.end] == m.text


_PERIOD_PHRASES = [("", None), (" per month", "month"), (" per annum", "year"), (" p.a.", "year"),
                   (" pro Monat", "month"), (" jährlich", "year"), (" a year", "year")]  # fmt: skip


@given(
    whole=st.integers(0, 100),
    hundredths=st.integers(0, 99),
    decimals=st.sampled_from([0, 1, 2]),
    mark=st.sampled_from([".", ","]),
    sign=st.sampled_from(["%", " %", " percent", " per cent", " Prozent", " Prozentpunkte"]),
    period=st.sampled_from(_PERIOD_PHRASES),
    base=st.sampled_from([("", False), (" above the base rate", True), (" über dem Basiszinssatz", True)]),
)
def test_percent_round_trip(
    whole: int,
    hundredths: int,
    decimals: int,
    mark: str,
    sign: str,
    period: tuple[str, str | None],
    base: tuple[str, bool],
) -> None:
    fraction = f"{hundredths:02d}"[:decimals]
    number = f"{whole}{mark}{fraction}" if decimals else str(whole)
    phrase = number + sign + period[0] + base[0]
    text = f"Interest accrues at {phrase} from the due date."
    (p,) = find_percents(text)
    assert p.value == float(f"{whole}.{fraction or 0}")
    assert (p.text, p.period, p.over_base_rate) == (phrase, period[1], base[1])


@given(
    whole=st.integers(0, 20),
    fraction=st.sampled_from([("1/2", "½", 0.5), ("1/4", "¼", 0.25), ("3/4", "¾", 0.75)]),
    form=st.sampled_from(["{w}-{f}", "{w} {f}", "{w}{v}", "{w} {v}"]),
    sign=st.sampled_from(["%", " %", " percent"]),
    period=st.sampled_from(_PERIOD_PHRASES),
)
def test_mixed_fractions_as_written(
    whole: int, fraction: tuple[str, str, float], form: str, sign: str, period: tuple[str, str | None]
) -> None:
    """ "1-1/2% per month" is 1.5 % a month (it was read as 2 %); "1 1/2 %", "1½%" alike."""
    written = form.format(w=whole, f=fraction[0], v=fraction[1])
    phrase = written + sign + period[0]
    (p,) = find_percents(f"Late amounts bear interest at {phrase} until paid.")
    assert (p.value, p.text, p.period) == (whole + fraction[2], phrase, period[1])


@given(amount=st.integers(1_000, 999_999_999), currency=st.sampled_from(["$", "US$ ", "USD "]))
def test_thousands_grouped_with_comma_and_space(amount: int, currency: str) -> None:
    """ "thirty thousand dollars ($30, 000)": a comma and a space between groups (as filed) still group thousands."""
    written = f"{amount:,}".replace(",", ", ")
    (m,) = find_money(f"a fee of ({currency}{written}) is payable")
    assert m.amount == amount


@given(n=st.integers(1, 100), sep=st.sampled_from(["-", " "]), ascii_only=st.booleans())
def test_number_words_round_trip(n: int, sep: str, ascii_only: bool) -> None:
    assert parse_number_word(en_words(n, sep)) == n
    assert parse_number_word(en_words(n, sep).upper()) == n
    assert parse_number_word(de_words(n, ascii_only)) == n
    assert parse_number_word(de_words(n, ascii_only).capitalize()) == n


def en_big_words(n: int, sep: str, with_and: bool) -> str:
    """English words for 1 … 9,999 as contracts write them: "one hundred eighty", "two thousand and five"."""
    thousands, rest = divmod(n, 1000)
    hundreds, tail = divmod(rest, 100)
    parts = [f"{en_words(thousands, sep)} thousand"] if thousands else []
    if hundreds:
        parts.append(f"{en_words(hundreds, sep)} hundred")
    if tail:
        parts.append(("and " if with_and and parts else "") + en_words(tail, sep))
    return " ".join(parts)


@given(
    n=st.integers(1, 9_999),
    sep=st.sampled_from(["-", " "]),
    with_and=st.booleans(),
    digits=st.booleans(),
    kind=st.sampled_from(["days", "percent"]),
)
@example(n=180, sep="-", with_and=False, digits=True, kind="days")  # "one hundred eighty (180) days" read as 80
@example(n=200, sep="-", with_and=False, digits=False, kind="days")  # "two hundred days" read as 100
@example(n=150, sep="-", with_and=False, digits=False, kind="percent")  # "one hundred fifty percent" read as 50
def test_large_numbers_in_words_are_read_whole(n: int, sep: str, with_and: bool, digits: bool, kind: str) -> None:
    """A number word that ends a larger number ("one hundred eighty", "two thousand and five") is read with the
    words before it, and the source span covers them all; before, only the last word counted (180 → 80)."""
    assume(kind == "days" or n < 1000)  # a percentage is read up to 999
    phrase = en_big_words(n, sep, with_and) + (f" ({n})" if digits else "") + f" {kind}"
    text = f"The Client shall pay within {phrase} of the invoice."
    found: list[Any] = list(find_durations(text) if kind == "days" else find_percents(text))
    assert [(q.value, q.text) for q in found] == [(n, phrase)]


_FRAGMENTS = [
    " ", "  ", "\n", "5", "14", "1.200", "1,5", "30.04.2026", "(", ")", "(5)", "five", "twenty-one", "vierzehn",
    "a", "an", "eine", "eines", "days", "day", "Tage", "Tagen", "Werktagen", "weeks", "Monats", "hour", "business",
    "€", "$", "£", "EUR", "USD", "Euro", "per", "pro", "hour", "Stunde", "/", "%", "Prozent", "percent",
    "über dem Basiszinssatz", "p.a.", "§", "Section", "-", "tägig", "rate", "'", ",", ".", "and one-half",
]  # fmt: skip


@given(
    st.one_of(
        st.text(max_size=80),
        st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join),
        st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=3)), max_size=30).map("".join),
    ),
    st.sampled_from([None, "en", "de"]),
)
def test_offsets_slice_back_and_results_are_ordered(text: str, lang: str | None) -> None:
    groups: list[Sequence[Duration | Money | Percent]] = [
        find_durations(text, lang),
        find_money(text, lang),
        find_percents(text, lang),
    ]
    for found in groups:
        for q in found:
            assert text[q.start : q.end] == q.text
            assert q.text
        for a, b in itertools.pairwise(found):
            assert a.end <= b.start


# ---------------------------------------------------------------------------------------------------------------
# speed: no catastrophic backtracking on long runs after a number, unit or currency


@pytest.mark.parametrize("token", ["5", "a", "eine", "five", "five (5)", "€5", "5 EUR", "5 %", "5 business"])
@pytest.mark.parametrize("filler", [" ", "-", "(", ".", ",", "a ", "über "])
def test_no_quadratic_backtracking(token: str, filler: str) -> None:
    text = token + filler * 10_000 + "x"
    started = time.perf_counter()
    find_durations(text)
    find_money(text)
    find_percents(text)
    assert time.perf_counter() - started < 2.0


# ---------------------------------------------------------------------------------------------------------------
# the cheap word tests each finder runs before its expression: every match contains its words


def _hint_texts() -> list[str]:
    folder = Path(__file__).parent / "corpus"
    passages = [
        json.loads(line)["text"]
        for path in sorted(folder.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    rows = [t for t, _ in [*DURATION_ROWS, *MONEY_ROWS, *PERCENT_ROWS]]
    return [*passages, *rows, *NOT_DURATIONS, *NOT_MONEY, *NOT_PERCENTS]


@pytest.mark.parametrize(
    ("rx", "words", "exact"),
    [
        (durations_module._DURATION_RX, durations_module._UNIT_HINT, ()),
        (durations_module._DE_ADJ_RX, durations_module._ADJ_HINT, ()),
        (money_module._MONEY_RX, money_module._HINT_WORDS, money_module._HINT_EXACT),
        (percents_module._PERCENT_RX, percents_module._HINT_WORDS, ()),
    ],
    ids=["durations", "adjective durations", "money", "percents"],
)
def test_every_match_holds_the_words_its_finder_checks_first(
    rx: re.Pattern[str], words: tuple[str, ...], exact: tuple[str, ...]
) -> None:
    matches = [m.group() for text in _hint_texts() for m in rx.finditer(text)]
    assert matches
    assert [m for m in matches if not mentions(m, words, exact)] == []


@given(st.lists(st.sampled_from([*"dayhrsTtgäü€$%5 -(", "Tag", "tägig", "Prozent", "EUR", "five"]), max_size=12))
def test_the_words_checked_first_change_no_result(pieces: list[str]) -> None:
    text = "".join(pieces)
    found = (find_durations(text), find_money(text), find_percents(text))
    with pytest.MonkeyPatch.context() as patch:  # the same finders without the cheap test first
        for module in (durations_module, money_module, percents_module):
            patch.setattr(module, "mentions", lambda *_: True)
        durations_module._durations.cache_clear()
        assert (find_durations(text), find_money(text), find_percents(text)) == found, text
    durations_module._durations.cache_clear()
