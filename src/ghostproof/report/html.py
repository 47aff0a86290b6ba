"""The HTML report: one self-contained page (inline CSS and script, no network) to open, print or send on.

Every piece of contract-derived text (evidence, its context, file names, error lines) goes through
:func:`html.escape`, so a contract holding ``<script>`` or markup renders as the words it is. A Content-Security-
Policy allows only the page's own inline style and its one script (by hash). The output is deterministic (no
timestamps, ids from input order) so it can be compared with a golden file.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from ..findings import FAMILIES
from . import Report
from .html_assets import CSP, CSS, SCRIPT
from .view import SYMBOL, DocumentView, EvidenceView, Row, SourceView, Words

STATUSES = ("present", "weak", "missing")
_BLANK_LINES = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)+")


def _e(text: str) -> str:
    """Contract-derived or any other text, safe in element content and in quoted attributes."""
    return html.escape(text, quote=True)


def _words(text: str) -> str:
    """A report phrase of our own: escaped, `backticks` shown as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", _e(text))


def _flow(text: str) -> str:
    """Contract text for a ``pre-wrap`` block: escaped, blank lines between paragraphs reduced to a line break."""
    return _e(_BLANK_LINES.sub("\n", text))


def _badge(status: str, label: str) -> str:
    return f'<span class="badge st-{status}"><span aria-hidden="true">{SYMBOL[status]}</span> {_e(label)}</span>'


def _statuses(report: Report) -> tuple[str, ...]:
    """The statuses a report shows: present, weak, missing, and "not needed" where a row has it."""
    extra = any(r.status == "not_needed" for v in report.documents for r in v.rows)
    return (*STATUSES, "not_needed") if extra else STATUSES


def _card_id(doc_id: str, clause: str) -> str:
    return f"{doc_id}-{clause}"


def _worst(view: DocumentView) -> str:
    return "missing" if view.missing_required else "weak" if view.weak_required else "present"


def _summary_table(view: DocumentView, doc_id: str, table_id: str) -> list[str]:
    w = view.words
    out = [
        f'<div class="summary" id="{table_id}">',
        "<table>",
        "<thead><tr>"
        f'<th scope="col">{_e(w("column.clause"))}</th><th scope="col">{_e(w("column.status"))}</th>'
        f'<th scope="col">{_e(w("column.facts"))}</th><th scope="col">{_e(w("column.where"))}</th>'
        "</tr></thead>",
        "<tbody>",
    ]
    for row in view.rows:
        star = ' <span class="star" aria-hidden="true">*</span>' if row.required else ""
        wheres = ", ".join(dict.fromkeys(ev.where for ev in row.evidence if ev.where))
        out.append(
            f'<tr class="st-{row.status}" data-status="{row.status}" data-clause="{_e(row.clause)}">'
            f'<th scope="row"><a href="#{_card_id(doc_id, row.clause)}">{_e(row.name)}</a>{star}</th>'
            f"<td>{_badge(row.status, row.status_label)}</td>"
            f"<td>{_e('; '.join(row.facts))}</td>"
            f'<td class="where">{_e(wheres)}</td></tr>'
        )
    out += ["</tbody>", "</table>", f'<p class="note">{_e(w("required_note"))}</p>', "</div>"]
    return out


def _marked(ev: EvidenceView, sources: tuple[SourceView, ...]) -> str:
    """The passage, with the words each stated fact was read from marked inside it."""
    if ev.start is None:
        return _flow(ev.text)
    end = ev.start + len(ev.text)
    out, at = [], ev.start
    for src in sorted(sources, key=lambda x: x.start):
        if src.start < at or src.end > end or src.start >= src.end:
            continue  # outside this passage, or overlapping a span already marked
        out.append(_flow(ev.text[at - ev.start : src.start - ev.start]))
        words = _flow(ev.text[src.start - ev.start : src.end - ev.start])
        out.append(f'<mark class="fact" title="{_e(src.facts)}">{words}</mark>')
        at = src.end
    out.append(_flow(ev.text[at - ev.start :]))
    return "".join(out)


def _evidence(ev: EvidenceView, lang_attr: str, sources: tuple[SourceView, ...] = ()) -> list[str]:
    where = f"<figcaption>{_e(ev.where)}</figcaption>" if ev.where else ""
    before = f'<span class="ctx">{_flow(ev.before)}</span>' if ev.before else ""
    after = f'<span class="ctx">{_flow(ev.after)}</span>' if ev.after else ""
    mark = f'<mark class="evidence">{_marked(ev, sources)}</mark>'
    return [
        f'<figure class="ev" data-rule="{_e(ev.rule)}">{where}',
        f'<blockquote class="context"{lang_attr}>{before}{mark}{after}</blockquote>',
        "</figure>",
    ]


def _card(row: Row, doc_id: str, w: Words, lang_attr: str) -> list[str]:
    required = f' <span class="req">{_e(w("required_mark"))}</span>' if row.required else ""
    out = [
        f'<article class="finding st-{row.status}" id="{_card_id(doc_id, row.clause)}" '
        f'data-status="{row.status}" data-clause="{_e(row.clause)}">',
        f"<header><h4>{_e(row.name)}</h4> {_badge(row.status, row.status_label)}{required}</header>",
    ]
    if row.facts:
        out.append('<ul class="facts">' + "".join(f"<li>{_e(f)}</li>" for f in row.facts) + "</ul>")
    if row.uncertain:
        out.append(f'<p class="uncertain">{_e(w("uncertain", names=", ".join(row.uncertain)))}</p>')
    if row.sources:
        out.append(f"<h4>{_e(w('sources_heading'))}</h4>")
        out.append('<ul class="sources">')
        out += [
            f'<li>{_e(src.facts)}: <q{lang_attr}>{_e(src.text)}</q> <span class="where">{_e(src.where)}</span></li>'
            for src in row.sources
        ]
        out.append("</ul>")
    if row.problems:
        out.append(f"<h4>{_e(w('problems_heading'))}</h4>")
        out.append('<ul class="problems">')
        out += [f'<li>{_e(message)} <code class="code">{_e(code)}</code></li>' for code, message in row.problems]
        out.append("</ul>")
    if row.why:
        out.append(f'<p class="why"><strong>{_e(w("why_heading"))}:</strong> {_e(row.why)}</p>')
    if row.evidence:
        out.append(f"<h4>{_e(w('evidence_heading'))}</h4>")
        for ev in row.evidence:
            out += _evidence(ev, lang_attr, row.sources)
    else:
        out.append(f'<p class="missing-note">{_e(w("evidence_heading"))}: {_e(w("no_evidence"))}</p>')
    out.append("</article>")
    return out


def _document(
    view: DocumentView, index: int, contract_lang: str, batch: bool, controls: list[str], *, commands: bool = True
) -> list[str]:
    """One contract: heading, verdict, summary table, then ``controls`` (the filter) and a card per finding."""
    w = view.words
    doc_id = f"doc-{index}"
    lang_attr = f' lang="{_e(contract_lang)}"' if contract_lang != w.lang else ""
    out = [f'<section class="document" id="{doc_id}" aria-labelledby="{doc_id}-heading">']
    out.append(f'<h2 id="{doc_id}-heading">{_e(view.heading)}</h2>')
    if batch and view.source != view.name:
        out.append(f'<p class="source"><code>{_e(view.source)}</code></p>')
    if view.not_contract:
        out.append(f'<p class="not-contract" role="alert">{_e(view.not_contract)}</p>')
    if view.circumstances:
        out.append('<ul class="circumstances">' + "".join(f"<li>{_e(c)}</li>" for c in view.circumstances) + "</ul>")
    out.append(f'<p class="verdict st-{_worst(view)}">{_e(view.verdict)}</p>')
    out += _summary_table(view, doc_id, f"{doc_id}-summary" if batch else "summary")
    if commands and view.fix and view.fix_command:
        out.append(f'<p class="fix">{_e(view.fix)} <code>{_e(view.fix_command)}</code></p>')
    out += controls
    out.append(f"<h3>{_e(w('findings_heading'))}</h3>")
    for row in view.rows:
        out += _card(row, doc_id, w, lang_attr)
    out.append("</section>")
    return out


def _matrix(report: Report) -> list[str]:
    w = report.words
    heads = []
    for clause in FAMILIES:
        star = "*" if clause in report.required else ""
        heads.append(
            f'<th scope="col" class="fam"><abbr title="{_e(w(f"family.{clause}"))}">'
            f"{_e(w(f'short.{clause}'))}</abbr>{star}</th>"
        )
    out = [
        '<section class="batch" id="summary">',
        f"<h2>{_e(w('batch.heading', n=len(report.documents) + len(report.failed)))}</h2>",
        '<table class="matrix">',
        f'<thead><tr><th scope="col">{_e(w("column.contract"))}</th>{"".join(heads)}'
        f'<th scope="col">{_e(w("result_column"))}</th></tr></thead>',
        "<tbody>",
    ]
    for index, view in enumerate(report.documents, 1):
        by_clause = {r.clause: r for r in view.rows}
        cells = []
        for clause in FAMILIES:
            row = by_clause.get(clause)
            if row is None:
                cells.append('<td class="sym">–</td>')
            else:
                cells.append(
                    f'<td class="sym st-{row.status}" data-status="{row.status}" title="{_e(row.name)}: '
                    f'{_e(row.status_label)}"><a href="#{_card_id(f"doc-{index}", clause)}">{row.symbol}</a></td>'
                )
        out.append(
            f'<tr class="st-{_worst(view)}"><th scope="row"><a href="#doc-{index}" title="{_e(view.source)}">'
            f"{_e(view.name)}</a></th>{''.join(cells)}<td>{_e(view.verdict)}</td></tr>"
        )
    for failed in report.failed:
        out.append(
            f'<tr class="failed-row"><th scope="row">{_e(failed.path)}</th>'
            f'<td class="sym" colspan="{len(FAMILIES)}">–</td><td>{_e(w("batch.unreadable"))}</td></tr>'
        )
    out += ["</tbody>", "</table>"]
    legend = " · ".join(f"{SYMBOL[s]} {_e(w(f'status.{s}'))}" for s in _statuses(report))
    out.append(f'<p class="note">{legend} · {_e(w("required_note"))}</p>')
    if report.failed:
        out += [
            '<div class="failed" id="failed">',
            f"<h3>{_e(w('batch.failed', n=len(report.failed)))}</h3>",
            "<ul>",
            *(f"<li><code>{_e(f.error)}</code></li>" for f in report.failed),
            "</ul>",
            "</div>",
        ]
    out.append("</section>")
    return out


def _filter(report: Report) -> list[str]:
    w = report.words
    counts = {s: 0 for s in _statuses(report)}
    for view in report.documents:
        for row in view.rows:
            counts[row.status] += 1
    boxes = [
        f'<label class="st-{s}"><input type="checkbox" data-filter value="{s}" checked> '
        f"{_badge(s, w(f'status.{s}'))} ({counts[s]})</label>"
        for s in counts
    ]
    return [
        f'<fieldset class="filter" id="filter" hidden><legend>{_e(w("filter.label"))}:</legend>',
        *boxes,
        f'<button type="button">{_e(w("filter.all"))}</button>',
        "</fieldset>",
    ]


def _title(report: Report) -> str:
    w = report.words
    if len(report.documents) == 1 and not report.failed:
        return f"{w('title')} – {report.documents[0].name}"
    return f"{w('title')} – {w('batch.heading', n=len(report.documents) + len(report.failed))}"


def _lines(parts: Iterable[str]) -> str:
    return "\n".join(parts) + "\n"


def report_sections(report: Report, *, commands: bool = True) -> list[str]:
    """The report's content — a batch's matrix, the filter, one section per contract — without the page around it:
    the HTML report's ``<main>`` and the web page's results (``ghostproof serve``) are the same markup. Without
    ``commands`` no command line is suggested (the web page links to its own pages instead)."""
    w = report.words
    batch = report.batch or len(report.documents) > 1 or bool(report.failed)
    out: list[str] = []
    controls = _filter(report) if report.documents else []
    if batch:  # one filter for all contracts, under the matrix; a single contract has it above its findings
        out += _matrix(report) + controls
        controls = []
    languages = [r.language for r in report.results] or [w.lang] * len(report.documents)
    for index, (view, contract_lang) in enumerate(zip(report.documents, languages, strict=True), 1):
        out += _document(view, index, contract_lang, batch, controls, commands=commands)
    return out


def render_html(report: Report) -> str:
    """The report as one HTML page; needs no network and no files besides itself."""
    w = report.words
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{w.lang}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="icon" href="data:,">',
        f"<title>{_e(_title(report))}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        f'<body data-show="{" ".join(STATUSES)}">',
        f'<header class="top"><h1>{_e(w("title"))}</h1></header>',
        "<main>",
        *report_sections(report),
        "</main>",
        f'<footer><p class="disclaimer">{_e(w("disclaimer"))}</p></footer>',
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return _lines(out)
