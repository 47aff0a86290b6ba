"""Decompression bombs in a PDF: compressed streams that inflate to far more than the file could hold.

pdfium inflates a content stream whole before it reads it, so a 1 MB PDF whose page stream inflates to 1 GB took
2 GB of memory. Before pdfium opens the file, every Flate-compressed stream (content, object and image streams) is
inflated here chunk by chunk, counting the bytes and keeping none of them; past the budget
(:func:`ghostproof.limits.pdf_inflate_budget`: 50 times the file's size, at least 64 MB, at most 1 GB) the file is
refused with a one-line error. A normal PDF inflates to a few times its size; this pass costs about a millisecond
per megabyte of streams.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from ...errors import E_PDF_BOMB, E_UNREADABLE, GhostproofError
from ...limits import pdf_inflate_budget

#: where a stream's data starts: the keyword and its end of line (``endstream`` also matches: zlib then refuses it
#: at once)
_STREAM = re.compile(rb"stream\r?\n")
_CHUNK = 1 << 16


def check_streams(path: Path) -> int:
    """Bytes all Flate streams of the PDF inflate to; raises :class:`GhostproofError` (E124) past the budget."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GhostproofError(E_UNREADABLE, f"cannot read the file ({exc.strerror})", path=path) from None
    budget = pdf_inflate_budget(len(data))
    total = 0
    for m in _STREAM.finditer(data):
        total += _inflated(data, m.end(), budget - total + 1)
        if total > budget:
            raise GhostproofError(
                E_PDF_BOMB,
                f"its compressed streams inflate to more than {budget >> 20:,} MB, {budget // len(data):,} times "
                "the file's size; refusing to read it (this looks like a decompression bomb, not a contract)",
                path=path,
                hint="if you trust the file, open it in a PDF viewer and print it to a new PDF",
            )
    return total


def _inflated(data: bytes, start: int, limit: int) -> int:
    """Bytes the zlib stream at ``start`` inflates to, counting no further than ``limit``; 0 if it is not one."""
    inflater = zlib.decompressobj()
    out = 0
    pos = start
    try:
        while pos < len(data) and not inflater.eof and out < limit:
            pending = data[pos : pos + _CHUNK]
            pos += len(pending)
            while pending and out < limit and not inflater.eof:
                produced = len(inflater.decompress(pending, _CHUNK))
                tail = inflater.unconsumed_tail
                if not produced and len(tail) == len(pending):
                    return out  # no progress: zlib wants what is not there (a damaged stream)
                out += produced
                pending = tail
    except zlib.error:
        pass  # not Flate data, or damaged: pdfium reports what it cannot read
    return out
