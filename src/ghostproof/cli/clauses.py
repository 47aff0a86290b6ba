"""``ghostproof clauses list|show`` and ``ghostproof schema`` on the command line."""

from __future__ import annotations

from typing import Annotated

import typer

from . import options as opt

clauses_app = typer.Typer(
    name="clauses",
    help="The clause library: suggested wording for each protective clause, English and German.",
    short_help="Show the suggested wording for each clause.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)


@clauses_app.command("list")
def clauses_list(
    lang: Annotated[opt.LangOpt, typer.Option("--lang", help="Language of the titles and summaries.")] = opt.LangOpt.en,
) -> None:
    """List the clause families, their variants and parameters.

    Example: ghostproof clauses list --lang de
    """
    from ..commands.clauses import run_clauses_list

    opt.run(lambda _console: run_clauses_list(lang.value), quiet=True)


@clauses_app.command("show")
def clauses_show(
    clause_id: Annotated[str, typer.Argument(metavar="ID", help="A clause family id (see `ghostproof clauses list`).")],
    lang: Annotated[opt.LangOpt, typer.Option("--lang", help="Language of the clause.")] = opt.LangOpt.en,
    variant: opt.VariantOpt = None,
    assign: opt.SetOpt = None,
) -> None:
    """Show one clause with its parameters and drafting note.

    Example: ghostproof clauses show hourly_conversion --lang de --variant firm --set hourly_rate=95
    """
    from ..commands.clauses import ShowOptions, run_clauses_show

    options = ShowOptions(clause_id, lang.value, variant, tuple(assign or ()))
    opt.run(lambda _console: run_clauses_show(options), quiet=True)


def schema() -> None:
    """Print the JSON Schema of the audit JSON (ghostproof.audit/2).

    Example: ghostproof schema > ghostproof.audit-2.schema.json
    """
    from ..commands.clauses import run_schema

    opt.run(lambda _console: run_schema(), quiet=True)


def register(app: typer.Typer) -> None:
    app.command(short_help="Print the JSON Schema of the audit JSON.")(schema)
    app.add_typer(clauses_app, name="clauses")
