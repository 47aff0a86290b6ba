"""Where the audited text sits in the Word file: every :class:`~ghostproof.model.Block` traced back to the body
paragraphs it was read from, and every character of a paragraph to the run that shows it.

The DOCX reader (:mod:`ghostproof.ingest.docx`) runs once more with two hooks, so the text is exactly the text the
audit saw (tracked insertions in, deletions out, hidden text out, Word's automatic numbers added). The hooks record

* for each body paragraph its *ordinal*: its position among all ``w:p`` elements of the body in document order
  (``body.iter(w:p)``), the same in the streamed part and in python-docx's tree of the file;
* for each run that shows text, its position among the paragraph's ``w:r`` elements and the characters it adds.

:class:`Locator` then turns a span of the document text (an evidence's ``start``/``end``) into spans of run text.
"""

from __future__ import annotations

import bisect
import difflib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..ingest.docx.ooxml import Element, W
from ..ingest.docx.paragraphs import Paragraphs, _Inline, _Para
from ..ingest.docx.reader import Reader
from ..ingest.docx.safety import check_members, check_zip_directory
from ..ingest.textutil import normalize_chars, squash
from ..model import Document, RawBlock


@dataclass(frozen=True, slots=True)
class TracedParagraph:
    """One body paragraph as the reader read it."""

    #: position among all ``w:p`` of the body in document order; None where the paragraph could not be traced
    ordinal: int | None
    #: the paragraph's text as the reader built it: Word's automatic number, then the runs' text
    text: str
    #: length of the automatic number at the start of :attr:`text` ("§ 4 ", "(2) "): it is in no run
    prefix: int
    #: ``(run, start, end)``: the run's position among the paragraph's ``w:r`` elements and the characters it shows,
    #: as offsets into the run text ``text[prefix:]``
    runs: tuple[tuple[int, int, int], ...]

    @property
    def run_text(self) -> str:
        return self.text[self.prefix :]


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``start:end`` of the run text of the paragraph with ``ordinal``."""

    ordinal: int
    start: int
    end: int


class _TracingParagraphs(Paragraphs):
    """The reader's paragraph reader, recording the paragraphs it reads and which run gave which characters."""

    def __init__(self, paragraphs: Paragraphs) -> None:
        super().__init__(paragraphs.styles, paragraphs.numbering)
        #: ordinals of the paragraphs of the body unit being read (set by the reader for each unit)
        self.ordinals: dict[Element, int] = {}
        #: paragraphs read since the last block was emitted
        self.done: list[TracedParagraph] = []
        self._runs: list[tuple[Element, int, int]] | None = None
        self._inline_parts: list[str] | None = None
        self._depth = 0
        self._counted = (0, 0)

    def paragraph(self, p: Element) -> _Para | None:
        self._runs, self._inline_parts, self._counted = [], None, (0, 0)
        try:
            para = super().paragraph(p)
        finally:
            runs, parts, self._runs = self._runs, self._inline_parts, None
        if para is None:
            return None
        own = "".join(parts or ())
        ordinal = self.ordinals.get(p)
        if ordinal is None or not para.text.endswith(own):
            self.done.append(TracedParagraph(None, para.text, 0, ()))
            return para
        order = {r: i for i, r in enumerate(p.iter(self.w.r))}
        traced = tuple((order[r], s, e) for r, s, e in runs or () if r in order)
        self.done.append(TracedParagraph(ordinal, para.text, len(para.text) - len(own), traced))
        return para

    def _inline(self, el: Element, inline: _Inline) -> None:
        if self._runs is not None and self._inline_parts is None:
            self._inline_parts = inline.parts
        super()._inline(el, inline)

    def _run_content(self, run: Element, inline: _Inline) -> None:
        if self._runs is None or self._depth or inline.parts is not self._inline_parts:
            super()._run_content(run, inline)
            return
        start = self._length(inline.parts)
        self._depth += 1
        try:
            super()._run_content(run, inline)
        finally:
            self._depth -= 1
        end = self._length(inline.parts)
        if end > start:
            self._runs.append((run, start, end))

    def _length(self, parts: list[str]) -> int:
        seen, length = self._counted
        if len(parts) > seen:
            length += sum(len(x) for x in parts[seen:])
            self._counted = (len(parts), length)
        return length


class _TracingReader(Reader):
    """The DOCX reader, numbering the body's paragraphs and keeping what each emitted block was read from."""

    def __init__(self, zf: zipfile.ZipFile, path: Path) -> None:
        super().__init__(zf, path)
        self.text = self.tracer = _TracingParagraphs(self.text)
        self.traced: dict[int, tuple[TracedParagraph, ...]] = {}
        self._next = 0

    def _stream(self, name: str, *, document: bool = False) -> Iterator[tuple[int, W, Element]]:
        for kind, w, el in super()._stream(name, document=document):
            if document:
                found = list(el.iter(w.p))
                self.tracer.ordinals = {p: self._next + i for i, p in enumerate(found)}
                self._next += len(found)
            yield kind, w, el

    def _emit(self, block: RawBlock) -> None:
        super()._emit(block)
        done, self.tracer.done = self.tracer.done, []
        self.traced[id(block)] = tuple(done)


def trace_blocks(path: Path) -> list[tuple[RawBlock, tuple[TracedParagraph, ...]]]:
    """The reader's raw blocks of a .docx in order, each with the paragraphs it was read from (none for notes)."""
    check_zip_directory(path)
    with zipfile.ZipFile(path) as zf:
        check_members(zf, path)
        reader = _TracingReader(zf, path)
        extraction = reader.read()
    return [(rb, reader.traced.get(id(rb), ())) for rb in extraction.blocks]


def squash_positions(raw: str) -> list[int]:
    """For each character of ``squash(raw)``, the index of the character of ``raw`` it comes from."""
    chars: list[str] = []
    where: list[int] = []
    for i, c in enumerate(raw):
        for ch in " " if c in "\r\n" else normalize_chars(c):
            if ch in " \f\v":
                if chars and chars[-1] == " ":
                    continue
                ch = " "
            chars.append(ch)
            where.append(i)
    while chars and chars[-1] == " ":
        chars.pop()
        where.pop()
    lead = 0
    while lead < len(chars) and chars[lead] == " ":
        lead += 1
    target = squash(raw)
    if "".join(chars[lead:]) == target:
        return where[lead:]
    # a combining sequence that NFC composed: align the two texts instead
    out = [0] * len(target)
    matcher = difflib.SequenceMatcher(None, target, raw, autojunk=False)
    last = 0
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            out[a + k] = b + k
    for k in range(len(target)):
        out[k] = last = max(out[k], last)
    return out


@dataclass(frozen=True, slots=True)
class _Mapped:
    paragraphs: tuple[TracedParagraph, ...]
    #: raw position of each character of the block text
    positions: list[int]


class Locator:
    """Spans of the document text -> spans of run text in the Word file."""

    def __init__(self, document: Document, traced: list[tuple[RawBlock, tuple[TracedParagraph, ...]]]) -> None:
        self.document = document
        self._starts = [b.start for b in document.blocks]
        kept = [(rb, paras) for rb, paras in traced if squash(rb.text)]
        self.mapped: list[_Mapped | None] = [None] * len(document.blocks)
        if len(kept) != len(document.blocks):
            return  # not the text the audit read: nothing can be placed (the caller says so)
        for i, ((rb, paras), block) in enumerate(zip(kept, document.blocks, strict=True)):
            joined = "\n".join(p.text for p in paras)
            if paras and joined == rb.text and squash(rb.text) == block.text:
                self.mapped[i] = _Mapped(paras, squash_positions(rb.text))
        self.by_ordinal = {p.ordinal: p for m in self.mapped if m for p in m.paragraphs if p.ordinal is not None}

    @property
    def traced(self) -> bool:
        """Whether any block could be traced to its paragraphs."""
        return any(self.mapped)

    def block_index(self, offset: int) -> int | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.document.blocks[i].end:
            return i
        return None

    def paragraphs(self, index: int) -> tuple[TracedParagraph, ...]:
        m = self.mapped[index]
        return tuple(p for p in m.paragraphs if p.ordinal is not None) if m else ()

    def spans(self, start: int, end: int) -> list[Span]:
        """The run text of ``document.text[start:end]``, paragraph by paragraph (automatic numbers left out)."""
        out: list[Span] = []
        first = max(bisect.bisect_right(self._starts, start) - 1, 0)
        for i in range(first, len(self.document.blocks)):
            block = self.document.blocks[i]
            if block.start >= end:
                break
            m = self.mapped[i]
            a, z = max(start, block.start) - block.start, min(end, block.end) - block.start
            while a < z and block.text[a].isspace():
                a += 1
            while z > a and block.text[z - 1].isspace():
                z -= 1
            if m is None or a >= z:
                continue
            raw_a, raw_z = m.positions[a], m.positions[z - 1] + 1
            offset = 0
            for p in m.paragraphs:
                lo, hi = max(raw_a, offset), min(raw_z, offset + len(p.text))
                if lo < hi and p.ordinal is not None:
                    s, e = max(lo - offset - p.prefix, 0), hi - offset - p.prefix
                    if e > s:
                        out.append(Span(p.ordinal, s, e))
                offset += len(p.text) + 1
        return out
