"""Recognise a file's type by its content (magic bytes), and refuse what we cannot read with a hint."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from ..errors import (
    CONVERT_HINT,
    E_CONVERT_FIRST,
    E_DOCX_DAMAGED,
    E_TYPE_MISMATCH,
    E_UNKNOWN_FORMAT,
    GhostproofError,
)
from ..model import SourceType

_IMAGES = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EXT_NAMES = {
    ".pdf": "PDF",
    ".docx": "Word .docx",
    ".txt": "text",
    ".md": "Markdown",
    ".markdown": "Markdown",
}
_MD_EXT = {".md", ".markdown", ".mdown"}


def _mismatch(path: Path, what: str) -> str:
    expected = _EXT_NAMES.get(path.suffix.lower())
    return f"{what}, not a {expected} file despite its name" if expected else what


def sniff(path: Path, head: bytes) -> SourceType:
    """Type of the file from its first bytes (``head``: at least 8 KiB or the whole file)."""
    convert = CONVERT_HINT.format(name=path.name)
    # a PDF starts with %PDF- (readers accept junk before it within the first KiB: only for a file named .pdf)
    if head.startswith(b"%PDF-") or (path.suffix.lower() == ".pdf" and b"%PDF-" in head[:1024]):
        return "pdf"
    for magic, what in _IMAGES.items():
        if head.startswith(magic):
            if what != "a GIF image" and path.suffix.lower() not in _EXT_NAMES:
                return "image"  # a scan as a PNG, JPEG or TIFF file: read by OCR
            raise GhostproofError(
                E_TYPE_MISMATCH,
                _mismatch(path, f"this is {what}"),
                path=path,
                hint="name the file by what it is (.png, .jpg, .tif: a scan is read by OCR), or export the contract "
                "as PDF or DOCX",
            )
    if head.startswith(_OLE):
        raise GhostproofError(
            E_CONVERT_FIRST,
            _mismatch(path, "this is a legacy Word .doc (or password-protected Office) file"),
            path=path,
            hint=f"remove any password and {convert}",
        )
    if head.lstrip().startswith(b"{\\rtf"):
        raise GhostproofError(E_CONVERT_FIRST, _mismatch(path, "this is an RTF document"), path=path, hint=convert)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(path, convert)
    if path.suffix.lower() in {".doc", ".odt", ".rtf", ".pages", ".xlsx", ".pptx"}:
        raise GhostproofError(E_CONVERT_FIRST, f"{path.suffix} files are not supported", path=path, hint=convert)
    if path.suffix.lower() in _MD_EXT:
        return "md"
    return "txt"


def _sniff_zip(path: Path, convert: str) -> SourceType:
    from .docx import check_zip_directory

    check_zip_directory(path)  # a crafted ZIP directory takes hundreds of MB to open
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            mimetype = b""
            if "mimetype" in names:
                with zf.open("mimetype") as fh:  # unpack only what we look at: it may be a zip bomb
                    mimetype = fh.read(100)
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        KeyError,
        EOFError,
        ValueError,
        RuntimeError,  # an encrypted member
        NotImplementedError,  # an unsupported ZIP version or compression
    ) as exc:
        raise GhostproofError(
            E_DOCX_DAMAGED,
            _mismatch(path, f"this ZIP/Office file is damaged or truncated ({exc})"),
            path=path,
            hint="open it in Word or LibreOffice and save it again",
        ) from None
    if "word/document.xml" in names:
        return "docx"
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        raise GhostproofError(
            E_CONVERT_FIRST, _mismatch(path, "this is an OpenDocument (.odt) file"), path=path, hint=convert
        )
    if any(n.startswith("Index/") and n.endswith(".iwa") for n in names) or path.suffix.lower() == ".pages":
        raise GhostproofError(
            E_CONVERT_FIRST,
            _mismatch(path, "this is an Apple Pages document"),
            path=path,
            hint="in Pages use File > Export To > Word, or " + convert,
        )
    if "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
        raise GhostproofError(
            E_UNKNOWN_FORMAT,
            _mismatch(path, "this is a spreadsheet or presentation, not a contract document"),
            path=path,
            hint="export the contract as PDF or DOCX",
        )
    raise GhostproofError(
        E_UNKNOWN_FORMAT,
        _mismatch(path, "this is a ZIP archive, not a Word document"),
        path=path,
        hint="unpack it and pass the contract file inside",
    )
