"""A clause rendered: its text in one language and variant with the parameters filled in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import E_BAD_OPTION, GhostproofError
from . import template
from .library import Clause, Library


@dataclass(frozen=True)
class Rendered:
    clause: str
    variant: str
    lang: str
    jurisdiction: str
    title: str
    text: str
    note: str
    values: Mapping[str, object]


def resolve(
    library: Library,
    clause: Clause,
    lang: str,
    given: Mapping[str, object],
    *,
    use_examples: bool = False,
) -> tuple[dict[str, object], list[str]]:
    """Values for every parameter the clause may use: given (parsed), else default, else example (when asked).
    Returns the values and the names still missing (parameters only the user can give)."""
    values: dict[str, object] = {}
    missing: list[str] = []
    for name, param in library.params_of(clause).items():
        if name in given:
            values[name] = given[name]
        elif param.default_for(lang) is not None:
            values[name] = param.default_for(lang)
        elif use_examples and param.example is not None:
            values[name] = param.example
        else:
            missing.append(name)
    return values, missing


def render_clause(
    library: Library,
    clause_id: str,
    *,
    lang: str,
    variant: str = "balanced",
    values: Mapping[str, object] | None = None,
    use_examples: bool = False,
) -> Rendered:
    """The clause text in ``lang`` and ``variant`` with ``values`` (parsed) over the defaults.

    Raises :class:`GhostproofError` when a parameter the text uses has no value."""
    clause = library.clause(clause_id)
    if (variant, lang) not in clause.texts:
        raise GhostproofError(
            E_BAD_OPTION, f"{clause_id} has no variant {variant!r}", hint="one of " + ", ".join(clause.variants)
        )
    resolved, _ = resolve(library, clause, lang, values or {}, use_examples=use_examples)
    jurisdiction = str(resolved.get("jurisdiction", "other"))
    client_type = resolved.get("client_type")
    text, note = clause.texts[(variant, lang)].pick(jurisdiction, str(client_type) if client_type else None)
    params = library.params_of(clause)
    used = template.names(text)
    missing = [n for n in used if n not in resolved]
    if missing:
        raise GhostproofError(
            E_BAD_OPTION,
            f"{clause_id}: no value for {', '.join(missing)}",
            hint="give it with " + " ".join(f"--set {n}=…" for n in missing),
        )
    currency = str(resolved.get("currency")) if resolved.get("currency") else None
    formatted = {n: params[n].format(resolved[n], lang, currency) for n in used}
    contract_type = str(resolved["contract_type"]) if resolved.get("contract_type") else None
    for statute in library.statutes:
        # a citation of a statute the contract's law (or its type) does not have is dropped; a note explaining it
        # says so
        if statute.drops(jurisdiction, contract_type):
            cited = statute.mentions is not None and statute.mentions.search(note) is not None
            text = statute.cite.sub("", text)
            if cited and not note.startswith(statute.note[lang]):
                note = f"{statute.note[lang]} {note}"
    return Rendered(
        clause=clause_id,
        variant=variant,
        lang=lang,
        jurisdiction=jurisdiction,
        title=clause.title[lang],
        text=template.render(text, formatted),
        note=note,
        values={n: resolved[n] for n in used},
    )
