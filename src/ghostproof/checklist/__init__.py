"""``ghostproof checklist``: the pre-engagement checklist, ticked from the contract where it can be, else asked."""

from __future__ import annotations

from .evaluate import (
    CHECKLIST_SCHEMA,
    Checklist,
    ItemEvidence,
    ItemResult,
    apply_answers,
    blank_checklist,
    check_document,
    parse_require,
    read_answers,
)
from .items import ItemDef, ItemSet, load_items

__all__ = [
    "CHECKLIST_SCHEMA",
    "Checklist",
    "ItemDef",
    "ItemEvidence",
    "ItemResult",
    "ItemSet",
    "apply_answers",
    "blank_checklist",
    "check_document",
    "load_items",
    "parse_require",
    "read_answers",
]
