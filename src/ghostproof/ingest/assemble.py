"""RawBlocks from a reader -> one located :class:`~ghostproof.model.Document`."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import E_NO_TEXT, GhostproofError
from ..limits import DEFAULT_MAX_CHARS, MAX_BLOCK_CHARS, block_too_long, too_long
from ..model import Block, Document, Lang, RawBlock, SourceType
from .lang import detect_lang
from .sections import split_label, sub_label
from .textutil import squash


def _separator(prev: RawBlock, cur: RawBlock) -> str:
    if prev.kind == "table_cell" and cur.kind == "table_cell" and prev.table == cur.table:
        return " | " if prev.row == cur.row else "\n"
    return "\n\n"


def assemble(
    raw: Sequence[RawBlock],
    *,
    source: str,
    source_type: SourceType,
    pages: int | None,
    lang: Lang | None = None,
    warnings: Sequence[str] = (),
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Document:
    """Clean each block, drop empty ones, compute offsets, and carry section labels and headings down.

    The readers stop at ``max_chars`` already; this is the last check (and the one for each block)."""
    kept: list[RawBlock] = []
    total = 0
    for rb in raw:
        if len(rb.text) > MAX_BLOCK_CHARS * 2:  # before squashing it (squash copies it)
            raise block_too_long(source, len(rb.text))
        text = squash(rb.text)
        if text:
            if len(text) > MAX_BLOCK_CHARS:
                raise block_too_long(source, len(text))
            total += len(text) + 2
            if total > max_chars + 2:
                raise too_long(source, max_chars)
            rb.text = text
            kept.append(rb)
    if not kept:
        raise GhostproofError(
            E_NO_TEXT,
            "no contract text found in the file",
            path=source,
            hint="check that it is the right file and not empty or image-only",
        )

    parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    section: str | None = None
    base_section: str | None = None  # the § label a German "(2)" hangs off
    heading: str | None = None
    prev: RawBlock | None = None
    for rb in kept:
        if prev is not None:
            sep = _separator(prev, rb)
            parts.append(sep)
            offset += len(sep)
        label = rb.label
        rest = rb.text
        if rb.kind != "table_cell":
            parsed, parsed_rest = split_label(rb.text, heading=rb.kind == "heading")
            if label is None or parsed == label:  # a given label (Word numbering) is cut from the heading too
                label, rest = parsed, parsed_rest
        if label is not None:
            section = label
            base_section = label
        elif rb.kind == "heading":  # an unnumbered heading ("Signatures", "Anlage 1") starts a new part
            section = base_section = None
        elif rb.kind != "table_cell" and (absatz := sub_label(rb.text)) and base_section is not None:
            section = f"{base_section}({absatz})" if base_section.startswith("§") else section
        if rb.kind == "heading":
            heading = rest or rb.text
        start = offset
        parts.append(rb.text)
        offset += len(rb.text)
        blocks.append(
            Block(
                kind=rb.kind,
                text=rb.text,
                start=start,
                end=offset,
                page=rb.page,
                section=section,
                heading=heading,
                level=rb.level,
                table=rb.table,
                row=rb.row,
                col=rb.col,
                ocr=rb.ocr,
                confidence=rb.confidence,
            )
        )
        prev = rb
    text = "".join(parts)
    detected = detect_lang(text)
    return Document(
        source=source,
        source_type=source_type,
        pages=pages,
        lang=lang or detected,
        detected_lang=detected,
        text=text,
        blocks=blocks,
        warnings=list(warnings),
    )
