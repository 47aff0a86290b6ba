"""What the commands share on the command line: the options defined once, the console on stdin/stderr, and how a
command's outcome is printed."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from ..errors import E_BAD_OPTION, GhostproofError

if TYPE_CHECKING:
    from ..commands.base import Console, Outcome
    from ..ingest import Reading
    from ..model import Lang


class LangOpt(StrEnum):
    en = "en"
    de = "de"


def option(*names: str, help: str, metavar: str | None = None) -> Any:
    """An option whose default is not worth showing (the help says what happens without it)."""
    return typer.Option(*names, help=help, metavar=metavar, show_default=False)


def require(what: str, defaults: str) -> Any:
    """``--require``: ids that must be covered, with the same wording for clauses and checklist items."""
    return option("--require", metavar="IDS", help=f"{what}, comma-separated, or all / none (default: {defaults}).")


def argument(metavar: str, help: str) -> Any:
    """A positional argument named ``metavar`` in the help; its path is checked by the command, not by click."""
    return typer.Argument(metavar=metavar, help=help, show_default=False, readable=False)


def code(lang: LangOpt | None) -> Lang | None:
    """The language code of a ``--lang`` option."""
    return None if lang is None else "de" if lang is LangOpt.de else "en"


PasswordOpt = Annotated[str | None, option("--password", metavar="PASSWORD", help="Password of an encrypted PDF.")]
LangOption = Annotated[LangOpt | None, option("--lang", help="Contract language (default: detected from the text).")]
ReportLangOpt = Annotated[
    LangOpt | None, option("--report-lang", help="Language of the report (default: the contract's).")
]
MaxSizeOpt = Annotated[
    str, typer.Option("--max-size", metavar="SIZE", help="Refuse input files larger than this, e.g. 50MB or 500KB.")
]
MaxCharsOpt = Annotated[
    str,
    typer.Option(
        "--max-chars", metavar="N", help="Refuse texts longer than this many characters (reading stops there), e.g. 5M."
    ),
]
NoOcrOpt = Annotated[
    bool,
    typer.Option("--no-ocr", help="Do not read scanned PDF pages by OCR (they are reported as having no text)."),
]
MaxPagesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-pages",
        metavar="N",
        min=1,
        help="Refuse PDFs with more pages than this (default 2000) or more scanned pages to OCR (default 100).",
        show_default=False,
    ),
]
OutputOpt = Annotated[Path | None, option("-o", "--output", help="Write to this file instead of stdout.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite the output file if it exists.")]
ContractArg = Annotated[Path, argument("CONTRACT", "Contract file: .pdf, .docx, .txt or .md")]
QuietOpt = Annotated[bool, typer.Option("-q", "--quiet", help="No progress or notes on stderr.")]
SetOpt = Annotated[
    list[str] | None,
    option("--set", metavar="KEY=VALUE", help="A clause parameter, e.g. --set review_days=10 (repeatable)."),
]
VariantOpt = Annotated[
    str | None, option("--variant", metavar="balanced|firm", help="The wording (default: balanced).")
]


def _parsed(parse: Callable[[str], int], name: str, raw: str, wrong: str, hint: str) -> int:
    try:
        return parse(raw)
    except ValueError:
        raise GhostproofError(E_BAD_OPTION, f"{name} {raw!r} {wrong}", hint=hint) from None


def reading(
    password: str | None,
    lang: LangOpt | None,
    max_size: str,
    max_chars: str,
    no_ocr: bool = False,
    max_pages: int | None = None,
) -> Reading:
    """The reading options (``--password``, ``--lang``, ``--max-size``, ``--max-chars``, ``--no-ocr``,
    ``--max-pages``) parsed."""
    from ..ingest import Reading, parse_count, parse_size

    size = _parsed(parse_size, "--max-size", max_size, "is not a file size", "use e.g. 50MB, 500KB or 2GB")
    chars = _parsed(parse_count, "--max-chars", max_chars, "is not a number of characters", "use e.g. 5M or 8000000")
    return Reading(
        password=password, lang=code(lang), max_size=size, max_chars=chars, ocr=not no_ocr, max_pages=max_pages
    )


def _stderr(message: str) -> None:
    sys.stderr.write(message + "\n")


def _silent(message: str) -> None:
    return None


def _ask(question: str, default: str | None) -> str:
    return str(typer.prompt(question, default=default, err=True, show_default=bool(default)))


def _confirm(question: str) -> bool:
    return bool(typer.confirm(question, default=False, err=True))


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
        width=max(60, min(shutil.get_terminal_size((100, 24)).columns, 160)),
        color=not os.environ.get("NO_COLOR"),
    )


def fail(err: GhostproofError) -> NoReturn:
    sys.stderr.write(f"ghostproof: {err.line()}\n")
    raise typer.Exit(err.exit_code)


def run(command: Callable[[Console], Outcome], *, quiet: bool = False) -> None:
    """Run a command with the shell's console (the options are parsed inside ``command``, so a bad value is an
    error line too): its output to stdout, its errors as one line, its exit code."""
    try:
        outcome = command(console(quiet))
    except GhostproofError as err:
        fail(err)
    if outcome.stdout is not None:
        sys.stdout.write(outcome.stdout)
    if outcome.exit_code:
        raise typer.Exit(outcome.exit_code)
