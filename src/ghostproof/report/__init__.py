"""Audit reports: the same findings as terminal text, Markdown, HTML, JSON or JSON Lines.

Every renderer takes a :class:`Report` (the contracts that were read, as :class:`DocumentView`, plus the files that
could not be read) and returns a string; nothing here reads files or prints.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..errors import E_BUG
from ..findings import AuditError, AuditFailure, AuditResult
from .view import DEFAULT_REQUIRED, DocumentView, ReportLang, Words, document_view, report_lang

__all__ = [
    "DEFAULT_REQUIRED",
    "FORMATS",
    "DocumentView",
    "Failed",
    "Report",
    "build_report",
    "render",
]

Format = Literal["text", "markdown", "html", "json", "jsonl"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "html", "json", "jsonl")


@dataclass(frozen=True)
class Failed:
    """A file of the batch that could not be read, with the one-line error the user saw on stderr."""

    path: str
    error: str


@dataclass(frozen=True)
class Report:
    documents: tuple[DocumentView, ...]
    results: tuple[AuditResult, ...]
    failed: tuple[Failed, ...]
    words: Words
    required: tuple[str, ...]
    #: more than one input, a folder or a glob: JSON is then an array and text ends with a summary table
    batch: bool = False
    #: the text report lists the words each stated fact was read from (``audit --explain``)
    explain: bool = False


def build_report(
    results: Sequence[AuditResult],
    *,
    texts: Sequence[str | None] | None = None,
    failed: Sequence[Failed] = (),
    lang: str | None = None,
    required: Sequence[str] = DEFAULT_REQUIRED,
    batch: bool | None = None,
    explain: bool = False,
) -> Report:
    """Put words on audit results; ``texts`` (each document's text) lets HTML show evidence in context."""
    rl: ReportLang = report_lang(results, lang)
    texts = list(texts) if texts is not None else [None] * len(results)
    views = tuple(document_view(r, lang=rl, required=required, text=t) for r, t in zip(results, texts, strict=True))
    return Report(
        documents=views,
        results=tuple(results),
        failed=tuple(failed),
        words=Words(rl),
        required=tuple(required),
        batch=len(results) + len(failed) > 1 if batch is None else batch,
        explain=explain,
    )


_CODE = re.compile(r"error\[(E\d{3})\]")


def _objects(report: Report) -> list[dict[str, Any]]:
    """The JSON objects of a batch: each audited contract, then each file that could not be read (with its code)."""
    out = [r.to_dict() for r in report.results]
    for f in report.failed:
        m = _CODE.search(f.error)
        error = AuditError(code=m.group(1) if m else E_BUG, message=f.error.strip())
        out.append(AuditFailure(source=f.path, error=error).to_dict())
    return out


def render(report: Report, fmt: Format, *, width: int = 100, color: bool = False, terminal: bool = False) -> str:
    """The report as a string in ``fmt``; ``width``/``color``/``terminal`` (the text goes to a terminal, so long
    names may fold to its width) apply to the text format only."""
    if fmt == "json":
        if not report.batch and len(report.results) == 1:
            return json.dumps(report.results[0].to_dict(), ensure_ascii=False, indent=2) + "\n"
        return json.dumps(_objects(report), ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in _objects(report))
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from .html import render_html

        return render_html(report)
    from .text import render_text

    return render_text(report, width=width, color=color, terminal=terminal)
