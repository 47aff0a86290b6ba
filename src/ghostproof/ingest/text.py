"""Plain text and Markdown -> RawBlocks.

Encodings: UTF-8, UTF-8 with BOM, UTF-16 with BOM, then cp1252. Markdown: front matter is dropped, ATX headings
become headings, ``- `` bullets list items, pipe tables table cells; paragraphs are separated by blank lines, and
a line that starts with a section label ("4.2", "§ 5", "(1)") also starts a new paragraph.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import E_TEXT_BINARY, E_TEXT_ENCODING, E_UNREADABLE, GhostproofError
from ..limits import DEFAULT_MAX_CHARS, too_long
from ..model import Extraction, RawBlock
from .sections import looks_like_heading, split_label, sub_label
from .textutil import PAGE_NUMBER, join_lines, running_key, vocabulary_of

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+•–]|\u2022)\s+(.*)$")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPH = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


def decode(data: bytes, path: Path) -> tuple[str, list[str]]:
    """The text of ``data`` and warnings about it. UTF-8 (a few bad bytes are replaced, with a warning naming the
    first one's offset), UTF-16/32 with a byte-order mark, else Windows-1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), []
            except UnicodeDecodeError as exc:
                raise GhostproofError(
                    E_TEXT_ENCODING,
                    f"the file starts with a {encoding} byte-order mark but is not valid {encoding} ({exc.reason})",
                    path=path,
                    hint="save it again as UTF-8",
                ) from None
    if b"\x00" in data[:65536]:
        raise GhostproofError(
            E_TEXT_BINARY,
            "this is a binary file, not text or a known document format",
            path=path,
            hint="pass the contract as PDF, DOCX, TXT or MD",
        )
    warnings: list[str] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        repaired = _mostly_utf8(data)
        if repaired is not None:
            text = repaired
            bad = repaired.count("\ufffd") - data.count(b"\xef\xbf\xbd")
            warnings.append(
                f"{bad} byte{'s' if bad != 1 else ''} {'are' if bad != 1 else 'is'} not valid UTF-8 (the first at "
                f"byte offset {exc.start:,}); shown as \ufffd"
            )
        else:
            text = ""
    if not text:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise GhostproofError(
                E_TEXT_BINARY,
                "this is neither text in a known encoding nor a known document format",
                path=path,
                hint="pass the contract as PDF, DOCX, TXT or MD (save text as UTF-8)",
            ) from None
    sample = text[:65536]
    odd = sum(1 for c in sample if (ord(c) < 32 and c not in "\r\n\t\f") or 0x7F <= ord(c) < 0xA0)
    if sample and odd / len(sample) > 0.01:
        raise GhostproofError(
            E_TEXT_BINARY,
            "this looks like binary data, not text",
            path=path,
            hint="pass the contract as PDF, DOCX, TXT or MD",
        )
    return text, warnings


def _mostly_utf8(data: bytes) -> str | None:
    """``data`` decoded as UTF-8 with bad bytes replaced, when it is UTF-8 with a few bad bytes (it has more valid
    multi-byte characters than bad bytes); None when it looks like a single-byte encoding instead."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    multibyte = sum(1 for c in text if ord(c) > 0x7F) - text.count("\ufffd")
    return text if multibyte > bad else None


def _strip_front_matter(lines: list[str]) -> list[str]:
    if not lines:
        return lines
    fence = lines[0].strip()
    if fence in ("---", "+++"):
        for i in range(1, min(len(lines), 500)):
            if lines[i].strip() in (fence, "..."):
                return [""] * (i + 1) + lines[i + 1 :]
    return lines


def _inline_md(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    for _ in range(2):
        text = _EMPH.sub(r"\2", text)
    return _ESCAPE.sub(r"\1", text)


def _split_row(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", s)]


def _starts_block(line: str) -> bool:
    s = line.strip()
    label, _ = split_label(s)
    return label is not None or sub_label(s) is not None or bool(re.match(r"^\([a-z]{1,3}\)\s", s))


def parse_lines(lines: list[str], *, markdown: bool) -> list[RawBlock]:
    vocab = vocabulary_of(lines)
    blocks: list[RawBlock] = []
    para: list[str] = []
    para_kind = "paragraph"
    table_no = -1

    def flush() -> None:
        nonlocal para, para_kind
        if para:
            text = join_lines(para, vocab)
            text = _inline_md(text) if markdown else text
            kind = para_kind
            if kind == "paragraph" and not markdown and len(para) == 1 and looks_like_heading(text):
                kind = "heading"
            blocks.append(RawBlock(kind=kind, text=text))  # type: ignore[arg-type]
        para = []
        para_kind = "paragraph"

    i = 0
    n = len(lines)
    while i < n:
        line = lines[i].rstrip("\r\n")
        stripped = line.strip()
        if not stripped:
            flush()
            i += 1
            continue
        if markdown:
            if m := _ATX.match(stripped):
                flush()
                blocks.append(RawBlock(kind="heading", text=_inline_md(m.group(2)), level=len(m.group(1))))
                i += 1
                continue
            if para and len(para) == 1 and _SETEXT.match(stripped) and para_kind == "paragraph":
                level = 1 if stripped.startswith("=") else 2
                blocks.append(RawBlock(kind="heading", text=_inline_md(join_lines(para)), level=level))
                para = []
                i += 1
                continue
            if _RULE.match(stripped):
                flush()
                i += 1
                continue
            if "|" in stripped and i + 1 < n and _TABLE_SEP.match(lines[i + 1]):
                flush()
                table_no += 1
                header = _split_row(stripped)
                rows = [header]
                i += 2
                while i < n and "|" in lines[i] and lines[i].strip():
                    rows.append(_split_row(lines[i]))
                    i += 1
                for r, row in enumerate(rows):
                    for c, cell in enumerate(row):
                        blocks.append(RawBlock(kind="table_cell", text=_inline_md(cell), table=table_no, row=r, col=c))
                continue
            if stripped.startswith(">"):
                stripped = stripped.lstrip("> ").strip()
        if m := _BULLET.match(line):
            flush()
            para = [m.group(1)]
            para_kind = "list_item"
            i += 1
            continue
        if para and _starts_block(stripped):
            flush()
        if not markdown and _caps_heading(stripped, para, lines, i):
            # "PAYMENT TERMS" on a line of its own, the text on the next line (no blank line between)
            flush()
            blocks.append(RawBlock(kind="heading", text=stripped))
            i += 1
            continue
        para.append(stripped)
        i += 1
    flush()
    return blocks


#: the most lines a page break holds: a footer, a page number, a header and their like
_BREAK_LINES = 6
#: a paragraph that stops inside a sentence: its last word in lower case, or a comma, ends it
_OPEN_END = re.compile(r"(?:\b[a-zäöüß]+|,)$")


def _running_lines(blocks: list[RawBlock]) -> set[str]:
    """Short lines of words the document repeats on every page ("Source: ACME CORP, 10-K, 3/12/2020", "THE JOINT
    FRANCHISE AGREEMENT", "Master Services Agreement – page 4"): a running header or footer, three times or more,
    compared as the PDF reader compares them (:func:`running_key`: numbers aside). Returns their keys."""
    counts: dict[str, int] = {}
    for b in blocks:
        t = b.text.strip()
        # (not a line that stops inside a sentence: that is text the break cut, however often it recurs)
        if len(t) <= 120 and len(t.split()) >= 3 and not t.startswith(("(", "[")) and not _OPEN_END.search(t[-40:]):
            key = running_key(t)
            counts[key] = counts.get(key, 0) + 1
    return {k for k, c in counts.items() if c >= 3}


def mend_page_breaks(blocks: list[RawBlock]) -> list[RawBlock]:
    """Paragraphs a page break cut in two, joined again: a paragraph that stops inside a sentence (see
    :data:`_OPEN_END`), the page break — a page number on its own, with or without the document's running header
    or footer (see :func:`_running_lines`) — and the paragraph that goes on: "… except that if the default is by" /
    "6" / "Supplier that creates an immediate public food safety risk, PNC may terminate …" is one sentence (its
    condition belongs to the right). The page number goes, so does a running line inside the sentence; a numbered
    or bulleted paragraph after the break starts a block of its own and stays. (Pieces are joined once per
    paragraph: linear in the text's length.)"""
    running = _running_lines(blocks)
    out: list[RawBlock] = []
    pieces: list[str] = []  # the paragraph out[-1] is made of, while it is being joined

    def close() -> None:
        if len(pieces) > 1:
            out[-1] = RawBlock(kind="paragraph", text=" ".join(pieces), page=out[-1].page)
        pieces.clear()

    def page_break(j: int) -> int:
        """The index after the page break starting at ``j`` (``j`` when there is none): at most
        :data:`_BREAK_LINES` lines, one of them a page number (a text of running lines alone is no chain of breaks:
        every line looked at once per start, not once per line after it)."""
        k = j
        numbered = False
        while k < min(n, j + _BREAK_LINES):
            text = blocks[k].text.strip()
            if blocks[k].kind in ("paragraph", "heading", "list_item") and PAGE_NUMBER.match(text):
                numbered = True  # ("- 6 -" is read as a bullet)
            elif len(text) > 120 or running_key(text) not in running:  # (running lines are short)
                break
            k += 1
        return k if numbered else j

    i = 0
    n = len(blocks)
    while i < n:
        cur = blocks[i]
        nxt = page_break(i) if out and out[-1].kind == "paragraph" else i
        if (
            nxt > i
            and nxt < n
            and blocks[nxt].kind == "paragraph"
            and _OPEN_END.search((pieces[-1] if pieces else out[-1].text).rstrip()[-40:])
            and not _starts_block(blocks[nxt].text)
        ):
            if not pieces:
                pieces.append(out[-1].text.rstrip())
            pieces.append(blocks[nxt].text.strip())
            i = nxt + 1
            continue
        close()
        out.append(cur)
        i += 1
    close()
    return out


def _caps_heading(line: str, para: list[str], lines: list[str], i: int) -> bool:
    """An unnumbered heading in capitals on a line of its own, with text in lower case on the next line: it starts
    no sentence inside a paragraph (the line before ends one) and no number labels it (numbered lines start blocks
    anyway)."""
    if any(c.islower() for c in line):
        return False  # (most lines: no capitals heading, nothing else to look at)
    if para and not para[-1].rstrip().endswith((".", ":", ";", "!", "?", ")", '"', "”")):
        return False
    if i + 1 >= len(lines) or not lines[i + 1].strip():
        return False  # followed by a blank line: the paragraph rule reads it already
    if not any(c.islower() for c in lines[i + 1]):
        return False  # a paragraph in capitals wrapped over lines ("THE SOFTWARE IS PROVIDED / AS IS …")
    return split_label(line)[0] is None and looks_like_heading(line)


def read_text(path: Path, *, markdown: bool, max_chars: int = DEFAULT_MAX_CHARS) -> Extraction:
    try:
        size = path.stat().st_size
        if size > 4 * max_chars + 4:  # even at four bytes a character, more than max_chars: refuse unread
            raise too_long(path, max_chars)
        data = path.read_bytes()
    except OSError as exc:
        raise GhostproofError(E_UNREADABLE, f"cannot read the file ({exc.strerror})", path=path) from None
    text, warnings = decode(data, path)
    del data
    if len(text) > max_chars * 1.2 + 1000:  # white space is squashed later; far over is over
        raise too_long(path, max_chars)
    if markdown:
        text = _HTML_COMMENT.sub("", text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = _strip_front_matter(lines)
    blocks = parse_lines(lines, markdown=markdown)
    if not markdown:
        blocks = mend_page_breaks(blocks)
    return Extraction(blocks=blocks, pages=None, warnings=warnings)
