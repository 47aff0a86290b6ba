"""The HTML report: one self-contained page (inline CSS and script, no network) to open, print or send on.

Every piece of contract-derived text (evidence, its context, file names, error lines) goes through
:func:`html.escape`, so a contract holding ``<script>`` or markup renders as the words it is. A Content-Security-
Policy allows only the page's own inline style and its one script (by hash). The output is deterministic (no
timestamps, ids from input order) so it can be compared with a golden file.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable

from ..findings import FAMILIES
from . import Report
from .view import SYMBOL, DocumentView, EvidenceView, Row, Words

STATUSES = ("present", "weak", "missing")
_BLANK_LINES = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)+")

#: the status filter: shows the bar (hidden without JS, so the page stays complete), hides cards whose status is
#: unticked, mirrors the choice in ``body[data-show]``; ``#show=weak,missing`` in the URL preselects statuses
SCRIPT = """
(function () {
  var bar = document.getElementById("filter");
  if (!bar) return;
  var boxes = Array.prototype.slice.call(bar.querySelectorAll("input[data-filter]"));
  var cards = Array.prototype.slice.call(document.querySelectorAll(".finding[data-status]"));
  function apply() {
    var show = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    document.body.setAttribute("data-show", show.join(" "));
    cards.forEach(function (c) { c.hidden = show.indexOf(c.getAttribute("data-status")) < 0; });
  }
  var m = /^#show=([a-z,]*)$/.exec(location.hash);
  if (m) {
    var want = m[1].split(",");
    boxes.forEach(function (b) { b.checked = want.indexOf(b.value) >= 0; });
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  bar.querySelector("button").addEventListener("click", function () {
    boxes.forEach(function (b) { b.checked = true; });
    apply();
  });
  bar.hidden = false;
  apply();
})();
"""
SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; "
    f"script-src '{SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'"
)

CSS = """
:root { --present: #1a7f37; --present-bg: #dafbe1; --weak: #8a5a00; --weak-bg: #fff4c2;
  --missing: #c4141f; --missing-bg: #ffebe9; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: #1f2328; background: #fff; line-height: 1.5; font-size: 15px;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; }
main, .top, footer { max-width: 62rem; margin: 0 auto; padding: 0 1.25rem; }
.top { padding-top: 1.5rem; }
.top h1 { font-size: 1rem; font-weight: 600; color: var(--muted); margin: 0; letter-spacing: .02em; }
h2 { font-size: 1.45rem; margin: .35rem 0 .5rem; line-height: 1.25; }
h3 { font-size: 1.1rem; margin: 1.75rem 0 .6rem; }
h4 { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: .9rem 0 .3rem; }
section.document { margin-top: 1.5rem; scroll-margin-top: 4rem; }
section.document + section.document { border-top: 2px solid var(--line); padding-top: 1rem; margin-top: 2.5rem; }
.source { color: var(--muted); margin: 0 0 .5rem; font-size: .9rem; }
.verdict { font-weight: 600; font-size: 1.05rem; padding: .6rem .9rem; border-radius: 6px; margin: .6rem 0 1rem;
  border-left: 5px solid; }
.verdict.st-present { background: var(--present-bg); border-color: var(--present); }
.not-contract { font-weight: 600; padding: .6rem .9rem; border-radius: 6px; margin: .6rem 0;
  background: var(--weak-bg); border-left: 5px solid var(--weak); }
.verdict.st-weak { background: var(--weak-bg); border-color: var(--weak); }
.verdict.st-missing { background: var(--missing-bg); border-color: var(--missing); }
table { border-collapse: collapse; width: 100%; font-size: .93rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid var(--line); }
thead th { background: var(--soft); border-bottom: 2px solid var(--line); font-weight: 600; }
td.where, td.sym { white-space: nowrap; }
table.matrix th.fam, table.matrix td.sym { text-align: center; }
table.matrix td.sym { font-weight: 700; font-size: 1.05rem; }
table.matrix td.sym a { color: inherit; display: block; }
table.matrix tr.failed-row { color: var(--muted); }
abbr { text-decoration: none; }
.note { color: var(--muted); font-size: .85rem; margin: .35rem 0 0; }
a { color: #0550ae; }
a:not(:hover) { text-decoration: none; }
.badge { display: inline-block; white-space: nowrap; font-weight: 600; font-size: .85rem; padding: .05rem .5rem;
  border-radius: 999px; border: 1px solid; }
.st-present .badge, .badge.st-present, td.st-present { color: var(--present); }
.st-weak .badge, .badge.st-weak, td.st-weak { color: var(--weak); }
.st-missing .badge, .badge.st-missing, td.st-missing { color: var(--missing); }
.badge.st-present { background: var(--present-bg); }
.badge.st-weak { background: var(--weak-bg); }
.badge.st-missing { background: var(--missing-bg); }
.req { display: inline-block; font-size: .75rem; font-weight: 600; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); border: 1px solid var(--line); border-radius: 4px; padding: 0 .35rem; }
.fix { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: .5rem .8rem; }
.fix code { background: #fff; padding: 0 .15rem; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .88em;
  background: var(--soft); border-radius: 4px; padding: 0 .25rem; }
.filter { position: sticky; top: 0; z-index: 2; background: rgba(255, 255, 255, .96); border: 0;
  border-bottom: 1px solid var(--line); margin: 1.5rem 0 0; padding: .55rem 0; display: flex; flex-wrap: wrap;
  gap: .4rem 1rem; align-items: center; }
.filter legend { float: left; font-weight: 600; margin-right: .25rem; padding: 0; }
.filter label { cursor: pointer; white-space: nowrap; }
.filter button { font: inherit; font-size: .85rem; padding: .1rem .6rem; border: 1px solid var(--line);
  border-radius: 6px; background: #fff; cursor: pointer; }
.finding { border: 1px solid var(--line); border-left: 5px solid; border-radius: 6px; padding: .75rem 1rem;
  margin: .9rem 0; scroll-margin-top: 4rem; }
.finding.st-present { border-left-color: var(--present); }
.finding.st-weak { border-left-color: var(--weak); }
.finding.st-missing { border-left-color: var(--missing); }
.finding > header { display: flex; flex-wrap: wrap; gap: .35rem .6rem; align-items: baseline; }
.finding > header h4 { font-size: 1.1rem; text-transform: none; letter-spacing: 0; color: inherit; margin: 0; }
.facts { list-style: none; padding: 0; margin: .5rem 0 0; display: flex; flex-wrap: wrap; gap: .3rem; }
.facts li { background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 0 .45rem;
  font-size: .9rem; }
.problems { margin: .3rem 0 0; padding-left: 1.2rem; }
.problems li { margin: .2rem 0; }
.problems code.code { color: var(--muted); font-size: .75rem; background: none; }
.why { margin: .6rem 0 0; }
.why strong { font-weight: 600; }
.missing-note { color: var(--muted); font-style: italic; margin: .6rem 0 0; }
figure.ev { margin: .5rem 0 0; }
figure.ev figcaption { font-size: .85rem; font-weight: 600; color: var(--muted); }
blockquote.context { margin: .2rem 0 0; padding: .55rem .8rem; background: var(--soft); border-left: 3px solid
  var(--line); border-radius: 0 6px 6px 0; white-space: pre-wrap; overflow-wrap: anywhere;
  font-family: Georgia, "Times New Roman", "DejaVu Serif", serif; font-size: .95rem; line-height: 1.55; }
blockquote.context .ctx { color: #6e7781; }
mark.evidence { background: #fff0a8; color: #1f2328; padding: .05rem .1rem; border-radius: 2px;
  box-shadow: 0 0 0 1px #e9c84a; }
.failed li { margin: .2rem 0; }
footer { margin: 2.5rem auto 2rem; }
.disclaimer { border-top: 1px solid var(--line); padding-top: .75rem; color: var(--muted); font-size: .9rem; }
@media (max-width: 40rem) { td.where { white-space: normal; } }
@media print {
  @page { margin: 15mm; }
  body { font-size: 10pt; }
  main, .top, footer { max-width: none; padding: 0; }
  .filter { display: none !important; }
  a { color: inherit; }
  figure.ev, .finding > header, .facts, .why, tr { break-inside: avoid; }
  .finding > header, h4 { break-after: avoid; }
  h2, h3, h4 { break-after: avoid; }
  section.document + section.document { break-before: page; border-top: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


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


def _evidence(ev: EvidenceView, lang_attr: str) -> list[str]:
    where = f"<figcaption>{_e(ev.where)}</figcaption>" if ev.where else ""
    before = f'<span class="ctx">{_flow(ev.before)}</span>' if ev.before else ""
    after = f'<span class="ctx">{_flow(ev.after)}</span>' if ev.after else ""
    mark = f'<mark class="evidence">{_flow(ev.text)}</mark>'
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
            out += _evidence(ev, lang_attr)
    else:
        out.append(f'<p class="missing-note">{_e(w("evidence_heading"))}: {_e(w("no_evidence"))}</p>')
    out.append("</article>")
    return out


def _document(view: DocumentView, index: int, contract_lang: str, batch: bool, controls: list[str]) -> list[str]:
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
    out.append(f'<p class="verdict st-{_worst(view)}">{_e(view.verdict)}</p>')
    out += _summary_table(view, doc_id, f"{doc_id}-summary" if batch else "summary")
    if view.fix and view.fix_command:
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
    legend = " · ".join(f"{SYMBOL[s]} {_e(w(f'status.{s}'))}" for s in STATUSES)
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
    counts = {s: 0 for s in STATUSES}
    for view in report.documents:
        for row in view.rows:
            counts[row.status] += 1
    boxes = [
        f'<label class="st-{s}"><input type="checkbox" data-filter value="{s}" checked> '
        f"{_badge(s, w(f'status.{s}'))} ({counts[s]})</label>"
        for s in STATUSES
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


def render_html(report: Report) -> str:
    """The report as one HTML page; needs no network and no files besides itself."""
    w = report.words
    batch = report.batch or len(report.documents) > 1 or bool(report.failed)
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
    ]
    controls = _filter(report) if report.documents else []
    if batch:  # one filter for all contracts, under the matrix; a single contract has it above its findings
        out += _matrix(report) + controls
        controls = []
    languages = [r.language for r in report.results] or [w.lang] * len(report.documents)
    for index, (view, contract_lang) in enumerate(zip(report.documents, languages, strict=True), 1):
        out += _document(view, index, contract_lang, batch, controls)
    out += [
        "</main>",
        f'<footer><p class="disclaimer">{_e(w("disclaimer"))}</p></footer>',
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return _lines(out)
