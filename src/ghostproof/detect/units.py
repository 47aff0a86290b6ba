"""Clause units: the passages a finding can rest on, with the cues found in each.

A unit is a block (a numbered paragraph, list item or table cell) when it is short, or a window of two
consecutive sentences inside a long block. Cues come from the ``ghostproof`` spans, from the quantity parsers
(``@duration``, ``@money``, ``@percent``), and -- as context -- from the heading above and the rest of the
numbered section.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import Block, Document
from ..quantities import find_durations, find_money, find_percents
from .structure import contents_reach, is_contents, may_hold_contents

#: the cues the quantity parsers supply
SYNTHETIC = ("@duration", "@money", "@percent")

MAX_UNIT_TOKENS = 120
#: where the ``ghostproof`` component leaves its hits as ``(start_char, end_char, label, rule_id)`` tuples
HITS_KEY = "ghostproof_hits"
#: and the sentences as ``(start_char, end_char)``
SENTS_KEY = "ghostproof_sents"
_SECTION_KEY = re.compile(r"^(§\s*\d+[a-z]?|Art\.\s*\w+|[IVX]+|\d+)")


@dataclass
class Unit:
    start: int
    end: int
    block: Block
    #: family -> cue -> first rule id that produced it
    cues: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    context: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    document: Document | None = None
    #: every rule hit inside the unit: (start_char, end_char, "family/cue", rule id), in text order
    hits: list[tuple[int, int, str, str]] = field(default_factory=list)
    #: the pipeline's sentences inside the unit (start_char, end_char), clipped to it: the one sentence splitter
    sentences: list[tuple[int, int]] = field(default_factory=list)
    #: the units of its numbered section (itself included), in text order; set by :func:`add_context`
    section_units: list[Unit] = field(default_factory=list)
    #: every unit of the document, in text order (one list shared by all; set by :func:`add_context`): where a
    #: lead-in outside any numbered section finds the items of its list
    all_units: list[Unit] = field(default_factory=list)
    _synthetic: dict[str, bool] = field(default_factory=dict)

    def text(self, doc: Document) -> str:
        return doc.text[self.start : self.end]

    def synthetic_of(self, kinds: Iterable[str]) -> set[str]:
        """Those of ``kinds`` (``@duration``, ``@money``, ``@percent``) the quantity parsers find in the unit; each
        kind is parsed on first use only."""
        out = set()
        for kind in kinds:
            found = self._synthetic.get(kind)
            if found is None:
                found = self._synthetic[kind] = self._parse(kind)
            if found:
                out.add(kind)
        return out

    def _parse(self, kind: str) -> bool:
        if self.document is None:
            return False
        text, lang = self.text(self.document), self.document.lang
        if kind == "@duration":
            return any(d.unit in ("day", "week", "month", "hour") for d in find_durations(text, lang))
        if kind == "@money":
            return bool(find_money(text, lang))
        return kind == "@percent" and bool(find_percents(text, lang))

    @property
    def synthetic(self) -> set[str]:
        """All three parser cues of the unit (see :meth:`synthetic_of`)."""
        return self.synthetic_of(SYNTHETIC)

    def cue_set(self, family: str) -> set[str]:
        return set(self.cues.get(family, {})) | self.synthetic

    def cues_and_context(self, family: str) -> set[str]:
        return set(self.cues.get(family, {})) | self.context.get(family, set())

    def all_cues(self, family: str) -> set[str]:
        return self.cue_set(family) | self.context.get(family, set())


def section_key(label: str | None) -> str | None:
    if not label:
        return None
    m = _SECTION_KEY.match(label)
    return m.group(1).replace(" ", "") if m else label


def _group_key(block: Block, by_heading: bool) -> str | None:
    """The section a block belongs to: its numbered section, else (``by_heading``) the unnumbered heading above it."""
    key = section_key(block.section)
    if key is None and by_heading and block.heading and block.kind != "heading":
        return "\x00" + block.heading  # (no section label starts so)
    return key


def _windows(block: Block, sents: list[tuple[int, int]], sent_starts: list[int]) -> list[tuple[int, int]]:
    first = max(0, bisect.bisect_right(sent_starts, block.start) - 1)
    inside = []
    for s, e in sents[first:]:
        if s >= block.end:
            break
        if e > block.start:
            inside.append((max(s, block.start), min(e, block.end)))
    if len(inside) <= 2:
        return [(block.start, block.end)]
    return [(inside[i][0], inside[i + 1][1]) for i in range(len(inside) - 1)]


def _clipped(sents: list[tuple[int, int]], sent_starts: list[int], start: int, end: int) -> list[tuple[int, int]]:
    """The sentences overlapping ``start..end``, cut to it (the whole range when there are none)."""
    lo = max(0, bisect.bisect_right(sent_starts, start) - 1)
    hi = bisect.bisect_left(sent_starts, end, lo)
    out = [(s if s > start else start, e if e < end else end) for s, e in sents[lo:hi] if e > start]
    return out or [(start, end)]


def build_units(document: Document, analysis: Any) -> list[Unit]:
    """Units with their cues; only units with at least one rule hit are returned. ``analysis`` holds the hits and
    sentences in ``user_data`` (:class:`ghostproof.detect.pipeline.Analysis`, or a Doc the component made)."""
    spans = sorted(analysis.user_data.get(HITS_KEY, []), key=lambda t: t[0])
    if not spans:
        return []
    starts = [s[0] for s in spans]
    # each hit's family and cue, split once (a hit is read by up to two overlapping windows)
    parts = [label.split("/", 1) for _, _, label, _ in spans]
    blocks = document.blocks
    block_starts = [b.start for b in blocks]
    hit_blocks: dict[int, Block] = {}
    for s_start in starts:
        i = bisect.bisect_right(block_starts, s_start) - 1
        if i >= 0 and blocks[i].end > s_start:
            hit_blocks[i] = blocks[i]
    sents: list[tuple[int, int]] = analysis.user_data.get(SENTS_KEY) or [(0, len(document.text))]
    sent_starts = [s for s, _ in sents]
    units: list[Unit] = []
    toc_reach = contents_reach()  # (a table of contents stands near the start)
    for i in sorted(hit_blocks):
        block = hit_blocks[i]
        ranges = [(block.start, block.end)]
        # (a block without what every entry of a table of contents holds has no passage that is one)
        toc = block.start < toc_reach and may_hold_contents(block.text)
        if block.text.count(" ") >= MAX_UNIT_TOKENS:  # about as many words
            ranges = _windows(block, sents, sent_starts)
        for start, end in ranges:
            lo = bisect.bisect_left(starts, start)
            hi = bisect.bisect_left(starts, end, lo)
            inside = [k for k in range(lo, hi) if spans[k][1] <= end]
            if not inside:
                continue
            if toc and start < toc_reach and is_contents(document.text[start:end]):
                continue  # (a table of contents names clauses, it grants nothing)
            unit = Unit(start, end, block, document=document)
            cues = unit.cues
            for k in inside:
                family, cue = parts[k]
                cues[family].setdefault(cue, spans[k][3])
            unit.hits = [spans[k] for k in inside]
            unit.sentences = _clipped(sents, sent_starts, start, end)
            units.append(unit)
    return units


def add_context(units: list[Unit], section_cues: dict[str, frozenset[str]]) -> None:
    """Heading cues (all families) and section cues (the families' ``section_cues``) as context."""
    heading_cues: dict[str, dict[str, set[str]]] = {}
    for unit in units:
        if unit.block.kind == "heading":
            bucket = heading_cues.setdefault(unit.block.heading or unit.block.text, defaultdict(set))
            for fam, cues in unit.cues.items():
                bucket[fam] |= set(cues)
    by_section: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    members: dict[str, list[Unit]] = defaultdict(list)
    # unnumbered headings ("PAYMENT TERMS", "CANCELLATION AND KILL FEE") are the sections of a text that has two or
    # more of them and no number for the blocks under them
    titled = {u.block.heading for u in units if u.block.section is None and u.block.heading}
    by_heading = len(titled) >= 2
    ordered = sorted(units, key=lambda u: u.start)
    for unit in units:
        unit.all_units = ordered
        key = _group_key(unit.block, by_heading)
        unit.section_units = members[key] if key else [unit]
        if key:
            members[key].append(unit)
            for fam, cues in unit.cues.items():
                by_section[key][fam] |= set(cues) & section_cues.get(fam, frozenset())
    for unit in units:
        if unit.block.kind != "heading" and unit.block.heading in heading_cues:
            for fam, found in heading_cues[unit.block.heading].items():
                unit.context[fam] |= found
        key = _group_key(unit.block, by_heading)
        if key in by_section:
            for fam, found in by_section[key].items():
                unit.context[fam] |= found
