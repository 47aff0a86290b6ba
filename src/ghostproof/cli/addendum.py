"""``ghostproof addendum`` and ``ghostproof review`` on the command line: the two commands that write clauses."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .options import (
    ContractArg,
    ForceOpt,
    LangOption,
    MaxCharsOpt,
    MaxSizeOpt,
    PasswordOpt,
    QuietOpt,
    SetOpt,
    VariantOpt,
    chars,
    code,
    run,
    size,
)


class AddendumFormat(StrEnum):
    docx = "docx"
    markdown = "markdown"


def addendum(
    file: ContractArg,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="The addendum file (default: CONTRACT-addendum.docx in the current folder; a .md name writes "
            "Markdown; with -f markdown and no -o, Markdown goes to stdout).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        AddendumFormat | None,
        typer.Option("--format", "-f", help="docx or markdown (default: from the -o name; docx).", show_default=False),
    ] = None,
    assign: SetOpt = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", help="Engagement file (TOML): [params], [agreement], variant, all.", show_default=False
        ),
    ] = None,
    variant: VariantOpt = None,
    include_all: Annotated[
        bool, typer.Option("--all", help="Add every clause, not only missing and weak ones.")
    ] = False,
    notes: Annotated[
        bool, typer.Option("--notes", help="Add each clause's drafting note (for you, not the client).")
    ] = False,
    password: PasswordOpt = None,
    lang: LangOption = None,
    max_size: MaxSizeOpt = "50MB",
    max_chars: MaxCharsOpt = "5M",
    force: ForceOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Write an addendum to a contract that adds the protective clauses it is missing.

    Example: ghostproof addendum contract.pdf --set hourly_rate=95 -o addendum.docx
    """
    from ..commands.addendum import AddendumOptions, run_addendum

    def options() -> AddendumOptions:
        return AddendumOptions(
            file,
            output=output,
            format=fmt.value if fmt else None,
            assign=tuple(assign or ()),
            config=config,
            variant=variant,
            include_all=include_all,
            notes=notes,
            password=password,
            lang=code(lang),
            max_size=size(max_size),
            max_chars=chars(max_chars),
            force=force,
        )

    run(lambda console: run_addendum(options(), console), quiet=quiet)


def review(
    file: Annotated[
        Path, typer.Argument(metavar="CONTRACT.docx", help="The contract as a Word .docx file.", show_default=False)
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="The review copy (default: CONTRACT.reviewed.docx in the current folder).",
            show_default=False,
        ),
    ] = None,
    author: Annotated[str, typer.Option("--author", help="Author of the comments and tracked changes.")] = "ghostproof",
    no_insert: Annotated[
        bool, typer.Option("--no-insert", help="Comments only: no suggested clauses as tracked insertions.")
    ] = False,
    assign: SetOpt = None,
    variant: VariantOpt = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Date of the comments and changes, ISO 8601 (default: now, UTC), e.g. 2026-03-01T09:00:00Z.",
            show_default=False,
        ),
    ] = None,
    listing: Annotated[
        bool, typer.Option("--list", help="Print every comment and insertion of the copy with its anchor text.")
    ] = False,
    lang: LangOption = None,
    max_size: MaxSizeOpt = "50MB",
    max_chars: MaxCharsOpt = "5M",
    force: ForceOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Write a Word review copy: a comment on every finding, the suggested clauses as tracked insertions.

    The contract itself is never changed.

    Example: ghostproof review contract.docx --set hourly_rate=95 --list
    """
    from ..commands.review import ReviewOptions, run_review

    def options() -> ReviewOptions:
        return ReviewOptions(
            file,
            output=output,
            author=author,
            insert=not no_insert,
            assign=tuple(assign or ()),
            variant=variant,
            date=date,
            listing=listing,
            lang=code(lang),
            max_size=size(max_size),
            max_chars=chars(max_chars),
            force=force,
        )

    run(lambda console: run_review(options(), console), quiet=quiet)


def register(app: typer.Typer) -> None:
    app.command(short_help="Write an addendum that adds the missing clauses.")(addendum)
    app.command(short_help="Write a Word review copy with comments and suggestions.")(review)
