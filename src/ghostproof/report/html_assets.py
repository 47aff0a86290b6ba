"""The HTML report's own assets: the stylesheet and the one script, with the hash the Content-Security-Policy
allows it by."""

from __future__ import annotations

import base64
import hashlib

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
.st-not_needed .badge, .badge.st-not_needed, td.st-not_needed { color: var(--muted); }
.badge.st-not_needed { background: var(--soft); }
.circumstances { color: var(--muted); padding-left: 1.1rem; }
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
.finding.st-not_needed { border-left-color: var(--line); }
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
blockquote.context .ctx { color: #57606a; }
mark.evidence { background: #fff0a8; color: #1f2328; padding: .05rem .1rem; border-radius: 2px;
  box-shadow: 0 0 0 1px #e9c84a; }
mark.fact { background: #ffd166; color: #1f2328; font-weight: 600; text-decoration: underline;
  text-decoration-thickness: 2px; text-underline-offset: 2px; }
.sources { margin: .4rem 0 0; padding-left: 1.2rem; font-size: .92rem; }
.sources q { font-family: Georgia, "Times New Roman", "DejaVu Serif", serif; }
.sources .where { color: var(--muted); white-space: nowrap; }
.uncertain { margin: .5rem 0 0; padding: .4rem .6rem; border-left: 3px solid var(--weak, #9a6700);
  background: var(--soft); }
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
