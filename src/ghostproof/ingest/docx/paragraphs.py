"""Paragraph text as Word shows it: runs with tracked changes accepted, hidden text left out, the automatic
number in front, and the footnote references and text boxes found on the way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ...model import BlockKind
from ..sections import looks_like_heading, split_label
from ..textutil import squash
from .numbering import Level, Numbering
from .ooxml import ALT, MATH_TEXT, NAMES, W_TRANSITIONAL, Element, W, as_int, choose, on, on_attr, val
from .styles import Styles


@dataclass(slots=True)
class _Inline:
    """What walking one paragraph's runs collects."""

    style: str | None
    parts: list[str] = field(default_factory=list)
    notes: list[tuple[str, str, bool]] = field(default_factory=list)
    boxes: list[Element] = field(default_factory=list)


@dataclass(slots=True)
class _Para:
    kind: BlockKind
    text: str
    label: str | None = None
    level: int | None = None


class Paragraphs:
    """Reads paragraphs of one document, counting its lists; remembers whether it met tracked changes or hidden text.

    The footnote references and text boxes of each paragraph read with :meth:`paragraph` are queued in
    :attr:`pending_notes` and :attr:`pending_boxes` for the caller to take.
    """

    def __init__(self, styles: Styles, numbering: Numbering) -> None:
        #: the names of the part being read (set by the caller for each unit)
        self.w: W = NAMES[W_TRANSITIONAL]
        self.styles = styles
        self.numbering = numbering
        self.pending_notes: list[tuple[str, str, bool]] = []
        self.pending_boxes: list[Element] = []
        self.tracked = False
        self.hidden = False

    # ----------------------------------------------------------------------------------------- blocks
    def expand(self, el: Element) -> Iterator[Element]:
        """``el`` itself, or for a wrapper (content control, custom XML, tracked change) the blocks inside it."""
        w = self.w
        tag = el.tag
        if tag == w.sdt:
            content = el.find(w.sdt_content)
            if content is not None:
                yield from self.content(content)
        elif tag in (w.custom_xml, w.ins, w.move_to):
            self.tracked |= tag != w.custom_xml
            yield from self.content(el)
        elif tag in (w.del_, w.move_from):
            self.tracked = True
        elif tag == ALT:
            branch = choose(el)
            if branch is not None:
                yield from self.content(branch)
        elif isinstance(tag, str):
            yield el

    def content(self, container: Element) -> Iterator[Element]:
        for child in container:
            yield from self.expand(child)

    # ----------------------------------------------------------------------------------------- paragraphs
    def _paragraph_style(self, p_pr: Element | None) -> str | None:
        if p_pr is not None:
            style = val(p_pr.find(self.w.p_style), self.w)
            if style:
                return style
        return self.styles.default_paragraph

    def paragraph(self, p: Element) -> _Para | None:
        """Text of a paragraph as Word shows it (with its automatic number), or None when there is none."""
        w = self.w
        p_pr = p.find(w.p_pr)
        style = self._paragraph_style(p_pr)
        inline = _Inline(style)
        self._inline(p, inline)
        self.pending_notes.extend(inline.notes)
        self.pending_boxes.extend(inline.boxes)
        text = "".join(inline.parts)
        has_text = bool(text.strip())
        if not has_text and self._mark_gone(p_pr):
            return None  # a deleted or hidden empty paragraph: Word shows nothing, not even its number
        numbered = self._number(p_pr, style)  # an empty numbered paragraph still counts
        if not has_text:
            return None
        level = self._heading_level(p_pr, style)
        kind: BlockKind = "heading" if level is not None else "paragraph"
        if kind == "paragraph" and numbered is None and looks_like_heading(squash(text)):
            # a heading typed as a plain paragraph ("§ 3 Mitwirkung der Auftraggeberin", "TERMINATION"), as a text
            # file's is read: the clauses below it get its words as context
            kind = "heading"
        label: str | None = None
        if numbered is not None:
            lvl, shown = numbered
            if lvl.bullet:
                kind = "list_item" if kind == "paragraph" else kind
            elif shown.strip():
                text = f"{shown}{lvl.suffix}{text}"
                label, _ = split_label(squash(text), heading=kind == "heading")
        return _Para(kind=kind, text=text, label=label, level=level)

    def _mark_gone(self, p_pr: Element | None) -> bool:
        w = self.w
        r_pr = p_pr.find(w.r_pr) if p_pr is not None else None
        if r_pr is None:
            return False
        if r_pr.find(w.del_) is not None or r_pr.find(w.move_from) is not None:
            self.tracked = True
            return True
        return bool(on(r_pr.find(w.vanish), w))

    def _heading_level(self, p_pr: Element | None, style: str | None) -> int | None:
        w = self.w
        if p_pr is not None:
            outline = as_int(val(p_pr.find(w.outline_lvl), w))
            if outline is not None:
                return outline + 1 if 0 <= outline <= 8 else None
        return self.styles.heading_level(style)

    def _number(self, p_pr: Element | None, style: str | None) -> tuple[Level, str] | None:
        """Advance the paragraph's list counters (direct ``w:numPr`` or inherited from its style)."""
        w = self.w
        num_id: str | None = None
        ilvl: int | None = None
        num_pr = p_pr.find(w.num_pr) if p_pr is not None else None
        if num_pr is not None:
            num_id = val(num_pr.find(w.num_id), w)
            ilvl = as_int(val(num_pr.find(w.ilvl), w))
        if num_id is None:
            style_num, style_ilvl = self.styles.numbering(style)
            num_id = style_num
            ilvl = ilvl if ilvl is not None else style_ilvl
        if num_id is None or num_id.strip() == "0":
            return None
        if ilvl is None:
            ilvl = self.numbering.level_for_style(num_id, style) or 0
        return self.numbering.advance(num_id, min(max(ilvl, 0), 8))

    def plain_text(self, p: Element) -> str:
        """The shown text of a paragraph's runs, without its number; its notes and text boxes are not queued."""
        inline = _Inline(self._paragraph_style(p.find(self.w.p_pr)))
        self._inline(p, inline)
        return "".join(inline.parts)

    # ----------------------------------------------------------------------------------------- runs
    def _inline(self, el: Element, inline: _Inline) -> None:
        """Collect the shown text of a paragraph (or part of one): insertions in, deletions out."""
        w = self.w
        for child in el:
            tag = child.tag
            if tag == w.r:
                if self._run_hidden(child, inline.style):
                    self.hidden |= any(t.text for t in child.iter(w.t))
                else:
                    self._run_content(child, inline)
            elif tag in w.skip_inline:
                if tag in (w.del_, w.move_from):
                    self.tracked = True
            elif tag == ALT:
                branch = choose(child)
                if branch is not None:
                    self._inline(branch, inline)
            elif tag in MATH_TEXT:
                inline.parts.append(child.text or "")
            elif isinstance(tag, str):
                if tag in (w.ins, w.move_to):
                    self.tracked = True
                self._inline(child, inline)  # hyperlinks, fields, content controls, smart tags, insertions …

    def _run_content(self, run: Element, inline: _Inline) -> None:
        w = self.w
        parts = inline.parts
        for child in run:
            tag = child.tag
            if tag == w.t:
                parts.append(child.text or "")
            elif tag in (w.tab, w.ptab):
                parts.append(" ")
            elif tag in (w.br, w.cr):
                parts.append("\n")
            elif tag == w.no_break_hyphen:
                parts.append("-")
            elif tag in (w.footnote_reference, w.endnote_reference):
                nid = child.get(w.id)
                if nid is not None:
                    kind = "footnote" if tag == w.footnote_reference else "endnote"
                    inline.notes.append((kind, nid, on_attr(child.get(w.custom_mark))))
            elif tag in w.graphics:
                inline.boxes.extend(_text_boxes(child, w))
            elif tag == ALT:
                branch = choose(child)
                if branch is not None:
                    self._run_content(branch, inline)
            # everything else is not text: w:softHyphen, w:sym, w:instrText (field codes), w:delText,
            # w:fldChar, w:lastRenderedPageBreak, w:footnoteRef (a note's own mark), w:commentReference …

    def _run_hidden(self, run: Element, style: str | None) -> bool:
        w = self.w
        r_pr = run.find(w.r_pr)
        if r_pr is not None:
            direct = on(r_pr.find(w.vanish), w)
            if direct is not None:
                return direct
            char_style = val(r_pr.find(w.r_style), w)
            if char_style is not None:
                by_style = self.styles.vanish(char_style)
                if by_style is not None:
                    return by_style
        by_style = self.styles.vanish(style)
        if by_style is not None:
            return by_style
        return bool(self.styles.default_vanish)


def _text_boxes(el: Element, w: W, found: list[Element] | None = None) -> list[Element]:
    """Outermost ``w:txbxContent`` inside a drawing or picture, in order (one branch of any AlternateContent)."""
    found = [] if found is None else found
    for child in el:
        if child.tag == w.txbx_content:
            found.append(child)
        elif child.tag == ALT:
            branch = choose(child)
            if branch is not None:
                _text_boxes(branch, w, found)
        elif isinstance(child.tag, str):
            _text_boxes(child, w, found)
    return found
