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

Modules: :mod:`.safety` (limits, ZIP and DTD checks, errors), :mod:`.ooxml` (WordprocessingML names, value
helpers), :mod:`.stream` (one XML part, unit by unit), :mod:`.styles`, :mod:`.numbering`, :mod:`.paragraphs`
(paragraph text as Word shows it) and :mod:`.reader` (the package, body, tables and notes). The limits are
re-exported here for reading; to change one, set it on :mod:`.safety`, where every module looks it up.
"""

from __future__ import annotations

import errno
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from ...errors import E_UNREADABLE, GhostproofError
from ...limits import DEFAULT_MAX_CHARS
from ...model import Extraction
from .reader import Reader
from .safety import (
    MAX_BLOCKS,
    MAX_MEMBER_SIZE,
    MAX_RATIO,
    MAX_TOTAL_SIZE,
    MAX_UNIT_ELEMENTS,
    bomb,
    check_members,
    check_zip_directory,
    damaged,
    exc_detail,
)
from .safety import MAX_DIRECTORY as MAX_DIRECTORY
from .safety import MAX_MEMBERS as MAX_MEMBERS
from .safety import RATIO_FLOOR as RATIO_FLOOR

__all__ = [
    "MAX_BLOCKS",
    "MAX_MEMBER_SIZE",
    "MAX_RATIO",
    "MAX_TOTAL_SIZE",
    "MAX_UNIT_ELEMENTS",
    "check_zip_directory",
    "read_docx",
]


def read_docx(path: Path, *, max_chars: int = DEFAULT_MAX_CHARS) -> Extraction:
    """Read a Word .docx file into raw blocks in reading order.

    Raises :class:`GhostproofError` with ``E_DOCX_BOMB`` (zip bomb or absurd size), ``E_DOCX_DTD`` (an XML part
    declares a DTD) or ``E_DOCX_DAMAGED`` (truncated, corrupt or not a .docx); never another exception.
    """
    try:
        check_zip_directory(path)
        with zipfile.ZipFile(path) as zf:
            check_members(zf, path)
            return Reader(zf, path, max_chars).read()
    except GhostproofError:
        raise
    except MemoryError:
        raise bomb(path, "ran out of memory while unpacking the Word file") from None
    except RecursionError:
        raise damaged(path, "its XML is nested too deeply") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, etree.LxmlError, KeyError, ValueError) as exc:
        raise damaged(path, exc_detail(exc)) from None
    except (RuntimeError, NotImplementedError) as exc:  # encrypted or unsupported ZIP members
        raise damaged(path, exc_detail(exc)) from None
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EIO):
            raise GhostproofError(E_UNREADABLE, f"cannot read the file ({exc.strerror or exc})", path=path) from None
        # the file was readable a moment ago: a seek or read zipfile asked for lies outside it (a damaged ZIP)
        raise damaged(path, exc_detail(exc)) from None
    except Exception as exc:  # last resort: a reader must never end in a traceback
        raise damaged(path, f"unexpected {type(exc).__name__}: {exc_detail(exc)}") from None
