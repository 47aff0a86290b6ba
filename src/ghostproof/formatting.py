"""Numbers and money as ghostproof writes them, in English or German: one place for every report and clause.

English groups thousands with "," and uses "." for decimals ("$1,250.50"); German the other way round and puts the
currency after the amount ("1.250,50 €"). Whole amounts have no decimals; fractional ones have two.
"""

from __future__ import annotations

from decimal import Decimal

#: currencies written with a sign in reports; the rest (and every amount in clause text) keep their ISO code
SIGN = {"EUR": "€", "USD": "$", "GBP": "£"}


def _decimal(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"not a number: {value!r}")
    return Decimal(str(value))


def _german(text: str) -> str:
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def number(value: object, lang: str) -> str:
    """A plain number: "10", "1.5" / "1,5" (no grouping, no trailing zeros)."""
    text = format(_decimal(value).normalize(), "f")
    return text.replace(".", ",") if lang == "de" else text


def amount(value: object, lang: str) -> str:
    """An amount with grouped thousands: "1,250" / "1.250", "1,250.50" / "1.250,50"."""
    d = _decimal(value)
    text = f"{int(d):,}" if d == d.to_integral_value() else f"{d:,.2f}"
    return _german(text) if lang == "de" else text


def money(value: object, currency: str | None, lang: str, *, sign: bool = True) -> str:
    """An amount with its currency: "$1,250" / "1.250 €" (``sign``), or "USD 1,250" / "1.250 USD" (ISO code, as
    clause text writes it); without a currency just the amount."""
    text = amount(value, lang)
    if currency is None:
        return text
    mark = SIGN.get(currency, currency) if sign else currency
    if lang == "de":
        return f"{text} {mark}"
    return f"{mark}{text}" if sign and currency in SIGN else f"{currency} {text}"
