"""``ghostproof addendum`` and ``ghostproof review`` on the command line: the two commands that write clauses."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import options as opt

AddendumFormat = StrEnum("AddendumFormat", "docx markdown")


def addendum(
    file: opt.ContractArg,
    output: Annotated[
        Path | None,
        opt.option(
            "-o",
            "--output",
            help="The addendum file (default: CONTRACT-addendum.docx in the current folder; a .md name writes "
            "Markdown; with -f markdown and no -o, Markdown goes to stdout).",
        ),
    ] = None,
    fmt: Annotated[
        AddendumFormat | None, opt.option("--format", "-f", help="docx or markdown (default: from the -o name; docx).")
    ] = None,
    assign: opt.SetOpt = None,
    config: Annotated[
        Path | None, opt.option("--config", help="Engagement file (TOML): [params], [agreement], variant, all.")
    ] = None,
    variant: opt.VariantOpt = None,
    include_all: Annotated[
        bool, typer.Option("--all", help="Add every clause, not only missing and weak ones.")
    ] = False,
    notes: Annotated[
        bool, typer.Option("--notes", help="Add each clause's drafting note (for you, not the client).")
    ] = False,
    password: opt.PasswordOpt = None,
    lang: opt.LangOption = None,
    max_size: opt.MaxSizeOpt = "50MB",
    max_chars: opt.MaxCharsOpt = "5M",
    no_ocr: opt.NoOcrOpt = False,
    max_pages: opt.MaxPagesOpt = None,
    force: opt.ForceOpt = False,
    quiet: opt.QuietOpt = False,
) -> None:
    """Write an addendum to a contract that adds the protective clauses it is missing.

    Example: ghostproof addendum contract.pdf --set hourly_rate=95 -o addendum.docx
    """
    from ..commands.addendum import AddendumOptions, run_addendum

    def options() -> AddendumOptions:
        reading = opt.reading(password, lang, max_size, max_chars, no_ocr, max_pages)
        return AddendumOptions(
            file, output, force, reading, fmt, tuple(assign or ()), config, variant, include_all, notes
        )

    opt.run(lambda console: run_addendum(options(), console), quiet=quiet)


def review(
    file: Annotated[Path, opt.argument("CONTRACT.docx", "The contract as a Word .docx file.")],
    output: Annotated[
        Path | None,
        opt.option("-o", "--output", help="The review copy (default: CONTRACT.reviewed.docx in the current folder)."),
    ] = None,
    author: Annotated[str, typer.Option("--author", help="Author of the comments and tracked changes.")] = "ghostproof",
    no_insert: Annotated[
        bool, typer.Option("--no-insert", help="Comments only: no suggested clauses as tracked insertions.")
    ] = False,
    assign: opt.SetOpt = None,
    variant: opt.VariantOpt = None,
    date: Annotated[
        str | None,
        opt.option(
            "--date",
            help="Date of the comments and changes, ISO 8601 (default: now, UTC), e.g. 2026-03-01T09:00:00Z.",
        ),
    ] = None,
    listing: Annotated[
        bool, typer.Option("--list", help="Print every comment and insertion of the copy with its anchor text.")
    ] = False,
    lang: opt.LangOption = None,
    max_size: opt.MaxSizeOpt = "50MB",
    max_chars: opt.MaxCharsOpt = "5M",
    no_ocr: opt.NoOcrOpt = False,
    max_pages: opt.MaxPagesOpt = None,
    force: opt.ForceOpt = False,
    quiet: opt.QuietOpt = False,
) -> None:
    """Write a Word review copy: a comment on every finding, the suggested clauses as tracked insertions.

    The contract itself is never changed.

    Example: ghostproof review contract.docx --set hourly_rate=95 --list
    """
    from ..commands.review import ReviewOptions, run_review

    def options() -> ReviewOptions:
        reading = opt.reading(None, lang, max_size, max_chars, no_ocr, max_pages)
        return ReviewOptions(
            file, output, force, reading, author, not no_insert, tuple(assign or ()), variant, date, listing
        )

    opt.run(lambda console: run_review(options(), console), quiet=quiet)


def register(app: typer.Typer) -> None:
    app.command(short_help="Write an addendum that adds the missing clauses.")(addendum)
    app.command(short_help="Write a Word review copy with comments and suggestions.")(review)
