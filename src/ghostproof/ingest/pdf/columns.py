"""Page layout: segments -> lines in reading order. Rows top to bottom; a two-column page is read left column
first, band by band, while full-width lines (titles, a closing line across both columns) stay in place."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from .lines import SOFT_END, Line, Seg


def _rows(segs: Sequence[Seg]) -> list[list[Seg]]:
    """Group segments into visual rows (top to bottom), each row left to right."""
    rows: list[list[Seg]] = []
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


def _row_line(row: Sequence[Seg], page: int, region: int, col: str) -> Line:
    if len(row) == 1:
        s = row[0]
        return Line(s.text, s.x0, s.x1, s.bottom, s.top, s.base, s.size, s.bold, page, region, col)
    text = row[0].text
    for prev, seg in itertools.pairwise(row):
        if text.endswith(SOFT_END[:2]):  # a hyphen pdfium marked, followed on the same row: not a line end
            text = text[:-1] + seg.text
        elif seg.x0 - prev.x1 < 0.1 * seg.size:
            text += seg.text
        else:
            text += " " + seg.text
    main = max(row, key=lambda s: len(s.text))
    return Line(
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


def _gutter(segs: Sequence[Seg]) -> float | None:
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


def layout(segs: Sequence[Seg], page: int, region0: int) -> list[Line]:
    """Lines of one page in reading order."""
    x = _gutter(segs)
    if x is None:
        return [_row_line(row, page, region0, "full") for row in _rows(segs)]
    lines: list[Line] = []
    region = region0
    band_left: list[Seg] = []
    band_right: list[Seg] = []
    full: list[Seg] = []

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
