"""``ghostproof extract`` on the command line."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from .options import (
    ContractArg,
    ForceOpt,
    LangOption,
    MaxCharsOpt,
    MaxSizeOpt,
    OutputOpt,
    PasswordOpt,
    QuietOpt,
    chars,
    code,
    run,
    size,
)


class ExtractFormat(StrEnum):
    text = "text"
    json = "json"


def extract(
    file: ContractArg,
    fmt: Annotated[
        ExtractFormat | None,
        typer.Option(
            "--format", "-f", help="text or json (default: from the -o file's ending, else text).", show_default=False
        ),
    ] = None,
    password: PasswordOpt = None,
    lang: LangOption = None,
    max_size: MaxSizeOpt = "50MB",
    max_chars: MaxCharsOpt = "5M",
    output: OutputOpt = None,
    force: ForceOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Show the text ghostproof reads from a contract, or its located blocks as JSON.

    Example: ghostproof extract contract.pdf --format json -o contract.json
    """
    from ..commands.extract import ExtractOptions, run_extract

    def options() -> ExtractOptions:
        return ExtractOptions(
            file,
            format=fmt.value if fmt else None,
            output=output,
            force=force,
            password=password,
            lang=code(lang),
            max_size=size(max_size),
            max_chars=chars(max_chars),
        )

    # the summary line is for a person: not when the text is piped on and nobody watches stderr
    hush = quiet or (output is None and not sys.stderr.isatty())
    run(lambda console: run_extract(options(), console), quiet=hush)


def register(app: typer.Typer) -> None:
    app.command(short_help="Show the text ghostproof reads from a contract.")(extract)
