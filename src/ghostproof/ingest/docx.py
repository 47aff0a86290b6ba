"""Word .docx reader: the body in document order, tables, tracked changes, rebuilt numbering, footnotes.

Safety comes before any XML parsing. A .docx is a ZIP of XML parts, so a hostile file can be a zip bomb (a tiny
archive that unpacks to gigabytes), an XML entity bomb ("billion laughs") or an external-entity attack
(``<!ENTITY x SYSTEM "file:///etc/passwd">``). Therefore:

* the ZIP central directory and every member's declared size and compression ratio are checked before anything
  is unpacked (:data:`MAX_MEMBER_SIZE`, :data:`MAX_TOTAL_SIZE`, :data:`MAX_RATIO`), and reads never go past the
  declared size;
* every XML part is *streamed* through lxml in small chunks and freed unit by unit (one body paragraph or table,
  one style, one footnote at a time), with a cap on the elements alive at once, so memory stays bounded even for
  a large part that is not a bomb by ratio;
* any DTD (``<!DOCTYPE`` / ``<!ENTITY``, which Word never writes) refuses the file; entities are never
  resolved and nothing is fetched from the network.

The document XML is walked directly (python-docx's ``paragraph.text`` drops tracked insertions and automatic
numbering), so that the text is what Word shows with all changes accepted, and numbered clauses carry the number
Word displays ("4.2", "§ 4").
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from lxml import etree

from ..errors import E_DOCX_BOMB, E_DOCX_DAMAGED, E_DOCX_DTD, E_UNREADABLE, GhostproofError
from ..model import BlockKind, Extraction, RawBlock
from .sections import split_label
from .textutil import squash

__all__ = [
    "MAX_BLOCKS",
    "MAX_MEMBER_SIZE",
    "MAX_RATIO",
    "MAX_TOTAL_SIZE",
    "MAX_UNIT_ELEMENTS",
    "check_zip_directory",
    "read_docx",
]

#: an lxml element (lxml ships no type information)
_Element = Any

# ---------------------------------------------------------------------------------------------------- limits
#: largest uncompressed size of any one ZIP member
MAX_MEMBER_SIZE = 64 << 20
#: largest uncompressed size of all members together
MAX_TOTAL_SIZE = 256 << 20
#: a member over :data:`RATIO_FLOOR` that unpacks to more than this many times its compressed size is a bomb
MAX_RATIO = 100
RATIO_FLOOR = 1 << 20
#: most ZIP members, and the largest central directory (it is parsed into memory when the ZIP is opened)
MAX_MEMBERS = 10_000
MAX_DIRECTORY = 4 << 20
#: most XML elements alive at once while streaming a part (one paragraph, table, style or footnote)
MAX_UNIT_ELEMENTS = 300_000
#: most blocks (paragraphs and table cells with text) in one document
MAX_BLOCKS = 200_000

_CHUNK = 1 << 16
_DAMAGED_HINT = "open it in Word or LibreOffice and save it again as .docx"
_DTD_MARKERS = tuple(s.encode(enc) for s in ("<!DOCTYPE", "<!ENTITY") for enc in ("ascii", "utf-16-le", "utf-16-be"))
_CARRY = max(len(m) for m in _DTD_MARKERS) - 1

_W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_MATH_TEXT = frozenset(
    {
        "{http://schemas.openxmlformats.org/officeDocument/2006/math}t",
        "{http://purl.oclc.org/ooxml/officeDocument/math}t",
    }
)
_ALT = f"{_MC}AlternateContent"
_CHOICE = f"{_MC}Choice"
_FALLBACK = f"{_MC}Fallback"

_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|berschrift)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|titel)$", re.IGNORECASE)
_LEVEL_REF = re.compile(r"%([1-9])")
_SEPARATOR_NOTES = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_OFF = frozenset({"0", "false", "off", "none"})
_SUFFIX = {"tab": " ", "space": " ", "nothing": ""}
_DEFAULT_NOTE_FORMAT = {"footnote": "decimal", "endnote": "lowerRoman"}

# What an element is while a part streams (see _Reader._kind). Units, tables and rows are handed to the reader
# when they end and then freed; wrappers are see-through; inner elements belong to the unit around them.
_ROOT, _BODY, _WRAP, _UNIT, _TABLE, _ROWWRAP, _ROW, _INNER, _DROP = range(9)
_YIELDED = frozenset({_UNIT, _TABLE, _ROW})


# ---------------------------------------------------------------------------------------------------- entry point
def read_docx(path: Path) -> Extraction:
    """Read a Word .docx file into raw blocks in reading order.

    Raises :class:`GhostproofError` with ``E_DOCX_BOMB`` (zip bomb or absurd size), ``E_DOCX_DTD`` (an XML part
    declares a DTD) or ``E_DOCX_DAMAGED`` (truncated, corrupt or not a .docx); never another exception.
    """
    try:
        check_zip_directory(path)
        with zipfile.ZipFile(path) as zf:
            _check_members(zf, path)
            return _Reader(zf, path).read()
    except GhostproofError:
        raise
    except MemoryError:
        raise _bomb(path, "ran out of memory while unpacking the Word file") from None
    except RecursionError:
        raise _damaged(path, "its XML is nested too deeply") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, etree.LxmlError, KeyError, ValueError) as exc:
        raise _damaged(path, _detail(exc)) from None
    except (RuntimeError, NotImplementedError) as exc:  # encrypted or unsupported ZIP members
        raise _damaged(path, _detail(exc)) from None
    except OSError as exc:
        raise GhostproofError(E_UNREADABLE, f"cannot read the file ({exc.strerror or exc})", path=path) from None
    except Exception as exc:  # last resort: a reader must never end in a traceback
        raise _damaged(path, f"unexpected {type(exc).__name__}: {_detail(exc)}") from None


def _detail(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _damaged(path: Path, detail: str) -> GhostproofError:
    return GhostproofError(
        E_DOCX_DAMAGED, f"this Word file is damaged or not a real .docx ({detail})", path=path, hint=_DAMAGED_HINT
    )


def _bomb(path: Path, message: str) -> GhostproofError:
    return GhostproofError(
        E_DOCX_BOMB,
        f"{message}; refusing to read it (this looks like a zip bomb, not a contract)",
        path=path,
        hint="a normal contract is far smaller: if you trust the file, open it in Word and save it again",
    )


def _mb(n: int) -> str:
    return f"{n / (1 << 20):,.0f} MB" if n >= 1 << 20 else f"{n / 1024:,.0f} KB"


# ---------------------------------------------------------------------------------------------------- ZIP checks
def check_zip_directory(path: Path) -> None:
    """Refuse (``E_DOCX_BOMB``) a ZIP whose central directory is so large that merely opening it with
    :mod:`zipfile` would take hundreds of MB (400,000 empty members fit in 35 MB). Reads only the file's tail;
    a file that is not a ZIP, or cannot be read, passes (``zipfile`` reports it).
    """
    try:
        with open(path, "rb") as fh:
            entries, dir_size = _directory_size(fh)
    except OSError:
        return
    if entries > MAX_MEMBERS or dir_size > MAX_DIRECTORY:
        raise _bomb(path, f"the ZIP file lists {entries:,} parts in a {_mb(dir_size)} directory")


def _directory_size(fh: BinaryIO) -> tuple[int, int]:
    """(entries, size) of the central directory from the end-of-central-directory record (ZIP64 too)."""
    fh.seek(0, 2)
    size = fh.tell()
    tail_len = min(size, 22 + 0xFFFF + 20)
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    pos = tail.rfind(b"PK\x05\x06")
    if pos < 0 or len(tail) - pos < 22:
        return 0, 0
    entries = int.from_bytes(tail[pos + 10 : pos + 12], "little")
    dir_size = int.from_bytes(tail[pos + 12 : pos + 16], "little")
    if (entries == 0xFFFF or dir_size == 0xFFFFFFFF) and pos >= 20 and tail[pos - 20 : pos - 16] == b"PK\x06\x07":
        fh.seek(int.from_bytes(tail[pos - 12 : pos - 4], "little"))
        record = fh.read(56)
        if record[:4] == b"PK\x06\x06" and len(record) == 56:
            entries = int.from_bytes(record[32:40], "little")
            dir_size = int.from_bytes(record[40:48], "little")
    return entries, dir_size


def _check_members(zf: zipfile.ZipFile, path: Path) -> None:
    """Declared sizes and compression ratios, before anything is unpacked."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _bomb(path, f"the Word file has {len(infos):,} parts")
    total = 0
    for info in infos:
        size = info.file_size
        if size > MAX_MEMBER_SIZE:
            raise _bomb(path, f"{info.filename} would unpack to {_mb(size)}")
        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            ratio = size // max(info.compress_size, 1)
            raise _bomb(path, f"{info.filename} is compressed {ratio:,}:1 and would unpack to {_mb(size)}")
        total += size
    if total > MAX_TOTAL_SIZE:
        raise _bomb(path, f"the Word file would unpack to {_mb(total)}")


# ---------------------------------------------------------------------------------------------------- names
class _W:
    """Qualified WordprocessingML names for one namespace (transitional or strict OOXML)."""

    def __init__(self, ns: str) -> None:
        def q(local: str) -> str:
            return f"{{{ns}}}{local}"

        self.ns = ns
        # attributes
        self.val = q("val")
        self.id = q("id")
        self.type = q("type")
        self.style_id = q("styleId")
        self.default = q("default")
        self.abstract_num_id = q("abstractNumId")
        self.num_id_attr = q("numId")
        self.ilvl_attr = q("ilvl")
        self.custom_mark = q("customMarkFollows")
        # body structure
        self.body = q("body")
        self.p = q("p")
        self.tbl = q("tbl")
        self.tr = q("tr")
        self.tc = q("tc")
        self.tr_pr = q("trPr")
        self.tc_pr = q("tcPr")
        self.grid_span = q("gridSpan")
        self.grid_before = q("gridBefore")
        self.v_merge = q("vMerge")
        self.h_merge = q("hMerge")
        self.sdt = q("sdt")
        self.sdt_content = q("sdtContent")
        self.custom_xml = q("customXml")
        self.alt_chunk = q("altChunk")
        self.sect_pr = q("sectPr")
        self.tbl_pr = q("tblPr")
        self.tbl_grid = q("tblGrid")
        self.txbx_content = q("txbxContent")
        # paragraph and run properties
        self.p_pr = q("pPr")
        self.p_style = q("pStyle")
        self.num_pr = q("numPr")
        self.num_id = q("numId")
        self.ilvl = q("ilvl")
        self.outline_lvl = q("outlineLvl")
        self.r_pr = q("rPr")
        self.r_style = q("rStyle")
        self.vanish = q("vanish")
        # runs and their content
        self.r = q("r")
        self.t = q("t")
        self.tab = q("tab")
        self.ptab = q("ptab")
        self.br = q("br")
        self.cr = q("cr")
        self.no_break_hyphen = q("noBreakHyphen")
        self.footnote_reference = q("footnoteReference")
        self.endnote_reference = q("endnoteReference")
        self.graphics = frozenset({q("drawing"), q("pict"), q("object")})
        # tracked changes
        self.ins = q("ins")
        self.del_ = q("del")
        self.move_from = q("moveFrom")
        self.move_to = q("moveTo")
        #: see-through containers of body blocks and of table rows (streamed through, not as one unit)
        self.block_wrappers = frozenset({self.sdt, self.sdt_content, self.custom_xml, self.ins, self.move_to})
        self.row_wrappers = frozenset({self.sdt, self.sdt_content, self.custom_xml})
        #: inline elements whose content is never shown
        self.skip_inline = frozenset(
            {
                self.p_pr,
                self.r_pr,
                self.del_,
                self.move_from,
                q("sdtPr"),
                q("sdtEndPr"),
                q("customXmlPr"),
                q("smartTagPr"),
                q("rt"),  # ruby guide text
                q("fldData"),
            }
        )
        # styles, numbering, settings, notes
        self.style = q("style")
        self.name = q("name")
        self.based_on = q("basedOn")
        self.doc_defaults = q("docDefaults")
        self.r_pr_default = q("rPrDefault")
        self.abstract_num = q("abstractNum")
        self.num = q("num")
        self.abstract_num_id_el = q("abstractNumId")
        self.lvl = q("lvl")
        self.lvl_override = q("lvlOverride")
        self.start_override = q("startOverride")
        self.start = q("start")
        self.num_fmt = q("numFmt")
        self.lvl_text = q("lvlText")
        self.lvl_restart = q("lvlRestart")
        self.is_lgl = q("isLgl")
        self.suff = q("suff")
        self.lvl_pic_bullet_id = q("lvlPicBulletId")
        self.num_style_link = q("numStyleLink")
        self.footnote_pr = q("footnotePr")
        self.endnote_pr = q("endnotePr")
        self.num_start = q("numStart")
        self.footnote = q("footnote")
        self.endnote = q("endnote")


_NAMES = {_W_TRANSITIONAL: _W(_W_TRANSITIONAL), _W_STRICT: _W(_W_STRICT)}


def _names_for(tag: str) -> _W:
    ns = tag[1:].partition("}")[0] if tag.startswith("{") else ""
    return _NAMES.get(ns, _NAMES[_W_TRANSITIONAL])


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _val(el: _Element | None, w: _W) -> str | None:
    return None if el is None else el.get(w.val)


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text.strip())
    except ValueError:
        return None


def _on(el: _Element | None, w: _W) -> bool | None:
    """A toggle property (``<w:vanish/>``, ``<w:isLgl w:val="0"/>``): None when absent."""
    if el is None:
        return None
    value = el.get(w.val)
    return value is None or value.lower() not in _OFF


# ---------------------------------------------------------------------------------------------------- styles
@dataclass(slots=True)
class _Style:
    sid: str
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None
    vanish: bool | None


class _Styles:
    def __init__(self) -> None:
        self.by_id: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self.default_vanish: bool | None = None
        self._chains: dict[str, list[_Style]] = {}

    def add(self, el: _Element, w: _W) -> None:
        sid = el.get(w.style_id)
        if el.tag == w.doc_defaults:
            rpr = el.find(f"{w.r_pr_default}/{w.r_pr}")
            if rpr is not None:
                self.default_vanish = _on(rpr.find(w.vanish), w)
            return
        if el.tag != w.style or not sid:
            return
        ppr = el.find(w.p_pr)
        numpr = ppr.find(w.num_pr) if ppr is not None else None
        rpr = el.find(w.r_pr)
        style = _Style(
            sid=sid,
            name=_val(el.find(w.name), w) or "",
            based_on=_val(el.find(w.based_on), w),
            num_id=_val(numpr.find(w.num_id), w) if numpr is not None else None,
            ilvl=_int(_val(numpr.find(w.ilvl), w)) if numpr is not None else None,
            outline=_int(_val(ppr.find(w.outline_lvl), w)) if ppr is not None else None,
            vanish=_on(rpr.find(w.vanish), w) if rpr is not None else None,
        )
        self.by_id.setdefault(sid, style)
        if el.get(w.type, "paragraph") == "paragraph" and _on_attr(el.get(w.default)):
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


def _on_attr(value: str | None) -> bool:
    return value is not None and value.lower() not in _OFF


# ---------------------------------------------------------------------------------------------------- numbering
@dataclass(slots=True)
class _Level:
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
    levels: dict[int, _Level] = field(default_factory=dict)
    num_style_link: str | None = None


@dataclass(slots=True)
class _Num:
    abstract_id: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, _Level] = field(default_factory=dict)


def _parse_level(el: _Element, w: _W) -> _Level:
    fmt_el = el.find(w.num_fmt)
    if fmt_el is None:  # Word 2010 puts custom formats in mc:AlternateContent with a plain fallback
        fmt_el = el.find(f"{_ALT}/{_FALLBACK}/{w.num_fmt}")
    rpr = el.find(w.r_pr)
    fmt = _val(fmt_el, w) or "decimal"
    return _Level(
        fmt=fmt,
        text=_val(el.find(w.lvl_text), w) or "",
        start=_int(_val(el.find(w.start), w)) or 0,
        restart=_int(_val(el.find(w.lvl_restart), w)),
        legal=bool(_on(el.find(w.is_lgl), w)),
        pstyle=_val(el.find(w.p_style), w),
        suffix=_SUFFIX.get(_val(el.find(w.suff), w) or "tab", " "),
        bullet=fmt == "bullet" or el.find(w.lvl_pic_bullet_id) is not None,
        hidden=bool(rpr is not None and _on(rpr.find(w.vanish), w)),
    )


def _levels(el: _Element, w: _W) -> dict[int, _Level]:
    out: dict[int, _Level] = {}
    for lvl in el.iterfind(w.lvl):
        ilvl = _int(lvl.get(w.ilvl_attr))
        if ilvl is not None and 0 <= ilvl <= 8:
            out.setdefault(ilvl, _parse_level(lvl, w))
    return out


class _Numbering:
    """numbering.xml plus the running counters, which Word keeps per abstract numbering definition."""

    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.abstracts: dict[str, _Abstract] = {}
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.seen: set[tuple[str, int]] = set()

    def add(self, el: _Element, w: _W) -> None:
        if el.tag == w.abstract_num:
            aid = el.get(w.abstract_num_id)
            if aid is not None:
                link = _val(el.find(w.num_style_link), w)
                self.abstracts.setdefault(aid, _Abstract(levels=_levels(el, w), num_style_link=link))
        elif el.tag == w.num:
            nid = el.get(w.num_id_attr)
            aid = _val(el.find(w.abstract_num_id_el), w)
            if nid is None or aid is None:
                return
            num = _Num(abstract_id=aid)
            for override in el.iterfind(w.lvl_override):
                ilvl = _int(override.get(w.ilvl_attr))
                if ilvl is None or not 0 <= ilvl <= 8:
                    continue
                start = _int(_val(override.find(w.start_override), w))
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

    def advance(self, num_id: str, ilvl: int) -> tuple[_Level, str] | None:
        """Count one paragraph of list ``num_id`` at level ``ilvl``; return its level and the number Word shows."""
        found = self._abstract(num_id)
        num = self.nums.get(num_id)
        if found is None or num is None:
            return None
        abstract_id, abstract = found

        def level(k: int) -> _Level | None:
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
            return _format_number(value, fmt)

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


def _format_number(n: int, fmt: str) -> str:
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


# ---------------------------------------------------------------------------------------------------- reader
@dataclass(slots=True)
class _Inline:
    """What walking one paragraph's runs collects."""

    style: str | None
    parts: list[str] = field(default_factory=list)
    notes: list[tuple[str, str, bool]] = field(default_factory=list)
    boxes: list[_Element] = field(default_factory=list)


@dataclass(slots=True)
class _Para:
    kind: BlockKind
    text: str
    label: str | None = None
    level: int | None = None


@dataclass(slots=True)
class _NoteBlock:
    block: RawBlock
    kind: str
    index: int | None  # None: a custom mark ("*")
    text: str


class _Reader:
    def __init__(self, zf: zipfile.ZipFile, path: Path) -> None:
        self.zf = zf
        self.path = path
        self.parts = {info.filename.lower(): info for info in zf.infolist()}
        self.w = _NAMES[_W_TRANSITIONAL]
        self.styles = _Styles()
        self.numbering = _Numbering(self.styles)
        self.notes: dict[tuple[str, str], str] = {}
        self.note_format: dict[str, tuple[str | None, int | None]] = {}
        self.section_note_format: dict[str, tuple[str | None, int | None]] = {}
        self.note_counts = {"footnote": 0, "endnote": 0}
        self.note_blocks: list[_NoteBlock] = []
        self.out: list[RawBlock] = []
        self.emitted = 0
        self.open_table: _OpenTable | None = None
        self.pending_notes: list[tuple[str, str, bool]] = []
        self.pending_boxes: list[_Element] = []
        self.depth = 0
        self.tables = 0
        self.tracked = False
        self.hidden = False
        self.alt_chunks = 0

    # ----------------------------------------------------------------------------------------- package
    def read(self) -> Extraction:
        package_rels = self._rels("_rels/.rels", "")
        main = package_rels.get("officedocument", "word/document.xml")
        if main.lower() not in self.parts:
            raise _damaged(self.path, f"it has no main document part ({main})")
        rels_name = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
        has_rels = rels_name.lower() in self.parts
        rels = self._rels(rels_name, main)

        def part(kind: str, default: str) -> str | None:
            return rels.get(kind) or (None if has_rels else default)

        if name := part("styles", "word/styles.xml"):
            for _, w, el in self._stream(name):
                self.styles.add(el, w)
        if name := part("numbering", "word/numbering.xml"):
            for _, w, el in self._stream(name):
                self.numbering.add(el, w)
        if name := part("settings", "word/settings.xml"):
            self._read_settings(name)
        for kind in ("footnote", "endnote"):
            if name := part(f"{kind}s", f"word/{kind}s.xml"):
                self._read_notes(kind, name)
        self._read_body(main)
        self._finish_notes()
        return Extraction(
            blocks=self.out,
            pages=self._read_pages(package_rels.get("extendedproperties", "docProps/app.xml")),
            warnings=self._warnings(),
        )

    def _rels(self, name: str, source: str) -> dict[str, str]:
        """Relationship type (last path segment, lower case, no dashes) -> part name, for one .rels part."""
        out: dict[str, str] = {}
        for _, _, el in self._stream(name):
            if _local(el.tag) != "Relationship" or el.get("TargetMode") == "External":
                continue
            kind = (el.get("Type") or "").rsplit("/", 1)[-1].lower().replace("-", "")
            target = (el.get("Target") or "").replace("\\", "/")
            if not kind or not target:
                continue
            if target.startswith("/"):
                resolved = target.lstrip("/")
            else:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
            out.setdefault(kind, resolved)
        return out

    def _stream(self, name: str, *, document: bool = False) -> Iterator[tuple[int, _W, _Element]]:
        """Yield ``(kind, names, element)`` for each complete unit of XML part ``name``, then free it.

        Streams from the ZIP in small chunks, refusing any DTD before the parser sees it and capping the elements
        alive at once. A unit is a child of the root; with ``document=True`` it is a body block (paragraph,
        table, section properties …) seen through content controls, and a top-level table comes row by row
        (``_ROW`` units, then the ``_TABLE`` itself, emptied), so one huge table does not sit in memory whole.
        """
        info = self.parts.get(name.lower())
        if info is None:
            return
        parser = etree.XMLPullParser(
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
            dtd_validation=False,
            remove_comments=True,
            remove_pis=True,
            collect_ids=False,
        )
        state = _StreamState()
        carry = b""
        unpacked = 0
        with self.zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                unpacked += len(chunk)
                if unpacked > MAX_MEMBER_SIZE:
                    raise _bomb(self.path, f"{info.filename} unpacks to more than {_mb(MAX_MEMBER_SIZE)}")
                window = carry + chunk
                if any(marker in window for marker in _DTD_MARKERS):
                    raise self._dtd(info.filename)
                carry = window[-_CARRY:]
                self._feed(parser, info.filename, chunk)
                yield from self._events(parser, state, info.filename, document)
        self._feed(parser, info.filename, None)
        yield from self._events(parser, state, info.filename, document)

    def _feed(self, parser: Any, name: str, chunk: bytes | None) -> None:
        """Feed (or close, for None) the parser; a parse error in a part with a DTD is reported as the DTD."""
        try:
            if chunk is None:
                parser.close()
            else:
                parser.feed(chunk)
        except etree.XMLSyntaxError:
            for _, el in parser.read_events():  # libxml2 may stop an entity bomb before we saw the root
                docinfo = el.getroottree().docinfo
                if docinfo.internalDTD is not None or docinfo.doctype:
                    raise self._dtd(name) from None
                break
            raise

    def _events(
        self, parser: Any, state: _StreamState, name: str, document: bool
    ) -> Iterator[tuple[int, _W, _Element]]:
        for event, el in parser.read_events():
            if event == "start":
                if not state.kinds:
                    state.w = _names_for(el.tag)
                    docinfo = el.getroottree().docinfo
                    if docinfo.internalDTD is not None or docinfo.doctype:
                        raise self._dtd(name)
                state.kinds.append(_kind(state, el.tag, document))
                state.live += 1
                if state.live > MAX_UNIT_ELEMENTS:
                    raise _bomb(self.path, f"{name} has more than {MAX_UNIT_ELEMENTS:,} XML elements in one block")
                continue
            kind = state.kinds.pop()
            if kind in (_ROOT, _INNER):
                continue
            if kind in _YIELDED:
                yield kind, state.w, el
            # free what is done: this element's content and the siblings before it
            el.clear(keep_tail=False)
            up = el.getparent()
            if up is not None:
                while el.getprevious() is not None:
                    del up[0]
            state.live = 0

    def _dtd(self, name: str) -> GhostproofError:
        return GhostproofError(
            E_DOCX_DTD,
            f"{name} declares a DTD or XML entities, which Word never writes; refusing to read it "
            "(a possible entity-expansion or external-entity attack)",
            path=self.path,
            hint="if you trust the file, open it in Word or LibreOffice and save it again",
        )

    def _read_settings(self, name: str) -> None:
        try:
            for _, w, el in self._stream(name):
                for kind, tag in (("footnote", w.footnote_pr), ("endnote", w.endnote_pr)):
                    if el.tag == tag:
                        self.note_format[kind] = self._note_props(el, w)
        except etree.XMLSyntaxError:
            pass  # settings only tune footnote marks: a broken part costs nothing

    @staticmethod
    def _note_props(el: _Element, w: _W) -> tuple[str | None, int | None]:
        return _val(el.find(w.num_fmt), w), _int(_val(el.find(w.num_start), w))

    def _read_pages(self, name: str) -> int | None:
        """``<Pages>`` of docProps/app.xml, unless the statistics were never computed.

        Word updates ``<Pages>`` and ``<Words>`` together on save; python-docx keeps its template's "1 page,
        0 words" and LibreOffice's headless conversion writes the same, so 0 words beside real text means the
        page count is stale too.
        """
        stats: dict[str, int | None] = {}
        try:
            for _, _, el in self._stream(name):
                if _local(el.tag) in ("Pages", "Words"):
                    stats[_local(el.tag)] = _int(el.text)
        except etree.XMLSyntaxError:
            return None
        pages = stats.get("Pages")
        if pages is None or pages <= 0:
            return None
        if stats.get("Words") == 0 and any(b.text.strip() for b in self.out):
            return None
        return pages

    # ----------------------------------------------------------------------------------------- notes
    def _read_notes(self, kind: str, name: str) -> None:
        for _, w, el in self._stream(name):
            self.w = w
            if el.tag not in (w.footnote, w.endnote) or el.get(w.type) in _SEPARATOR_NOTES:
                continue
            nid = el.get(w.id)
            if nid is None:
                continue
            texts: list[str] = []
            for child in self._content(el):
                paragraphs = [child] if child.tag == w.p else child.iter(w.p) if child.tag == w.tbl else []
                for p in paragraphs:
                    inline = _Inline(self._paragraph_style(p.find(w.p_pr)))
                    self._inline(p, inline)
                    texts.append("".join(inline.parts))
            self.notes[(kind, nid)] = " ".join(t.strip() for t in texts if t.strip())

    def _note(self, kind: str, nid: str, custom: bool) -> None:
        text = self.notes.get((kind, nid))
        if text is None:
            return
        index: int | None = None
        if not custom:
            index = self.note_counts[kind]
            self.note_counts[kind] += 1
        if text:
            block = RawBlock(kind="paragraph", text=text)
            self._emit(block)
            self.note_blocks.append(_NoteBlock(block, kind, index, text))

    def _finish_notes(self) -> None:
        """Number the notes now that the section properties (at the end of the body) are known."""
        for nb in self.note_blocks:
            fmt, start = self.section_note_format.get(nb.kind) or (None, None)
            default_fmt, default_start = self.note_format.get(nb.kind) or (None, None)
            fmt = fmt or default_fmt or _DEFAULT_NOTE_FORMAT[nb.kind]
            start = start if start is not None else default_start if default_start is not None else 1
            mark = "*" if nb.index is None else _format_number(start + nb.index, fmt) or str(start + nb.index)
            nb.block.text = f"[{mark}] {nb.text}"

    # ----------------------------------------------------------------------------------------- body
    def _read_body(self, name: str) -> None:
        for kind, w, el in self._stream(name, document=True):
            self.w = w
            if kind == _ROW:
                self._stream_row(el)
                continue
            if kind == _TABLE:
                self._close_table()
                continue
            for block in self._expand(el):
                if block.tag == w.p:
                    para = self._paragraph(block)
                    if para is not None:
                        self._emit(RawBlock(kind=para.kind, text=para.text, label=para.label, level=para.level))
                elif block.tag == w.tbl:
                    self._table(block)
                elif block.tag == w.sect_pr:
                    for note_kind, tag in (("footnote", w.footnote_pr), ("endnote", w.endnote_pr)):
                        props = block.find(tag)
                        if props is not None:
                            self.section_note_format[note_kind] = self._note_props(props, w)
                elif block.tag == w.alt_chunk:
                    self.alt_chunks += 1
                self._flush()
        self._close_table()

    def _stream_row(self, el: _Element) -> None:
        """One streamed row of a top-level table; its notes and text boxes are held until the table ends."""
        w = self.w
        tbl = el.getparent()
        while tbl is not None and tbl.tag != w.tbl:
            tbl = tbl.getparent()
        table = self.open_table
        if table is None or table.tbl is not tbl:
            self._close_table()
            table = self.open_table = _OpenTable(tbl=tbl, index=self.tables)
            self.tables += 1
        self.depth += 1
        try:
            for tr in self._expand(el):
                if tr.tag == w.tr and self._row(tr, table.index, table.row):
                    table.row += 1
        finally:
            self.depth -= 1
        out, self.out = self.out, table.held  # the row is freed next: resolve its text boxes now
        try:
            self._flush()
        finally:
            self.out = out

    def _close_table(self) -> None:
        table, self.open_table = self.open_table, None
        if table is not None:
            self.out.extend(table.held)

    def _emit(self, block: RawBlock) -> None:
        self.out.append(block)
        self.emitted += 1
        if self.emitted > MAX_BLOCKS:
            raise _bomb(self.path, f"the document has more than {MAX_BLOCKS:,} paragraphs and table cells")

    def _flush(self) -> None:
        """After a top-level paragraph or table: its footnotes, then the content of its text boxes."""
        if self.depth:
            return
        while self.pending_notes or self.pending_boxes:
            notes, self.pending_notes = self.pending_notes, []
            for kind, nid, custom in notes:
                self._note(kind, nid, custom)
            boxes, self.pending_boxes = self.pending_boxes, []
            for box in boxes:
                self._blocks(box)

    def _blocks(self, container: _Element) -> None:
        """Block content of a text box (paragraphs and tables)."""
        w = self.w
        for block in self._content(container):
            if block.tag == w.p:
                para = self._paragraph(block)
                if para is not None:
                    self._emit(RawBlock(kind=para.kind, text=para.text, label=para.label, level=para.level))
            elif block.tag == w.tbl:
                self._table(block)
            self._flush()

    def _expand(self, el: _Element) -> Iterator[_Element]:
        """``el`` itself, or for a wrapper (content control, custom XML, tracked change) the blocks inside it."""
        w = self.w
        tag = el.tag
        if tag == w.sdt:
            content = el.find(w.sdt_content)
            if content is not None:
                yield from self._content(content)
        elif tag in (w.custom_xml, w.ins, w.move_to):
            self.tracked |= tag != w.custom_xml
            yield from self._content(el)
        elif tag in (w.del_, w.move_from):
            self.tracked = True
        elif tag == _ALT:
            branch = _choose(el)
            if branch is not None:
                yield from self._content(branch)
        elif isinstance(tag, str):
            yield el

    def _content(self, container: _Element) -> Iterator[_Element]:
        for child in container:
            yield from self._expand(child)

    def _table(self, tbl: _Element) -> None:
        """A whole (nested, or not streamed) table."""
        index = self.tables
        self.tables += 1
        self.depth += 1
        try:
            row = 0
            for tr in self._content(tbl):
                if tr.tag == self.w.tr and self._row(tr, index, row):
                    row += 1
        finally:
            self.depth -= 1

    def _row(self, tr: _Element, index: int, row: int) -> bool:
        """Emit the cells of one table row (False for a deleted row)."""
        w = self.w
        tr_pr = tr.find(w.tr_pr)
        if tr_pr is not None and tr_pr.find(w.del_) is not None:
            self.tracked = True
            return False
        col = (_int(_val(tr_pr.find(w.grid_before), w)) or 0) if tr_pr is not None else 0
        for tc in self._content(tr):
            if tc.tag != w.tc:
                continue
            tc_pr = tc.find(w.tc_pr)
            span = max(_int(_val(tc_pr.find(w.grid_span), w)) or 1, 1) if tc_pr is not None else 1
            if tc_pr is not None and _continues_merge(tc_pr, w):
                col += span
                continue
            texts: list[str] = []
            nested: list[_Element] = []
            for child in self._content(tc):
                if child.tag == w.p:
                    para = self._paragraph(child)
                    if para is not None:
                        texts.append(para.text)
                elif child.tag == w.tbl:
                    nested.append(child)
            self._emit(RawBlock(kind="table_cell", text="\n".join(texts), table=index, row=row, col=col))
            for inner in nested:  # a nested table follows the cell that holds it, as its own table
                self._table(inner)
            col += span
        return True

    # ----------------------------------------------------------------------------------------- paragraphs
    def _paragraph_style(self, p_pr: _Element | None) -> str | None:
        if p_pr is not None:
            style = _val(p_pr.find(self.w.p_style), self.w)
            if style:
                return style
        return self.styles.default_paragraph

    def _paragraph(self, p: _Element) -> _Para | None:
        """Text of a paragraph as Word shows it (with its automatic number), or None when there is none."""
        w = self.w
        p_pr = p.find(w.p_pr)
        style = self._paragraph_style(p_pr)
        inline = _Inline(style)
        self._inline(p, inline)
        self.pending_notes.extend(inline.notes)
        self.pending_boxes.extend(inline.boxes)
        text = "".join(inline.parts)
        has_text = bool(text.strip())
        if not has_text and self._mark_gone(p_pr):
            return None  # a deleted or hidden empty paragraph: Word shows nothing, not even its number
        numbered = self._number(p_pr, style)  # an empty numbered paragraph still counts
        if not has_text:
            return None
        level = self._heading_level(p_pr, style)
        kind: BlockKind = "heading" if level is not None else "paragraph"
        label: str | None = None
        if numbered is not None:
            lvl, shown = numbered
            if lvl.bullet:
                kind = "list_item" if kind == "paragraph" else kind
            elif shown.strip():
                text = f"{shown}{lvl.suffix}{text}"
                label, _ = split_label(squash(text), heading=kind == "heading")
        return _Para(kind=kind, text=text, label=label, level=level)

    def _mark_gone(self, p_pr: _Element | None) -> bool:
        w = self.w
        r_pr = p_pr.find(w.r_pr) if p_pr is not None else None
        if r_pr is None:
            return False
        if r_pr.find(w.del_) is not None or r_pr.find(w.move_from) is not None:
            self.tracked = True
            return True
        return bool(_on(r_pr.find(w.vanish), w))

    def _heading_level(self, p_pr: _Element | None, style: str | None) -> int | None:
        w = self.w
        if p_pr is not None:
            outline = _int(_val(p_pr.find(w.outline_lvl), w))
            if outline is not None:
                return outline + 1 if 0 <= outline <= 8 else None
        return self.styles.heading_level(style)

    def _number(self, p_pr: _Element | None, style: str | None) -> tuple[_Level, str] | None:
        """Advance the paragraph's list counters (direct ``w:numPr`` or inherited from its style)."""
        w = self.w
        num_id: str | None = None
        ilvl: int | None = None
        num_pr = p_pr.find(w.num_pr) if p_pr is not None else None
        if num_pr is not None:
            num_id = _val(num_pr.find(w.num_id), w)
            ilvl = _int(_val(num_pr.find(w.ilvl), w))
        if num_id is None:
            style_num, style_ilvl = self.styles.numbering(style)
            num_id = style_num
            ilvl = ilvl if ilvl is not None else style_ilvl
        if num_id is None or num_id.strip() == "0":
            return None
        if ilvl is None:
            ilvl = self.numbering.level_for_style(num_id, style) or 0
        return self.numbering.advance(num_id, min(max(ilvl, 0), 8))

    # ----------------------------------------------------------------------------------------- runs
    def _inline(self, el: _Element, inline: _Inline) -> None:
        """Collect the shown text of a paragraph (or part of one): insertions in, deletions out."""
        w = self.w
        for child in el:
            tag = child.tag
            if tag == w.r:
                if self._run_hidden(child, inline.style):
                    self.hidden |= any(t.text for t in child.iter(w.t))
                else:
                    self._run_content(child, inline)
            elif tag in w.skip_inline:
                if tag in (w.del_, w.move_from):
                    self.tracked = True
            elif tag == _ALT:
                branch = _choose(child)
                if branch is not None:
                    self._inline(branch, inline)
            elif tag in _MATH_TEXT:
                inline.parts.append(child.text or "")
            elif isinstance(tag, str):
                if tag in (w.ins, w.move_to):
                    self.tracked = True
                self._inline(child, inline)  # hyperlinks, fields, content controls, smart tags, insertions …

    def _run_content(self, run: _Element, inline: _Inline) -> None:
        w = self.w
        parts = inline.parts
        for child in run:
            tag = child.tag
            if tag == w.t:
                parts.append(child.text or "")
            elif tag in (w.tab, w.ptab):
                parts.append(" ")
            elif tag in (w.br, w.cr):
                parts.append("\n")
            elif tag == w.no_break_hyphen:
                parts.append("-")
            elif tag in (w.footnote_reference, w.endnote_reference):
                nid = child.get(w.id)
                if nid is not None:
                    kind = "footnote" if tag == w.footnote_reference else "endnote"
                    inline.notes.append((kind, nid, _on_attr(child.get(w.custom_mark))))
            elif tag in w.graphics:
                inline.boxes.extend(_text_boxes(child, w))
            elif tag == _ALT:
                branch = _choose(child)
                if branch is not None:
                    self._run_content(branch, inline)
            # everything else is not text: w:softHyphen, w:sym, w:instrText (field codes), w:delText,
            # w:fldChar, w:lastRenderedPageBreak, w:footnoteRef (a note's own mark), w:commentReference …

    def _run_hidden(self, run: _Element, style: str | None) -> bool:
        w = self.w
        r_pr = run.find(w.r_pr)
        if r_pr is not None:
            direct = _on(r_pr.find(w.vanish), w)
            if direct is not None:
                return direct
            char_style = _val(r_pr.find(w.r_style), w)
            if char_style is not None:
                by_style = self.styles.vanish(char_style)
                if by_style is not None:
                    return by_style
        by_style = self.styles.vanish(style)
        if by_style is not None:
            return by_style
        return bool(self.styles.default_vanish)

    def _warnings(self) -> list[str]:
        out: list[str] = []
        if self.tracked:
            out.append(
                "the document has tracked changes: read as if all were accepted (insertions kept, deletions left out)"
            )
        if self.hidden:
            out.append("the document has hidden text (formatted as hidden in Word): it was left out")
        if self.alt_chunks:
            out.append(f"the document embeds {self.alt_chunks} imported file(s) (altChunk) that were not read")
        return out


@dataclass(slots=True)
class _StreamState:
    kinds: list[int] = field(default_factory=list)
    live: int = 0
    w: _W = field(default_factory=lambda: _NAMES[_W_TRANSITIONAL])


def _kind(state: _StreamState, tag: str, document: bool) -> int:
    """What a starting element is, from what its parent is."""
    if not state.kinds:
        return _ROOT
    up = state.kinds[-1]
    w = state.w
    if up == _ROOT:
        if not document:
            return _UNIT
        return _BODY if tag == w.body else _DROP
    if up in (_BODY, _WRAP):
        if tag in w.block_wrappers:
            return _WRAP
        return _TABLE if tag == w.tbl else _UNIT
    if up in (_TABLE, _ROWWRAP):
        if tag in w.row_wrappers:
            return _ROWWRAP
        return _INNER if tag in (w.tbl_pr, w.tbl_grid) else _ROW
    return _INNER


@dataclass(slots=True)
class _OpenTable:
    """A top-level table whose rows are streaming in."""

    tbl: _Element
    index: int
    row: int = 0
    held: list[RawBlock] = field(default_factory=list)


def _choose(alt: _Element) -> _Element | None:
    """The branch of an ``mc:AlternateContent`` Word would show: the first Choice, else the Fallback."""
    choice = alt.find(_CHOICE)
    return choice if choice is not None else alt.find(_FALLBACK)


def _continues_merge(tc_pr: _Element, w: _W) -> bool:
    """A cell covered by the merged cell before it (vertical or legacy horizontal merge): read once."""
    for tag in (w.v_merge, w.h_merge):
        merge = tc_pr.find(tag)
        if merge is not None and (merge.get(w.val) or "continue") == "continue":
            return True
    return False


def _text_boxes(el: _Element, w: _W, found: list[_Element] | None = None) -> list[_Element]:
    """Outermost ``w:txbxContent`` inside a drawing or picture, in order (one branch of any AlternateContent)."""
    found = [] if found is None else found
    for child in el:
        if child.tag == w.txbx_content:
            found.append(child)
        elif child.tag == _ALT:
            branch = _choose(child)
            if branch is not None:
                _text_boxes(branch, w, found)
        elif isinstance(child.tag, str):
            _text_boxes(child, w, found)
    return found
