"""What the commands share on the command line: the options defined once, the console on stdin/stderr, and how a
command's outcome is printed."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from ..errors import E_BAD_OPTION, GhostproofError

if TYPE_CHECKING:
    from ..commands.base import Console, Outcome
    from ..model import Lang


class LangOpt(StrEnum):
    en = "en"
    de = "de"


def code(lang: LangOpt | None) -> Lang | None:
    """The language code of a ``--lang`` option."""
    return None if lang is None else "de" if lang is LangOpt.de else "en"


PasswordOpt = Annotated[
    str | None,
    typer.Option("--password", metavar="PASSWORD", help="Password of an encrypted PDF.", show_default=False),
]
LangOption = Annotated[
    LangOpt | None,
    typer.Option("--lang", help="Contract language (default: detected from the text).", show_default=False),
]
MaxSizeOpt = Annotated[
    str, typer.Option("--max-size", metavar="SIZE", help="Refuse input files larger than this, e.g. 50MB or 500KB.")
]
MaxCharsOpt = Annotated[
    str,
    typer.Option(
        "--max-chars",
        metavar="N",
        help="Refuse texts longer than this many characters (reading stops there), e.g. 5M.",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("-o", "--output", help="Write to this file instead of stdout.", show_default=False),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite the output file if it exists.")]
ContractArg = Annotated[
    Path, typer.Argument(help="Contract file: .pdf, .docx, .txt or .md", show_default=False, readable=False)
]
QuietOpt = Annotated[bool, typer.Option("-q", "--quiet", help="No progress or notes on stderr.")]
SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        metavar="KEY=VALUE",
        help="A clause parameter, e.g. --set review_days=10 (repeatable).",
        show_default=False,
    ),
]
VariantOpt = Annotated[
    str | None,
    typer.Option("--variant", metavar="balanced|firm", help="The wording (default: balanced).", show_default=False),
]
ReportLangOpt = Annotated[
    LangOpt | None,
    typer.Option("--report-lang", help="Language of the report (default: the contract's).", show_default=False),
]


def size(max_size: str) -> int:
    """``--max-size`` in bytes."""
    from ..ingest import parse_size

    try:
        return parse_size(max_size)
    except ValueError:
        raise GhostproofError(
            E_BAD_OPTION, f"--max-size {max_size!r} is not a file size", hint="use e.g. 50MB, 500KB or 2GB"
        ) from None


def chars(max_chars: str) -> int:
    """``--max-chars`` as a number of characters."""
    from ..ingest import parse_count

    try:
        return parse_count(max_chars)
    except ValueError:
        raise GhostproofError(
            E_BAD_OPTION, f"--max-chars {max_chars!r} is not a number of characters", hint="use e.g. 5M or 8000000"
        ) from None


def _stderr(message: str) -> None:
    sys.stderr.write(message + "\n")


def _silent(message: str) -> None:
    return None


def _ask(question: str, default: str | None) -> str:
    return str(typer.prompt(question, default=default, err=True, show_default=bool(default)))


def _confirm(question: str) -> bool:
    return bool(typer.confirm(question, default=False, err=True))


def terminal_width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 160))


def console(quiet: bool) -> Console:
    """The console of a command run from a shell: notes on stderr (none with ``-q``), questions only when a person
    is at a terminal (stdin and stderr), a progress bar only on a terminal."""
    from ..commands.base import Console
    from .progress import Bar

    person = sys.stdin.isatty() and sys.stderr.isatty()
    return Console(
        note=_silent if quiet else _stderr,
        warn=_stderr,
        tell=_stderr,
        ask=_ask if person else None,
        confirm=_confirm if person else None,
        progress=None if quiet or not sys.stderr.isatty() else Bar,
        terminal=sys.stdout.isatty(),
        width=terminal_width(),
        color=not os.environ.get("NO_COLOR"),
    )


def fail(err: GhostproofError) -> NoReturn:
    sys.stderr.write(f"ghostproof: {err.line()}\n")
    raise typer.Exit(err.exit_code)


def run(command: Callable[[Console], Outcome], *, quiet: bool = False) -> None:
    """Run a command with the shell's console: its output to stdout, its errors as one line, its exit code."""
    try:
        outcome = command(console(quiet))
    except GhostproofError as err:
        fail(err)
    if outcome.stdout is not None:
        sys.stdout.write(outcome.stdout)
    if outcome.exit_code:
        raise typer.Exit(outcome.exit_code)
