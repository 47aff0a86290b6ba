"""``ghostproof audit`` on the command line."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import options as opt

AuditFormat = StrEnum("AuditFormat", "text markdown html json jsonl")


FailOn = StrEnum("FailOn", "missing weak")


def audit(
    paths: Annotated[
        list[str],
        opt.argument(
            "CONTRACT", "Contract files (.pdf, .docx, .txt, .md), folders (searched recursively) or glob patterns."
        ),
    ],
    fmt: Annotated[
        AuditFormat | None,
        opt.option(
            "--format",
            "-f",
            help="text, markdown, html, json or jsonl (default: from the -o file's ending — .txt, .md, .html, "
            ".json, .jsonl — else text).",
        ),
    ] = None,
    output: opt.OutputOpt = None,
    force: opt.ForceOpt = False,
    lang: opt.LangOption = None,
    report_lang: Annotated[
        opt.LangOpt | None,
        opt.option(
            "--report-lang",
            help="Language of the report (default: the contracts' language; English for a mixed batch).",
        ),
    ] = None,
    require: Annotated[
        list[str] | None,
        opt.require("Clauses a contract must have", "deemed_acceptance, hourly_conversion, termination, payment_terms"),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        opt.option("--fail-on", help="Exit with code 1 when a required clause is missing (or missing or weak)."),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", metavar="N", help="Contracts to read in parallel (processes).")
    ] = 1,
    addenda: Annotated[
        list[Path] | None,
        opt.option(
            "--addendum",
            metavar="FILE",
            help="An addendum signed to the contract (repeatable, in order): the contract is audited as amended.",
        ),
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="List the words each fact in the report was read from (text, Markdown).")
    ] = False,
    password: opt.PasswordOpt = None,
    max_size: opt.MaxSizeOpt = "50MB",
    max_chars: opt.MaxCharsOpt = "5M",
    no_ocr: opt.NoOcrOpt = False,
    max_pages: opt.MaxPagesOpt = None,
    quiet: opt.QuietOpt = False,
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
            format=fmt,
            output=output,
            force=force,
            report_lang=opt.code(report_lang),
            require=require,
            fail_on=fail_on,
            jobs=jobs,
            addenda=tuple(addenda or ()),
            explain=explain,
            reading=opt.reading(password, lang, max_size, max_chars, no_ocr, max_pages),
        )

    opt.run(lambda console: run_audit(options(), console), quiet=quiet)


def register(app: typer.Typer) -> None:
    app.command(short_help="Check contracts for the clauses that protect you.")(audit)
