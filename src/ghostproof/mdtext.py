"""Markdown helpers shared by every Markdown report: text that must stay literal inside a code span."""

from __future__ import annotations

import re

_BACKTICKS = re.compile(r"`+")


def code_span(text: str) -> str:
    """``text`` as one CommonMark code span that no content can close early: the fence is one backtick longer
    than the longest run inside, and a space pads content that starts or ends with a backtick. Line breaks become
    spaces (a code span is inline). Inside a code span nothing is interpreted, so a file name such as
    ``a`<img src=x onerror=…>`b.txt`` is shown, never rendered."""
    flat = " ".join(text.split())
    longest = max((len(m) for m in _BACKTICKS.findall(flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat[:1] == "`" or flat[-1:] == "`" else ""
    return f"{fence}{pad}{flat}{pad}{fence}"
