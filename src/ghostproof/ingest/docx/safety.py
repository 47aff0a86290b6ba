"""Limits and checks that come before (and around) any XML parsing of a .docx, and the errors they raise.

The ZIP central directory and every member's declared size and compression ratio are checked before anything is
unpacked; :mod:`.stream` keeps to :data:`MAX_MEMBER_SIZE` and :data:`MAX_UNIT_ELEMENTS` while it parses, and
refuses any DTD with :func:`has_dtd_marker` and :func:`declares_dtd`.

The limits are module globals read at call time: other modules read them as ``safety.MAX_…`` so that tuning one
here (as the tests do) takes effect everywhere. This module imports no XML library.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any, BinaryIO

from ...errors import E_DOCX_BOMB, E_DOCX_DAMAGED, E_DOCX_DTD, GhostproofError

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
#: most blocks (paragraphs and table cells with text) in one document (a 700-page contract has fewer)
MAX_BLOCKS = 25_000
#: most units (paragraphs, empty ones too, table rows, styles, notes …) in one XML part
MAX_UNITS = 50_000

_DAMAGED_HINT = "open it in Word or LibreOffice and save it again as .docx"
_DTD_MARKERS = tuple(s.encode(enc) for s in ("<!DOCTYPE", "<!ENTITY") for enc in ("ascii", "utf-16-le", "utf-16-be"))
#: bytes to carry from one chunk to the next so that a marker split across chunks is still found
DTD_CARRY = max(len(m) for m in _DTD_MARKERS) - 1


# ---------------------------------------------------------------------------------------------------- errors
def exc_detail(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def damaged(path: Path, detail: str) -> GhostproofError:
    return GhostproofError(
        E_DOCX_DAMAGED, f"this Word file is damaged or not a real .docx ({detail})", path=path, hint=_DAMAGED_HINT
    )


def bomb(path: Path, message: str) -> GhostproofError:
    return GhostproofError(
        E_DOCX_BOMB,
        f"{message}; refusing to read it (this looks like a zip bomb, not a contract)",
        path=path,
        hint="a normal contract is far smaller: if you trust the file, open it in Word and save it again",
    )


def dtd_refused(path: Path, name: str) -> GhostproofError:
    return GhostproofError(
        E_DOCX_DTD,
        f"{name} declares a DTD or XML entities, which Word never writes; refusing to read it "
        "(a possible entity-expansion or external-entity attack)",
        path=path,
        hint="if you trust the file, open it in Word or LibreOffice and save it again",
    )


def mb(n: int) -> str:
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
        raise bomb(path, f"the ZIP file lists {entries:,} parts in a {mb(dir_size)} directory")


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


def check_members(zf: zipfile.ZipFile, path: Path) -> None:
    """Declared sizes and compression ratios, before anything is unpacked."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise bomb(path, f"the Word file has {len(infos):,} parts")
    total = 0
    for info in infos:
        size = info.file_size
        if size > MAX_MEMBER_SIZE:
            raise bomb(path, f"{info.filename} would unpack to {mb(size)}")
        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            ratio = size // max(info.compress_size, 1)
            raise bomb(path, f"{info.filename} is compressed {ratio:,}:1 and would unpack to {mb(size)}")
        total += size
    if total > MAX_TOTAL_SIZE:
        raise bomb(path, f"the Word file would unpack to {mb(total)}")


def verify_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> None:
    """Unpack a member once without parsing it (zlib in C: about 0.3 s for 60 MB), so that a member whose real
    data does not match its declared size or checksum is refused before the slow XML parse, not after it."""
    left = MAX_MEMBER_SIZE
    with zf.open(info) as fh:  # zipfile stops at the declared size and checks the CRC-32 at the end
        while chunk := fh.read(1 << 20):
            left -= len(chunk)
            if left < 0:
                raise bomb(path, f"{info.filename} unpacks to more than {mb(MAX_MEMBER_SIZE)}")


# ---------------------------------------------------------------------------------------------------- DTD checks
def has_dtd_marker(window: bytes) -> bool:
    """``<!DOCTYPE`` or ``<!ENTITY`` (ASCII/UTF-8 or UTF-16) in raw bytes, before the parser sees them."""
    return any(marker in window for marker in _DTD_MARKERS)


def declares_dtd(el: Any) -> bool:
    """The parsed prolog of ``el``'s document has a DTD (the second line of defence after the byte scan)."""
    docinfo = el.getroottree().docinfo
    return bool(docinfo.internalDTD is not None or docinfo.doctype)
