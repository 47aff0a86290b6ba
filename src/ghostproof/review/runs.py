"""Runs of the Word file (python-docx's tree of ``word/document.xml``) that show a span of text, split on demand.

A comment is anchored on whole runs: ``w:commentRangeStart`` before the first, ``w:commentRangeEnd`` after the last.
When the evidence is one sentence inside a longer run, the run is split in two at the sentence's first and last
character — two ``w:r`` with the same ``w:rPr``, which Word shows exactly as before.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass

from ..ingest.docx.ooxml import ALT, NAMES, W_TRANSITIONAL, Element, choose
from .trace import Span, TracedParagraph

W = NAMES[W_TRANSITIONAL]
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_ONE_CHAR = {W.tab: " ", W.ptab: " ", W.br: "\n", W.cr: "\n", W.no_break_hyphen: "-"}


def shown_text(el: Element) -> str:
    """The characters a run (or a run's child) shows, by the reader's rules (``w:t``, tabs, breaks …)."""
    tag = el.tag
    if tag == W.t:
        return str(el.text or "")
    if tag in _ONE_CHAR:
        return _ONE_CHAR[tag]
    if tag == ALT:
        branch = choose(el)
        return "".join(shown_text(c) for c in branch) if branch is not None else ""
    if tag == W.r:
        return "".join(shown_text(c) for c in el)
    return ""


def split_run(run: Element, at: int) -> Element | None:
    """Split ``run`` after its ``at``-th shown character; returns the new second run (placed right after the first),
    or None where the cut falls inside something that is not plain text."""
    children = list(run)
    seen = 0
    for index, child in enumerate(children):
        text = shown_text(child)
        if seen + len(text) <= at:
            seen += len(text)
            continue
        cut = at - seen
        if cut and child.tag != W.t:
            return None
        second = copy.deepcopy(run)
        twins = list(second)
        for i, (mine, twin) in enumerate(zip(children, twins, strict=True)):
            if mine.tag == W.r_pr:
                continue
            if i < index or (i == index and cut):
                if i == index:
                    mine.text, twin.text = text[:cut], text[cut:]
                    mine.set(_XML_SPACE, "preserve")
                    twin.set(_XML_SPACE, "preserve")
                else:
                    second.remove(twin)
            else:
                run.remove(mine)
        run.addnext(second)
        return second
    return None


@dataclass(slots=True)
class Piece:
    """A run and the characters ``start:end`` of its paragraph's run text that it shows."""

    run: Element
    start: int
    end: int
    #: the run shows exactly the characters the reader counted for it, so it can be split
    exact: bool


class Runs:
    """The body paragraphs of the Word file by ordinal, with their text runs as :class:`Piece`\\ s."""

    def __init__(self, body: Element, traced: dict[int, TracedParagraph]) -> None:
        self.paragraphs: list[Element] = list(body.iter(W.p))
        self.traced = traced
        self._pieces: dict[int, list[Piece]] = {}

    def paragraph(self, ordinal: int) -> Element:
        return self.paragraphs[ordinal]

    def pieces(self, ordinal: int) -> list[Piece]:
        if ordinal not in self._pieces:
            runs = list(self.paragraphs[ordinal].iter(W.r))
            out: list[Piece] = []
            for index, start, end in self.traced[ordinal].runs:
                if index < len(runs):
                    run = runs[index]
                    out.append(Piece(run, start, end, len(shown_text(run)) == end - start))
            self._pieces[ordinal] = out
        return self._pieces[ordinal]

    def _cut(self, ordinal: int, offset: int, *, at_end: bool) -> int:
        """Split so that a piece starts at ``offset``; its index (a piece that cannot be split is kept whole:
        its index for a start, the index after it for an end)."""
        pieces = self.pieces(ordinal)
        for i, piece in enumerate(pieces):
            if offset <= piece.start:
                return i
            if offset < piece.end:
                second = split_run(piece.run, offset - piece.start) if piece.exact else None
                if second is None:
                    return i + 1 if at_end else i
                pieces[i : i + 1] = [
                    Piece(piece.run, piece.start, offset, True),
                    Piece(second, offset, piece.end, True),
                ]
                return i + 1
        return len(pieces)

    def anchor(self, spans: Iterable[Span]) -> tuple[Element, Element] | None:
        """The first and last run showing ``spans`` (split to fit), or None when no run shows any of it."""
        found = [s for s in spans if s.ordinal in self.traced and self.pieces(s.ordinal)]
        while found:
            first, last = found[0], found[-1]
            begin = self._cut(first.ordinal, first.start, at_end=False)
            stop = self._cut(last.ordinal, last.end, at_end=True)
            first_pieces, last_pieces = self.pieces(first.ordinal), self.pieces(last.ordinal)
            empty_first = begin >= len(first_pieces) or (first is last and begin >= stop)
            if empty_first:
                found.pop(0)
                continue
            if stop == 0:
                found.pop()
                continue
            return first_pieces[begin].run, last_pieces[stop - 1].run
        return None

    def text_runs(self, ordinal: int) -> list[Element]:
        return [p.run for p in self.pieces(ordinal)] if ordinal in self.traced else []
