"""``ghostproof checklist`` on the command line."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import options as opt

ChecklistFormat = StrEnum("ChecklistFormat", "text markdown json")


def checklist(
    contract: Annotated[
        Path | None,
        opt.argument(
            "CONTRACT", "Contract file (.pdf, .docx, .txt, .md); without it every item is asked or listed open."
        ),
    ] = None,
    fmt: Annotated[
        ChecklistFormat | None,
        opt.option("--format", "-f", help="text, markdown or json (default: from the -o file's ending, else text)."),
    ] = None,
    interactive: Annotated[
        bool, typer.Option("--interactive", "-i", help="Ask yes/no on the terminal for each open item.")
    ] = False,
    answers: Annotated[
        Path | None,
        opt.option(
            "--answers", metavar="FILE", help="Answers for open items, for scripts (TOML: item_id = true/false)."
        ),
    ] = None,
    require: Annotated[
        list[str] | None,
        opt.require(
            "Items that must be covered",
            "written_contract, payment_schedule, deemed_acceptance, hourly_conversion, termination_pays",
        ),
    ] = None,
    output: opt.OutputOpt = None,
    force: opt.ForceOpt = False,
    lang: opt.LangOption = None,
    report_lang: opt.ReportLangOpt = None,
    password: opt.PasswordOpt = None,
    max_size: opt.MaxSizeOpt = "50MB",
    max_chars: opt.MaxCharsOpt = "5M",
    no_ocr: opt.NoOcrOpt = False,
    max_pages: opt.MaxPagesOpt = None,
    quiet: opt.QuietOpt = False,
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
        reading = opt.reading(password, lang, max_size, max_chars, no_ocr, max_pages)
        return ChecklistOptions(
            contract, fmt, output, force, require, answers, interactive, opt.code(report_lang), reading
        )

    opt.run(lambda console: run_checklist(options(), console), quiet=quiet)


def register(app: typer.Typer) -> None:
    app.command(short_help="Run the checklist before you start work for a client.")(checklist)
