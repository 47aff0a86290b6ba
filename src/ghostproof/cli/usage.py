"""Command-line usage mistakes (a bad option value, an unknown option, a missing argument) as one line each.

typer reports them with a usage block and the wording of its validators ("Value error, 'xml' is not one of …",
"Input should be a valid integer, unable to parse string as an integer"). ghostproof turns each into its own
one-line message with code E190: what was wrong, and what to type instead.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any

from ..errors import E_BAD_OPTION, GhostproofError

#: what a value of each pydantic error type should have been
_EXPECTED = {
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "int_type": "a whole number",
    "float_parsing": "a number",
    "float_type": "a number",
    "bool_parsing": "yes or no",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
}


def usage_error(exc: Exception, argv: list[str] | None = None, commands: tuple[str, ...] = ()) -> GhostproofError:
    """The one-line error for a usage mistake typer raised (``typer.TyperException`` and its subclasses).

    ``argv`` and ``commands`` name the command when typer's error does not carry it (a value missing after an
    option is found before the command's context exists)."""
    command = _command_path(exc, argv or [], commands)
    help_hint = f"see {command} -h" if command else "see ghostproof -h"
    kind = type(exc).__name__
    param = getattr(exc, "param", None)
    if kind == "NoSuchOption":
        name = str(getattr(exc, "option_name", "") or "")
        possible = [str(p) for p in getattr(exc, "possibilities", None) or ()]
        guess = f"did you mean {' or '.join(possible)}? " if possible else ""
        return GhostproofError(E_BAD_OPTION, f"{command}: unknown option {name}", hint=f"{guess}{help_hint}")
    if kind == "BadOptionUsage":
        name = str(getattr(exc, "option_name", "") or "")
        message = str(getattr(exc, "message", ""))
        what = "takes no value" if "does not take a value" in message else "needs a value"
        return GhostproofError(E_BAD_OPTION, f"{command}: {name} {what}", hint=help_hint)
    if kind == "MissingParameter" and param is not None:
        name = _param_name(param)
        return GhostproofError(E_BAD_OPTION, f"{command}: {name} is missing", hint=help_hint)
    if param is not None:
        return _bad_value(exc, param, command, help_hint)
    message = str(getattr(exc, "message", "") or exc).strip().rstrip(".")
    if message.startswith("No such command"):
        name = message.split("'")[1] if "'" in message else message
        return GhostproofError(
            E_BAD_OPTION, f"unknown command {name!r}", hint="see ghostproof -h for the commands (audit, assess, …)"
        )
    if message.startswith("Got unexpected extra argument"):
        found = re.search(r"\(([^()]*)\)$", message)
        extra = found.group(1) if found else message
        return GhostproofError(E_BAD_OPTION, f"{command}: one argument too many: {extra}", hint=help_hint)
    return GhostproofError(E_BAD_OPTION, f"{command}: {message[:1].lower()}{message[1:]}", hint=help_hint)


def _bad_value(exc: Exception, param: Any, command: str, help_hint: str) -> GhostproofError:
    name = _param_name(param)
    cause = exc.__cause__
    raw: object = None
    error_type = ""
    errors = getattr(cause, "errors", None)
    if callable(errors):
        first = (errors() or [{}])[0]
        raw = first.get("input")
        error_type = str(first.get("type", ""))
    shown = f" {raw!r}" if isinstance(raw, str) else ""
    choices = _choices(param)
    if choices:
        return GhostproofError(
            E_BAD_OPTION, f"{command}: {name}{shown} is unknown", hint=f"use one of {', '.join(choices)}"
        )
    expected = _EXPECTED.get(error_type)
    if expected:
        return GhostproofError(E_BAD_OPTION, f"{command}: {name}{shown} must be {expected}", hint=help_hint)
    message = str(getattr(exc, "message", "") or "").removeprefix("Value error, ").rstrip(".")
    return GhostproofError(E_BAD_OPTION, f"{command}: {name}{shown}: {message}", hint=help_hint)


def _choices(param: Any) -> list[str]:
    descriptor = getattr(param, "type_descriptor", None)
    try:
        values = getattr(descriptor, "choices", None)
    except Exception:  # the descriptor is typer's own; a change in it must not hide the user's mistake
        values = None
    if not values:
        return []
    return [str(v.value) if isinstance(v, Enum) else str(v) for v in values]


def _param_name(param: Any) -> str:
    opts = [o for o in getattr(param, "opts", []) if isinstance(o, str) and o.startswith("-")]
    if opts:
        return max(opts, key=len)
    metavar = getattr(param, "metavar", None)
    return str(metavar or getattr(param, "name", "an argument") or "an argument").upper()


def _command_path(exc: Exception, argv: list[str], commands: tuple[str, ...]) -> str:
    ctx = getattr(exc, "ctx", None)
    path = getattr(ctx, "command_path", "") if ctx is not None else ""
    if path:
        return str(path)
    words = [a for a in argv if not a.startswith("-")][:2]
    if words and words[0] in commands:
        return " ".join(["ghostproof", *(words if words[0] == "clauses" else words[:1])])
    return "ghostproof"
