"""Page furniture: running headers/footers (rows at a page edge that repeat modulo digits) and page numbers,
found across the whole document and dropped."""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from ..textutil import PAGE_NUMBER, running_key, squash
from .lines import Line

#: "Page 3", "Page 3 of 10", "Seite 3 von 10": a page marker wherever it stands (documents printed from HTML
#: carry the original's page breaks in mid-page)
_PAGE_MARK = re.compile(r"^(?:page|seite)\s+\d{1,4}(?:\s*(?:of|von|/)\s*\d{1,4})?$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_WORDS = re.compile(r"[^\W\d_]{2,}")
#: a running line with this many words is a notice (kept once), not a header or footer
_NOTICE_WORDS = 8


def _numbers_follow_pages(hits: Sequence[tuple[int, Line]]) -> bool:
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


def _edges(lines: Sequence[Line], top_n: int = 3, bottom_n: int = 4) -> dict[int, int]:
    """The lines at the top and bottom of a page by position (reading order may put a header that sits above
    the right column after the left column): line index -> rank from the edge (0, 1, 2 / -1, -2, ...)."""
    by_top = sorted(range(len(lines)), key=lambda i: -lines[i].top)
    by_bottom = sorted(range(len(lines)), key=lambda i: lines[i].bottom)
    edges = {i: -1 - r for r, i in enumerate(by_bottom[:bottom_n])}
    edges.update({i: r for r, i in enumerate(by_top[:top_n])})
    return edges


def _running_keys(pages: list[list[Line]], heights: Sequence[float]) -> dict[str, set[tuple[int, int]]]:
    """Keys of running headers/footers and where they occur: (page index, line index)."""
    hits: dict[str, list[tuple[int, int, int]]] = defaultdict(list)  # key -> (page, line index, rank)
    for p, lines in enumerate(pages):
        for i, rank in _edges(lines).items():
            if key := running_key(lines[i].text):
                hits[key].append((p, i, rank))
    need = 2 if len(pages) <= 4 else 3
    page_keys: dict[int, Counter[str]] = {}

    def count_on_page(p: int, key: str) -> int:
        if p not in page_keys:
            page_keys[p] = Counter(running_key(line.text) for line in pages[p])
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


def drop_running(pages: list[list[Line]], heights: Sequence[float]) -> list[list[Line]]:
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
    out: list[list[Line]] = []
    for p, lines in enumerate(pages):
        keep: list[Line] = []
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


def _isolated(lines: Sequence[Line], i: int) -> bool:
    """Line ``i`` stands alone: a wide vertical gap above and below it (or a page edge)."""
    line = lines[i]
    gap = 2.2 * line.size
    above = i == 0 or lines[i - 1].base - line.base > gap
    below = i == len(lines) - 1 or line.base - lines[i + 1].base > gap
    return above and below


def _page_numbers(pages: list[list[Line]]) -> set[tuple[int, int]]:
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
            elif PAGE_NUMBER.match(plain) and int(_DIGITS.findall(plain)[0]) <= limit:
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
