"""Comment texts (in the contract's language, with the report's words) and Word comments on runs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from ..ingest.docx.ooxml import Element
from ..report.view import DocumentView, Row
from ..words import Words


def finding_text(row: Row, lang: str, suggestion: str | None) -> str:
    """ "Deemed acceptance: present — review 10 business days", then for a weak clause its problems and where the
    suggested wording is."""
    first = f"{row.name}: {row.status_label}" + (f" — {', '.join(row.facts)}" if row.facts else "")
    lines = [first, *(message for _, message in row.problems)]
    if row.status == "weak" and suggestion:
        lines.append(suggestion)
    return "\n".join(lines)


def summary_text(view: DocumentView, lang: str, *, inserted: str | None, insert: bool, unplaced: Sequence[str]) -> str:
    """The comment at the start: the verdict, what is missing and why it matters, what is weak, where the
    suggestions are."""
    w = Words(lang, "review")
    lines = [w("summary", name=view.name, verdict=view.verdict)]
    missing = [r for r in view.rows if r.status == "missing"]
    weak = [r for r in view.rows if r.status == "weak"]
    if missing:
        lines.append(w("missing"))
        lines += [f"• {r.name}{w('required') if r.required else ''}: {r.why}" for r in missing]
    if weak:
        lines.append(w("weak"))
        lines += [
            f"• {r.name}{w('required') if r.required else ''}" + (f", {r.where}" if r.where else "") for r in weak
        ]
    if not missing and not weak:
        lines.append(w("all_present"))
    if inserted:
        lines.append(inserted)
    elif not insert and (missing or weak):
        lines.append(w("no_insert", lang=lang))
    if unplaced:
        lines.append(w("unplaced", items="; ".join(unplaced)))
    lines.append(view.disclaimer)
    return "\n".join(lines)


def initials(author: str) -> str:
    return "".join(part[0] for part in author.split() if part[:1].isalnum())[:4].upper() or "GP"


def add_comment(document: Any, anchor: tuple[Element, Element], text: str, *, author: str, date: datetime) -> None:
    """A comment on the runs ``anchor[0]`` to ``anchor[1]`` (python-docx ``Document.add_comment``), dated ``date``."""
    from docx.text.run import Run

    paragraph = document.paragraphs[0] if document.paragraphs else document
    first, last = Run(anchor[0], paragraph), Run(anchor[1], paragraph)
    comment = document.add_comment([first, last], text=text, author=author, initials=initials(author))
    comment._comment_elm.date = date
