"""Every limit that bounds ghostproof's time and memory on one input, in one place (the README's table of limits
is checked against these values by ``tests/test_limits.py``).

Two can be raised on the command line: ``--max-size`` (bytes of the input file) and ``--max-chars`` (characters of
its text). The others are fixed: no real contract comes near them, and each one stops a kind of hostile file
early, with a one-line error.
"""

from __future__ import annotations

#: largest input file (``--max-size``)
DEFAULT_MAX_SIZE = 50 * 1024 * 1024
#: most characters of text in one document (``--max-chars``); reading stops as soon as it is passed
DEFAULT_MAX_CHARS = 5_000_000
#: the most pages of a PDF read (--max-pages); scanned pages read by OCR: at most OCR_MAX_PAGES unless it is raised
DEFAULT_MAX_PAGES = 2_000
OCR_MAX_PAGES = 100
#: most characters in one paragraph, table cell or heading
MAX_BLOCK_CHARS = 1_000_000
#: the text goes through spaCy in pieces of at most this many characters, cut at block bounds (memory stays
#: bounded and the cost linear; spaCy's own limit per text is 1,000,000 by default)
NLP_CHUNK_CHARS = 200_000

#: a PDF's compressed streams may inflate to at most this many times the file's size in all …
PDF_INFLATE_RATIO = 50
#: … but always to this much (small files with fonts and images) …
PDF_INFLATE_FLOOR = 64 << 20
#: … and never to more than this
PDF_INFLATE_CEILING = 1 << 30

#: a case file for ``assess`` is a few dozen lines
MAX_CASE_BYTES = 1_000_000


def pdf_inflate_budget(file_size: int) -> int:
    """Bytes all compressed streams of a PDF of ``file_size`` bytes may inflate to."""
    return min(max(PDF_INFLATE_RATIO * file_size, PDF_INFLATE_FLOOR), PDF_INFLATE_CEILING)


def too_long(path: object, max_chars: int, where: str = "") -> Exception:
    """The one-line error (E151) for a text over ``max_chars`` characters; ``where`` says where reading stopped."""
    from .errors import E_TOO_LONG, GhostproofError

    at = f" (reading stopped at {where})" if where else ""
    return GhostproofError(
        E_TOO_LONG,
        f"the text is longer than {max_chars:,} characters{at}",
        path=str(path),
        hint="if this really is one contract, raise the limit with --max-chars",
    )


def block_too_long(path: object, size: int) -> Exception:
    """The one-line error (E151) for one paragraph over :data:`MAX_BLOCK_CHARS`."""
    from .errors import E_TOO_LONG, GhostproofError

    return GhostproofError(
        E_TOO_LONG,
        f"one paragraph has {size:,} characters, over the {MAX_BLOCK_CHARS:,} limit for a paragraph",
        path=str(path),
        hint="this does not look like a contract's text; check that it is the right file",
    )


def human_size(size: int) -> str:
    """A byte limit as the options write it: "50 MB" (MB = 1024 × 1024 bytes, as --max-size reads "50MB")."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            value = size / factor
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size} bytes"
