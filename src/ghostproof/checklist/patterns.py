"""Find the checklist items that are not clause families (deposit, payment schedule, e-mail notice, a contact and
a backup, signature lines) with the spaCy patterns in ``models/checklist/<lang>.jsonl``.

Each line is ``{"label": "checklist/<item>" | "checklist/<item>/<cue>", "id": ..., "pattern": ...}``: a string
goes to a case-insensitive ``PhraseMatcher``, a list of token dicts to a ``Matcher`` (validated). ``<cue>`` must
be one of the item's ``veto``/``needs``/``hints`` in ``items.toml``. A match counts only inside one sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..detect.rules import Pattern, Row, check_unique, models_dir, read_rows
from ..errors import E_RULES, GhostproofError

if TYPE_CHECKING:
    from ..detect.pipeline import Analysis
from .items import ItemSet, load_items

LABEL_PREFIX = "checklist"


@dataclass(frozen=True)
class Hit:
    """One pattern match: the item (and cue), where it is, and the sentence around it (character offsets)."""

    item: str
    cue: str | None
    start: int
    end: int
    rule: str
    sent_start: int
    sent_end: int


def _fail(where: str, message: str) -> GhostproofError:
    return GhostproofError(E_RULES, message, path=where, hint="fix the checklist pattern file (see models/README.md)")


def patterns_path(lang: str, root: Path | None = None) -> Path:
    return (root or models_dir()) / "checklist" / f"{lang}.jsonl"


def checklist_patterns(rows: list[Row], items: ItemSet | None = None) -> list[Pattern]:
    """Rows whose labels name a checklist item and, optionally, one of its cues, as patterns of the group
    ``checklist`` (cue ``<item>`` or ``<item>/<cue>``)."""
    items = items or load_items()
    out: list[Pattern] = []
    for row in rows:
        parts = row.label.split("/")
        if len(parts) not in (2, 3) or parts[0] != LABEL_PREFIX:
            raise _fail(
                row.at, f'label must be "{LABEL_PREFIX}/<item>" or "{LABEL_PREFIX}/<item>/<cue>", not {row.label!r}'
            )
        item_id, cue = parts[1], (parts[2] if len(parts) == 3 else None)
        if item_id not in items.ids:
            raise _fail(row.at, f"unknown checklist item {item_id!r} (one of {', '.join(items.ids)})")
        item = items.item(item_id)
        if item.detect == "family":
            raise _fail(row.at, f"{item_id} is ticked from the audit's clause family; it takes no patterns")
        if cue is None and item.detect != "patterns":
            raise _fail(
                row.at, f"{item_id} cannot be seen in a contract; only its cues {list(item.cues)} take patterns"
            )
        if cue is not None and cue not in item.cues:
            raise _fail(row.at, f"cue {cue!r} is not declared for {item_id} in items.toml (veto/needs/hints)")
        out.append(Pattern(LABEL_PREFIX, row.label.split("/", 1)[1], row.id, row.pattern, row.at))
    return out


def parse_patterns(text: str, where: str, items: ItemSet) -> list[Pattern]:
    """Read and check one pattern file (with the reader of every pattern file): labels name known items and cues,
    ids and patterns are unique, every item and cue has a pattern."""
    rows = read_rows(text, where, _fail, f'"{LABEL_PREFIX}/<item>" or "{LABEL_PREFIX}/<item>/<cue>"')
    out = checklist_patterns(rows, items)
    check_unique(rows, _fail)
    have = {p.cue for p in out}
    wanted = [
        item.id + (f"/{cue}" if cue else "")
        for item in items.items
        for cue in ([None] if item.detect == "patterns" else []) + list(item.cues)
    ]
    lacking = [f"{LABEL_PREFIX}/{w}" for w in wanted if w not in have]
    if lacking:
        raise _fail(where, f"no pattern for {', '.join(lacking)}")
    return out


def hits(analysis: Analysis) -> list[Hit]:
    """The checklist's matches in a document read by the pipeline with ``checklist=True``."""
    from ..detect.component import CHECKLIST_KEY

    out = []
    for start, end, label, rule, sent_start, sent_end in analysis.user_data[CHECKLIST_KEY]:
        parts = label.split("/")
        out.append(Hit(parts[1], parts[2] if len(parts) == 3 else None, start, end, rule, sent_start, sent_end))
    return sorted(out, key=lambda h: (h.start, h.end, h.item, h.cue or "", h.rule))


@cache
def load_patterns(lang: str, root: Path | None = None) -> list[Pattern]:
    path = patterns_path(lang, root)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise _fail(str(path), f"cannot read the checklist patterns ({exc.strerror or exc})") from None
    return parse_patterns(text, str(path), load_items())
