"""Every sentence ghostproof shows a user, from one catalogue per language (``models/words/en.toml`` and ``de.toml``).

``Words(lang, scope)`` looks up dotted keys below ``scope`` ("report", "assess", "checklist", "review",
"clauses", "interview") and fills ``{{ name }}`` placeholders with the strict template engine of the clause library
(an unknown or missing placeholder is an error, never a left-over brace). Numbers, amounts, dates and locations
("p. 2 · 9.1") are formatted here too, so that every report writes them alike.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from datetime import date
from functools import cache
from typing import Any, Literal

from .. import formatting
from ..clauses import template
from ..data import data_dir
from ..model import Lang

LANGS = ("en", "de")
#: how a location reads: "p. 2 · 9.1" (tables), "p. 2, section 9.1" (sentences), "p. 2, § 9.1" (citations)
LocationStyle = Literal["short", "prose", "citation"]


@cache
def catalogue(lang: str) -> dict[str, Any]:
    """The whole catalogue of ``lang`` (``en`` or ``de``)."""
    if lang not in LANGS:
        raise KeyError(lang)
    return tomllib.loads((data_dir("models") / "words" / f"{lang}.toml").read_text(encoding="utf-8"))


def _node(lang: str, dotted: str) -> Any:
    node: Any = catalogue(lang)
    for part in dotted.split("."):
        node = node[part]
    return node


class Words:
    """The words of one language below one scope of the catalogue."""

    def __init__(self, lang: str, scope: str = "") -> None:
        self.lang: Lang = "de" if lang == "de" else "en"
        self.scope = scope

    def _key(self, key: str) -> str:
        return ".".join(part for part in (self.scope, key) if part)

    def __call__(self, key: str, **values: object) -> str:
        text = _node(self.lang, self._key(key))
        if not isinstance(text, str):
            raise KeyError(self._key(key))
        # fragments keep their leading space (" in writing"); multi-line bodies lose the line breaks around them
        return template.render(text.strip("\n"), {k: str(v) for k, v in values.items()})

    def table(self, key: str) -> Mapping[str, Any]:
        """A whole table of the catalogue (e.g. the words of one checklist item)."""
        node = _node(self.lang, self._key(key))
        if not isinstance(node, dict):
            raise KeyError(self._key(key))
        return node

    def has(self, key: str) -> bool:
        try:
            _node(self.lang, self._key(key))
        except KeyError:
            return False
        return True

    def scoped(self, scope: str) -> Words:
        return Words(self.lang, self._key(scope))

    # -- figures --------------------------------------------------------------------------------------------
    def number(self, value: object) -> str:
        return formatting.number(value, self.lang)

    def money(self, amount: object, currency: object) -> str:
        if currency is not None and not isinstance(currency, str):
            raise TypeError(f"not a currency: {currency!r}")
        return formatting.money(amount, currency, self.lang)

    def date(self, day: date) -> str:
        month = _node(self.lang, "dates.months")[day.month - 1]
        return f"{day.day}. {month} {day.year}" if self.lang == "de" else f"{day.day} {month} {day.year}"

    def location(
        self, page: int | None, section: str | None, *, source: str | None = None, style: LocationStyle = "short"
    ) -> str:
        """Where a passage is, in one of three styles (see :data:`LocationStyle`); "" when nothing is known."""
        return location(self.lang, page, section, source=source, style=style)


def location(
    lang: str,
    page: int | None,
    section: str | None,
    *,
    source: str | None = None,
    style: LocationStyle = "short",
) -> str:
    """The one location formatter: ``short`` "a.pdf · p. 2 · 9.1" (tables), ``prose`` "p. 2, section 9.1"
    (sentences; German "S. 2, 9.1"), ``citation`` "p. 2, § 9.1" (a block's place in ``extract``)."""
    parts: list[str] = [source] if source else []
    if page is not None:
        text = _node(lang if lang in LANGS else "en", f"where.{style}.page")
        parts.append(template.render(text, {"page": str(page)}))
    if section:
        label = section
        if style == "prose" and lang != "de" and not label.startswith("§"):
            label = f"section {label}"
        elif style == "citation":
            label = section.rstrip(".")
            label = label if label.startswith(("§", "Art")) else f"§ {label}"
        parts.append(label)
    return (" · " if style == "short" else ", ").join(parts)
