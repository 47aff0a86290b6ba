"""``ghostproof extract`` on the command line."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from . import options as opt

ExtractFormat = StrEnum("ExtractFormat", "text json")


def extract(
    file: opt.ContractArg,
    fmt: Annotated[
        ExtractFormat | None,
        opt.option("--format", "-f", help="text or json (default: from the -o file's ending, else text)."),
    ] = None,
    password: opt.PasswordOpt = None,
    lang: opt.LangOption = None,
    max_size: opt.MaxSizeOpt = "50MB",
    max_chars: opt.MaxCharsOpt = "5M",
    no_ocr: opt.NoOcrOpt = False,
    max_pages: opt.MaxPagesOpt = None,
    output: opt.OutputOpt = None,
    force: opt.ForceOpt = False,
    quiet: opt.QuietOpt = False,
) -> None:
    """Show the text ghostproof reads from a contract, or its located blocks as JSON.

    Example: ghostproof extract contract.pdf --format json -o contract.json
    """
    from ..commands.extract import ExtractOptions, run_extract

    def options() -> ExtractOptions:
        return ExtractOptions(
            file, output, force, opt.reading(password, lang, max_size, max_chars, no_ocr, max_pages), format=fmt
        )

    # the summary line is for a person: not when the text is piped on and nobody watches stderr
    opt.run(
        lambda console: run_extract(options(), console), quiet=quiet or (output is None and not sys.stderr.isatty())
    )


def register(app: typer.Typer) -> None:
    app.command(short_help="Show the text ghostproof reads from a contract.")(extract)
