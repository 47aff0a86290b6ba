"""``ghostproof assess`` on the command line."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from . import options as opt

AssessFormat = StrEnum("AssessFormat", "text markdown html docx json ics")


class _AssessCommand(TyperCommand):
    """``assess --help`` ends with every field of a case file, read from the case model when help is shown (so
    the list cannot drift from what is validated, and pydantic is only imported then)."""

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        from ..assess.casefile import fields_help

        self.epilog = fields_help()
        super().format_epilog(ctx, formatter)


def assess(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="CASE",
            help="A case file (TOML; start from --template), or with --interactive the contract.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        AssessFormat | None,
        opt.option(
            "--format",
            "-f",
            help="text, markdown, html, docx, json or ics (default: from the -o file's ending, else text).",
        ),
    ] = None,
    output: opt.OutputOpt = None,
    force: opt.ForceOpt = False,
    interactive: Annotated[
        bool, typer.Option("--interactive", help="Ask the questions, save the case file, then assess.")
    ] = False,
    save: Annotated[
        Path | None, opt.option("--save", help="Where --interactive saves the case (default: CONTRACT.case.toml).")
    ] = None,
    template: Annotated[
        bool,
        typer.Option("--template", help="Print a case file to fill in (with --lang de: for a German contract)."),
    ] = False,
    template_lang: Annotated[
        opt.LangOpt, typer.Option("--lang", help="Language of the --template's defaults (en or de).")
    ] = opt.LangOpt.en,
    quiet: opt.QuietOpt = False,
) -> None:
    """Plan what to do when a client goes silent: dates, the contract's position and the messages to send.

    Examples:

    \b
      ghostproof assess --template > case.toml      (then fill it in)
      ghostproof assess case.toml
      ghostproof assess case.toml -o plan.docx
      ghostproof assess contract.pdf --interactive  (asks the questions, saves the case)
    """
    from ..commands.assess import AssessOptions, run_assess

    options = AssessOptions(path, fmt, output, force, interactive, save, opt.code(template_lang) if template else None)
    opt.run(lambda console: run_assess(options, console), quiet=quiet)


def register(app: typer.Typer) -> None:
    app.command(cls=_AssessCommand, short_help="Plan what to do when a client has gone silent.")(assess)
