"""The checklist items, loaded from ``models/checklist/items.toml`` and validated; their words are in the word
catalogue (``[checklist.items.<id>]``), checked here to be exactly the ones each item's rules need."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from ..data import data_dir
from ..errors import E_RULES, GhostproofError
from ..findings import FAMILIES
from ..model import Lang
from ..words import Words

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

    @property
    def cues(self) -> tuple[str, ...]:
        """The secondary cues its patterns may carry (label ``checklist/<id>/<cue>``)."""
        return (*self.veto, *self.needs, *self.hints)

    def word(self, lang: str, key: str) -> str:
        return Words(lang, f"checklist.items.{self.id}")(key)

    @property
    def word_keys(self) -> set[str]:
        """The words this item must have in each language."""
        keys = {*ITEM_WORDS, *(f"needs_{c}" for c in self.needs), *(f"hint_{c}" for c in self.hints)}
        return keys | ({"unmet"} if self.when else set())


@dataclass(frozen=True)
class ItemSet:
    items: tuple[ItemDef, ...]

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
    return GhostproofError(
        E_RULES, message, path=where, hint=f"fix models/checklist/{ITEMS_FILE} (see the comment at its top)"
    )


def _names(value: object, where: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.isidentifier() for v in value):
        raise _fail(where, f"{key} must be a list of cue names")
    return tuple(value)


def parse_items(text: str, where: str = ITEMS_FILE) -> ItemSet:
    """Validate the checklist definition: known keys, known families, and the item's words in both languages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(where, f"not valid TOML ({exc})") from None
    if set(data) != {"items"}:
        raise _fail(where, "needs exactly the tables [items.<id>]")
    items: list[ItemDef] = []
    for item_id, spec in data["items"].items():
        at = f"{where} [items.{item_id}]"
        if not item_id.isidentifier():
            raise _fail(at, "an item id must be a plain name (letters, digits, _)")
        allowed = {"required", "detect", "family", "when", "evidence_cue", "veto", "needs", "hints"}
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
        )
        if detect == "family" and item.cues:
            raise _fail(at, "an item ticked from the audit has no patterns, so no veto/needs/hints")
        expected = item.word_keys
        for lang in LANGS:
            words = Words(lang, "checklist.items")
            have = set(words.table(item_id)) if words.has(item_id) else set()
            if have != expected:
                raise _fail(
                    f"{at} (words: models/words/{lang}.toml [checklist.items.{item_id}])",
                    f"words must be exactly {sorted(expected)} (missing {sorted(expected - have)}, "
                    f"unknown {sorted(have - expected)})",
                )
        items.append(item)
    if not items:
        raise _fail(where, "no items")
    return ItemSet(tuple(items))


def items_path(root: Path | None = None) -> Path:
    return (root or data_dir("models")) / "checklist" / ITEMS_FILE


@cache
def load_items(root: Path | None = None) -> ItemSet:
    """The checklist items (``models/checklist/items.toml``)."""
    path = items_path(root)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise _fail(str(path), f"cannot read the checklist items ({exc.strerror or exc})") from None
    return parse_items(text, where=str(path))
