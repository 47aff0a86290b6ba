"""What a review copy holds, read back from the file: every comment with the text it is anchored on, and every
inserted paragraph with the paragraph it follows (``ghostproof review --list``; the tests use it too)."""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

from ..ingest.docx.ooxml import FALLBACK, Element
from .runs import W, shown_text

_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
#: content that is not shown: deleted or moved away (tracked), and the fallback branch of alternate content
_SKIP = frozenset({W.del_, W.move_from, FALLBACK})
_TEXT = frozenset({W.t, W.tab, W.ptab, W.br, W.cr, W.no_break_hyphen})
_RANGE_START = f"{{{W.ns}}}commentRangeStart"
_RANGE_END = f"{{{W.ns}}}commentRangeEnd"
_AUTHOR = f"{{{W.ns}}}author"
_DATE = f"{{{W.ns}}}date"


@dataclass(frozen=True, slots=True)
class ListedComment:
    id: str
    author: str
    date: str
    text: str
    #: the document text between the comment's range start and end (tracked insertions in, deletions out)
    anchor: str


@dataclass(frozen=True, slots=True)
class ListedInsertion:
    """Paragraphs inserted as tracked changes, one after the other, right after the paragraph ``after``."""

    author: str
    date: str
    after: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Listing:
    comments: tuple[ListedComment, ...]
    insertions: tuple[ListedInsertion, ...]


def _parse(data: bytes) -> Element:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))


def _targets(zf: zipfile.ZipFile, source: str) -> dict[str, str]:
    """Relationship type (last segment) -> part name, for the part ``source`` ("" for the package)."""
    folder, base = posixpath.split(source)
    name = posixpath.join(folder, "_rels", f"{base}.rels")
    if name not in zf.namelist():
        return {}
    out: dict[str, str] = {}
    for rel in _parse(zf.read(name)).iter(_REL):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], path)
    return out


def paragraph_text(p: Element) -> str:
    """What a paragraph shows with all tracked changes accepted (its automatic number left out)."""
    return "".join(shown_text(el) for el in p.iter(*_TEXT) if not any(a.tag in _SKIP for a in el.iterancestors()))


def _inserted_by(p: Element) -> tuple[str, str] | None:
    """Author and date when the paragraph's mark is a tracked insertion."""
    ppr = p.find(W.p_pr)
    rpr = ppr.find(W.r_pr) if ppr is not None else None
    ins = rpr.find(W.ins) if rpr is not None else None
    return (ins.get(_AUTHOR, ""), ins.get(_DATE, "")) if ins is not None else None


def _anchors(body: Element) -> dict[str, str]:
    """Comment id -> the text between its range start and end."""
    open_: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    gone = 0
    for event, el in etree.iterwalk(body, events=("start", "end")):
        tag = el.tag
        if tag in _SKIP:
            gone += 1 if event == "start" else -1
        elif event != "start":
            continue
        elif tag == _RANGE_START:
            open_[el.get(W.id, "")] = []
        elif tag == _RANGE_END:
            cid = el.get(W.id, "")
            done[cid] = "".join(open_.pop(cid, [])).strip()
        elif tag == W.p:
            for parts in open_.values():
                if parts:
                    parts.append("\n")
        elif tag in _TEXT and not gone:
            text = shown_text(el)
            for parts in open_.values():
                parts.append(text)
    return done


def list_review(data: bytes, *, author: str | None = None) -> Listing:
    """The comments and inserted paragraphs of a .docx (only those by ``author``, if given), in document order."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        main = _targets(zf, "").get("officeDocument", "word/document.xml")
        body = _parse(zf.read(main)).find(W.body)
        comments_part = _targets(zf, main).get("comments")
        comments = _parse(zf.read(comments_part)) if comments_part and comments_part in zf.namelist() else None
    texts: dict[str, tuple[str, str, str]] = {}
    if comments is not None:
        for c in comments.iter(f"{{{W.ns}}}comment"):
            body_text = "\n".join(paragraph_text(p) for p in c.iter(W.p))
            texts[c.get(W.id, "")] = (c.get(_AUTHOR, ""), c.get(_DATE, ""), body_text)
    anchors = _anchors(body)
    listed = []
    for start in body.iter(_RANGE_START):
        cid = start.get(W.id, "")
        who, when, text = texts.get(cid, ("", "", ""))
        if author is None or who == author:
            listed.append(ListedComment(cid, who, when, text, anchors.get(cid, "")))
    insertions: list[ListedInsertion] = []
    previous = ""
    group: list[str] = []
    mark: tuple[str, str] | None = None
    for p in body.iter(W.p):
        by = _inserted_by(p)
        if by is not None and (author is None or by[0] == author):
            group.append(paragraph_text(p))
            mark = mark or by
            continue
        if group and mark:
            insertions.append(ListedInsertion(mark[0], mark[1], previous, tuple(group)))
            group, mark = [], None
        previous = paragraph_text(p) or previous
    if group and mark:
        insertions.append(ListedInsertion(mark[0], mark[1], previous, tuple(group)))
    return Listing(tuple(listed), tuple(insertions))


def format_listing(listing: Listing, name: str) -> str:
    """The listing as text: one block per comment and per insertion, anchors in quotes."""
    n_c, n_i = len(listing.comments), len(listing.insertions)
    lines = [f"{name}: {n_c} comment{'s' if n_c != 1 else ''}, {n_i} insertion{'s' if n_i != 1 else ''}"]
    for n, c in enumerate(listing.comments, 1):
        lines += ["", f"comment {n} ({c.author}, {c.date}) on “{c.anchor}”"]
        lines += [f"    {line}" for line in c.text.splitlines()]
    for n, ins in enumerate(listing.insertions, 1):
        lines += ["", f"insertion {n} ({ins.author}, {ins.date}) after “{ins.after}”"]
        lines += [f"  + {text}" for text in ins.paragraphs]
    return "\n".join(lines) + "\n"
