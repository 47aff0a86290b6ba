"""The assessment as terminal text, Markdown, HTML (self-contained), DOCX or JSON."""

from __future__ import annotations

import html
import io
import json
import textwrap
from datetime import UTC, datetime

from ..mdtext import code_span
from .plan import Assessment

FORMATS = ("text", "markdown", "html", "docx", "json", "ics")
WIDTH = 100


def render_json(a: Assessment) -> str:
    return json.dumps(a.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _wrap(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ") or [indent]


def render_text(a: Assessment) -> str:
    h = a.headings
    out = [a.title, "=" * min(len(a.title), WIDTH), ""]
    out += [h["summary_heading"], ""]
    for line in a.summary:
        out += _wrap(line)
    out += ["", h["stage_heading"], ""]
    width = max(len(k) for k, _ in a.facts)
    out += [f"  {k:<{width}}  {v}" for k, v in a.facts]
    out += ["", h["contract_heading"], ""]
    for p in a.positions:
        mark = {"present": "✔", "weak": "!", "missing": "✘", "not_needed": "–"}[p.status]
        where = f" ({p.where})" if p.where else ""
        out += _wrap(f"{mark} {p.name}{where}: {p.meaning}")
        if p.quote:
            out += _wrap(f'"{p.quote}"', "    ")
    if a.law:
        out += ["", h["law_heading"], ""]
        for name, text in a.law:
            out += _wrap(f"{name}: {text}" if name else text, "  ")
    out += ["", h["timeline_heading"], ""]
    width = max(len(s.when) for s in a.timeline)
    for s in a.timeline:
        out += _wrap(f"{s.when:<{width}}  {s.text}", "  ")
        if s.rule:
            out += _wrap(f"↳ {s.rule}", "  " + " " * (width + 2))
    out += _wrap(a.timeline_note, "  ")
    out += ["", h["messages_heading"]]
    for i, m in enumerate(a.messages, 1):
        out += ["", f"{i}. {m.send_on} — {h['subject']}: {m.subject}", ""]
        for para in m.body.split("\n"):
            out += _wrap(para, "   ") if para else [""]
    out += ["", h["lessons_heading"], ""]
    out += _wrap(a.lessons_intro)
    out += [f"  - {name}" for name in a.lessons]
    if a.lessons_command:
        out += _wrap(a.lessons_command)
    out += ["", a.disclaimer, ""]
    return "\n".join(line.rstrip() for line in out)


def _md(text: str) -> str:
    for ch in "\\`*_<>|":
        text = text.replace(ch, "\\" + ch)
    return text


def render_markdown(a: Assessment) -> str:
    h = a.headings
    out = [f"# {_md(a.title)}", "", f"## {h['summary_heading']}", ""]
    out += [_md(line) + "\n" for line in a.summary]
    out += [f"## {h['stage_heading']}", "", "| | |", "|---|---|"]
    out += [f"| {_md(k)} | {_md(v)} |" for k, v in a.facts]
    out += ["", f"## {h['contract_heading']}", ""]
    for p in a.positions:
        mark = {"present": "✔", "weak": "!", "missing": "✘", "not_needed": "–"}[p.status]
        where = f" ({_md(p.where)})" if p.where else ""
        out.append(f"- {mark} **{_md(p.name)}**{where}: {_md(p.meaning)}")
        if p.quote:
            out += ["", f"  > {_md(p.quote)}", ""]
    if a.law:
        out += ["", f"## {h['law_heading']}", ""]
        out += [f"- **{_md(n)}**: {_md(t)}" if n else f"- {_md(t)}" for n, t in a.law]
    out += ["", f"## {h['timeline_heading']}", "", f"| {h['heading.date']} | {h['heading.step']} |", "|---|---|"]
    out += [f"| {s.when} | {_md(s.text)}{'<br>_' + _md(s.rule) + '_' if s.rule else ''} |" for s in a.timeline]
    out += ["", f"_{_md(a.timeline_note)}_", "", f"## {h['messages_heading']}"]
    for i, m in enumerate(a.messages, 1):
        out += ["", f"### {i}. {m.send_on} — {_md(m.subject)}", "", "```text", m.body, "```"]
    out += ["", f"## {h['lessons_heading']}", "", _md(a.lessons_intro), ""]
    out += [f"- {_md(name)}" for name in a.lessons]
    if a.lessons_command:
        label, cut, command = a.lessons_command.partition("ghostproof addendum")
        out += ["", _md(label) + code_span(cut + command)]
    out += ["", f"_{_md(a.disclaimer)}_", ""]
    return "\n".join(out)


_CSS = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1d2433; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #d6dbe4; }
table { border-collapse: collapse; } td, th { padding: .3rem .8rem .3rem 0; text-align: left; vertical-align: top; }
.present { color: #17672f; } .weak { color: #8a5a00; } .missing { color: #a4161a; } .not_needed { color: #555; }
blockquote { margin: .3rem 0 .8rem 1.2rem; color: #475066; font-family: Georgia, serif; }
pre { background: #f5f7fa; padding: .8rem; white-space: pre-wrap; border-radius: 6px; }
.note { color: #475066; font-size: .9rem; } code { background: #f5f7fa; padding: 0 .2rem; }
@media print { body { margin: 0; } pre { break-inside: avoid; } }
"""


def render_html(a: Assessment) -> str:
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{a.lang}">',
        "<head>",
        '<meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(a.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{e(a.title)}</h1>",
        *assessment_sections(a),
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out)


def assessment_sections(a: Assessment, *, commands: bool = True) -> list[str]:
    """The assessment's content without its page (the HTML file and the web page share it); headings start at h2.
    Without ``commands`` no command line is suggested (the web page has its own pages for that)."""
    e = html.escape
    h = a.headings
    out = [
        f'<h2 id="summary">{e(h["summary_heading"])}</h2>',
        *[f"<p>{e(line)}</p>" for line in a.summary],
        f"<h2>{e(h['stage_heading'])}</h2>",
        "<table>",
        *[f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in a.facts],
        "</table>",
        f"<h2>{e(h['contract_heading'])}</h2>",
        "<ul>",
    ]
    for p in a.positions:
        mark = {"present": "✔", "weak": "!", "missing": "✘", "not_needed": "–"}[p.status]
        where = f" ({e(p.where)})" if p.where else ""
        quote = f"<blockquote>{e(p.quote)}</blockquote>" if p.quote else ""
        out.append(
            f'<li data-clause="{p.clause}" data-status="{p.status}"><strong class="{p.status}">{mark} '
            f"{e(p.name)}</strong>{where}: {e(p.meaning)}{quote}</li>"
        )
    out.append("</ul>")
    if a.law:
        out += [f"<h2>{e(h['law_heading'])}</h2>", "<ul>"]
        out += [f"<li><strong>{e(n)}</strong>: {e(t)}</li>" if n else f"<li>{e(t)}</li>" for n, t in a.law]
        out.append("</ul>")
    out += [
        f"<h2>{e(h['timeline_heading'])}</h2>",
        f"<table><tr><th>{e(h['heading.date'])}</th><th>{e(h['heading.step'])}</th></tr>",
        *[
            f'<tr data-step="{s.key}"><td>{e(s.when)}</td><td>{e(s.text)}'
            + (f'<br><small class="rule">{e(s.rule)}</small>' if s.rule else "")
            + "</td></tr>"
            for s in a.timeline
        ],
        "</table>",
        f'<p class="note">{e(a.timeline_note)}</p>',
        f"<h2>{e(h['messages_heading'])}</h2>",
    ]
    for i, m in enumerate(a.messages, 1):
        out += [f"<h3>{i}. {e(m.send_on)} — {e(m.subject)}</h3>", f'<pre data-message="{m.key}">{e(m.body)}</pre>']
    out += [f"<h2>{e(h['lessons_heading'])}</h2>", f"<p>{e(a.lessons_intro)}</p>"]
    if a.lessons:
        out += ["<ul>", *[f"<li>{e(n)}</li>" for n in a.lessons], "</ul>"]
    if a.lessons_command and commands:
        out.append(f"<p><code>{e(a.lessons_command)}</code></p>")
    out.append(f'<p class="note">{e(a.disclaimer)}</p>')
    return out


def render_ics(a: Assessment) -> str:
    from .ics import render_ics as ics

    return ics(a)


def render_docx(a: Assessment) -> bytes:
    import docx

    h = a.headings
    doc = docx.Document()
    props = doc.core_properties
    props.author = "ghostproof"
    props.title = a.title
    props.language = a.lang
    props.created = props.modified = datetime(2026, 1, 1, tzinfo=UTC)
    doc.add_paragraph(a.title, style="Title")
    doc.add_paragraph(h["summary_heading"], style="Heading 1")
    for line in a.summary:
        doc.add_paragraph(line)
    doc.add_paragraph(h["stage_heading"], style="Heading 1")
    table = doc.add_table(rows=0, cols=2)
    for k, v in a.facts:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = k, v
    doc.add_paragraph(h["contract_heading"], style="Heading 1")
    for p in a.positions:
        para = doc.add_paragraph(style="List Bullet")
        para.add_run(p.name).bold = True
        para.add_run((f" ({p.where})" if p.where else "") + ": " + p.meaning)
        if p.quote:
            doc.add_paragraph(p.quote, style="Quote")
    if a.law:
        doc.add_paragraph(h["law_heading"], style="Heading 1")
        for name, text in a.law:
            para = doc.add_paragraph(style="List Bullet")
            if name:
                para.add_run(name + ": ").bold = True
            para.add_run(text)
    doc.add_paragraph(h["timeline_heading"], style="Heading 1")
    table = doc.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = h["heading.date"], h["heading.step"]
    for s in a.timeline:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = s.when, s.text
        if s.rule:
            cells[1].add_paragraph(s.rule).runs[0].italic = True
    doc.add_paragraph(a.timeline_note)
    doc.add_paragraph(h["messages_heading"], style="Heading 1")
    for i, m in enumerate(a.messages, 1):
        doc.add_paragraph(f"{i}. {m.send_on} — {m.subject}", style="Heading 2")
        for block in m.body.split("\n\n"):
            doc.add_paragraph(block)
    doc.add_paragraph(h["lessons_heading"], style="Heading 1")
    doc.add_paragraph(a.lessons_intro)
    for name in a.lessons:
        doc.add_paragraph(name, style="List Bullet")
    if a.lessons_command:
        doc.add_paragraph(a.lessons_command)
    doc.add_paragraph(a.disclaimer)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
