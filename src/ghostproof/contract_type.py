"""What a contract owes, in German law's terms: a result (Werkvertrag), services (Dienstvertrag), or both — read
from its wording (``models/contract_types.toml``), with the words that decided it. The German statutory fallbacks
differ: a Werkvertrag has Abnahme (§ 640 BGB) and the path of §§ 643, 645 BGB; a Dienstvertrag has none of these
and is governed by §§ 614, 615, 620, 621, 626, 627 BGB.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from .data import expressions, read_model_toml
from .errors import E_RULES, GhostproofError

ContractType = Literal["werkvertrag", "dienstvertrag", "mixed"]
CONTRACT_TYPES: tuple[str, ...] = ("werkvertrag", "dienstvertrag", "mixed")


@dataclass(frozen=True)
class TypeReading:
    """The type (None: unknown) and why: the contract's own name for it, or the words on each side."""

    type: ContractType | None
    named: str | None
    result: tuple[str, ...]
    services: tuple[str, ...]
    #: where the deciding words are in the text (start, end): the name, else the first match of each word
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class _Rules:
    scan_chars: int
    margin: int
    least: int
    names: dict[str, dict[str, re.Pattern[str]]]
    words: dict[str, dict[str, list[re.Pattern[str]]]]


def _fail(where: str, message: str) -> GhostproofError:
    return GhostproofError(E_RULES, message, path=where, hint="fix models/contract_types.toml (see its top)")


def _words(where: str, entries: object) -> list[str]:
    return expressions(entries, where, "fix models/contract_types.toml (see its top)")


@cache
def _rules(root: Path | None = None) -> _Rules:
    data, where = read_model_toml("contract_types.toml", "fix models/contract_types.toml (see its top)", root)
    if set(data) != {"scan_chars", "margin", "least", "de", "en"}:
        raise _fail(where, "keys must be scan_chars, margin, least, de, en")
    names: dict[str, dict[str, re.Pattern[str]]] = {}
    words: dict[str, dict[str, list[re.Pattern[str]]]] = {}
    for lang in ("de", "en"):
        table = data[lang]
        if not {"names", "result", "services"} <= set(table) <= {"names", "result", "services", "negated"}:
            raise _fail(where, f"[{lang}] needs names, result and services (and may have negated)")
        # plain words right before a word that deny it ("Die Budgetobergrenze ist kein Festpreis"): such a match
        # does not count (each a fixed-width look-behind, so plain words only)
        negated = table.get("negated", {}).get("words", [])
        articles = table.get("negated", {}).get("articles", [])
        for key, value in (("words", negated), ("articles", articles)):
            plain = isinstance(value, list) and all(isinstance(n, str) and re.fullmatch(r"[^\W\d_]+", n) for n in value)
            if not plain:
                raise _fail(where, f"{lang}.negated.{key} must be a list of plain words")
        # (also with an article between: "schuldet nicht die Fertigstellung")
        unless = "".join(rf"(?<!\b{n}\s{a})" for n in negated for a in ["", *(rf"{x}\s" for x in articles)])
        names[lang] = {
            side: re.compile(
                r"(?<!\w)(?:" + "|".join(_words(f"{where} {lang}.names.{side}", table["names"].get(side))) + r")(?!\w)",
                re.IGNORECASE,
            )
            for side in ("result", "services")
        }
        words[lang] = {
            side: [
                # (the word first, as a look-ahead: the look-behinds of the denials run only where it stands; before
                # it they ran at every character, 44 s instead of 5 s for 120 contract openings)
                re.compile(rf"(?<!\w)(?=(?:{e})(?!\w)){unless}(?:{e})(?!\w)", re.IGNORECASE)
                for e in _words(f"{where} {lang}.{side}.words", table[side].get("words"))
            ]
            for side in ("result", "services")
        }
    return _Rules(int(data["scan_chars"]), int(data["margin"]), int(data["least"]), names, words)


def read_type(text: str, lang: str) -> TypeReading:
    """The contract's type from its first pages (its own name for it wins over the words that point to one)."""
    rules = _rules()
    head = text[: rules.scan_chars]
    title = head[:2000]
    named: tuple[tuple[str, ContractType], ...] = (("services", "dienstvertrag"), ("result", "werkvertrag"))
    for side, by_name in named:
        m = rules.names[lang][side].search(title)
        if m is not None:
            return TypeReading(by_name, m.group(), (), (), (m.span(),))
    matches = {
        side: [m for p in rules.words[lang][side] if (m := p.search(head)) is not None]
        for side in ("result", "services")
    }
    found = {side: tuple(m.group() for m in ms) for side, ms in matches.items()}
    r, s = len(found["result"]), len(found["services"])
    if r + s < rules.least:
        kind: ContractType | None = None
    elif r >= s + rules.margin:
        kind = "werkvertrag"
    elif s >= r + rules.margin:
        kind = "dienstvertrag"
    else:
        kind = "mixed"
    sides = {"werkvertrag": ("result",), "dienstvertrag": ("services",), "mixed": ("result", "services")}
    spans = sorted(m.span() for side in sides.get(kind or "", ()) for m in matches[side])
    return TypeReading(kind, None, found["result"], found["services"], tuple(spans))
