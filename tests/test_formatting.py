"""Numbers and money in English and German: one formatter for reports, clauses and the assessment."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ghostproof import formatting


@pytest.mark.parametrize(
    ("value", "en", "de"),
    [(10, "10", "10"), (1.5, "1.5", "1,5"), (Decimal("12.50"), "12.5", "12,5"), (Decimal("100"), "100", "100")],
)
def test_number(value: object, en: str, de: str) -> None:
    assert formatting.number(value, "en") == en
    assert formatting.number(value, "de") == de


@pytest.mark.parametrize(
    ("value", "currency", "sign", "en", "de"),
    [
        (1250, "USD", True, "$1,250", "1.250 $"),
        (Decimal("1250.5"), "EUR", True, "€1,250.50", "1.250,50 €"),
        (95, "CHF", True, "CHF 95", "95 CHF"),
        (1250, "USD", False, "USD 1,250", "1.250 USD"),
        (40.0, None, True, "40", "40"),
    ],
)
def test_money(value: object, currency: str | None, sign: bool, en: str, de: str) -> None:
    assert formatting.money(value, currency, "en", sign=sign) == en
    assert formatting.money(value, currency, "de", sign=sign) == de


@pytest.mark.parametrize("bad", [True, "12", None])
def test_not_a_number(bad: object) -> None:
    with pytest.raises(TypeError):
        formatting.number(bad, "en")
