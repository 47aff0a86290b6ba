"""Which report format to write: the one asked for, else the one the output file's name says, else the default."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from .errors import E_BAD_OPTION, GhostproofError

#: output name endings and the format each means
SUFFIX_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".docx": "docx",
    ".ics": "ics",
    # endings no command writes: named so that `-o plan.pdf` is refused, not filled with text
    ".pdf": "pdf",
    ".doc": "doc",
    ".odt": "odt",
    ".rtf": "rtf",
}


def choose_format(
    asked: str | None,
    output: Path | None,
    allowed: Sequence[str],
    default: str,
    aliases: Mapping[str, str] | None = None,
) -> tuple[str, str]:
    """The format to write and a note for stderr ("" when there is nothing to say).

    An explicit ``--format`` wins (with a note when the output's ending says something else); otherwise the
    output's ending decides; a known ending the command cannot write is an error (E190), not a silent default.
    ``aliases`` maps a format an ending names to the one the command writes instead (extract: .md -> text)."""
    by_name = SUFFIX_FORMATS.get(output.suffix.lower()) if output is not None else None
    if by_name is not None and aliases:  # e.g. extract writes its plain text to a .md file as it is
        by_name = aliases.get(by_name, by_name)
    if asked is not None:
        if by_name is not None and by_name != asked and output is not None:
            return asked, f"writing {asked} to {output.name} as --format says (its ending suggests {by_name})"
        return asked, ""
    if by_name is None:
        return default, ""
    if by_name not in allowed:
        assert output is not None
        first: dict[str, str] = {}
        for suffix, fmt in SUFFIX_FORMATS.items():
            first.setdefault(fmt, suffix)
        endings = ", ".join(first[f] for f in allowed if f in first)
        raise GhostproofError(
            E_BAD_OPTION,
            f"-o {output.name}: this command cannot write {by_name}",
            hint=f"name the file with one of {endings}, or give --format ({', '.join(allowed)})",
        )
    return by_name, ""
