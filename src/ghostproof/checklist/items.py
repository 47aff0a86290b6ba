"""The checklist items and their words, loaded from ``items.toml`` next to this module and validated."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from ..data import package_text
from ..errors import E_RULES, GhostproofError
from ..findings import FAMILIES

Lang = Literal["en", "de"]
LANGS: tuple[Lang, ...] = ("en", "de")
Detect = Literal["family", "patterns", "ask"]
ITEMS_FILE = "items.toml"

#: the words every item has in each language
ITEM_WORDS = ("name", "question", "why", "counts")


@dataclass(frozen=True)
class ItemDef:
    """One checklist item: how it is checked and its words per language."""

    id: str
    required: bool
    detect: Detect
    #: the clause family that covers it (``detect = "family"``, or also for ``"patterns"``)
    family: str | None = None
    #: attribute values the family's finding must have to cover the item
    when: dict[str, object] = field(default_factory=dict)
    #: prefer the audit passage that has this cue as evidence
    evidence_cue: str | None = None
    veto: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    words: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def cues(self) -> tuple[str, ...]:
        """The secondary cues its patterns may carry (label ``checklist/<id>/<cue>``)."""
        return (*self.veto, *self.needs, *self.hints)

    def word(self, lang: str, key: str) -> str:
        return self.words[lang][key]


@dataclass(frozen=True)
class ItemSet:
    items: tuple[ItemDef, ...]
    #: report words per language
    words: dict[str, dict[str, str]]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.items)

    def item(self, item_id: str) -> ItemDef:
        for i in self.items:
            if i.id == item_id:
                return i
        raise KeyError(item_id)

    @property
    def default_required(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.items if i.required)


def _fail(where: str, message: str) -> GhostproofError:
    return GhostproofError(E_RULES, message, path=where, hint=f"fix {ITEMS_FILE} (see the comment at its top)")


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(_flatten(value, f"{prefix}{key}."))
        elif isinstance(value, str):
            out[f"{prefix}{key}"] = value
        else:
            raise TypeError(f"{prefix}{key}")
    return out


def _names(value: object, where: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.isidentifier() for v in value):
        raise _fail(where, f"{key} must be a list of cue names")
    return tuple(value)


def parse_items(text: str, where: str = ITEMS_FILE) -> ItemSet:
    """Validate the checklist definition: known keys, known families, every word in both languages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(where, f"not valid TOML ({exc})") from None
    if set(data) != {"items", "words"}:
        raise _fail(where, "needs exactly the tables [items.<id>] and [words.<lang>]")
    items: list[ItemDef] = []
    for item_id, spec in data["items"].items():
        at = f"{where} [items.{item_id}]"
        if not item_id.isidentifier():
            raise _fail(at, "an item id must be a plain name (letters, digits, _)")
        allowed = {"required", "detect", "family", "when", "evidence_cue", "veto", "needs", "hints", *LANGS}
        if extra := set(spec) - allowed:
            raise _fail(at, f"unknown keys {sorted(extra)}")
        required = spec.get("required", False)
        detect = spec.get("detect")
        family = spec.get("family")
        if not isinstance(required, bool):
            raise _fail(at, "required must be true or false")
        if detect not in ("family", "patterns", "ask"):
            raise _fail(at, 'detect must be "family", "patterns" or "ask"')
        if detect == "family" and family is None:
            raise _fail(at, 'detect = "family" needs family = "<clause family>"')
        if family is not None and family not in FAMILIES:
            raise _fail(at, f"unknown clause family {family!r} (one of {', '.join(FAMILIES)})")
        when = spec.get("when", {})
        if not isinstance(when, dict) or (when and family is None):
            raise _fail(at, "when must be a table of attribute values, and needs a family")
        words: dict[str, dict[str, str]] = {}
        for lang in LANGS:
            table = spec.get(lang)
            if not isinstance(table, dict) or not all(isinstance(v, str) and v for v in table.values()):
                raise _fail(at, f"[items.{item_id}.{lang}] with its words is missing or not all text")
            words[lang] = dict(table)
        item = ItemDef(
            id=item_id,
            required=required,
            detect=detect,
            family=family,
            when=dict(when),
            evidence_cue=spec.get("evidence_cue"),
            veto=_names(spec.get("veto", []), at, "veto"),
            needs=_names(spec.get("needs", []), at, "needs"),
            hints=_names(spec.get("hints", []), at, "hints"),
            words=words,
        )
        if detect == "family" and item.cues:
            raise _fail(at, "an item ticked from the audit has no patterns, so no veto/needs/hints")
        expected = {*ITEM_WORDS, *(f"needs_{c}" for c in item.needs), *(f"hint_{c}" for c in item.hints)}
        if when:
            expected.add("unmet")
        for lang in LANGS:
            have = set(words[lang])
            if have != expected:
                raise _fail(
                    f"{at}.{lang}",
                    f"words must be exactly {sorted(expected)} (missing {sorted(expected - have)}, "
                    f"unknown {sorted(have - expected)})",
                )
        items.append(item)
    if not items:
        raise _fail(where, "no items")
    report_words: dict[str, dict[str, str]] = {}
    for lang in LANGS:
        table = data["words"].get(lang)
        if not isinstance(table, dict):
            raise _fail(where, f"[words.{lang}] is missing")
        try:
            report_words[lang] = _flatten(table)
        except TypeError as exc:
            raise _fail(f"{where} [words.{lang}]", f"{exc} must be text") from None
    keys = [set(report_words[lang]) for lang in LANGS]
    if keys[0] != keys[1]:
        raise _fail(where, f"[words.en] and [words.de] differ in {sorted(keys[0] ^ keys[1])}")
    return ItemSet(tuple(items), report_words)


@cache
def load_items() -> ItemSet:
    """The checklist items shipped with ghostproof (``checklist/items.toml``)."""
    return parse_items(package_text("checklist", ITEMS_FILE), where=f"ghostproof/checklist/{ITEMS_FILE}")
