"""``ghostproof clauses list`` and ``clauses show`` as text, in the language asked for (words from the catalogue)."""

from __future__ import annotations

from ..words import Words
from .library import Library, parse_assignments
from .params import Param
from .render import render_clause, resolve


def list_library(library: Library, lang: str) -> str:
    """Every clause family with its title, summary, variants and parameters (with their defaults)."""
    w = Words(lang, "clauses")
    lines = []
    for cid, clause in library.clauses.items():
        params = ", ".join(f"{n}={_default(p, lang, w)}" for n, p in clause.params.items())
        lines.append(f"{cid:20} {clause.title[lang]} — {clause.summary[lang]}")
        tail = "; " + w("list_params", params=params) if params else ""
        lines.append(f"{'':20} {w('variants', variants=', '.join(clause.variants))}{tail}")
    common = ", ".join(f"{n}={_default(p, lang, w)}" for n, p in library.common.items())
    lines += ["", w("common", params=common), w("show_one")]
    return "\n".join(lines)


def show_clause(library: Library, clause_id: str, lang: str, variant: str | None, assignments: list[str]) -> str:
    """One clause with the user's values (examples where a value only the user knows is not given), its drafting
    note and, when it has any, its parameters with type, bounds and meaning."""
    w = Words(lang, "clauses")
    clause = library.clause(clause_id)
    values = parse_assignments(library, assignments, [clause_id])
    _, missing = resolve(library, clause, lang, values)
    rendered = render_clause(
        library, clause_id, lang=lang, variant=variant or "balanced", values=values, use_examples=True
    )
    params = library.params_of(clause)
    heading = w(
        "heading",
        title=rendered.title,
        id=clause_id,
        variant=rendered.variant,
        jurisdiction=rendered.jurisdiction,
    )
    lines = [heading, "", rendered.text, "", f"{w('note')} {rendered.note}"]
    if rendered.values:
        lines += ["", w("params")]
        for name, value in rendered.values.items():
            p = params[name]
            mark = " " + w("example") if name in missing else ""
            lines.append(f"  {name} = {value}{mark}  [{_kind(p, w)}] {p.help[lang]}")
    lines += ["", w("disclaimer")]
    return "\n".join(lines)


def _kind(p: Param, w: Words) -> str:
    kind = w(f"type.{p.type}", choices=", ".join(p.choices)) if p.type == "choice" else w(f"type.{p.type}")
    bounds = [w(f"{k}", value=v) for k, v in (("min", p.min), ("max", p.max)) if v is not None]
    return ", ".join([kind, *bounds])


def _default(p: Param, lang: str, w: Words) -> str:
    value: object = p.default_for(lang)
    return w("required") if value is None else str(value)
