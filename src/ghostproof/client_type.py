"""Whether the client is a business or a consumer, read from the contract's words (``models/client_types.toml``):
a legal form in the client's name ("Rheinblick Logistik GmbH … (nachfolgend „Kunde“)"), else a statement ("Der
Kunde ist Unternehmer", "Widerrufsbelehrung"). German standard terms bind a consumer under §§ 308, 309 BGB and a
business only through § 307 BGB (§ 310 Abs. 1 BGB), so the audit grades some clauses by it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from .data import expressions, read_model_toml
from .errors import E_RULES, GhostproofError

ClientType = Literal["business", "consumer"]
CLIENT_TYPES: tuple[str, ...] = ("business", "consumer")
_HINT = "fix models/client_types.toml (see the comment at its top)"

#: a defined term in quotes right after an opening parenthesis or dash and the words that introduce it:
#: (nachfolgend „Kunde“), (the "Client"), – nachstehend „Auftraggeber“ –, ("Customer"); or on a line of its own, whose
#: dash the reader took for a list marker ("nachfolgend „Auftraggeber“ –")
_DEFINITION = re.compile(
    r"(?:[(–—]|(?m:^))\s*(?:[^()\"“”„»«\n]{0,40}?)[„\"“»«‚‘']\s*(?P<term>[^\"“”„»«‘’'()]{2,40}?)\s*[“\"”«»‘’']"
    r"\s*(?:[)–—]|(?m:$))"
)


#: where a party's name starts at the latest: after a line break or the word that joins the parties
_BEFORE_NAME = re.compile(
    r"\n|(?<=[a-zäöüß)]{4}[.;:])\s+(?=[A-ZÄÖÜ])|(?<!\w)(?i:zwischen|between|and|und|sowie|by)(?!\w)"
)
#: words before a party's name that are not part of it (articles, spaces, punctuation)
#: (and a list number: "(1) Meridian …", "1) Meridian …")
_LEAD = re.compile(r"(?:[\W_]|(?:der|die|dem|den|the)(?!\w)|\(?\d{1,2}[.)](?=\s))*", re.IGNORECASE)


@dataclass(frozen=True)
class ClientReading:
    """The client's type and the words it was read from (offsets into the text); ``how``: "legal_form" (the
    client's name carries one) or "statement"."""

    type: ClientType
    how: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Rules:
    scan_chars: int
    name_chars: int
    roles: dict[str, re.Pattern[str]]
    forms: dict[str, re.Pattern[str]]
    statements: dict[str, dict[str, re.Pattern[str]]]


def _fail(where: str, message: str) -> GhostproofError:
    return GhostproofError(E_RULES, message, path=where, hint=_HINT)


def _alternatives(where: str, entries: object) -> str:
    return "|".join(f"(?:{e})" for e in expressions(entries, where, _HINT))


def _whole(alternatives: str) -> str:
    return rf"(?<!\w)(?:{alternatives})(?!\w)"


@cache
def _rules(root: Path | None = None) -> _Rules:
    data, where = read_model_toml("client_types.toml", _HINT, root)
    if set(data) != {"scan_chars", "name_chars", "de", "en"}:
        raise _fail(where, "keys must be scan_chars, name_chars, de, en")
    for key in ("scan_chars", "name_chars"):
        if not isinstance(data[key], int) or isinstance(data[key], bool) or data[key] < 1:
            raise _fail(where, f"{key} must be a positive whole number")
    roles, forms, statements = {}, {}, {}
    for lang in ("de", "en"):
        table = data[lang]
        if not isinstance(table, dict) or set(table) != {"roles", "legal_forms", "business", "consumer"}:
            raise _fail(where, f"[{lang}] needs roles, legal_forms, business and consumer")
        roles[lang] = re.compile(rf"(?:{_alternatives(f'{where} {lang}.roles', table['roles'])})", re.IGNORECASE)
        forms[lang] = re.compile(_whole(_alternatives(f"{where} {lang}.legal_forms", table["legal_forms"])))
        statements[lang] = {
            side: re.compile(_whole(_alternatives(f"{where} {lang}.{side}", table[side])), re.IGNORECASE)
            for side in CLIENT_TYPES
        }
    return _Rules(data["scan_chars"], data["name_chars"], roles, forms, statements)


def _client_name(head: str, lang: str, rules: _Rules) -> tuple[int, int] | None:
    """The span of the words naming the client: before the first parenthesis that defines the client's role, back
    to the definition before it (the other party's), at most ``name_chars`` characters."""
    previous = 0
    for m in _DEFINITION.finditer(head):
        if rules.roles[lang].fullmatch(m["term"].strip()):
            return max(previous, m.start() - rules.name_chars), m.start()
        previous = m.end()
    return None


def names_a_company(name: str, lang: str) -> bool:
    """The name carries a legal form ("Fenwick Garden Supplies Ltd", „Datenwerk Logistik AG“)."""
    return _rules().forms[lang].search(name) is not None


def read_client(text: str, lang: str) -> ClientReading | None:
    """The client's type as the contract states it, or None when it does not say (or says both)."""
    rules = _rules()
    head = text[: rules.scan_chars]
    name = _client_name(head, lang, rules)
    if name is not None:
        form = rules.forms[lang].search(head, *name)
        if form is not None:
            cuts = [m.end() for m in _BEFORE_NAME.finditer(head, name[0], form.start())]
            start = cuts[-1] if cuts else name[0]
            start += len(_LEAD.match(head, start, form.start()).group())  # type: ignore[union-attr]
            return ClientReading("business", "legal_form", start, form.end(), head[start : form.end()])
    found = {side: rules.statements[lang][side].search(head) for side in CLIENT_TYPES}
    said = [(side, m) for side, m in found.items() if m is not None]
    if len(said) != 1:
        return None
    side, m = said[0]
    return ClientReading(side, "statement", m.start(), m.end(), m.group())  # type: ignore[arg-type]
