"""The ``ghostproof`` command line (typer): parses, calls :mod:`ghostproof.commands`, prints."""

from __future__ import annotations

from .app import app, main

__all__ = ["app", "main"]
