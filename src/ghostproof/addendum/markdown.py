"""The addendum as Markdown: for an e-mail, a ticket, or to paste into the user's own template."""

from __future__ import annotations

import re

from .compose import Addendum

_SPECIAL = re.compile(r"([\\`*_<>|])")


def escape(text: str) -> str:
    """Literal text; brackets stay as they are so placeholders read as ``[YOUR NAME]`` in the raw file too."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render_markdown(addendum: Addendum, *, notes: bool = False) -> str:
    """The addendum text; ``notes`` adds each clause's drafting note as a quoted remark (not part of the contract)."""
    w = addendum.labels
    out = [f"# {escape(addendum.heading)}", "", f"**{escape(addendum.subheading)}**", ""]
    out += [
        w["between"],
        "",
        f"**{escape(addendum.client)}** ({w['client_label']})",
        "",
        w["and"],
        "",
        f"**{escape(addendum.contractor)}** ({w['contractor_label']})",
        "",
        escape(addendum.preamble),
        "",
    ]
    for section in addendum.sections:
        out += [f"## {section.number}. {escape(section.title)}", ""]
        for i, paragraph in enumerate(section.paragraphs, 1):
            out += [f"{section.number}.{i} {escape(paragraph)}", ""]
        if notes and section.note:
            out += [f"> _{escape(section.note)}_", ""]
    out += [f"## {w['signatures']}", ""]
    for label, name in ((w["client_label"], addendum.client), (w["contractor_label"], addendum.contractor)):
        out += [
            f"**{label}:** {escape(name)}",
            "",
            f"{w['place_date']}: ______________________________",
            "",
            f"{w['signature']}: ______________________________",
            "",
        ]
    return "\n".join(out)
