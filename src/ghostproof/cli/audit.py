"""``ghostproof audit`` on the command line."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .options import (
    ForceOpt,
    LangOpt,
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


class AuditFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    html = "html"
    json = "json"
    jsonl = "jsonl"


class FailOn(StrEnum):
    missing = "missing"
    weak = "weak"


def audit(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Contract files (.pdf, .docx, .txt, .md), folders (searched recursively) or glob patterns.",
            show_default=False,
            metavar="CONTRACT",
        ),
    ],
    fmt: Annotated[
        AuditFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text, markdown, html, json or jsonl (default: from the -o file's ending — .txt, .md, .html, "
            ".json, .jsonl — else text).",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOption = None,
    report_lang: Annotated[
        LangOpt | None,
        typer.Option(
            "--report-lang",
            help="Language of the report (default: the contracts' language; English for a mixed batch).",
            show_default=False,
        ),
    ] = None,
    require: Annotated[
        list[str] | None,
        typer.Option(
            "--require",
            metavar="IDS",
            help="Clauses a contract must have, comma-separated, or all / none (default: deemed_acceptance, "
            "hourly_conversion, termination, payment_terms).",
            show_default=False,
        ),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="Exit with code 1 when a required clause is missing (or missing or weak).",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", metavar="N", help="Contracts to read in parallel (processes).")
    ] = 1,
    addenda: Annotated[
        list[Path] | None,
        typer.Option(
            "--addendum",
            metavar="FILE",
            help="An addendum signed to the contract (repeatable, in order): the contract is audited as amended.",
            show_default=False,
        ),
    ] = None,
    password: PasswordOpt = None,
    max_size: MaxSizeOpt = "50MB",
    max_chars: MaxCharsOpt = "5M",
    quiet: QuietOpt = False,
) -> None:
    """Check contracts for the clauses that protect you when a client goes silent.

    Examples:

    \b
      ghostproof audit contract.pdf
      ghostproof audit contract.pdf -o report.html
      ghostproof audit contracts/ -o report.html
    """
    from ..commands.audit import AuditOptions, run_audit

    def options() -> AuditOptions:
        return AuditOptions(
            paths,
            format=fmt.value if fmt else None,
            output=output,
            force=force,
            lang=code(lang),
            report_lang=code(report_lang),
            require=require,
            fail_on=fail_on.value if fail_on else None,
            jobs=jobs,
            password=password,
            max_size=size(max_size),
            max_chars=chars(max_chars),
            addenda=tuple(addenda or ()),
        )

    run(lambda console: run_audit(options(), console), quiet=quiet)


def register(app: typer.Typer) -> None:
    app.command(short_help="Check contracts for the clauses that protect you.")(audit)
