"""Contract PDFs for the benches, written without LibreOffice: plain text pages in Helvetica.

:func:`contract_paragraphs` reads the block texts of ``samples/<name>.md`` (through ghostproof's own Markdown
reader, so front matter and markup are gone); :func:`layout` wraps them, ragged right by Helvetica's character
widths, into US Letter pages of 10 pt lines with a blank line between paragraphs; :func:`write_pdf` writes those
pages as a PDF 1.4 file with the standard Helvetica font (WinAnsi encoding, not embedded), Flate-compressed content
streams and a "Page n" footer. The output depends only on the input: the same call writes the same bytes.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from itertools import cycle
from pathlib import Path

from ghostproof.ingest import load_document

ROOT = Path(__file__).resolve().parents[1]
PAGE_WIDTH, PAGE_HEIGHT = 612, 792  # US Letter, in points
MARGIN = 54
FONT_SIZE = 10
LEADING = 12
#: body lines per page (the footer sits in the bottom margin)
LINES_PER_PAGE = (PAGE_HEIGHT - 2 * MARGIN) // LEADING
#: Helvetica advance widths (1/1000 em) of the printable ASCII characters " " to "~" (from its AFM file)
_WIDTHS = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 "
    "278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 667 "
    "611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556 556 222 222 500 222 833 "
    "556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584"
)
_WIDTH = {chr(32 + i): int(w) for i, w in enumerate(_WIDTHS.split())}


def text_width(text: str) -> float:
    """Width of ``text`` in points at :data:`FONT_SIZE` (other characters count as a digit)."""
    return sum(_WIDTH.get(c, 556) for c in text) * FONT_SIZE / 1000


def wrap(paragraph: str, width: float = PAGE_WIDTH - 2 * MARGIN) -> list[str]:
    """Greedy word wrap to ``width`` points; a word wider than a line gets a line of its own."""
    lines: list[str] = []
    used = 0.0
    space = text_width(" ")
    for word in paragraph.split():
        w = text_width(word)
        if lines and used + space + w <= width:
            lines[-1] += " " + word
            used += space + w
        else:
            lines.append(word)
            used = w
    return lines


def contract_paragraphs(*names: str) -> list[str]:
    """The block texts (headings, paragraphs, list items, cells) of ``samples/<name>.md``, in order."""
    return [block.text for name in names for block in load_document(ROOT / "samples" / f"{name}.md").blocks]


def layout(paragraphs: Iterable[str], pages: int | None = None) -> list[list[str]]:
    """Wrap paragraphs into pages of at most :data:`LINES_PER_PAGE` lines, a blank line between paragraphs.

    With ``pages`` the paragraphs are repeated (from the first again) until exactly that many pages are full;
    without it every paragraph is laid out once and the last page may be short."""
    source = list(paragraphs)
    if not source:
        raise ValueError("no text to lay out")
    out: list[list[str]] = [[]]
    for paragraph in cycle(source) if pages else source:
        lines = wrap(paragraph) or [""]
        if out[-1] and len(out[-1]) + 1 + len(lines) <= LINES_PER_PAGE:
            out[-1].append("")
        elif out[-1]:
            out.append([])
        while lines:  # a paragraph longer than a page continues on the next one
            if pages and len(out) > pages:
                return out[:pages]
            room = LINES_PER_PAGE - len(out[-1])
            out[-1].extend(lines[:room])
            lines = lines[room:]
            if lines:
                out.append([])
    return out


def _literal(text: str) -> bytes:
    data = text.encode("cp1252", errors="replace")
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _content(lines: Sequence[str], number: int) -> bytes:
    top = PAGE_HEIGHT - MARGIN - FONT_SIZE
    ops = [f"BT /F1 {FONT_SIZE} Tf {LEADING} TL {MARGIN} {top} Td".encode()]
    ops += [_literal(line) + b" Tj T*" for line in lines]
    ops.append(f"ET BT /F1 {FONT_SIZE - 1} Tf {PAGE_WIDTH // 2 - 15} {MARGIN // 2} Td".encode())
    ops.append(_literal(f"Page {number}") + b" Tj ET")
    return b"\n".join(ops)


def write_pdf(path: Path, pages: Sequence[Sequence[str]]) -> Path:
    """Write ``pages`` (lists of text lines) as a PDF; returns ``path``."""
    n = len(pages)
    page_ids = [4 + 2 * i for i in range(n)]
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % i for i in page_ids) + b"] /Count %d >>" % n,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for number, (lines, page_id) in enumerate(zip(pages, page_ids, strict=True), 1):
        stream = zlib.compress(_content(lines, number), 6)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] " % (PAGE_WIDTH, PAGE_HEIGHT)
            + b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (page_id + 1)
        )
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path
