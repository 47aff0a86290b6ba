"""The checklist as terminal text (a rich table), Markdown or JSON. Renderers take a :class:`Checklist` and return
a string; the words come from the word catalogue (and the audit's problem texts already in each reason)."""

from __future__ import annotations

import io
import json
import re
import shlex
from dataclasses import dataclass
from typing import Literal

from ..mdtext import code_span
from ..words import Words
from .evaluate import Checklist, ItemEvidence, ItemResult
from .items import ItemSet, load_items

Format = Literal["text", "markdown", "json"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "json")

#: characters of an evidence quote in the table
QUOTE_CHARS = 56
QUOTES = {"en": ("“", "”"), "de": ("„", "“")}
#: a section number at the start of a quote (the Where column has it) and signature lines, for display only
_LEADING_LABEL = re.compile(r"^(?:§\s*\d+\w*|\(?\d+(?:\.\d+)*\)|\d+(?:\.\d+)*\.?)\s+")
_RULE_LINE = re.compile(r"_{4,}")
STYLE = {"covered": "green", "confirmed": "green", "open": "red", "ask": "yellow"}


@dataclass(frozen=True)
class Line:
    """One item in words."""

    result: ItemResult
    name: str
    symbol: str
    #: covered, confirmed, open, or ask (open, and nothing in the contract could decide it)
    state: str
    status: str
    quote: str
    where: str
    reason: str
    why: str
    counts: str
    family: str | None


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def _display(text: str) -> str:
    text = _RULE_LINE.sub("___", _LEADING_LABEL.sub("", text, count=1))
    return re.sub(r"(\d) (%|EUR|USD|GBP|€)", "\\1\u00a0\\2", text)  # keep "30 %" on one line


def _where(ev: ItemEvidence | None, w: Words) -> str:
    return w.location(ev.page, ev.section) if ev is not None else ""


def lines(checklist: Checklist, items: ItemSet | None = None) -> list[Line]:
    items = items or load_items()
    lang = checklist.report_language
    w = Words(lang, "checklist")
    left, right = QUOTES[lang]
    out = []
    for r in checklist.items:
        item = items.item(r.id)
        state = r.status if r.status != "open" or r.source != "none" else "ask"
        symbol = {"covered": "✔", "confirmed": "✔", "open": "✘", "ask": "?"}[state]
        quote = f"{left}{shorten(_display(r.evidence.text), QUOTE_CHARS)}{right}" if r.evidence else ""
        reason = r.reason or (w("not_found") if r.status == "open" else "")
        out.append(
            Line(
                result=r,
                name=item.word(lang, "name") + (" *" if r.required else ""),
                symbol=symbol,
                state=state,
                status=w(f"status.{state}"),
                quote=quote,
                where=_where(r.evidence, w),
                reason=reason,
                # (an item the contract's type does not need says so in its reason; its "why" would not apply)
                why="" if r.reason == w("not_applicable") else item.word(lang, "why"),
                counts="" if r.reason == w("not_applicable") else item.word(lang, "counts"),
                family=item.family,
            )
        )
    return out


def heading(checklist: Checklist, items: ItemSet) -> str:
    w = Words(checklist.report_language, "checklist")
    if checklist.source is None:
        return f"{w('title')} — {w('no_contract')}"
    pages = "" if not checklist.pages else (w("page_one") if checklist.pages == 1 else w("pages", n=checklist.pages))
    from pathlib import Path

    return f"{w('title')} — " + w(
        "heading",
        name=Path(checklist.source).name,
        language=w(f"language.{checklist.language}"),
        source_type=(checklist.source_type or "").upper(),
        pages=pages,
    )


def verdict(checklist: Checklist, items: ItemSet) -> str:
    w = Words(checklist.report_language, "checklist")
    n = sum(r.required for r in checklist.items)
    if checklist.open_required:
        return w("verdict.open", open=len(checklist.open_required), n=n)
    return w("verdict.ok", n=n)


def pointers(checklist: Checklist, items: ItemSet) -> list[tuple[str, str, str]]:
    """(label, command, tail) lines that say how to close the open items."""
    w = Words(checklist.report_language, "checklist")
    open_items = checklist.open_items
    out: list[tuple[str, str, str]] = []
    if checklist.source is not None and any(items.item(r.id).family for r in open_items):
        out.append((w("fix"), f"ghostproof addendum {shlex.quote(checklist.source)}", ""))
    if any(r.source != "answer" for r in open_items):
        target = f" {shlex.quote(checklist.source)}" if checklist.source else ""
        out.append((w("ask"), f"ghostproof checklist{target} --interactive", w("ask_or")))
    return out


def render_text(checklist: Checklist, *, width: int = 100, color: bool = False, items: ItemSet | None = None) -> str:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from ..report.text import make_console

    items = items or load_items()
    w = Words(checklist.report_language, "checklist")
    buffer = io.StringIO()
    console = make_console(buffer, width=width, color=color)
    console.print(Text(heading(checklist, items), style="bold"))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    table.add_column(w("column.item"), no_wrap=True)
    table.add_column(w("column.status"), no_wrap=True)
    table.add_column(w("column.evidence"), ratio=1)
    table.add_column(w("column.where"), no_wrap=True)
    rows = lines(checklist, items)
    for line in rows:
        table.add_row(
            line.name,
            Text(f"{line.symbol} {line.status}", style=f"bold {STYLE[line.state]}"),
            line.quote,
            line.where,
        )
    console.print(table)
    console.print(Text(w("required_note"), style="dim"))
    console.print(Text(verdict(checklist, items), style="bold" if checklist.open_required else "bold green"))
    open_lines = [line for line in rows if line.result.status == "open"]
    if open_lines:
        from ..report.text import titled_grid

        grid = titled_grid(console, w("open_heading"))
        for line in open_lines:
            grid.add_row(
                Text(f" {line.symbol}", style=STYLE[line.state]),
                Text.assemble((line.name.removesuffix(" *"), "bold"), ": ", line.reason),
            )
            if line.why:
                grid.add_row("", Text.assemble((w("why") + ": ", "dim"), line.why))
                grid.add_row("", Text.assemble((w("counts") + ": ", "dim"), line.counts))
        console.print(grid)
    for label, command, tail in pointers(checklist, items):
        console.print(Text.assemble(label, " ", (command, "bold"), " " + tail if tail else ""), soft_wrap=True)
    console.print(Text(w("disclaimer"), style="italic"))
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))


def render_markdown(checklist: Checklist, *, items: ItemSet | None = None) -> str:
    from ..report.markdown import escape

    items = items or load_items()
    w = Words(checklist.report_language, "checklist")
    out = [f"# {escape(heading(checklist, items))}", "", f"**{escape(verdict(checklist, items))}**", ""]
    out.append(f"| {w('column.item')} | {w('column.status')} | {w('column.evidence')} | {w('column.where')} |")
    out.append("|---|---|---|---|")
    rows = lines(checklist, items)
    for line in rows:
        name = escape(line.name.removesuffix(" *")) + (" \\*" if line.result.required else "")
        out.append(f"| {name} | {line.symbol} {escape(line.status)} | {escape(line.quote)} | {escape(line.where)} |")
    out += ["", f"_{escape(w('required_note'))}_", ""]
    open_lines = [line for line in rows if line.result.status == "open"]
    if open_lines:
        out += [f"**{escape(w('open_heading'))}**", ""]
        for line in open_lines:
            out.append(f"- {line.symbol} **{escape(line.name.removesuffix(' *'))}**: {escape(line.reason)}")
            if line.why:
                out.append(f"  - {escape(w('why'))}: {escape(line.why)}")
                out.append(f"  - {escape(w('counts'))}: {escape(line.counts)}")
        out.append("")
    for label, command, tail in pointers(checklist, items):
        out += [f"{escape(label)} {code_span(command)}" + (f" {escape(tail)}" if tail else ""), ""]
    cited = [line for line in rows if line.result.evidence and line.result.status != "open"]
    if cited:
        out += [f"**{escape(w('evidence_heading'))}**", ""]
        for line in cited:
            ev = line.result.evidence
            assert ev is not None
            where = f" ({escape(line.where)})" if line.where else ""
            out += [f"- {escape(line.name.removesuffix(' *'))}{where}:", "", f"  > {escape(ev.text)}", ""]
    out += [f"_{escape(w('disclaimer'))}_", ""]
    return "\n".join(out)


def render_json(checklist: Checklist) -> str:
    return json.dumps(checklist.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render(checklist: Checklist, fmt: Format, *, width: int = 100, color: bool = False) -> str:
    """The checklist as a string in ``fmt``; ``width``/``color`` apply to the terminal text only."""
    if fmt == "json":
        return render_json(checklist)
    if fmt == "markdown":
        return render_markdown(checklist)
    return render_text(checklist, width=width, color=color)
