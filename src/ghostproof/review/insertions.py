"""Suggested clauses as tracked insertions: new paragraphs whose runs sit in ``w:ins`` and whose paragraph mark is
marked inserted (``w:pPr/w:rPr/w:ins``), so that Word's *Reject* removes each paragraph whole and *Accept* keeps it.

A new paragraph copies the paragraph properties of a paragraph of the contract (style, indentation, automatic
numbering) without its own revision marks or section break, and the run properties of that paragraph's longest run.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..ingest.docx.ooxml import Element
from .place import Group, NewParagraph
from .runs import Runs, W

_REVISION_MARKS = ("ins", "del", "moveFrom", "moveTo", "rPrChange")


def _q(local: str) -> str:
    return f"{{{W.ns}}}{local}"


def _element(local: str, **attrs: str) -> Element:
    from docx.oxml import OxmlElement

    return OxmlElement(f"w:{local}", attrs={_q(k): v for k, v in attrs.items()})


def used_ids(root: Element) -> int:
    """The largest numeric ``w:id`` in a part (annotations, bookmarks, revisions); -1 for none."""
    best = -1
    for el in root.iter():
        value = el.get(_q("id")) if isinstance(el.tag, str) else None
        if value is not None and value.strip().lstrip("-").isdigit():
            best = max(best, int(value))
    return best


@dataclass
class Revision:
    """Who inserts, when (ISO 8601, UTC), and the next free ``w:id``."""

    author: str
    date: str
    next_id: int
    inserted: list[Element] = field(default_factory=list)

    def mark(self, local: str = "ins") -> Element:
        el = _element(local, id=str(self.next_id), author=self.author, date=self.date)
        self.next_id += 1
        return el


def _clean_ppr(ppr: Element | None) -> Element:
    new = _strip(copy.deepcopy(ppr), ("sectPr", "pPrChange")) if ppr is not None else _element("pPr")
    num_pr = new.find(_q("numPr"))
    if num_pr is not None:
        _strip(num_pr, _REVISION_MARKS)
    mark = new.find(_q("rPr"))
    if mark is None:
        mark = _element("rPr")
        new.append(mark)
    _strip(mark, (*_REVISION_MARKS, "vanish", "specVanish"))
    return new


def _strip(el: Element, locals_: tuple[str, ...]) -> Element:
    for local in locals_:
        for child in el.findall(_q(local)):
            el.remove(child)
    return el


def _clean_rpr(rpr: Element | None) -> Element | None:
    return None if rpr is None else _strip(copy.deepcopy(rpr), (*_REVISION_MARKS, "vanish", "specVanish"))


def _longest_run_rpr(runs: Runs, ordinal: int) -> Element | None:
    pieces = runs.pieces(ordinal)
    if not pieces:
        return None
    longest = max(pieces, key=lambda p: p.end - p.start)
    return _clean_rpr(longest.run.find(_q("rPr")))


def _run(text: str, rpr: Element | None, *, bold: bool = False) -> Element:
    run = _element("r")
    props = copy.deepcopy(rpr) if rpr is not None else None
    if bold:
        props = props if props is not None else _element("rPr")
        b = props.find(_q("b"))
        if b is not None:
            b.attrib.pop(_q("val"), None)
        else:  # w:b comes right after w:rStyle and w:rFonts (schema order)
            before = [i for i, child in enumerate(props) if child.tag in (_q("rStyle"), _q("rFonts"))]
            props.insert(before[-1] + 1 if before else 0, _element("b"))
    if props is not None:
        run.append(props)
    t = _element("t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(t)
    return run


def tracked_paragraph(new: NewParagraph, runs: Runs, revision: Revision) -> Element:
    """One new paragraph, all of it a tracked insertion by ``revision.author``."""
    template = runs.paragraph(new.template) if new.template is not None else None
    ppr = _clean_ppr(template.find(_q("pPr")) if template is not None else None)
    ppr.find(_q("rPr")).insert(0, revision.mark())
    rpr = _longest_run_rpr(runs, new.template) if new.template is not None else None
    ins = revision.mark()
    if new.label:
        ins.append(_run(new.label, rpr))
    if new.title:
        ins.append(_run(new.title, rpr, bold=True))
    ins.append(_run(new.text, rpr))
    p = _element("p")
    p.append(ppr)
    p.append(ins)
    return p


def _body_level(el: Element, body: Element) -> Element:
    """The ancestor of ``el`` (or ``el``) that is a child of the body: a table, a content control, a paragraph."""
    while el.getparent() is not None and el.getparent() is not body:
        el = el.getparent()
    return el


def insert_groups(groups: list[Group], runs: Runs, body: Element, revision: Revision) -> Iterator[list[Element]]:
    """Insert each group after its paragraph (groups after the same paragraph follow each other, in order);
    yields the new paragraphs of each group."""
    cursors: dict[int, Element] = {}
    for group in groups:
        cursor = cursors.get(group.after)
        if cursor is None:
            cursor = _body_level(runs.paragraph(group.after), body)
        made: list[Element] = []
        for new in group.paragraphs:
            p = tracked_paragraph(new, runs, revision)
            cursor.addnext(p)
            cursor = p
            made.append(p)
        cursors[group.after] = cursor
        revision.inserted.extend(made)
        yield made
