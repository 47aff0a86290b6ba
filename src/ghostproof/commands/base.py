"""What every command shares: the console it talks through, its outcome, and writing its output."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..formats import choose_format
from ..ingest import DEFAULT_READING, Reading
from ..output import check_output, write_output


class Progress(Protocol):
    """A progress display for a batch (the CLI's is a bar on stderr); ``close`` ends it."""

    def advance(self, path: str, error: str | None) -> None: ...

    def close(self) -> None: ...


def _nothing(message: str) -> None:
    return None


@dataclass(frozen=True)
class Console:
    """How a command talks to the person running it."""

    #: a note (what was written, a warning about the input); the CLI drops these with -q
    note: Callable[[str], None] = _nothing
    #: an error line that must be seen even with -q (a file of a batch that could not be read)
    warn: Callable[[str], None] = _nothing
    #: a line of a dialogue on the terminal (what a question is about); shown even with -q
    tell: Callable[[str], None] = _nothing
    #: a question on a terminal, with an optional default; None when nobody can answer (a script, a pipe)
    ask: Callable[[str, str | None], str] | None = None
    #: a yes/no question on a terminal; None when nobody can answer
    confirm: Callable[[str], bool] | None = None
    #: a progress display for ``total`` files, or None
    progress: Callable[[int], Progress] | None = None
    #: stdout is a terminal (a report for it may use colour, and its width)
    terminal: bool = False
    width: int = 100
    color: bool = False


@dataclass(frozen=True)
class ContractOptions:
    """One contract in, one file (or stdout) out: what extract, addendum and review share."""

    file: Path
    #: None: stdout, or the command's default file name
    output: Path | None = None
    #: replace an existing output file
    force: bool = False
    #: how to read the contract: password, language, limits
    reading: Reading = DEFAULT_READING


@dataclass
class Outcome:
    """What a command produced: text for stdout (None when it wrote a file or nothing), and the exit code."""

    stdout: str | None = None
    exit_code: int = 0
    #: files the command wrote
    written: list[Path] = field(default_factory=list)


def pick_format(
    asked: str | None,
    output: Path | None,
    allowed: Sequence[str],
    console: Console,
    aliases: dict[str, str] | None = None,
) -> str:
    """The format to write: ``--format``, else the output's ending (.html, .md, .json …), else the first allowed."""
    chosen, note = choose_format(asked, output, allowed, allowed[0], aliases)
    if note:
        console.note(f"ghostproof: {note}")
    return chosen


def check_target(output: Path | None, force: bool, inputs: Sequence[Path]) -> None:
    """Refuse an output that cannot or may not be written, before any work."""
    if output is not None:
        check_output(output, force=force, inputs=tuple(inputs))


def emit(text: str | bytes, output: Path | None, force: bool, inputs: Sequence[Path], console: Console) -> Outcome:
    """``text`` to stdout (in the outcome), or written to ``output`` (atomically) with a note."""
    if output is None:
        assert isinstance(text, str)
        return Outcome(stdout=text if text.endswith("\n") else text + "\n")
    payload = text if isinstance(text, bytes) or text.endswith("\n") else text + "\n"
    write_output(output, payload, force=force, inputs=tuple(inputs))
    console.note(f"ghostproof: wrote {output}")
    return Outcome(written=[output])
