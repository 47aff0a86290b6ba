"""The streaming reader of a .docx package: its parts and relationships, the body in document order (paragraphs,
tables row by row, text boxes), footnotes and endnotes with the marks Word shows, and the page count.

The document XML is walked directly (python-docx's ``paragraph.text`` drops tracked insertions and automatic
numbering), so that the text is what Word shows with all changes accepted; :mod:`.paragraphs` reads each
paragraph, :mod:`.stream` hands out the parts unit by unit.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ...limits import DEFAULT_MAX_CHARS, too_long
from ...model import Extraction, RawBlock
from . import safety
from .numbering import Numbering, format_number
from .ooxml import Element, W, as_int, local, val
from .paragraphs import Paragraphs
from .stream import ROW, TABLE, stream_part
from .styles import Styles

_SEPARATOR_NOTES = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_DEFAULT_NOTE_FORMAT = {"footnote": "decimal", "endnote": "lowerRoman"}


@dataclass(slots=True)
class _NoteBlock:
    block: RawBlock
    kind: str
    index: int | None  # None: a custom mark ("*")
    text: str


class Reader:
    """Reads one opened .docx package into an :class:`Extraction` (see :meth:`read`)."""

    def __init__(self, zf: zipfile.ZipFile, path: Path, max_chars: int = DEFAULT_MAX_CHARS) -> None:
        self.zf = zf
        self.path = path
        self.max_chars = max_chars
        self.chars = 0
        self.parts = {info.filename.lower(): info for info in zf.infolist()}
        self.styles = Styles()
        self.numbering = Numbering(self.styles)
        self.text = Paragraphs(self.styles, self.numbering)
        self.notes: dict[tuple[str, str], str] = {}
        self.note_format: dict[str, tuple[str | None, int | None]] = {}
        self.section_note_format: dict[str, tuple[str | None, int | None]] = {}
        self.note_counts = {"footnote": 0, "endnote": 0}
        self.note_blocks: list[_NoteBlock] = []
        self.out: list[RawBlock] = []
        self.emitted = 0
        self.open_table: _OpenTable | None = None
        self.depth = 0
        self.tables = 0
        self.alt_chunks = 0

    @property
    def w(self) -> W:
        """The names of the part being read (kept by :attr:`text`, which reads its paragraphs)."""
        return self.text.w

    # ----------------------------------------------------------------------------------------- package
    def read(self) -> Extraction:
        package_rels = self._rels("_rels/.rels", "")
        main = package_rels.get("officedocument", "word/document.xml")
        if main.lower() not in self.parts:
            raise safety.damaged(self.path, f"it has no main document part ({main})")
        rels_name = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
        has_rels = rels_name.lower() in self.parts
        rels = self._rels(rels_name, main)

        def part(kind: str, default: str) -> str | None:
            return rels.get(kind) or (None if has_rels else default)

        if name := part("styles", "word/styles.xml"):
            for _, w, el in self._stream(name):
                self.styles.add(el, w)
        if name := part("numbering", "word/numbering.xml"):
            for _, w, el in self._stream(name):
                self.numbering.add(el, w)
        if name := part("settings", "word/settings.xml"):
            self._read_settings(name)
        for kind in ("footnote", "endnote"):
            if name := part(f"{kind}s", f"word/{kind}s.xml"):
                self._read_notes(kind, name)
        self._read_body(main)
        self._finish_notes()
        return Extraction(
            blocks=self.out,
            pages=self._read_pages(package_rels.get("extendedproperties", "docProps/app.xml")),
            warnings=self._warnings(),
        )

    def _rels(self, name: str, source: str) -> dict[str, str]:
        """Relationship type (last path segment, lower case, no dashes) -> part name, for one .rels part."""
        out: dict[str, str] = {}
        for _, _, el in self._stream(name):
            if local(el.tag) != "Relationship" or el.get("TargetMode") == "External":
                continue
            kind = (el.get("Type") or "").rsplit("/", 1)[-1].lower().replace("-", "")
            target = (el.get("Target") or "").replace("\\", "/")
            if not kind or not target:
                continue
            if target.startswith("/"):
                resolved = target.lstrip("/")
            else:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
            out.setdefault(kind, resolved)
        return out

    def _stream(self, name: str, *, document: bool = False) -> Iterator[tuple[int, W, Element]]:
        """The units of part ``name`` (see :func:`.stream.stream_part`); nothing for a missing part."""
        info = self.parts.get(name.lower())
        if info is None:
            return
        safety.verify_member(self.zf, info, self.path)
        yield from stream_part(self.zf, info, self.path, document=document)

    def _read_settings(self, name: str) -> None:
        try:
            for _, w, el in self._stream(name):
                for kind, tag in (("footnote", w.footnote_pr), ("endnote", w.endnote_pr)):
                    if el.tag == tag:
                        self.note_format[kind] = self._note_props(el, w)
        except etree.XMLSyntaxError:
            pass  # settings only tune footnote marks: a broken part costs nothing

    @staticmethod
    def _note_props(el: Element, w: W) -> tuple[str | None, int | None]:
        return val(el.find(w.num_fmt), w), as_int(val(el.find(w.num_start), w))

    def _read_pages(self, name: str) -> int | None:
        """``<Pages>`` of docProps/app.xml, unless the statistics were never computed.

        Word updates ``<Pages>`` and ``<Words>`` together on save; python-docx keeps its template's "1 page,
        0 words" and LibreOffice's headless conversion writes the same, so 0 words beside real text means the
        page count is stale too.
        """
        stats: dict[str, int | None] = {}
        try:
            for _, _, el in self._stream(name):
                if local(el.tag) in ("Pages", "Words"):
                    stats[local(el.tag)] = as_int(el.text)
        except etree.XMLSyntaxError:
            return None
        pages = stats.get("Pages")
        if pages is None or pages <= 0:
            return None
        if stats.get("Words") == 0 and any(b.text.strip() for b in self.out):
            return None
        return pages

    # ----------------------------------------------------------------------------------------- notes
    def _read_notes(self, kind: str, name: str) -> None:
        for _, w, el in self._stream(name):
            self.text.w = w
            if el.tag not in (w.footnote, w.endnote) or el.get(w.type) in _SEPARATOR_NOTES:
                continue
            nid = el.get(w.id)
            if nid is None:
                continue
            texts: list[str] = []
            for child in self.text.content(el):
                paragraphs = [child] if child.tag == w.p else child.iter(w.p) if child.tag == w.tbl else []
                for p in paragraphs:
                    texts.append(self.text.plain_text(p))
            self.notes[(kind, nid)] = " ".join(t.strip() for t in texts if t.strip())

    def _note(self, kind: str, nid: str, custom: bool) -> None:
        text = self.notes.get((kind, nid))
        if text is None:
            return
        index: int | None = None
        if not custom:
            index = self.note_counts[kind]
            self.note_counts[kind] += 1
        if text:
            block = RawBlock(kind="paragraph", text=text)
            self._emit(block)
            self.note_blocks.append(_NoteBlock(block, kind, index, text))

    def _finish_notes(self) -> None:
        """Number the notes now that the section properties (at the end of the body) are known."""
        for nb in self.note_blocks:
            fmt, start = self.section_note_format.get(nb.kind) or (None, None)
            default_fmt, default_start = self.note_format.get(nb.kind) or (None, None)
            fmt = fmt or default_fmt or _DEFAULT_NOTE_FORMAT[nb.kind]
            start = start if start is not None else default_start if default_start is not None else 1
            mark = "*" if nb.index is None else format_number(start + nb.index, fmt) or str(start + nb.index)
            nb.block.text = f"[{mark}] {nb.text}"

    # ----------------------------------------------------------------------------------------- body
    def _read_body(self, name: str) -> None:
        for kind, w, el in self._stream(name, document=True):
            self.text.w = w
            if kind == ROW:
                self._stream_row(el)
                continue
            if kind == TABLE:
                self._close_table()
                continue
            for block in self.text.expand(el):
                if block.tag == w.p:
                    self._paragraph(block)
                elif block.tag == w.tbl:
                    self._table(block)
                elif block.tag == w.sect_pr:
                    for note_kind, tag in (("footnote", w.footnote_pr), ("endnote", w.endnote_pr)):
                        props = block.find(tag)
                        if props is not None:
                            self.section_note_format[note_kind] = self._note_props(props, w)
                elif block.tag == w.alt_chunk:
                    self.alt_chunks += 1
                self._flush()
        self._close_table()

    def _stream_row(self, el: Element) -> None:
        """One streamed row of a top-level table; its notes and text boxes are held until the table ends."""
        w = self.w
        tbl = el.getparent()
        while tbl is not None and tbl.tag != w.tbl:
            tbl = tbl.getparent()
        table = self.open_table
        if table is None or table.tbl is not tbl:
            self._close_table()
            table = self.open_table = _OpenTable(tbl=tbl, index=self.tables)
            self.tables += 1
        self.depth += 1
        try:
            for tr in self.text.expand(el):
                if tr.tag == w.tr and self._row(tr, table.index, table.row):
                    table.row += 1
        finally:
            self.depth -= 1
        out, self.out = self.out, table.held  # the row is freed next: resolve its text boxes now
        try:
            self._flush()
        finally:
            self.out = out

    def _close_table(self) -> None:
        table, self.open_table = self.open_table, None
        if table is not None:
            self.out.extend(table.held)

    def _paragraph(self, block: Element) -> None:
        para = self.text.paragraph(block)
        if para is not None:
            self._emit(RawBlock(kind=para.kind, text=para.text, label=para.label, level=para.level))

    def _emit(self, block: RawBlock) -> None:
        self.out.append(block)
        self.emitted += 1
        self.chars += len(block.text) + 2
        if self.chars > self.max_chars * 1.2 + 1000:  # white space is squashed later; far over is over
            raise too_long(self.path, self.max_chars, f"paragraph {self.emitted:,}")
        if self.emitted > safety.MAX_BLOCKS:
            raise safety.bomb(self.path, f"the document has more than {safety.MAX_BLOCKS:,} paragraphs and table cells")

    def _flush(self) -> None:
        """After a top-level paragraph or table: its footnotes, then the content of its text boxes."""
        if self.depth:
            return
        while self.text.pending_notes or self.text.pending_boxes:
            notes, self.text.pending_notes = self.text.pending_notes, []
            for kind, nid, custom in notes:
                self._note(kind, nid, custom)
            boxes, self.text.pending_boxes = self.text.pending_boxes, []
            for box in boxes:
                self._blocks(box)

    def _blocks(self, container: Element) -> None:
        """Block content of a text box (paragraphs and tables)."""
        w = self.w
        for block in self.text.content(container):
            if block.tag == w.p:
                self._paragraph(block)
            elif block.tag == w.tbl:
                self._table(block)
            self._flush()

    def _table(self, tbl: Element) -> None:
        """A whole (nested, or not streamed) table."""
        index = self.tables
        self.tables += 1
        self.depth += 1
        try:
            row = 0
            for tr in self.text.content(tbl):
                if tr.tag == self.w.tr and self._row(tr, index, row):
                    row += 1
        finally:
            self.depth -= 1

    def _row(self, tr: Element, index: int, row: int) -> bool:
        """Emit the cells of one table row (False for a deleted row)."""
        w = self.w
        tr_pr = tr.find(w.tr_pr)
        if tr_pr is not None and tr_pr.find(w.del_) is not None:
            self.text.tracked = True
            return False
        col = (as_int(val(tr_pr.find(w.grid_before), w)) or 0) if tr_pr is not None else 0
        for tc in self.text.content(tr):
            if tc.tag != w.tc:
                continue
            tc_pr = tc.find(w.tc_pr)
            span = max(as_int(val(tc_pr.find(w.grid_span), w)) or 1, 1) if tc_pr is not None else 1
            if tc_pr is not None and _continues_merge(tc_pr, w):
                col += span
                continue
            texts: list[str] = []
            nested: list[Element] = []
            for child in self.text.content(tc):
                if child.tag == w.p:
                    para = self.text.paragraph(child)
                    if para is not None:
                        texts.append(para.text)
                elif child.tag == w.tbl:
                    nested.append(child)
            self._emit(RawBlock(kind="table_cell", text="\n".join(texts), table=index, row=row, col=col))
            for inner in nested:  # a nested table follows the cell that holds it, as its own table
                self._table(inner)
            col += span
        return True

    def _warnings(self) -> list[str]:
        out: list[str] = []
        if self.text.tracked:
            out.append(
                "the document has tracked changes: read as if all were accepted (insertions kept, deletions left out)"
            )
        if self.text.hidden:
            out.append("the document has hidden text (formatted as hidden in Word): it was left out")
        if self.alt_chunks:
            out.append(f"the document embeds {self.alt_chunks} imported file(s) (altChunk) that were not read")
        return out


@dataclass(slots=True)
class _OpenTable:
    """A top-level table whose rows are streaming in."""

    tbl: Element
    index: int
    row: int = 0
    held: list[RawBlock] = field(default_factory=list)


def _continues_merge(tc_pr: Element, w: W) -> bool:
    """A cell covered by the merged cell before it (vertical or legacy horizontal merge): read once."""
    for tag in (w.v_merge, w.h_merge):
        merge = tc_pr.find(tag)
        if merge is not None and (merge.get(w.val) or "continue") == "continue":
            return True
    return False
