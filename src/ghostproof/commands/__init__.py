"""Every command of ``ghostproof`` as a library function: ``run_<command>(options, console) -> Outcome``.

The options are a typed object (what the command line says, parsed); the :class:`~.base.Console` carries how the
command talks to the person running it (notes and warnings for stderr, questions on a terminal); the
:class:`~.base.Outcome` holds what goes to stdout and the exit code. The CLI (:mod:`ghostproof.cli`) only parses,
calls and prints; a web page or another program can call the same functions.
"""

from __future__ import annotations

from .base import Console, Outcome

__all__ = ["Console", "Outcome"]
