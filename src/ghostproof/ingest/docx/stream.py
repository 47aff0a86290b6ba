"""Streaming one XML part of a .docx through lxml, unit by unit, with bounded memory and no DTD.

A part is read from the ZIP in small chunks, each scanned for a DTD before the parser sees it; the parser resolves
no entities and fetches nothing. Each complete unit (one body paragraph or table row, one style, one footnote …)
is handed out and then freed, with a cap on the elements alive at once (:data:`.safety.MAX_UNIT_ELEMENTS`).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from . import safety
from .ooxml import NAMES, W_TRANSITIONAL, Element, W, names_for

_CHUNK = 1 << 16

# What an element is while a part streams (see _kind). Units, tables and rows are handed to the reader
# when they end and then freed; wrappers are see-through; inner elements belong to the unit around them.
_ROOT, _BODY, _WRAP, UNIT, TABLE, _ROWWRAP, ROW, _INNER, _DROP = range(9)
_YIELDED = frozenset({UNIT, TABLE, ROW})


def stream_part(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, *, document: bool = False
) -> Iterator[tuple[int, W, Element]]:
    """Yield ``(kind, names, element)`` for each complete unit of XML part ``info``, then free it.

    Streams from the ZIP in small chunks, refusing any DTD before the parser sees it and capping the elements
    alive at once. A unit is a child of the root; with ``document=True`` it is a body block (paragraph,
    table, section properties …) seen through content controls, and a top-level table comes row by row
    (``ROW`` units, then the ``TABLE`` itself, emptied), so one huge table does not sit in memory whole.
    ``path`` is the .docx file, for error messages.
    """
    parser = etree.XMLPullParser(
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )
    state = _StreamState()
    carry = b""
    unpacked = 0
    with zf.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            unpacked += len(chunk)
            if unpacked > safety.MAX_MEMBER_SIZE:
                raise safety.bomb(path, f"{info.filename} unpacks to more than {safety.mb(safety.MAX_MEMBER_SIZE)}")
            window = carry + chunk
            if safety.has_dtd_marker(window):
                raise safety.dtd_refused(path, info.filename)
            carry = window[-safety.DTD_CARRY :]
            _feed(parser, path, info.filename, chunk)
            yield from _events(parser, state, path, info.filename, document)
    _feed(parser, path, info.filename, None)
    yield from _events(parser, state, path, info.filename, document)


def _feed(parser: Any, path: Path, name: str, chunk: bytes | None) -> None:
    """Feed (or close, for None) the parser; a parse error in a part with a DTD is reported as the DTD."""
    try:
        if chunk is None:
            parser.close()
        else:
            parser.feed(chunk)
    except etree.XMLSyntaxError:
        for _, el in parser.read_events():  # libxml2 may stop an entity bomb before we saw the root
            if safety.declares_dtd(el):
                raise safety.dtd_refused(path, name) from None
            break
        raise


def _events(
    parser: Any, state: _StreamState, path: Path, name: str, document: bool
) -> Iterator[tuple[int, W, Element]]:
    for event, el in parser.read_events():
        if event == "start":
            if not state.kinds:
                state.w = names_for(el.tag)
                if safety.declares_dtd(el):
                    raise safety.dtd_refused(path, name)
            state.kinds.append(_kind(state, el.tag, document))
            state.live += 1
            if state.live > safety.MAX_UNIT_ELEMENTS:
                raise safety.bomb(path, f"{name} has more than {safety.MAX_UNIT_ELEMENTS:,} XML elements in one block")
            continue
        kind = state.kinds.pop()
        if kind in (_ROOT, _INNER):
            continue
        if kind in _YIELDED:
            state.units += 1
            if state.units > safety.MAX_UNITS:
                raise safety.bomb(path, f"{name} has more than {safety.MAX_UNITS:,} paragraphs, rows or entries")
            yield kind, state.w, el
        # free what is done: this element's content and the siblings before it
        el.clear(keep_tail=False)
        up = el.getparent()
        if up is not None:
            while el.getprevious() is not None:
                del up[0]
        state.live = 0


@dataclass(slots=True)
class _StreamState:
    kinds: list[int] = field(default_factory=list)
    live: int = 0
    units: int = 0
    w: W = field(default_factory=lambda: NAMES[W_TRANSITIONAL])


def _kind(state: _StreamState, tag: str, document: bool) -> int:
    """What a starting element is, from what its parent is."""
    if not state.kinds:
        return _ROOT
    up = state.kinds[-1]
    w = state.w
    if up == _ROOT:
        if not document:
            return UNIT
        return _BODY if tag == w.body else _DROP
    if up in (_BODY, _WRAP):
        if tag in w.block_wrappers:
            return _WRAP
        return TABLE if tag == w.tbl else UNIT
    if up in (TABLE, _ROWWRAP):
        if tag in w.row_wrappers:
            return _ROWWRAP
        return _INNER if tag in (w.tbl_pr, w.tbl_grid) else ROW
    return _INNER
