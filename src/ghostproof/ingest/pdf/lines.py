"""pdfium's text of one page -> segments: runs of text on one visual line, with box, baseline, size, boldness.

Per page, pdfium gives the text (with its own line breaks, and U+FFFE where it glued a word hyphenated at a
line end) and, per line, the boxes of its text objects. Lines whose boxes are irregular (a big horizontal gap,
a jump to another line) are split char by char; the rest costs a few calls per line, so a page takes about a
millisecond. Also the line type (:class:`Line`) that the layout, furniture and paragraph steps pass along.

pypdfium2 is never imported here: :class:`PageReader` is given its raw module.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

SOFT = "\ufffe\x02\u00ad"
SOFT_END = tuple(SOFT)
#: pdfium's lines, cut after each soft-hyphen marker (pdfium glues "contrac-" + "tual" into one line)
_PIECE = re.compile(r"[^\r\n\ufffe\x02]*[\ufffe\x02]|[^\r\n\ufffe\x02]+")
_SPACE = " \xa0\t\u2002\u2003\u2009\u200a\u202f\u3000"
#: one char for one char, so text indices stay pdfium char indices
PLAIN_SPACES = str.maketrans({ch: " " for ch in _SPACE})
_FONT_FLAG_FORCE_BOLD = 1 << 18
#: a line longer than this is never a heading (as sections.looks_like_heading)
HEADING_CHARS = 90
_BOLD_NAME = re.compile(r"bold|black|heavy|demi|semibold", re.IGNORECASE)


@dataclass(slots=True)
class Seg:
    """A run of text on one visual line (a pdfium line, or part of one)."""

    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    base: float
    size: float
    bold: bool


@dataclass(slots=True)
class Line(Seg):
    """One visual line in reading order: its text and geometry as a segment's, and where it sits in the page."""

    page: int
    #: reading-order region on the page: a new one at each column switch or full-width band
    region: int
    #: "full", "left" or "right"
    col: str
    #: a page marker above this line was dropped: treat it like a page turn
    turn: bool = False


class PageReader:
    """Segments of one pdfium text page. Holds reusable ctypes buffers."""

    def __init__(self, pdfium_c: Any) -> None:
        self.c = pdfium_c
        self.left, self.right = ctypes.c_double(), ctypes.c_double()
        self.bottom, self.top = ctypes.c_double(), ctypes.c_double()
        self.matrix = pdfium_c.FS_MATRIX()
        self.name = ctypes.create_string_buffer(256)
        self.flags = ctypes.c_int()
        self.raw: Any = None

    def segments(self, raw: Any, text: str) -> list[Seg]:
        """Segments of a page whose pdfium text is ``text`` (odd spaces already made plain)."""
        self.raw = raw
        c = self.c
        box = (self.left, self.top, self.right, self.bottom)
        segs: list[Seg] = []
        for m in _PIECE.finditer(text):
            piece = m.group()
            body = piece.strip(" ")
            if not body.strip(SOFT):
                continue
            s, e = m.span()
            n = c.FPDFText_CountRects(raw, s, e - s)
            if n <= 0:
                continue
            rects: list[tuple[float, float, float, float]] = []
            for k in range(n):
                c.FPDFText_GetRect(raw, k, *box)
                rects.append((self.left.value, self.bottom.value, self.right.value, self.top.value))
            gaps = _gaps(rects) if n > 1 else []
            cuts = None if gaps is None else self._cuts(rects, gaps, s, e)
            if gaps is None or cuts is None:  # boxes on several lines or out of order: char by char
                segs.extend(self._split(text, s, e))
                continue
            k0 = 0
            for (a, z), k1 in zip(itertools.pairwise([s, *cuts, e]), [*gaps, n - 1], strict=True):
                part = text[a:z]
                body = part.strip(" ")
                if body.strip(SOFT):
                    x0, b, x1, t = rects[k0]
                    for r in rects[k0 + 1 : k1 + 1]:
                        if r[0] < x0:
                            x0 = r[0]
                        if r[1] < b:
                            b = r[1]
                        if r[2] > x1:
                            x1 = r[2]
                        if r[3] > t:
                            t = r[3]
                    first = a + len(part) - len(part.lstrip(" "))
                    segs.append(self._seg(body, x0, x1, b, t, first, first + len(body) - 1))
                k0 = k1 + 1
        return segs

    def _cuts(
        self, rects: Sequence[tuple[float, float, float, float]], gaps: Sequence[int], s: int, e: int
    ) -> list[int] | None:
        """Char indices where the boxes after ``gaps`` start (found by position), or None if one is not found."""
        cuts: list[int] = []
        for k in gaps:
            left, bottom, right, top = rects[k + 1]
            x = left + min(0.5, (right - left) / 2)
            i = self.c.FPDFText_GetCharIndexAtPos(self.raw, x, (bottom + top) / 2, 0.5, 0.5)
            if not (cuts[-1] if cuts else s) < i < e:
                return None
            cuts.append(i)
        return cuts

    def _seg(self, text: str, x0: float, x1: float, b: float, t: float, first: int, last: int) -> Seg:
        c, raw = self.c, self.raw
        base = b
        if c.FPDFText_GetCharOrigin(raw, first, self.left, self.bottom):
            base = self.bottom.value
        size = self._size(first) or t - b
        # boldness only matters for lines short enough to be headings
        bold = len(text) <= HEADING_CHARS and self._bold(first) and (last == first or self._bold(last))
        return Seg(text, x0, x1, b, t, base, size, bold)

    def _size(self, index: int) -> float:
        """The font size of a char as drawn: the nominal size times the scale of its text matrix and CTM."""
        if not self.c.FPDFText_GetMatrix(self.raw, index, self.matrix):
            return 0.0
        m = self.matrix
        scale = math.sqrt(abs(m.a * m.d - m.b * m.c))
        return float(self.c.FPDFText_GetFontSize(self.raw, index)) * scale

    def _bold(self, index: int) -> bool:
        n = self.c.FPDFText_GetFontInfo(self.raw, index, self.name, 256, self.flags)
        if n <= 0:
            return False
        return bool(self.flags.value & _FONT_FLAG_FORCE_BOLD) or bool(
            _BOLD_NAME.search(self.name.value.decode(errors="replace"))
        )

    def _split(self, text: str, s: int, e: int) -> list[Seg]:
        """Char by char: a new segment at a jump to another line or a wide horizontal gap."""
        c, raw = self.c, self.raw
        out: list[Seg] = []
        cur: list[int] = []  # [first, last] char index of the current segment
        x0 = x1 = b0 = t0 = 0.0
        em = 0.0

        def flush() -> None:
            if cur:
                seg_text = text[cur[0] : cur[1] + 1]
                out.append(self._seg(seg_text, x0, x1, b0, t0, cur[0], cur[1]))

        for i in range(s, e):
            ch = text[i]
            if ch == " ":
                continue
            c.FPDFText_GetCharBox(raw, i, self.left, self.right, self.bottom, self.top)
            left, right, bottom, top = self.left.value, self.right.value, self.bottom.value, self.top.value
            if right - left < 0.01 and top - bottom < 0.01 and ch not in SOFT:
                continue
            if cur:
                mid = (bottom + top) / 2
                tol = 0.25 * em
                new_line = mid < b0 - tol or mid > t0 + tol
                gap = left - x1
                if not new_line and (gap > 1.6 * em or left < x0 - em):
                    new_line = True
                if not new_line:
                    cur[1] = i
                    if right > x1:
                        x1 = right
                    if bottom < b0:
                        b0 = bottom
                    if top > t0:
                        t0 = top
                    continue
                flush()
            cur = [i, i]
            x0, x1, b0, t0 = left, right, bottom, top
            em = max(self._size(i), top - bottom, 1.0)
        flush()
        return out


def _gaps(rects: Sequence[tuple[float, float, float, float]]) -> list[int] | None:
    """Boxes of one pdfium line: the indices k with a column-sized gap after box k (empty: one plain line), or
    None when the boxes are not all on one visual line from left to right."""
    b, t = rects[0][1], rects[0][3]
    for r in rects:
        if r[3] - r[1] > t - b:
            b, t = r[1], r[3]
    em = max(t - b, 1.0)
    tol = 0.25 * em
    gaps: list[int] = []
    prev_right = rects[0][2]
    for k, (left, bottom, right, top) in enumerate(rects):
        mid = (bottom + top) / 2
        if mid < b - tol or mid > t + tol:
            return None
        if k:
            if left < prev_right - em:
                return None
            if left - prev_right > 1.6 * em:
                gaps.append(k - 1)
            prev_right = max(prev_right, right)
    return gaps
