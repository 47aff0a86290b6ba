"""The word catalogue (models/words/<lang>.toml): both languages say the same things, every placeholder is
valid, and every location is formatted by the one formatter."""

from __future__ import annotations

from typing import Any

import pytest

from ghostproof.clauses import template
from ghostproof.words import LANGS, Words, catalogue, location


def _leaves(node: Any, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in node.items():
        if isinstance(value, dict):
            out.update(_leaves(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def test_both_languages_have_the_same_keys_with_the_same_placeholders() -> None:
    en, de = (_leaves(catalogue(lang)) for lang in LANGS)
    assert set(en) == set(de), sorted(set(en) ^ set(de))
    for key, text in en.items():
        if isinstance(text, str):
            assert set(template.names(text)) == set(template.names(de[key])), key
        else:
            assert isinstance(text, list) and len(text) == len(de[key]), key


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_is_a_valid_template(lang: str) -> None:
    for key, text in _leaves(catalogue(lang)).items():
        if isinstance(text, str):
            template.names(text)  # raises on a stray brace
        else:
            assert all(isinstance(t, str) and t for t in text), key


def test_a_missing_placeholder_value_is_an_error_not_a_left_over_brace() -> None:
    with pytest.raises(template.TemplateError):
        Words("en", "report")("verdict.ok")
    assert Words("en", "report")("verdict.ok", n=4) == "All 4 required clauses are present."


@pytest.mark.parametrize(
    ("lang", "style", "expected"),
    [
        ("en", "short", "a.pdf · p. 2 · 9.1"),
        ("de", "short", "a.pdf · S. 2 · 9.1"),
        ("en", "prose", "a.pdf, p. 2, section 9.1"),
        ("de", "prose", "a.pdf, S. 2, 9.1"),
        ("en", "citation", "a.pdf, p. 2, § 9.1"),
    ],
)
def test_one_location_formatter(lang: str, style: str, expected: str) -> None:
    assert location(lang, 2, "9.1", source="a.pdf", style=style) == expected  # type: ignore[arg-type]
    assert location(lang, None, None) == ""
    assert location("en", None, "§ 4(2)", style="prose") == "§ 4(2)"


def test_dates_in_both_languages() -> None:
    from datetime import date

    assert Words("en").date(date(2026, 11, 2)) == "2 November 2026"
    assert Words("de").date(date(2026, 3, 1)) == "1. März 2026"


@pytest.mark.parametrize("lang", LANGS)
def test_every_attribute_of_every_family_has_its_name_in_the_report(lang: str) -> None:
    """The report names every stated fact by its attribute (``report.attribute.<name>``): a name missing there broke
    every audit of a contract that states that fact (a German late-interest clause "Gegenüber Unternehmern …" with
    business_only: E199 KeyError, new user, round 7)."""
    from ghostproof.families import REGISTRY

    names = catalogue(lang)["report"]["attribute"]
    missing = sorted(
        f"{fid}.{name}" for fid, fam in REGISTRY.items() for name in fam.attributes.model_fields if name not in names
    )
    assert not missing, missing
