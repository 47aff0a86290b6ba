"""Where suggested wording goes in the contract, and how it is numbered.

* A **weak** clause gets its suggestion right after the last paragraph of the section that holds the evidence
  ("§ 4" for evidence in § 4(2), "9" for evidence in 9.1), formatted like that section's body paragraphs.
* The **missing** clauses go into one new final section, after the last numbered section, with a heading formatted
  like that section's heading — before the back matter: a closing formula ("IN WITNESS WHEREOF"), signature lines
  ("Ort, Datum … Unterschrift") or annexes, even where these sit inside the last numbered section
  (:func:`ghostproof.detect.structure.back_matter_start`).

Numbering follows the document: paragraphs with Word's automatic numbering get the same numbering (the copied
paragraph properties carry it, so Word shows "§ 13", "(4)"); typed numbers ("9.3 …", "(3) …") are continued in the
text ("9.4 ", "21.1 ").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..detect.structure import back_matter_start
from ..findings import AuditResult, has_wording
from ..model import Block
from .trace import Locator, TracedParagraph

_TOP = re.compile(r"^(§\s*|Art\.\s*)?(\d+|[IVXLC]+)")
#: a typed number at the start of a paragraph: "9.3 ", "9.3. ", "(3) "
_MULTI = re.compile(r"^(\d+(?:\.\d+)*)\.(\d+)(\.?)(\s+)")
_ABSATZ = re.compile(r"^\((\d+)\)(\s+)")
#: a typed number at the start of a heading: "20. ", "§ 12 ", "Article 5 "
_HEADING = re.compile(r"^(§\s*|Art\.\s*|Article\s+|Artikel\s+|Section\s+|Ziffer\s+)?(\d+)(\.?)(\s+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class NewParagraph:
    """A paragraph to insert: a typed number (or ""), an optional bold title, the text; formatted like
    ``template`` (a body paragraph's ordinal) — or plain when there is none."""

    text: str
    template: int | None
    label: str = ""
    title: str = ""
    clause: str | None = None


@dataclass(frozen=True, slots=True)
class Group:
    """Paragraphs inserted together right after the body paragraph ``after`` (an ordinal)."""

    after: int
    paragraphs: tuple[NewParagraph, ...]
    #: where that is, for the comments: "§ 4(3)", "20.5"
    where: str | None


def top(label: str | None) -> str | None:
    """The top-level section of a label: "§ 4(2)" -> "§ 4", "9.1" -> "9", "4." -> "4"."""
    if not label:
        return None
    m = _TOP.match(label.split("(")[0].strip())
    return f"{m.group(1) or ''}{m.group(2)}" if m else label


class Places:
    """Sections of the audited document, read from its blocks."""

    def __init__(self, locator: Locator) -> None:
        self.locator = locator
        #: the blocks of the contract's terms: closing formula, signature block and annexes are left out
        stop = back_matter_start(locator.document)
        self.blocks: list[Block] = locator.document.blocks[:stop]

    def _same(self, index: int, top_label: str | None) -> bool:
        block = self.blocks[index]
        if top_label is None:
            return block.kind != "heading" and block.section is None
        return top(block.section) == top_label

    def section(self, index: int) -> tuple[int, int]:
        """First and last block index of the top-level section holding block ``index``."""
        key = top(self.blocks[index].section)
        first = last = index
        while first > 0 and self._same(first - 1, key) and self.blocks[first].kind != "heading":
            first -= 1
        while last + 1 < len(self.blocks) and self._same(last + 1, key):
            last += 1
        return first, last

    def last_paragraph(self, first: int, last: int, *, kind: str | None = None) -> TracedParagraph | None:
        """The last traced paragraph of blocks ``first..last`` (of one kind of block, if given)."""
        for i in range(last, first - 1, -1):
            if kind is not None and self.blocks[i].kind != kind:
                continue
            paragraphs = self.locator.paragraphs(i)
            if paragraphs:
                return paragraphs[-1]
        return None

    def _after(self, first: int, last: int) -> tuple[int, str | None] | None:
        for i in range(last, first - 1, -1):
            paragraphs = self.locator.paragraphs(i)
            if paragraphs and paragraphs[-1].ordinal is not None:
                return paragraphs[-1].ordinal, self.blocks[i].section
        return None

    def weak(self, clause: str, text: str, evidence_start: int) -> Group | None:
        """The suggestion for a weak clause, after the section of its evidence (never inside the back matter)."""
        index = self.locator.block_index(evidence_start)
        if index is None or index >= len(self.blocks):
            return None
        first, last = self.section(index)
        after = self._after(first, last)
        if after is None:
            return None
        template = self.last_paragraph(first, last, kind="paragraph") or self.last_paragraph(first, last)
        label = ""
        if template is not None and not template.prefix:
            label = _next_label([self.blocks[i].text for i in range(first, last + 1)])
        ordinal = template.ordinal if template else None
        return Group(after[0], (NewParagraph(text, ordinal, label, clause=clause),), after[1])

    def final(self, title: str, clauses: list[tuple[str | None, str, str]]) -> Group | None:
        """A new last section titled ``title`` with ``(clause, title, text)`` paragraphs (clause None for one that
        closes no family), after the last numbered section (or at the end)."""
        numbered = [i for i, b in enumerate(self.blocks) if b.section is not None and self.locator.paragraphs(i)]
        traced = [i for i, b in enumerate(self.blocks) if self.locator.paragraphs(i)]
        if not traced:
            return None
        first, last = self.section(numbered[-1]) if numbered else (traced[0], traced[-1])
        if not numbered:
            last = traced[-1]
        after = self._after(first, last)
        if after is None:
            return None
        heading = self.last_paragraph(first, last, kind="heading") if numbered else None
        if heading is None:
            heading = self.last_paragraph(0, len(self.blocks) - 1, kind="heading")
        body = self.last_paragraph(first, last, kind="paragraph")
        heading_label, number = "", None
        if heading is not None and not heading.prefix and (m := _HEADING.match(heading.run_text)):
            number = int(m.group(2)) + 1
            heading_label = f"{m.group(1) or ''}{number}{m.group(3)}{m.group(4)}"
        paragraphs = [NewParagraph(title, heading.ordinal if heading else None, heading_label)]
        for n, (clause, clause_title, text) in enumerate(clauses, 1):
            label = ""
            if body is not None and not body.prefix:
                if (m := _MULTI.match(body.run_text)) and number is not None:
                    label = f"{number}.{n}{m.group(3)}{m.group(4)}"
                elif m := _ABSATZ.match(body.run_text):
                    label = f"({n}){m.group(2)}"
            template = body.ordinal if body else None
            paragraphs.append(NewParagraph(text, template, label, clause_title, clause))
        return Group(after[0], tuple(paragraphs), after[1])


def _next_label(texts: list[str]) -> str:
    """The typed number after the last one in ``texts``: "9.3 " -> "9.4 ", "(3) " -> "(4) "; "" if none."""
    for text in reversed(texts):
        if m := _MULTI.match(text):
            return f"{m.group(1)}.{int(m.group(2)) + 1}{m.group(3)}{m.group(4)}"
        if m := _ABSATZ.match(text):
            return f"({int(m.group(1)) + 1}){m.group(2)}"
    return ""


def families_in_order(result: AuditResult, families: list[str]) -> tuple[list[str], list[str]]:
    """The families to close, split into weak (placed in their section) and missing (the new section). A missing
    clause the contract excludes in words ("silence … shall not be deemed approval": a problem with the passage) is
    placed beside that passage, like a weak one."""
    weak = [f for f in families if has_wording(result.finding(f))]
    missing = [f for f in families if f not in weak]
    return weak, missing
