"""Writing the review copy: the original package, member by member, with only the parts a review changes replaced.

python-docx re-serialises every XML part it saves. So that styles, numbering, headers, footers, settings, themes and
everything else stay byte for byte as they were, the copy takes from python-docx's output only the main document
part, its relationships and the comments part, adds the parts that are new (``word/comments.xml``) and adds their
content types to the original ``[Content_Types].xml``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

_CT = "[Content_Types].xml"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


def _content_types(original: bytes, rebuilt: bytes, new_parts: Iterable[str]) -> bytes:
    """The original ``[Content_Types].xml`` plus an Override for each new part (as python-docx declared it)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(original, parser)
    theirs = etree.fromstring(rebuilt, parser)
    declared = {el.get("PartName", "").lower() for el in root.iter(f"{{{_CT_NS}}}Override")}
    defaults = {el.get("Extension", "").lower() for el in root.iter(f"{{{_CT_NS}}}Default")}
    overrides = {el.get("PartName", "").lower(): el for el in theirs.iter(f"{{{_CT_NS}}}Override")}
    changed = False
    for name in new_parts:
        part = "/" + name.lower()
        if part in declared:
            continue
        override = overrides.get(part)
        if override is not None:
            root.append(etree.fromstring(etree.tostring(override), parser))
            changed = True
        elif name.rsplit(".", 1)[-1].lower() not in defaults:
            return rebuilt  # a part type we cannot declare from python-docx's overrides: take its whole table
    if not changed:
        return original
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def merge(original: Path, rebuilt: bytes, replaced: Iterable[str]) -> bytes:
    """The original package with the members ``replaced`` taken from ``rebuilt`` (added where they are new)."""
    replace = {name.lstrip("/") for name in replaced}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(original) as src,
        zipfile.ZipFile(io.BytesIO(rebuilt)) as new,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        theirs = set(new.namelist())
        mine = {info.filename for info in src.infolist()}
        added = [name for name in new.namelist() if name not in mine and name in replace]
        for info in src.infolist():
            name = info.filename
            if name in replace and name in theirs:
                data = new.read(name)
            elif name == _CT and _CT in theirs:
                data = _content_types(src.read(name), new.read(name), added)
            else:
                data = src.read(name)
            dst.writestr(info, data, compress_type=info.compress_type)
        stamp = max((info.date_time for info in src.infolist()), default=(1980, 1, 1, 0, 0, 0))
        for name in added:  # dated like the newest original member, so the same review gives the same bytes
            dst.writestr(zipfile.ZipInfo(name, date_time=stamp), new.read(name), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
