"""PDF reader: pypdfium2 text with positions -> paragraphs in reading order.

Per page, pdfium gives the text (with its own line breaks, and U+FFFE where it glued a word hyphenated at a
line end) and, per line, the boxes of its text objects. Lines whose boxes are irregular (a big horizontal gap,
a jump to another line) are split char by char; the rest costs a few calls per line, so a page takes about a
millisecond. Then, per page: rows and columns (two-column pages are read left column first; full-width lines
stay in place); per document: running headers/footers and page numbers dropped; lines joined into paragraphs.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import re
import shlex
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import (
    E_PDF_BAD_PASSWORD,
    E_PDF_DAMAGED,
    E_PDF_NO_TEXT,
    E_PDF_PASSWORD,
    E_UNREADABLE,
    GhostproofError,
)
from ..model import BlockKind, Extraction, RawBlock
from .lang import detect_lang
from .sections import looks_like_heading, split_label
from .textutil import join_lines, squash

__all__ = ["read_pdf"]

_SOFT = "\ufffe\x02\u00ad"
_SOFT_END = tuple(_SOFT)
#: pdfium's lines, cut after each soft-hyphen marker (pdfium glues "contrac-" + "tual" into one line)
_PIECE = re.compile(r"[^\r\n\ufffe\x02]*[\ufffe\x02]|[^\r\n\ufffe\x02]+")
_SPACE = " \xa0\t\u2002\u2003\u2009\u200a\u202f\u3000"
#: one char for one char, so text indices stay pdfium char indices
_PLAIN_SPACES = str.maketrans({ch: " " for ch in _SPACE})
_FONT_FLAG_FORCE_BOLD = 1 << 18
#: a line longer than this is never a heading (as sections.looks_like_heading)
_HEADING_CHARS = 90
_BOLD_NAME = re.compile(r"bold|black|heavy|demi|semibold", re.IGNORECASE)
_TERMINAL = re.compile(r"[.;:!?][\"'”’»)\]]*$")
_NOT_AN_END = re.compile(
    r"\b(?:Abs|Nr|Art|Ziff|bzw|vgl|gem|ca|S|No|Sec|para|Mr|Ms|Dr|Prof|e\.g|i\.e|z\.B|u\.a|d\.h)\.$"
)
#: bullets, including the private-use code points of Symbol/Wingdings bullets that Word's PDFs carry
_BULLET = re.compile(r"^[•●▪◦‣∙·○■□➢►✓◆◇❖\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf0a8\uf0de\uf0e0]\s*|^[-–—*]\s+(?=\S)")
_ENUM = re.compile(r"^(?:\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,2})\)|(?:[a-z]|[ivx]{1,4})\))\s", re.IGNORECASE)
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:page|seite|p\.|s\.)\s*)?\d{1,4}(?:\s*(?:of|von|/|sur|de)\s*\d{1,4})?(?:\s*[-–—])?$",
    re.IGNORECASE,
)
#: "Page 3", "Page 3 of 10", "Seite 3 von 10": a page marker wherever it stands (documents printed from HTML
#: carry the original's page breaks in mid-page)
_PAGE_MARK = re.compile(r"^(?:page|seite)\s+\d{1,4}(?:\s*(?:of|von|/)\s*\d{1,4})?$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_VOCAB_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # as textutil.vocabulary_of
_LEFT_SPLIT = re.compile(r"[\s(\"'„“]")  # as textutil.join_lines
#: prefixes that keep their hyphen at a line break ("non-" + "exclusive")
_PREFIXES = frozenset({"non", "self", "cross", "quasi", "bi", "multi", "semi", "anti"})
_WORDS = re.compile(r"[^\W\d_]{2,}")
#: a running line with this many words is a notice (kept once), not a header or footer
_NOTICE_WORDS = 8
_NON_KEY = re.compile(r"[\s\W_]+")


@dataclass(slots=True)
class _Seg:
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
class _Line:
    """One visual line in reading order."""

    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    base: float
    size: float
    bold: bool
    page: int
    #: reading-order region on the page: a new one at each column switch or full-width band
    region: int
    #: "full", "left" or "right"
    col: str
    #: a page marker above this line was dropped: treat it like a page turn
    turn: bool = False


# --------------------------------------------------------------------------------------------------- errors


def _damaged(path: Path, what: str = "the PDF is damaged or incomplete") -> GhostproofError:
    return GhostproofError(E_PDF_DAMAGED, what, path=path, hint="download or export it again, or print it to a new PDF")


def _check_tail(path: Path) -> None:
    """pdfium silently repairs truncated files: a PDF must end with %%EOF (in its last 2 KiB)."""
    try:
        with open(path, "rb") as fh:
            fh.seek(0, 2)
            size = fh.tell()
            fh.seek(max(0, size - 2048))
            tail = fh.read()
    except OSError as exc:
        raise GhostproofError(E_UNREADABLE, f"cannot read the file ({exc.strerror})", path=path) from None
    if b"%%EOF" not in tail:
        raise _damaged(path, "the PDF is truncated (it has no end-of-file marker)")


def _open_error(exc: Exception, path: Path, password: str | None) -> GhostproofError:
    import pypdfium2.raw as pdfium_c

    code = getattr(exc, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        if password is None:
            return GhostproofError(
                E_PDF_PASSWORD,
                "the PDF is password-protected",
                path=path,
                hint="run again with --password followed by the password",
            )
        return GhostproofError(
            E_PDF_BAD_PASSWORD,
            "the password does not open this PDF",
            path=path,
            hint="check the password (it is case-sensitive)",
        )
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return GhostproofError(
            E_PDF_DAMAGED,
            "the PDF uses an encryption scheme that cannot be read",
            path=path,
            hint="open it in a PDF viewer and print it to a new, unprotected PDF",
        )
    return _damaged(path)


# ------------------------------------------------------------------------------------------- page reading


class _PageReader:
    """Segments of one pdfium text page. Holds reusable ctypes buffers."""

    def __init__(self, pdfium_c: Any) -> None:
        self.c = pdfium_c
        self.left, self.right = ctypes.c_double(), ctypes.c_double()
        self.bottom, self.top = ctypes.c_double(), ctypes.c_double()
        self.matrix = pdfium_c.FS_MATRIX()
        self.name = ctypes.create_string_buffer(256)
        self.flags = ctypes.c_int()
        self.raw: Any = None

    def segments(self, raw: Any, text: str) -> list[_Seg]:
        """Segments of a page whose pdfium text is ``text`` (odd spaces already made plain)."""
        self.raw = raw
        c = self.c
        box = (self.left, self.top, self.right, self.bottom)
        segs: list[_Seg] = []
        for m in _PIECE.finditer(text):
            piece = m.group()
            body = piece.strip(" ")
            if not body.strip(_SOFT):
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
                if body.strip(_SOFT):
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

    def _seg(self, text: str, x0: float, x1: float, b: float, t: float, first: int, last: int) -> _Seg:
        c, raw = self.c, self.raw
        base = b
        if c.FPDFText_GetCharOrigin(raw, first, self.left, self.bottom):
            base = self.bottom.value
        size = self._size(first) or t - b
        # boldness only matters for lines short enough to be headings
        bold = len(text) <= _HEADING_CHARS and self._bold(first) and (last == first or self._bold(last))
        return _Seg(text, x0, x1, b, t, base, size, bold)

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

    def _split(self, text: str, s: int, e: int) -> list[_Seg]:
        """Char by char: a new segment at a jump to another line or a wide horizontal gap."""
        c, raw = self.c, self.raw
        out: list[_Seg] = []
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
            if right - left < 0.01 and top - bottom < 0.01 and ch not in _SOFT:
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


# ------------------------------------------------------------------------------------------ page layout


def _rows(segs: Sequence[_Seg]) -> list[list[_Seg]]:
    """Group segments into visual rows (top to bottom), each row left to right."""
    rows: list[list[_Seg]] = []
    bands: list[tuple[float, float]] = []
    for seg in sorted(segs, key=lambda s: -(s.bottom + s.top)):
        h = max(seg.top - seg.bottom, 0.1)
        if rows:
            rb, rt = bands[-1]
            overlap = min(rt, seg.top) - max(rb, seg.bottom)
            if overlap >= 0.5 * min(h, max(rt - rb, 0.1)):
                rows[-1].append(seg)
                bands[-1] = (min(rb, seg.bottom), max(rt, seg.top))
                continue
        rows.append([seg])
        bands.append((seg.bottom, seg.top))
    for row in rows:
        row.sort(key=lambda s: s.x0)
    return rows


def _row_line(row: Sequence[_Seg], page: int, region: int, col: str) -> _Line:
    if len(row) == 1:
        s = row[0]
        return _Line(s.text, s.x0, s.x1, s.bottom, s.top, s.base, s.size, s.bold, page, region, col)
    text = row[0].text
    for prev, seg in itertools.pairwise(row):
        if text.endswith(_SOFT_END[:2]):  # a hyphen pdfium marked, followed on the same row: not a line end
            text = text[:-1] + seg.text
        elif seg.x0 - prev.x1 < 0.1 * seg.size:
            text += seg.text
        else:
            text += " " + seg.text
    main = max(row, key=lambda s: len(s.text))
    return _Line(
        text=text,
        x0=min(s.x0 for s in row),
        x1=max(s.x1 for s in row),
        bottom=min(s.bottom for s in row),
        top=max(s.top for s in row),
        base=main.base,
        size=main.size,
        bold=all(s.bold for s in row),
        page=page,
        region=region,
        col=col,
    )


def _gutter(segs: Sequence[_Seg]) -> float | None:
    """The x of the gap between two text columns, or None for a one-column page."""
    cand = [s for s in segs if len(s.text) >= 2]
    if len(cand) < 10:
        return None
    lo = min(s.x0 for s in cand)
    hi = max(s.x1 for s in cand)
    width = hi - lo
    if width <= 0:
        return None
    mid = lo + width / 2
    if sum(1 for s in cand if s.x0 < mid < s.x1) > 0.6 * len(cand):
        return None  # most lines run across the middle: one column (the common case, decided cheaply)
    nb = 200
    diff = [0] * (nb + 2)
    for s in cand:
        i0 = max(0, int((s.x0 - lo) / width * nb))
        i1 = min(nb, int((s.x1 - lo) / width * nb))
        diff[i0] += 1
        diff[i1 + 1] -= 1
    cover: list[int] = []
    run = 0
    for i in range(nb):
        run += diff[i]
        cover.append(run)
    a, b = int(nb * 0.3), int(nb * 0.7)
    least = min(cover[a:b])
    if least > 0.15 * len(cand):
        return None
    best_len, best_mid, cur_start = 0, 0.0, -1
    for i in range(a, b + 1):
        if i < b and cover[i] == least:
            if cur_start < 0:
                cur_start = i
            continue
        if cur_start >= 0:
            if i - cur_start > best_len:
                best_len, best_mid = i - cur_start, (cur_start + i) / 2
            cur_start = -1
    x = lo + best_mid / nb * width
    left = [s for s in cand if s.x1 <= x]
    right = [s for s in cand if s.x0 >= x]
    if len(left) < 5 or len(right) < 5:
        return None
    chars = sum(len(s.text) for s in cand)
    if sum(len(s.text) for s in left) + sum(len(s.text) for s in right) < 0.5 * chars:
        return None
    # side by side, not one above the other
    lb, lt = min(s.bottom for s in left), max(s.top for s in left)
    rb, rt = min(s.bottom for s in right), max(s.top for s in right)
    if min(lt, rt) - max(lb, rb) < 0.5 * min(lt - lb, rt - rb):
        return None
    # running text, not a table or signature block: most lines are long and fill their column
    for side in (left, right):
        extent = max(s.x1 for s in side) - min(s.x0 for s in side)
        widths = sorted(s.x1 - s.x0 for s in side)
        if widths[len(widths) // 2] < 0.6 * extent or sum(len(s.text) >= 20 for s in side) < 0.5 * len(side):
            return None
    return x


def _layout(segs: Sequence[_Seg], page: int, region0: int) -> list[_Line]:
    """Lines of one page in reading order."""
    x = _gutter(segs)
    if x is None:
        return [_row_line(row, page, region0, "full") for row in _rows(segs)]
    lines: list[_Line] = []
    region = region0
    band_left: list[_Seg] = []
    band_right: list[_Seg] = []
    full: list[_Seg] = []

    def flush_cols() -> None:
        nonlocal region
        for segs_, col in ((band_left, "left"), (band_right, "right")):
            if segs_:
                lines.extend(_row_line(row, page, region, col) for row in _rows(segs_))
                region += 1
            segs_.clear()

    def flush_full() -> None:
        nonlocal region
        if full:
            lines.extend(_row_line(row, page, region, "full") for row in _rows(full))
            region += 1
            full.clear()

    lo = min(s.x0 for s in segs)
    hi = max(s.x1 for s in segs)
    for seg in sorted(segs, key=lambda s: -(s.bottom + s.top)):
        # full width: reaches well into both columns (a line that only pokes into the gutter is not)
        if x - seg.x0 > 0.25 * (x - lo) and seg.x1 - x > 0.25 * (hi - x):
            flush_cols()
            full.append(seg)
        elif (seg.x0 + seg.x1) / 2 < x:
            flush_full()
            band_left.append(seg)
        else:
            flush_full()
            band_right.append(seg)
    flush_full()
    flush_cols()
    return lines


# ------------------------------------------------------------------------------- headers, footers, numbers


def _key(text: str) -> str:
    """Comparison key of a line: lower case, letters and digits only, every number as "0"."""
    return _DIGITS.sub("0", _NON_KEY.sub("", text.lower()))


def _numbers_follow_pages(hits: Sequence[tuple[int, _Line]]) -> bool:
    """The numbers in these lines are the same on every page, or one of them counts the pages."""
    if len({line.text for _, line in hits}) == 1:
        return True
    nums = [(page, [int(n) for n in _DIGITS.findall(line.text)]) for page, line in hits]
    width = min(len(ns) for _, ns in nums)
    for k in range(width):
        offsets = Counter(ns[k] - page for page, ns in nums)
        if offsets.most_common(1)[0][1] >= 0.7 * len(nums):
            return True
    return False


def _mostly_same(values: Sequence[float], tol: float) -> bool:
    """At least 60% of the values lie within ``tol`` of one of them."""
    ordered = sorted(values)
    best, lo = 0, 0
    for hi, v in enumerate(ordered):
        while v - ordered[lo] > 2 * tol:
            lo += 1
        best = max(best, hi - lo + 1)
    return best >= 0.6 * len(values)


def _edges(lines: Sequence[_Line], top_n: int = 3, bottom_n: int = 4) -> dict[int, int]:
    """The lines at the top and bottom of a page by position (reading order may put a header that sits above
    the right column after the left column): line index -> rank from the edge (0, 1, 2 / -1, -2, ...)."""
    by_top = sorted(range(len(lines)), key=lambda i: -lines[i].top)
    by_bottom = sorted(range(len(lines)), key=lambda i: lines[i].bottom)
    edges = {i: -1 - r for r, i in enumerate(by_bottom[:bottom_n])}
    edges.update({i: r for r, i in enumerate(by_top[:top_n])})
    return edges


def _running_keys(pages: list[list[_Line]], heights: Sequence[float]) -> dict[str, set[tuple[int, int]]]:
    """Keys of running headers/footers and where they occur: (page index, line index)."""
    hits: dict[str, list[tuple[int, int, int]]] = defaultdict(list)  # key -> (page, line index, rank)
    for p, lines in enumerate(pages):
        for i, rank in _edges(lines).items():
            if key := _key(lines[i].text):
                hits[key].append((p, i, rank))
    need = 2 if len(pages) <= 4 else 3
    page_keys: dict[int, Counter[str]] = {}

    def count_on_page(p: int, key: str) -> int:
        if p not in page_keys:
            page_keys[p] = Counter(_key(line.text) for line in pages[p])
        return page_keys[p][key]

    out: dict[str, set[tuple[int, int]]] = {}
    for key, found in hits.items():
        on_pages = {p for p, _, _ in found}
        if len(on_pages) < need:
            continue
        # at most once per page: a line repeated within pages (signature blocks, "By:") is content
        if sum(count_on_page(p, key) > 1 for p in on_pages) > 0.1 * len(on_pages):
            continue
        where = [(p, pages[p][i]) for p, i, _ in found]
        if "0" in key and not _numbers_follow_pages(where):
            continue  # "Article 12", "Schedule 1.10": numbered headings, not a running line
        # at the same height, or at the same place from the page edge, on most pages
        same_y = _mostly_same([line.top / max(heights[p], 1.0) for p, line in where], 0.01)
        same_rank = _mostly_same([float(rank) for _, _, rank in found], 1.0)
        if not (same_y or same_rank):
            continue
        out[key] = {(p, i) for p, i, _ in found}
    return out


def _drop_running(pages: list[list[_Line]], heights: Sequence[float]) -> list[list[_Line]]:
    """Remove running headers/footers (rows at a page edge that repeat modulo digits) and page numbers.

    A title on the first page that reads like the running header (a larger or bold "CONSULTING AGREEMENT"
    above the body, with "Consulting Agreement" at the top of each later page) stays. A running notice that is
    a sentence ("Confidential treatment has been requested for the portions marked [***] ...") stays once,
    where it first appears: the document still says it, without the repeats.
    """
    drop: set[tuple[int, int]] = set()
    for where in _running_keys(pages, heights).values():
        sizes = sorted(pages[p][i].size for p, i in where)
        typical = sizes[len(sizes) // 2]
        first = min(where)
        for p, i in where:
            line = pages[p][i]
            if p == 0 and (line.size > 1.15 * typical or (line.bold and not all(pages[q][j].bold for q, j in where))):
                continue
            if (p, i) == first and len(_WORDS.findall(line.text)) >= _NOTICE_WORDS:
                continue
            drop.add((p, i))
    drop |= _page_numbers(pages)
    out: list[list[_Line]] = []
    for p, lines in enumerate(pages):
        keep: list[_Line] = []
        turn = False
        for i, line in enumerate(lines):
            if (p, i) in drop:
                turn = bool(keep)  # a page marker in mid-page: the text around it may run on
                continue
            if turn:
                line.turn = True
                turn = False
            keep.append(line)
        out.append(keep)
    return out


def _isolated(lines: Sequence[_Line], i: int) -> bool:
    """Line ``i`` stands alone: a wide vertical gap above and below it (or a page edge)."""
    line = lines[i]
    gap = 2.2 * line.size
    above = i == 0 or lines[i - 1].base - line.base > gap
    below = i == len(lines) - 1 or line.base - lines[i + 1].base > gap
    return above and below


def _page_numbers(pages: list[list[_Line]]) -> set[tuple[int, int]]:
    """Page numbers and markers: "Page 3 (of 10)" anywhere; a lone "3" / "- 3 -" at a page edge; and lone
    numbers in mid-page when they stand alone and count up through the document (PDFs printed from HTML carry
    the original's page breaks in mid-page)."""
    found: set[tuple[int, int]] = set()
    middle: list[tuple[int, int, int]] = []
    limit = 2 * len(pages) + 10  # "2024" alone on a line is a year, not page 2024
    for p, lines in enumerate(pages):
        edges: dict[int, int] | None = None
        for i, line in enumerate(lines):
            if len(line.text) > 24:  # the longest marker: "Seite 1234 von 1234" and some spaces
                continue
            plain = squash(line.text)
            if _PAGE_MARK.match(plain):
                found.add((p, i))
            elif _PAGE_NUMBER.match(plain) and int(_DIGITS.findall(plain)[0]) <= limit:
                if edges is None:
                    edges = _edges(lines, 2, 3)
                if i in edges:
                    found.add((p, i))
                elif _isolated(lines, i):
                    middle.append((p, i, int(_DIGITS.findall(plain)[0])))
    if len(middle) >= 3:
        rising = sum(a[2] < b[2] for a, b in itertools.pairwise(middle))
        if rising >= 0.8 * (len(middle) - 1):
            found.update((p, i) for p, i, _ in middle)
    return found


# ------------------------------------------------------------------------------------------- paragraphs


def _percentile(values: Sequence[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(q * (len(s) - 1) + 0.5)))]


def _ends_sentence(text: str) -> bool:
    """The line ends with sentence punctuation, and not with an abbreviation ("Abs.", "No.", "e.g.")."""
    return bool(_TERMINAL.search(text)) and not _NOT_AN_END.search(text)


def _starts_item(text: str) -> bool:
    return bool(_BULLET.match(text) or _ENUM.match(text))


def _starts_label(text: str) -> bool:
    return split_label(text)[0] is not None or _starts_item(text)


class _Paragrapher:
    """Decides where paragraphs start, from the geometry of the lines and how they begin and end."""

    def __init__(self, lines: Sequence[_Line], texts: Sequence[str]) -> None:
        self.lines = lines
        #: normalised text of each line
        self.texts = texts
        sizes: Counter[float] = Counter()
        for line in lines:
            sizes[round(line.size, 1)] += len(line.text)
        self.body = sizes.most_common(1)[0][0] if sizes else 10.0
        ratios = [
            (a.base - b.base) / a.size
            for a, b in itertools.pairwise(lines)
            if a.page == b.page and a.region == b.region and 0 < a.base - b.base < 3 * a.size
        ]
        #: baseline-to-baseline distance inside a paragraph, in font sizes
        self.spacing = _percentile(ratios, 0.3) if len(ratios) >= 3 else 1.2
        #: the right edge of the text around each line (nearby lines in the same column that start where it
        #: starts): indented blocks and narrower columns get their own margin
        self.right: list[float] = []
        for i, line in enumerate(lines):
            right, em = line.x1, 1.5 * line.size
            for n in lines[max(0, i - 6) : i + 7]:
                if n.x1 > right and n.region == line.region and abs(n.x0 - line.x0) <= em:
                    right = n.x1
            self.right.append(right)

    def breaks(self, i: int) -> bool:
        """Does line ``i`` start a new paragraph?"""
        prev, cur = self.lines[i - 1], self.lines[i]
        prev_text, cur_text = self.texts[i - 1], self.texts[i]
        if _BULLET.match(cur_text):
            return True
        prev_ends = _ends_sentence(prev_text)
        if prev.page != cur.page or prev.region != cur.region or cur.turn:
            return not self._runs_on(i, prev_ends)
        if prev.text.endswith(_SOFT_END):  # pdfium saw a word hyphenated at the line end
            return False
        em = max(prev.size, cur.size)
        step = prev.base - cur.base
        if step > 1.3 * self.spacing * em or step < -0.5 * em:
            return True
        if abs(prev.size - cur.size) > 0.2 * em:
            return True
        if prev.bold and not cur.bold and prev.x1 - prev.x0 < 0.7 * (self.right[i - 1] - prev.x0):
            return True  # a short bold line: a run-in heading
        if self._short(i) or (prev_ends and _starts_label(cur_text)):
            return True
        if not prev_ends:
            return False
        if cur.x0 < prev.x0 - 0.9 * em:  # outdented after a full stop: the next item of a hanging list
            return True
        # indented after a full stop: a first-line indent, unless prev opens a hanging item ("2.1 ...", "(a) ...")
        return cur.x0 > prev.x0 + 0.9 * em and not _starts_label(prev_text)

    def _runs_on(self, i: int, prev_ends: bool) -> bool:
        """At a page or column turn: does the sentence of line ``i - 1`` continue in line ``i``?"""
        prev_text, cur_text = self.texts[i - 1], self.texts[i]
        if prev_text.endswith("-"):
            return True
        if prev_ends or _starts_label(cur_text):
            return False
        if cur_text[:1].islower():
            return True
        if self._short(i):
            return False  # a heading or the last line of a paragraph
        return not cur_text[:1].isalpha() or prev_text[-1:].islower() or prev_text.endswith(",")

    def _short(self, i: int) -> bool:
        """Line ``i - 1`` stops well before the right margin although line ``i``'s first word would have fitted."""
        prev, cur = self.lines[i - 1], self.lines[i]
        prev_text, cur_text = self.texts[i - 1], self.texts[i]
        if prev_text.endswith("-"):
            return False
        room = self.right[i - 1] - prev.x1
        first = cur_text.split(" ", 1)[0]
        char_w = (cur.x1 - cur.x0) / max(len(cur_text), 1)
        return room > max((len(first) + 2) * char_w, 2 * cur.size)

    def kind(self, lines: Sequence[_Line], text: str) -> BlockKind:
        if _BULLET.match(text) or _ENUM.match(text):
            return "list_item"
        if len(lines) <= 2 and len(text) <= _HEADING_CHARS:
            label, rest = split_label(text)
            if looks_like_heading(text) or (label is not None and not rest):  # "Article 12" on its own line
                return "heading"
            bigger = all(line.size >= 1.15 * self.body for line in lines)
            bold = all(line.bold for line in lines)
            if (bigger or bold) and len(text.split()) <= 12 and not text.endswith((".", ";", ",", ":")):
                return "heading" if text[:1].isupper() or split_label(text, heading=True)[0] else "paragraph"
        return "paragraph"


def _line_text(line: _Line) -> str:
    """Text of a line for ``join_lines`` (which normalises it): a soft hyphen pdfium marked at the end becomes
    "-", so that ``join_lines`` repairs the word."""
    t = line.text.strip()
    if t.endswith(_SOFT_END):
        t = t[:-1].rstrip() + "-"
    return t


def _vocabulary(texts: Sequence[str]) -> set[str]:
    """The document's words for :func:`join_lines`, plus compounds broken at a line end that keep their hyphen.

    A word hyphenated at a line end whose joined form the document never uses, but whose second half is a word
    the document uses on its own elsewhere ("five-" + "percent", "pre-" + "existing"), is a compound: the
    hyphenated form goes into the vocabulary so ``join_lines`` keeps the hyphen (English only: German closes
    compounds). Word processors do not hyphenate by default, so a line-end hyphen is more often a compound's
    than a syllable break. "contrac-" + "tual" is joined as before.
    """
    text = "\n".join(texts)
    counts = Counter(_VOCAB_WORD.findall(text.lower()))
    # German writes compounds closed ("Kündigungsfrist"; a hyphen only before a capital, which join_lines keeps)
    english = detect_lang(text, limit=50_000) == "en"
    fragments: Counter[str] = Counter()
    pairs: list[tuple[str, str]] = []
    for a, b in itertools.pairwise(texts):
        if len(a) >= 2 and a.endswith("-") and a[-2].isalpha() and b[:1].islower():
            left = _LEFT_SPLIT.split(a[:-1])[-1].lower()
            right = b.split(" ", 1)[0].rstrip(".,;:)").lower()
            fragments[left] += 1
            if word := _VOCAB_WORD.match(right):
                fragments[word.group()] += 1
            pairs.append((left, right))
    vocab = set(counts)
    for left, right in pairs:
        word = _VOCAB_WORD.match(right)
        if word is None or f"{left}{word.group()}" in vocab:
            continue
        tail = word.group()
        # "tual", "ment", "stand" (only here): syllables; "existing", "percent" (used on their own): words
        if english and ((len(tail) >= 3 and counts[tail] > fragments[tail] and len(left) >= 2) or left in _PREFIXES):
            vocab.add(f"{left}-{right}")
    return vocab


def _paragraphs(pages: list[list[_Line]]) -> list[RawBlock]:
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    texts = [_line_text(line) for line in lines]
    para = _Paragrapher(lines, texts)
    vocab = _vocabulary(texts)
    groups: list[list[int]] = [[0]]
    for i in range(1, len(lines)):
        if para.breaks(i):
            groups.append([i])
        else:
            groups[-1].append(i)
    blocks: list[RawBlock] = []
    for group in groups:
        text = join_lines([texts[i] for i in group], vocab)
        if not text:
            continue
        kind = para.kind([lines[i] for i in group], text)
        if kind == "list_item" and (m := _BULLET.match(text)):
            text = text[m.end() :]
        blocks.append(RawBlock(kind=kind, text=text, page=lines[group[0]].page))
    return blocks


# ----------------------------------------------------------------------------------------------- reading


@dataclass(slots=True)
class _Pages:
    lines: list[list[_Line]]
    heights: list[float]
    #: non-space characters over all pages
    chars: int
    #: 1-based numbers of pages without any text
    empty: list[int]
    #: 1-based numbers of pages pdfium could not load
    broken: list[int]


def _read_pages(pdf: Any, pdfium_c: Any, error: type[Exception]) -> _Pages:
    reader = _PageReader(pdfium_c)
    out = _Pages([], [], 0, [], [])
    region = 0
    for index in range(len(pdf)):
        try:
            page = pdf.get_page(index)
        except error:  # one broken page: read the others
            out.broken.append(index + 1)
            out.heights.append(0.0)
            out.lines.append([])
            continue
        try:
            out.heights.append(float(page.get_height()))
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
                n = textpage.count_chars()
                if len(text) != n:  # chars outside UCS-2 or excluded chars: rebuild aligned with char indices
                    text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i) or 32) for i in range(n))
                segs = reader.segments(textpage.raw, text.translate(_PLAIN_SPACES))
            finally:
                textpage.close()
        finally:
            page.close()
        chars = sum(len(s.text.strip(_SOFT)) for s in segs)
        out.chars += chars
        if chars == 0:
            out.empty.append(index + 1)
        lines = _layout(segs, index + 1, region)
        if lines:
            region = lines[-1].region + 1
        out.lines.append(lines)
    return out


def read_pdf(path: Path, *, password: str | None = None) -> Extraction:
    """Read a PDF's text layer into paragraphs in reading order. Raises :class:`GhostproofError` on bad input."""
    _check_tail(path)
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    warnings: list[str] = []
    try:
        pdf = pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as exc:
        if password is None or getattr(exc, "err_code", None) != pdfium_c.FPDF_ERR_PASSWORD:
            raise _open_error(exc, path, password) from None
        try:  # a PDF that only has an owner password opens without one: the given password is not needed
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError:
            raise _open_error(exc, path, password) from None
        warnings.append("the PDF opens without a password; the password given was not used")
    blocks: list[RawBlock] = []
    try:
        pages = _read_pages(pdf, pdfium_c, pdfium.PdfiumError)
        if pages.chars:
            blocks = _paragraphs(_drop_running(pages.lines, pages.heights))
    except Exception as exc:  # never a traceback: whatever pdfium or the layout trips on, say the file is bad
        raise _damaged(path, f"the PDF's text could not be read ({type(exc).__name__})") from None
    finally:
        pdf.close()
    if not pages.lines:
        raise _damaged(path, "the PDF has no pages")
    if len(pages.broken) == len(pages.lines):
        raise _damaged(path)
    if pages.chars == 0:
        ocr = shlex.quote(path.stem + "-ocr.pdf")
        raise GhostproofError(
            E_PDF_NO_TEXT,
            "the PDF has no text layer (it looks scanned or image-only)",
            path=path,
            hint=f"run OCR first, e.g. `ocrmypdf {shlex.quote(path.name)} {ocr}`, then run ghostproof on {ocr}",
        )
    if pages.empty:
        empty = pages.empty
        warnings.append(
            f"{len(empty)} of {len(pages.lines)} pages have no text layer (p. {_page_list(empty)}); "
            "if they are scanned, run OCR (e.g. ocrmypdf) to include them"
        )
    if pages.broken:
        warnings.append(f"{len(pages.broken)} pages could not be read and are missing: p. {_page_list(pages.broken)}")
    return Extraction(blocks=blocks, pages=len(pages.lines), warnings=warnings)


def _page_list(numbers: Sequence[int]) -> str:
    return ", ".join(map(str, numbers[:10])) + (" …" if len(numbers) > 10 else "")
