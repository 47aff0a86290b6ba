"""Clause parameters only the user knows (an hourly rate): asked on a terminal, else named in the error."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import E_BAD_OPTION, GhostproofError
from .base import Console

if TYPE_CHECKING:
    from ..clauses.library import Library
    from ..clauses.params import Param


def ask_parameters(
    library: Library, needed: Sequence[str], lang: str, families: Sequence[str], console: Console
) -> dict[str, object]:
    """Values for ``needed`` asked through ``console.ask`` (again until each parses); without a terminal a one-line
    error naming the ``--set`` options to add."""
    params: dict[str, Param] = {}
    for fid in families:
        params.update(library.params_of(library.clause(fid)))
    if console.ask is None:
        keys = " ".join(f"--set {n}=…" for n in needed)
        helps = "; ".join(f"{n}: {params[n].help['en']}" for n in needed)
        raise GhostproofError(E_BAD_OPTION, f"the clauses need values only you know ({helps})", hint=f"add {keys}")
    out: dict[str, object] = {}
    for name in needed:
        param = params[name]
        while True:
            raw = console.ask(f"{param.help[lang]} ({name})", None)
            try:
                out[name] = param.parse(raw)
                break
            except ValueError as exc:
                console.tell(f"  {exc}")
    return out
