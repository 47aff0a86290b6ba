"""Numbering of a .docx (``word/numbering.xml``): list definitions, the running counters Word keeps, and the
numbers it shows ("4.2", "§ 4", "(b)", "iv").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .ooxml import ALT, FALLBACK, Element, W, as_int, on, val
from .styles import Styles

_LEVEL_REF = re.compile(r"%([1-9])")
_SUFFIX = {"tab": " ", "space": " ", "nothing": ""}


@dataclass(slots=True)
class Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 0
    restart: int | None = None
    legal: bool = False
    pstyle: str | None = None
    suffix: str = " "
    bullet: bool = False
    hidden: bool = False


@dataclass(slots=True)
class _Abstract:
    levels: dict[int, Level] = field(default_factory=dict)
    num_style_link: str | None = None


@dataclass(slots=True)
class _Num:
    abstract_id: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, Level] = field(default_factory=dict)


def _parse_level(el: Element, w: W) -> Level:
    fmt_el = el.find(w.num_fmt)
    if fmt_el is None:  # Word 2010 puts custom formats in mc:AlternateContent with a plain fallback
        fmt_el = el.find(f"{ALT}/{FALLBACK}/{w.num_fmt}")
    rpr = el.find(w.r_pr)
    fmt = val(fmt_el, w) or "decimal"
    return Level(
        fmt=fmt,
        text=val(el.find(w.lvl_text), w) or "",
        start=as_int(val(el.find(w.start), w)) or 0,
        restart=as_int(val(el.find(w.lvl_restart), w)),
        legal=bool(on(el.find(w.is_lgl), w)),
        pstyle=val(el.find(w.p_style), w),
        suffix=_SUFFIX.get(val(el.find(w.suff), w) or "tab", " "),
        bullet=fmt == "bullet" or el.find(w.lvl_pic_bullet_id) is not None,
        hidden=bool(rpr is not None and on(rpr.find(w.vanish), w)),
    )


def _levels(el: Element, w: W) -> dict[int, Level]:
    out: dict[int, Level] = {}
    for lvl in el.iterfind(w.lvl):
        ilvl = as_int(lvl.get(w.ilvl_attr))
        if ilvl is not None and 0 <= ilvl <= 8:
            out.setdefault(ilvl, _parse_level(lvl, w))
    return out


class Numbering:
    """numbering.xml plus the running counters, which Word keeps per abstract numbering definition."""

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self.abstracts: dict[str, _Abstract] = {}
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.seen: set[tuple[str, int]] = set()

    def add(self, el: Element, w: W) -> None:
        if el.tag == w.abstract_num:
            aid = el.get(w.abstract_num_id)
            if aid is not None:
                link = val(el.find(w.num_style_link), w)
                self.abstracts.setdefault(aid, _Abstract(levels=_levels(el, w), num_style_link=link))
        elif el.tag == w.num:
            nid = el.get(w.num_id_attr)
            aid = val(el.find(w.abstract_num_id_el), w)
            if nid is None or aid is None:
                return
            num = _Num(abstract_id=aid)
            for override in el.iterfind(w.lvl_override):
                ilvl = as_int(override.get(w.ilvl_attr))
                if ilvl is None or not 0 <= ilvl <= 8:
                    continue
                start = as_int(val(override.find(w.start_override), w))
                if start is not None:
                    num.starts[ilvl] = start
                lvl = override.find(w.lvl)
                if lvl is not None:
                    num.levels[ilvl] = _parse_level(lvl, w)
            self.nums.setdefault(nid, num)

    def _abstract(self, num_id: str) -> tuple[str, _Abstract] | None:
        """The abstract definition of a num, following a numbering style link (``w:numStyleLink``)."""
        seen: set[str] = set()
        cur = num_id
        while cur not in seen:
            seen.add(cur)
            num = self.nums.get(cur)
            if num is None:
                return None
            abstract = self.abstracts.get(num.abstract_id)
            if abstract is None:
                return None
            if abstract.num_style_link:
                linked, _ = self.styles.numbering(abstract.num_style_link)
                if linked is not None and linked not in seen and linked in self.nums:
                    cur = linked
                    continue
            return num.abstract_id, abstract
        return None

    def level_for_style(self, num_id: str, style: str | None) -> int | None:
        found = self._abstract(num_id)
        if found is None or style is None:
            return None
        return next((i for i, lvl in sorted(found[1].levels.items()) if lvl.pstyle == style), None)

    def advance(self, num_id: str, ilvl: int) -> tuple[Level, str] | None:
        """Count one paragraph of list ``num_id`` at level ``ilvl``; return its level and the number Word shows."""
        found = self._abstract(num_id)
        num = self.nums.get(num_id)
        if found is None or num is None:
            return None
        abstract_id, abstract = found

        def level(k: int) -> Level | None:
            return num.levels.get(k) or abstract.levels.get(k)

        def start(k: int) -> int:
            if k in num.starts:
                return num.starts[k]
            lv = level(k)
            return lv.start if lv is not None else 0

        lvl = level(ilvl)
        if lvl is None:
            return None
        counts = self.counters.setdefault(abstract_id, [None] * 9)
        current = counts[ilvl]
        if (num_id, ilvl) not in self.seen and ilvl in num.starts:
            counts[ilvl] = num.starts[ilvl]  # a w:startOverride restarts the shared list where this num begins
        else:
            counts[ilvl] = start(ilvl) if current is None else current + 1
        self.seen.add((num_id, ilvl))
        for k in range(ilvl + 1, 9):
            deeper = level(k)
            restart = deeper.restart if deeper is not None else None
            if restart is None or restart > k or (restart != 0 and ilvl < restart):
                counts[k] = None
        if lvl.bullet or lvl.hidden:
            return lvl, ""

        def render(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            value = counts[k]
            if value is None:
                value = start(k)
            ref = level(k)
            fmt = "decimal" if lvl.legal else (ref.fmt if ref is not None else "decimal")
            return format_number(value, fmt)

        return lvl, _LEVEL_REF.sub(render, lvl.text)


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letters(n: int) -> str:
    """Word's alphabetic numbering: a … z, aa … zz, aaa …"""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_number(n: int, fmt: str) -> str:
    if fmt in ("none", "bullet"):
        return ""
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "ordinal":
        return _ordinal(n)
    return str(n)  # decimal and everything we do not render specially
