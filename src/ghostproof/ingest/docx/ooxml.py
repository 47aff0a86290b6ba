"""WordprocessingML names and small value helpers shared by the .docx reader's modules.

A .docx may use the transitional or the strict OOXML namespace; :class:`W` holds the qualified names for one of
them, and :func:`names_for` picks the right one from a part's root tag. Nothing here imports lxml: elements are
typed as :data:`Element` (``Any``, as lxml ships no type information).
"""

from __future__ import annotations

from typing import Any

#: an lxml element (lxml ships no type information)
Element = Any

W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MATH_TEXT = frozenset(
    {
        "{http://schemas.openxmlformats.org/officeDocument/2006/math}t",
        "{http://purl.oclc.org/ooxml/officeDocument/math}t",
    }
)
ALT = f"{_MC}AlternateContent"
_CHOICE = f"{_MC}Choice"
FALLBACK = f"{_MC}Fallback"
_OFF = frozenset({"0", "false", "off", "none"})


# ---------------------------------------------------------------------------------------------------- names
class W:
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


NAMES = {W_TRANSITIONAL: W(W_TRANSITIONAL), _W_STRICT: W(_W_STRICT)}


def names_for(tag: str) -> W:
    ns = tag[1:].partition("}")[0] if tag.startswith("{") else ""
    return NAMES.get(ns, NAMES[W_TRANSITIONAL])


# ---------------------------------------------------------------------------------------------------- values
def local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def val(el: Element | None, w: W) -> str | None:
    return None if el is None else el.get(w.val)


def as_int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text.strip())
    except ValueError:
        return None


def on(el: Element | None, w: W) -> bool | None:
    """A toggle property (``<w:vanish/>``, ``<w:isLgl w:val="0"/>``): None when absent."""
    if el is None:
        return None
    value = el.get(w.val)
    return value is None or value.lower() not in _OFF


def on_attr(value: str | None) -> bool:
    return value is not None and value.lower() not in _OFF


def choose(alt: Element) -> Element | None:
    """The branch of an ``mc:AlternateContent`` Word would show: the first Choice, else the Fallback."""
    choice = alt.find(_CHOICE)
    return choice if choice is not None else alt.find(FALLBACK)
