"""``ghostproof extract``: the text ghostproof reads from a contract, or its located blocks as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass

from .base import Console, ContractOptions, Outcome, check_target, emit, pick_format

FORMATS = ("text", "json")
#: the plain text may go into any text file (.txt, .md, .html …); only .json asks for the block model
_TEXT_LIKE = {"markdown": "text", "html": "text", "jsonl": "text"}


@dataclass(frozen=True)
class ExtractOptions(ContractOptions):
    format: str | None = None


def run_extract(options: ExtractOptions, console: Console) -> Outcome:
    """The document's text (or its blocks as JSON), with a note saying what was read."""
    o = options
    fmt = pick_format(o.format, o.output, FORMATS, console, _TEXT_LIKE)
    check_target(o.output, o.force, (o.file,))
    doc = o.reading.load(o.file)
    text = json.dumps(doc.to_dict(), ensure_ascii=False, indent=2) if fmt == "json" else doc.text
    outcome = emit(text, o.output, o.force, (o.file,), Console())  # the summary below says what was read
    pages = f", {doc.pages} page{'s' if doc.pages != 1 else ''}" if doc.pages else ""
    console.note(
        f"ghostproof: {o.file.name}: {doc.source_type}{pages}, language {doc.lang}, {len(doc.blocks)} blocks"
        + (f", {len(doc.warnings)} warning(s): " + "; ".join(doc.warnings) if doc.warnings else "")
    )
    return outcome
