"""The Markdown report: for pasting into an e-mail, a ticket or a pull request.

Contract text is escaped so that it renders as the words it is (no stray emphasis, links, HTML or table breaks).
"""

from __future__ import annotations

import re

from ..findings import FAMILIES
from ..mdtext import code_span
from . import Report
from .view import DocumentView

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def escape(text: str) -> str:
    """Text that Markdown shows literally (and stays readable raw): the few specials that can change inline
    rendering are backslash-escaped, line breaks become spaces, a leading "#", "-", "+" or "1." is neutralised."""
    text = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    text = re.sub(r"^([#+-])(?=\s|$)", r"\\\1", text)
    return re.sub(r"^(\d+)([.)])(?=\s|$)", r"\1\\\2", text)


def _document(view: DocumentView, level: str) -> list[str]:
    w = view.words
    out = [f"{level} {escape(view.heading)}", ""]
    if view.not_contract:
        out += [f"> **{escape(view.not_contract)}**", ""]
    if view.circumstances:
        out += [f"- {escape(c)}" for c in view.circumstances] + [""]
    out += [f"**{escape(view.verdict)}**", ""]
    out.append(f"| {w('column.clause')} | {w('column.status')} | {w('column.facts')} | {w('column.where')} |")
    out.append("|---|---|---|---|")
    for row in view.rows:
        name = row.name + (" \\*" if row.required else "")
        facts = escape(", ".join(row.facts))
        out.append(f"| {name} | {row.symbol} {row.status_label} | {facts} | {escape(row.where)} |")
    out += ["", f"_{escape(w('required_note'))}_", ""]
    unsettled = [r for r in view.rows if r.uncertain]
    if unsettled:
        out += [f"- ? **{r.name}**: {escape(w('uncertain', names=', '.join(r.uncertain)))}" for r in unsettled] + [""]
    if view.gaps:
        out += [f"**{w('why_heading')}**", ""]
        for row in view.gaps:
            reasons = [m for _c, m in row.problems] or [row.why or ""]
            out.append(f"- {row.symbol} **{row.name}**: {escape(' '.join(reasons))}")
        out.append("")
    if view.fix and view.fix_command:
        out += [f"{escape(view.fix)} {code_span(view.fix_command)}", ""]
    cited = [r for r in view.rows if r.evidence]
    if cited:
        out += [f"**{w('evidence_heading')}**", ""]
        for row in cited:
            for ev in row.evidence:
                where = f" ({escape(ev.where)})" if ev.where else ""
                out.append(f"- {row.name}{where}:")
                out.append("")
                out.append(f"  > {escape(ev.text)}")
                out.append("")
    sourced = [r for r in view.rows if r.sources]
    if sourced:
        out += [f"**{w('sources_heading')}**", ""]
        for row in sourced:
            for src in row.sources:
                where = f" ({escape(src.where)})" if src.where else ""
                out.append(f"- {row.name} · {escape(src.facts)}: “{escape(src.text)}”{where}")
        out.append("")
    return out


def _summary(report: Report) -> list[str]:
    w = report.words
    families = FAMILIES
    heads = [w(f"short.{c}") + ("\\*" if c in report.required else "") for c in families]
    out = [f"## {w('summary_heading')}", ""]
    out.append("| " + " | ".join([w("column.contract"), *heads, w("result_column")]) + " |")
    out.append("|" + "---|" * (len(heads) + 2))
    for view in report.documents:
        cells = [r.symbol for r in view.rows]
        out.append("| " + " | ".join([escape(view.source), *cells, escape(view.short_verdict)]) + " |")
    for failed in report.failed:
        out.append("| " + " | ".join([escape(failed.path), *(["–"] * len(heads)), w("batch.unreadable")]) + " |")
    out.append("")
    if report.failed:
        out += [f"**{w('batch.failed', n=len(report.failed))}**", ""]
        out += ["- " + code_span(f.error) for f in report.failed]
        out.append("")
    return out


def render_markdown(report: Report) -> str:
    w = report.words
    out = [f"# {w('title')}", ""]
    if report.batch:
        out += _summary(report)
    level = "##" if not report.batch else "###"
    for view in report.documents:
        out += _document(view, level)
    out += [f"_{w('disclaimer')}_", ""]
    return "\n".join(out)
