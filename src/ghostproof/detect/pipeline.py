"""ghostproof's own spaCy pipeline (``spacy.blank(lang)``, the sentencizer, the rule component), and a whole
document read through it piece by piece.

spaCy is imported here (and in the modules of the component); nothing in ``ingest`` imports this module.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import spacy
from spacy.language import Language

from ..limits import MAX_BLOCK_CHARS, NLP_CHUNK_CHARS
from ..model import Document
from . import component, sentencizer  # noqa: F401  (registers the factories)
from .component import CHECKLIST_KEY, CHECKLIST_WANTED
from .gcpause import gc_paused
from .units import HITS_KEY, SENTS_KEY

#: spaCy's own guard on the length of one text: a piece is at most NLP_CHUNK_CHARS (see :func:`chunks`) unless one
#: block is longer, and a block is at most MAX_BLOCK_CHARS (a paragraph of 400,001 to 1,000,000 characters was let
#: in by the reader and refused here as an unexpected error, E199)
MAX_LENGTH = max(NLP_CHUNK_CHARS * 2, MAX_BLOCK_CHARS)


@cache
def pipeline(lang: str) -> Language:
    """The ghostproof pipeline for ``en`` or ``de`` (built once per process): no spans, no findings on the Doc —
    detection reads the hits from ``doc.user_data``."""
    with gc_paused():
        nlp = spacy.blank(lang)
        nlp.max_length = MAX_LENGTH
        nlp.add_pipe("ghostproof_sentencizer")
        nlp.add_pipe("ghostproof", config={"lang": lang, "spans": False, "findings": False})
    return nlp


def chunks(document: Document, size: int = NLP_CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """``(offset, text)`` pieces of the document's text of at most ``size`` characters, cut between blocks (a block
    boundary is always a sentence boundary, so nothing a rule can match is cut). A longer block is its own piece.

    Running spaCy piece by piece keeps memory bounded (one piece's Doc at a time) and the cost linear, whatever the
    document's length."""
    text = document.text
    if len(text) <= size:
        if text:
            yield 0, text
        return
    start = 0
    end = 0
    for block in document.blocks:
        if block.end - start > size and end > start:
            yield start, text[start:end]
            start = block.start
        end = block.end
    if end > start:
        yield start, text[start:end]


class Analysis:
    """The rule hits and sentences of a whole document (and, with ``checklist``, the checklist's matches), read
    piece by piece, with character offsets into the document's text: what :mod:`.units` reads from
    ``user_data``."""

    def __init__(self, document: Document, *, checklist: bool = False) -> None:
        nlp = pipeline(document.lang)
        hits: list[tuple[int, int, str, str]] = []
        sents: list[tuple[int, int]] = []
        found: list[tuple[int, int, str, str, int, int]] = []
        for offset, piece in chunks(document):
            doc = nlp.make_doc(piece)
            doc.user_data[CHECKLIST_WANTED] = checklist
            for _, proc in nlp.pipeline:
                doc = proc(doc)
            hits.extend((s + offset, e + offset, label, pid) for s, e, label, pid in doc.user_data.get(HITS_KEY, []))
            sents.extend((s + offset, e + offset) for s, e in doc.user_data.get(SENTS_KEY, []))
            found.extend(
                (s + offset, e + offset, label, pid, a + offset, b + offset)
                for s, e, label, pid, a, b in doc.user_data.get(CHECKLIST_KEY, [])
            )
        self.user_data: dict[str, Any] = {HITS_KEY: hits, SENTS_KEY: sents, CHECKLIST_KEY: found}
