"""Paragraph and character styles of a .docx (``word/styles.xml``): inheritance, numbering and hidden text
by style, and heading detection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .ooxml import Element, W, as_int, on, on_attr, val

_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|berschrift)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|titel)$", re.IGNORECASE)


@dataclass(slots=True)
class _Style:
    sid: str
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None
    vanish: bool | None


class Styles:
    """styles.xml: styles by id with their inheritance, the default paragraph style and default hidden text."""

    def __init__(self) -> None:
        self.by_id: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self.default_vanish: bool | None = None
        self._chains: dict[str, list[_Style]] = {}

    def add(self, el: Element, w: W) -> None:
        sid = el.get(w.style_id)
        if el.tag == w.doc_defaults:
            rpr = el.find(f"{w.r_pr_default}/{w.r_pr}")
            if rpr is not None:
                self.default_vanish = on(rpr.find(w.vanish), w)
            return
        if el.tag != w.style or not sid:
            return
        ppr = el.find(w.p_pr)
        numpr = ppr.find(w.num_pr) if ppr is not None else None
        rpr = el.find(w.r_pr)
        style = _Style(
            sid=sid,
            name=val(el.find(w.name), w) or "",
            based_on=val(el.find(w.based_on), w),
            num_id=val(numpr.find(w.num_id), w) if numpr is not None else None,
            ilvl=as_int(val(numpr.find(w.ilvl), w)) if numpr is not None else None,
            outline=as_int(val(ppr.find(w.outline_lvl), w)) if ppr is not None else None,
            vanish=on(rpr.find(w.vanish), w) if rpr is not None else None,
        )
        self.by_id.setdefault(sid, style)
        if el.get(w.type, "paragraph") == "paragraph" and on_attr(el.get(w.default)):
            self.default_paragraph = sid

    def chain(self, sid: str | None) -> list[_Style]:
        """The style and the styles it is based on, nearest first (loops cut)."""
        if sid is None:
            return []
        cached = self._chains.get(sid)
        if cached is not None:
            return cached
        out: list[_Style] = []
        seen: set[str] = set()
        cur: str | None = sid
        while cur is not None and cur not in seen and len(out) < 32:
            seen.add(cur)
            style = self.by_id.get(cur)
            if style is None:
                break
            out.append(style)
            cur = style.based_on
        self._chains[sid] = out
        return out

    def numbering(self, sid: str | None) -> tuple[str | None, int | None]:
        num_id = next((s.num_id for s in self.chain(sid) if s.num_id is not None), None)
        ilvl = next((s.ilvl for s in self.chain(sid) if s.ilvl is not None), None)
        return num_id, ilvl

    def vanish(self, sid: str | None) -> bool | None:
        return next((s.vanish for s in self.chain(sid) if s.vanish is not None), None)

    def heading_level(self, sid: str | None) -> int | None:
        chain = self.chain(sid)
        if chain:
            own = chain[0]
            for text in (own.sid, own.name):
                if m := _HEADING_STYLE.match(text.strip()):
                    return int(m.group(1))
                if _TITLE_STYLE.match(text.strip()):
                    return 1
        outline = next((s.outline for s in chain if s.outline is not None), None)
        return outline + 1 if outline is not None and 0 <= outline <= 8 else None
