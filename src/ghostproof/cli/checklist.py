"""``ghostproof checklist`` on the command line."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .options import (
    ForceOpt,
    LangOption,
    MaxCharsOpt,
    MaxSizeOpt,
    OutputOpt,
    PasswordOpt,
    QuietOpt,
    ReportLangOpt,
    chars,
    code,
    run,
    size,
)


class ChecklistFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


def checklist(
    contract: Annotated[
        Path | None,
        typer.Argument(
            help="Contract file (.pdf, .docx, .txt, .md); without it every item is asked or listed open.",
            show_default=False,
            readable=False,
            metavar="CONTRACT",
        ),
    ] = None,
    fmt: Annotated[
        ChecklistFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text, markdown or json (default: from the -o file's ending, else text).",
            show_default=False,
        ),
    ] = None,
    interactive: Annotated[
        bool, typer.Option("--interactive", "-i", help="Ask yes/no on the terminal for each open item.")
    ] = False,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Answers for open items, for scripts (TOML: item_id = true/false).",
            show_default=False,
        ),
    ] = None,
    require: Annotated[
        list[str] | None,
        typer.Option(
            "--require",
            metavar="IDS",
            help="Items that must be covered, comma-separated, or all / none (default: written_contract, "
            "payment_schedule, deemed_acceptance, hourly_conversion, termination_pays).",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOption = None,
    report_lang: ReportLangOpt = None,
    password: PasswordOpt = None,
    max_size: MaxSizeOpt = "50MB",
    max_chars: MaxCharsOpt = "5M",
    quiet: QuietOpt = False,
) -> None:
    """Run the pre-engagement checklist: ticked from the contract where it can be, the rest asked or listed open.

    Exit code 1 when a required item is open, so it can gate a script.

    Examples:

    \b
      ghostproof checklist contract.pdf
      ghostproof checklist contract.pdf --interactive
      ghostproof checklist contract.pdf --answers answers.toml -o checklist.json
    """
    from ..commands.checklist import ChecklistOptions, run_checklist

    def options() -> ChecklistOptions:
        return ChecklistOptions(
            contract,
            format=fmt.value if fmt else None,
            output=output,
            force=force,
            require=require,
            answers=answers,
            interactive=interactive,
            lang=code(lang),
            report_lang=code(report_lang),
            password=password,
            max_size=size(max_size),
            max_chars=chars(max_chars),
        )

    run(lambda console: run_checklist(options(), console), quiet=quiet)


def register(app: typer.Typer) -> None:
    app.command(short_help="Run the checklist before you start work for a client.")(checklist)
