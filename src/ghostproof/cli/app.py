"""The ``ghostproof`` command: a thin typer layer over :mod:`ghostproof.commands`. Data to stdout, diagnostics to
stderr, one line per error, never a traceback."""

from __future__ import annotations

import os
import sys

import typer

from .. import __version__
from ..errors import E_BUG, GhostproofError
from . import addendum, assess, audit, checklist, clauses, extract, serve

app = typer.Typer(
    name="ghostproof",
    help=(
        "Check a freelance contract for protection against a client who goes silent, and write what is "
        "missing.\n\nghostproof informs; it is not legal advice."
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"ghostproof {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """ghostproof: protect freelancers against clients who go silent."""


# the order of `ghostproof --help`: the main job first; each module registers its commands like a plugin would
for module in (audit, addendum, assess, checklist, serve, extract, clauses):
    module.register(app)


class Terminated(BaseException):
    """SIGTERM, raised where the program is so that cleanup (temporary files, worker processes) runs."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


def _freeze() -> None:
    # the objects spaCy built live until exit; freezing them spares the final collection (~0.2 s)
    import gc

    gc.freeze()


def main() -> None:
    """Console entry point: one-line errors, no tracebacks (set GHOSTPROOF_DEBUG=1 to see them)."""
    import signal

    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        code = app(standalone_mode=False)
    except typer.TyperException as exc:  # a usage mistake: one line in our words, not typer's usage block
        if type(exc).__name__ == "NoArgsIsHelpError":  # `ghostproof clauses` alone: the help is the answer
            sys.stderr.write(exc.format_message() + "\n")
            sys.exit(2)
        from .usage import usage_error

        names = tuple(c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands)
        error = usage_error(exc, sys.argv[1:], (*names, "clauses"))
        sys.stderr.write(f"ghostproof: {error.line()}\n")
        sys.exit(2)
    except typer.Abort:  # Ctrl-D at a prompt
        sys.stderr.write("ghostproof: stopped (no answer)\n")
        sys.exit(1)
    except SystemExit:
        _freeze()
        raise
    except KeyboardInterrupt:
        sys.stderr.write("ghostproof: interrupted\n")
        sys.exit(130)
    except Terminated:
        sys.stderr.write("ghostproof: stopped (terminated)\n")
        sys.exit(143)
    except GhostproofError as err:
        sys.stderr.write(f"ghostproof: {err.line()}\n")
        sys.exit(err.exit_code)
    except Exception as exc:  # a bug or an input we did not foresee: one line, never a traceback
        if os.environ.get("GHOSTPROOF_DEBUG"):
            raise
        sys.stderr.write(
            f"ghostproof: error[{E_BUG}]: unexpected {type(exc).__name__}: {exc} — "
            "this is a bug in ghostproof; rerun with GHOSTPROOF_DEBUG=1 and report the traceback\n"
        )
        sys.exit(2)
    _freeze()
    sys.exit(code if isinstance(code, int) else 0)
