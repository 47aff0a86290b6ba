"""A deliberately tiny, strict template engine for clause language.

The only construct is ``{{ name }}``. A name the clause does not declare, a value that is missing, or any other
brace construct (``{name}``, ``{% … %}``, an unclosed ``{{``) is an error — a rendered clause can never contain a
left-over placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_PLACEHOLDER = re.compile(r"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")
#: anything brace-like left once the placeholders are taken out: "{{", "{%", "{#", a single "{name}" ...
_STRAY = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|[{}]")


class TemplateError(ValueError):
    """A template that is malformed, or rendered without a value it needs."""


def names(template: str) -> list[str]:
    """The placeholder names of ``template`` in order of first use; raises on anything that is not one."""
    stray = _STRAY.search(_PLACEHOLDER.sub("", template))
    if stray:
        raise TemplateError(f"stray {stray.group()!r} near {template[max(0, stray.start() - 20) : stray.end() + 20]!r}")
    out: list[str] = []
    for m in _PLACEHOLDER.finditer(template):
        if m.group(1) not in out:
            out.append(m.group(1))
    return out


def render(template: str, values: Mapping[str, str]) -> str:
    """Fill every ``{{ name }}`` from ``values`` (already formatted strings)."""
    missing = [n for n in names(template) if n not in values]
    if missing:
        raise TemplateError("no value for " + ", ".join(missing))
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)
