"""Find the checklist items that are not clause families (deposit, payment schedule, e-mail notice, a contact and
a backup, signature lines) with the spaCy patterns in ``models/checklist/<lang>.jsonl``.

Each line is ``{"label": "checklist/<item>" | "checklist/<item>/<cue>", "id": ..., "pattern": ...}``: a string
goes to a case-insensitive ``PhraseMatcher``, a list of token dicts to a ``Matcher`` (validated). ``<cue>`` must
be one of the item's ``veto``/``needs``/``hints`` in ``items.toml``. A match counts only inside one sentence.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..detect.rules import models_dir
from ..errors import E_RULES, GhostproofError
from ..model import Document
from .items import ItemSet, load_items

LABEL_PREFIX = "checklist"


@dataclass(frozen=True)
class ChecklistPattern:
    item: str
    #: None for the item itself, else one of its veto/needs/hints cues
    cue: str | None
    id: str
    pattern: str | list[dict[str, Any]]
    source: str  # file:line

    @property
    def label(self) -> str:
        return f"{LABEL_PREFIX}/{self.item}" + (f"/{self.cue}" if self.cue else "")


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


def parse_patterns(text: str, where: str, items: ItemSet) -> list[ChecklistPattern]:
    """Read and check one pattern file: labels name known items and cues, ids and patterns are unique, every
    item and cue has a pattern, token patterns pass spaCy's validation."""
    out: list[ChecklistPattern] = []
    ids: dict[str, str] = {}
    seen: dict[tuple[str, str], str] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        at = f"{where}:{lineno}"
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _fail(at, f"not valid JSON ({exc.msg})") from None
        if not isinstance(row, dict) or set(row) != {"label", "id", "pattern"}:
            raise _fail(at, 'each line needs exactly "label", "id" and "pattern"')
        label, pid, pattern = row["label"], row["id"], row["pattern"]
        parts = label.split("/") if isinstance(label, str) else []
        if len(parts) not in (2, 3) or parts[0] != LABEL_PREFIX:
            raise _fail(at, f'label must be "{LABEL_PREFIX}/<item>" or "{LABEL_PREFIX}/<item>/<cue>", not {label!r}')
        item_id, cue = parts[1], (parts[2] if len(parts) == 3 else None)
        if item_id not in items.ids:
            raise _fail(at, f"unknown checklist item {item_id!r} (one of {', '.join(items.ids)})")
        item = items.item(item_id)
        if item.detect == "family":
            raise _fail(at, f"{item_id} is ticked from the audit's clause family; it takes no patterns")
        if cue is None and item.detect != "patterns":
            raise _fail(at, f"{item_id} cannot be seen in a contract; only its cues {list(item.cues)} take patterns")
        if cue is not None and cue not in item.cues:
            raise _fail(at, f"cue {cue!r} is not declared for {item_id} in items.toml (veto/needs/hints)")
        if not isinstance(pid, str) or not pid.strip():
            raise _fail(at, "id must be a non-empty string")
        if pid in ids:
            raise _fail(at, f"duplicate id {pid!r} (first at {ids[pid]})")
        ids[pid] = at
        if isinstance(pattern, str):
            if not pattern.strip():
                raise _fail(at, "empty phrase")
        elif not (isinstance(pattern, list) and pattern and all(isinstance(t, dict) and t for t in pattern)):
            raise _fail(at, "pattern must be a phrase or a non-empty list of token dicts")
        key = (label, json.dumps(pattern, sort_keys=True, ensure_ascii=False).lower())
        if key in seen:
            raise _fail(at, f"duplicate pattern (first at {seen[key]})")
        seen[key] = at
        out.append(ChecklistPattern(item_id, cue, pid, pattern, at))
    if not out:
        raise _fail(where, "empty pattern file")
    have = {(p.item, p.cue) for p in out}
    wanted = [
        (item.id, cue)
        for item in items.items
        for cue in ([None] if item.detect == "patterns" else []) + list(item.cues)
    ]
    lacking = [f"{LABEL_PREFIX}/{i}" + (f"/{c}" if c else "") for i, c in wanted if (i, c) not in have]
    if lacking:
        raise _fail(where, f"no pattern for {', '.join(lacking)}")
    return out


class ChecklistMatcher:
    """The compiled patterns of one language (a PhraseMatcher and a validated Matcher on the pipeline's vocab)."""

    def __init__(self, lang: str, patterns: list[ChecklistPattern]) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        from ..nlp import pipeline

        self.nlp = pipeline(lang)
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.tokens = Matcher(self.nlp.vocab, validate=True)
        self.by_key: dict[str, ChecklistPattern] = {}
        for p in patterns:
            key = f"{p.label}|{p.id}"
            self.by_key[key] = p
            if isinstance(p.pattern, str):
                self.phrases.add(key, [self.nlp.make_doc(p.pattern)])
            else:
                try:
                    self.tokens.add(key, [p.pattern])
                except Exception as exc:  # spaCy's MatchPatternError / ValueError name the bad key
                    first = " ".join(str(exc).split())[:300]
                    raise _fail(p.source, f"invalid token pattern: {first}") from None

    def document(self, document: Document) -> list[Hit]:
        """The hits in a whole document, read piece by piece (see :func:`ghostproof.nlp.chunks`)."""
        from dataclasses import replace

        from ..nlp import chunks

        out: list[Hit] = []
        for offset, piece in chunks(document):
            for h in self(piece):
                out.append(
                    replace(
                        h,
                        start=h.start + offset,
                        end=h.end + offset,
                        sent_start=h.sent_start + offset,
                        sent_end=h.sent_end + offset,
                    )
                )
        return out

    def __call__(self, text: str) -> list[Hit]:
        import numpy

        doc = self.nlp.make_doc(text)
        if not len(doc):
            return []
        self.nlp.get_pipe("ghostproof_sentencizer")(doc)
        sent_of = numpy.cumsum(doc.to_array("SENT_START") == 1) - 1
        starts = numpy.flatnonzero(doc.to_array("SENT_START") == 1).tolist()
        if not starts or starts[0] != 0:
            starts = [0, *starts]
            sent_of = numpy.maximum(sent_of, 0)
        bounds = [*starts, len(doc)]
        strings = doc.vocab.strings
        hits: set[Hit] = set()
        for match_id, start, end in [*self.phrases(doc), *self.tokens(doc)]:
            s = int(sent_of[start])
            if int(sent_of[end - 1]) != s:
                continue  # a match must stay inside one sentence
            p = self.by_key[strings[match_id]]
            first, last = doc[bounds[s]], doc[bounds[s + 1] - 1]
            hits.add(
                Hit(
                    p.item,
                    p.cue,
                    doc[start].idx,
                    doc[end - 1].idx + len(doc[end - 1].text),
                    p.id,
                    first.idx,
                    last.idx + len(last.text),
                )
            )
        return sorted(hits, key=lambda h: (h.start, h.end, h.item, h.cue or "", h.rule))


@cache
def load_patterns(lang: str, root: Path | None = None) -> list[ChecklistPattern]:
    path = patterns_path(lang, root)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise _fail(str(path), f"cannot read the checklist patterns ({exc.strerror or exc})") from None
    return parse_patterns(text, str(path), load_items())


@cache
def matcher(lang: str) -> ChecklistMatcher:
    """The checklist matcher for ``en`` or ``de`` (built once per process)."""
    return ChecklistMatcher(lang, load_patterns(lang))
