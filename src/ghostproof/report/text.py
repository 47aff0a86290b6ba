"""The terminal report: a rich table per contract, why each gap matters, a summary table for batches."""

from __future__ import annotations

import io
import shlex
from typing import IO

from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from ..findings import FAMILIES
from . import Report
from .view import DocumentView, Row

STYLE = {"present": "green", "weak": "yellow", "missing": "red", "not_needed": "dim"}


def titled_grid(console: Console, title: str) -> Table:
    """A blank line, ``title`` in bold, and a two-column grid (a narrow mark, then text that wraps) to fill in."""
    console.print()
    console.print(Text(title, style="bold"))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    return grid


def _status(row_status: str, symbol: str, label: str) -> Text:
    return Text(f"{symbol} {label}", style=f"bold {STYLE[row_status]}")


def _document(console: Console, view: DocumentView, report: Report) -> None:
    w = view.words
    console.print(Text(view.heading, style="bold"))
    if view.not_contract:
        console.print(Text(f"! {view.not_contract}", style="bold yellow"))
    for said in view.circumstances:
        console.print(Text(said, style="dim"))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    table.add_column(w("column.clause"), no_wrap=True)
    table.add_column(w("column.status"), no_wrap=True)
    table.add_column(w("column.facts"), ratio=1)
    table.add_column(w("column.where"), no_wrap=True)
    for row in view.rows:
        table.add_row(
            row.name + (" *" if row.required else ""),
            _status(row.status, row.symbol, row.status_label),
            ", ".join(row.facts),
            row.where,
        )
    console.print(table)
    console.print(Text(w("required_note"), style="dim"))
    style = "bold green" if not (view.missing_required or view.weak_required) else "bold"
    console.print(Text(view.verdict, style=style))
    for row in view.rows:
        if row.uncertain:
            line = Text.assemble(
                ("? ", "bold yellow"), (row.name, "bold"), ": ", w("uncertain", names=", ".join(row.uncertain))
            )
            console.print(line)
    if report.explain and any(row.sources for row in view.rows):
        grid = titled_grid(console, w("sources_heading"))
        for row in view.rows:
            for src in row.sources:
                words = " ".join(src.text.split())
                grid.add_row(
                    Text(f" {row.symbol}", style=STYLE[row.status]),
                    Text.assemble((row.name, "bold"), f" · {src.facts}: “{words}” ", (f"({src.where})", "dim")),
                )
        console.print(grid)
    # in a batch the general "why" of a missing clause is said once, after the summary; weak ones stay here
    gaps = [r for r in view.gaps if r.status == "weak" or not report.batch]
    if gaps:
        grid = titled_grid(console, w("why_heading"))
        for row in gaps:
            _why(grid, row)
        console.print(grid)
    if view.fix and view.fix_command:
        console.print(Text.assemble(view.fix, " ", (view.fix_command, "bold")), soft_wrap=True)


def _why(grid: Table, row: Row) -> None:
    line = Text()
    line.append(row.name, style="bold")
    line.append(": ")
    line.append(" ".join(m for _c, m in row.problems) if row.problems else (row.why or ""))
    grid.add_row(Text(f" {row.symbol}", style=STYLE[row.status]), line)


def _summary(console: Console, report: Report, *, terminal: bool) -> None:
    """The contracts x clauses table. On a terminal long file names fold to fit its width; in a file or a pipe
    every name stays on one line (the table is as wide as it needs to be), so it can be searched and copied."""
    w = report.words
    console.print(Text(w("summary_heading") + " — " + w("batch.heading", n=len(report.documents)), style="bold"))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 0))
    longest = max([len(v.source) for v in report.documents] + [len(f.path) for f in report.failed] + [8])
    if terminal:
        table.add_column(w("column.contract"), overflow="fold", min_width=min(longest, 20))
    else:
        table.add_column(w("column.contract"), no_wrap=True, min_width=longest)
    families = FAMILIES
    for clause in families:
        table.add_column(
            w(f"short.{clause}") + ("*" if clause in report.required else ""), justify="center", no_wrap=True
        )
    table.add_column(w("result_column"), min_width=9)
    for view in report.documents:
        cells = [_status_cell(r) for r in view.rows]
        style = "green" if not (view.missing_required or view.weak_required) else ""
        table.add_row(view.source, *cells, Text(view.short_verdict, style=style))
    for failed in report.failed:
        table.add_row(failed.path, *([Text("–", style="dim")] * len(families)), Text(w("batch.unreadable"), "red"))
    if terminal:
        console.print(table)
    else:  # a console as wide as the table, writing into the same buffer
        need = Measurement.get(console, console.options.update(width=10_000), table).maximum
        wide = make_console(console.file, width=max(console.width, need), color=console.color_system is not None)
        wide.print(table)
    legend = ", ".join(f"{w(f'short.{c}')} = {w(f'family.{c}')}" for c in families)
    console.print(Text(f"{w('required_note')}; {w('short_legend')}: {legend}", style="dim"))
    if report.failed:
        console.print(Text(w("batch.failed", n=len(report.failed)), style="bold red"))
    missing = [c for c in FAMILIES if any(_missing(v, c) for v in report.documents)]
    if missing:
        grid = titled_grid(console, w("why_legend"))
        for clause in missing:
            grid.add_row(
                Text(" ✘", style="red"), Text.assemble((w(f"family.{clause}"), "bold"), ": ", w(f"why.{clause}"))
            )
        console.print(grid)


def _missing(view: DocumentView, clause: str) -> bool:
    return any(r.clause == clause and r.status == "missing" for r in view.rows)


def _status_cell(row: Row) -> Text:
    return Text(row.symbol, style=f"bold {STYLE[row.status]}")


def make_console(buffer: IO[str], *, width: int, color: bool) -> Console:
    """A rich console that writes a report into ``buffer``: fixed width, colour only when asked for."""
    return Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )


def render_text(report: Report, *, width: int = 100, color: bool = False, terminal: bool = False) -> str:
    buffer = io.StringIO()
    console = make_console(buffer, width=width, color=color)
    w = report.words
    for i, view in enumerate(report.documents):
        if i:
            console.print()
            console.rule(style="dim")
        _document(console, view, report)
    if report.batch:
        console.print()
        _summary(console, report, terminal=terminal)
    if report.documents:
        console.print()
        first = report.documents[0].source if len(report.documents) == 1 else "CONTRACT"
        hint = f"ghostproof audit {shlex.quote(first)} --format html -o report.html"
        console.print(Text(w("evidence_hint", command=hint), style="dim"), soft_wrap=True)
    console.print(Text(w("disclaimer"), style="italic"))
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))
