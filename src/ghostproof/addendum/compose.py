"""Compose an addendum: the audit's gaps, closed with clauses from the library, in the contract's language.

The result is an :class:`Addendum` — plain data that the Markdown and DOCX writers lay out. Facts about the
original agreement that could not be read from it become visible placeholders (``[DATE OF THE AGREEMENT]``) and are
listed in :attr:`Addendum.placeholders`, so nothing is silently invented.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..clauses.library import Library
from ..clauses.params import FromContract, Param
from ..clauses.render import Rendered, render_clause, resolve
from ..errors import E_BAD_OPTION, GhostproofError
from ..findings import FAMILIES, AuditResult, Finding, has_wording
from .agreement import AgreementFacts


@dataclass(frozen=True)
class Section:
    number: int
    title: str
    paragraphs: tuple[str, ...]
    #: the family this section closes (None for the frame: precedence, unchanged)
    clause: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Addendum:
    lang: str
    heading: str
    subheading: str
    client: str
    contractor: str
    preamble: str
    sections: tuple[Section, ...]
    labels: Mapping[str, str]
    #: placeholders left in the text, with what the user should fill in
    placeholders: tuple[str, ...] = field(default=())
    families: tuple[str, ...] = ()


@dataclass(frozen=True)
class Overrides:
    """Facts the user gives (``--config`` ``[agreement]``) over what was read from the contract."""

    title: str | None = None
    date: str | None = None
    client: str | None = None
    contractor: str | None = None


def families_to_close(result: AuditResult, *, include_all: bool = False, services: bool = False) -> list[str]:
    """The families an addendum adds: every missing or weak one (every family with ``include_all``); with
    ``services`` (a German Dienstvertrag, see :func:`owes_services`) none that concerns a result (no Abnahme)."""
    from ..families import family

    return [
        f.clause
        for f in result.findings
        if (include_all or f.status != "present") and not (services and family(f.clause).result_only)
    ]


def owes_services(text: str, lang: str, values: Mapping[str, object]) -> bool:
    """A German contract under German law that owes services, not a result (a Dienstvertrag: no Abnahme); a
    ``contract_type`` the user gives decides."""
    from ..contract_type import read_type

    if "contract_type" in values:
        return values["contract_type"] == "dienstvertrag"
    if lang != "de" or str(values.get("jurisdiction", "DE")) != "DE":
        return False
    return read_type(text, lang).type == "dienstvertrag"


#: the jurisdiction the clause library knows for the country of a region the contract names
_LAW_OF_COUNTRY = {"DE": "DE", "AT": "AT", "CH": "CH", "GB": "UK", "US": "US"}


def contract_defaults(library: Library, text: str, result: AuditResult) -> dict[str, object]:
    """What the contract itself says about the addendum's common parameters: the currency its amounts are in (where
    at least four in five are in one currency; a contract in pounds got "USD 60"), and the client's type where the
    contract states it (a consumer gets no business-only statute), and the law it names."""
    from collections import Counter

    from ..quantities import find_money
    from ..regions import WAYS, contract_region

    out: dict[str, object] = {}
    currencies = Counter(m.currency for m in find_money(text[:200_000]) if m.currency)
    if currencies:
        code, n = currencies.most_common(1)[0]
        if n * 5 >= sum(currencies.values()) * 4 and code in (library.common["currency"].choices or ()):
            out["currency"] = library.common["currency"].parse(code)
    if result.client_type is not None:
        out["client_type"] = library.common["client_type"].parse(result.client_type.value)
    # the law the contract names ("governed by the law of England and Wales", "es gilt das Recht der Bundesrepublik
    # Deutschland", a business day's holidays "in England"): the suggestions cite that law's statutes (an English
    # contract got the generic 1.5 % a month where the Late Payment Act applies; new user, round 7)
    # (not where its banks are: an English-law contract may count business days by the banks in New York)
    region = contract_region(text, ways=tuple(w for w in WAYS if w != "banks"))
    law = _LAW_OF_COUNTRY.get(region.region.split("-")[0]) if region is not None else None
    if law is not None and law in (library.common["jurisdiction"].choices or ()):
        out["jurisdiction"] = library.common["jurisdiction"].parse(law)
    currency = out.get("currency")
    figures = contract_figures(library, result, currency)
    out.update({name: figure.value for name, figure in figures.items() if figure.problem is None})
    return out


@dataclass(frozen=True)
class Figure:
    """A clause parameter taken from the contract: its value, and the words it was read from."""

    value: object
    family: str
    words: str
    #: the problem that concerns the figure itself (it is not kept: the suggestion's own figure stands)
    problem: str | None = None
    #: a problem the audit found in the wording the figure stands in (kept all the same: lowering it is the user's
    #: choice, made with ``--set``)
    flagged: str | None = None


def contract_figures(library: Library, result: AuditResult, currency: object = None) -> dict[str, Figure]:
    """The contract's own figures for the clauses' parameters where they are better for the contractor than the
    library's defaults (``from_contract`` in the clause files): an addendum or review copy that suggests a 25 %
    cancellation fee where the contract has 40 %, or payment within 30 days where it says 14, would lower what the
    contract gives. The contract's figure is kept outside the library's bounds too (a 60 % fee, a 3-day review: what
    the parties agreed); one in another currency or of another kind (calendar days for a clause that counts business
    days) is not taken; one whose finding has a problem with the figure itself (a review period too short to hold:
    ``unless``) comes with that problem and is not used (see :func:`kept_figures`)."""
    out: dict[str, Figure] = {}
    lang = result.language
    for finding in result.findings:
        if finding.status == "missing" or finding.clause not in library.clauses:
            continue
        clause = library.clause(finding.clause)
        codes = [p.code for p in finding.problems]
        for name, param in clause.params.items():
            source = param.from_contract
            if source is None:
                continue
            kept = (
                _period_figure(source, param, finding, lang)
                if param.type == "period"  # "zwei Monate zum Monatsende" stays that, not 60 days
                else _number_figure(source, param, finding, lang, currency)
            )
            if kept is None:
                continue
            problem = next((c for c in codes if c in source.unless), None)
            flagged = next((c for c in codes if c in clause.replaces), None)
            out[name] = Figure(kept[0], finding.clause, kept[1], problem, flagged)
    return out


def _number_figure(
    source: FromContract, param: Param, finding: Finding, lang: str, currency: object
) -> tuple[object, str] | None:
    """The contract's number for ``param`` and the words it was read from, where it is better than the default."""
    from decimal import Decimal

    attrs = finding.attributes
    found = attrs.get(source.attribute)
    if found is None or isinstance(found, bool) or not isinstance(found, int | float):
        return None
    if not source.holds(attrs):
        return None
    own = attrs.get("currency")
    if param.type == "money" and own and currency and str(own) != str(currency):
        return None
    number = Decimal(str(found)).normalize()  # 2.0 -> 2
    if not source.improves(number, param.default_for(lang)):
        return None
    # (outside the library's bounds too: what the parties agreed is kept, a 60 % fee as well as a 3-day review)
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))  # (normalize wrote 60 as 6E+1)
    value = int(number) if param.type == "int" and number == number.to_integral_value() else number
    if param.type == "int" and not isinstance(value, int):
        return None
    ev = finding.attribute_evidence.get(source.attribute)
    return value, ev.text if ev else ""


def _period_figure(source: FromContract, param: Param, finding: Finding, lang: str) -> tuple[object, str] | None:
    """The contract's period for ``param`` as written (months, business days, to a month's end) and the words it
    was read from ("zwei Monaten zum Monatsende"), where it is longer than the default."""
    period = source.period(finding.attributes) if source.holds(finding.attributes) else None
    if period is None or not source.improves(period.days(), param.default_for(lang)):
        return None
    days = finding.attribute_evidence.get(source.attribute)
    end = finding.attribute_evidence.get(source.end) if source.end and period.end else None
    if days is None or end is None:
        one = days or end
        return period, one.text if one is not None else ""
    return period, f"{days.text} {end.text}" if end.start - days.end <= 1 else f"{days.text} … {end.text}"


def kept_figures(
    library: Library, result: AuditResult, values: Mapping[str, object], given: set[str], families: Sequence[str]
) -> tuple[list[str], list[str]]:
    """The figures of the suggested clauses (of ``families``) that come from the contract, each with the words it
    was read from; and those of the contract not kept because the figure itself is the risk (with its problem
    code). Figures the user gave are neither."""
    kept: list[str] = []
    not_kept: list[str] = []
    for name, figure in contract_figures(library, result, values.get("currency")).items():
        if name in given or figure.family not in families:
            continue
        said = f"{name} = {figure.value} (“{figure.words}”)" if figure.words else f"{name} = {figure.value}"
        if figure.problem is None:
            kept.append(f"{said}, though the audit flags {figure.flagged}" if figure.flagged else said)
        else:
            not_kept.append(f"{said}: {figure.problem}")
    return kept, not_kept


def missing_parameters(
    library: Library, families: Sequence[str], lang: str, values: Mapping[str, object], variant: str
) -> list[str]:
    """Parameters the chosen clauses use that have neither a value nor a default (only the user knows them)."""
    from ..clauses import template

    out: list[str] = []
    for fid in families:
        clause = library.clause(fid)
        resolved, missing = resolve(library, clause, lang, values)
        jurisdiction = str(resolved.get("jurisdiction", "other"))
        client_type = resolved.get("client_type")
        text, _ = clause.texts[(variant, lang)].pick(jurisdiction, str(client_type) if client_type else None)
        out.extend(n for n in template.names(text) if n in missing and n not in out)
    return out


#: words a title in capitals keeps in lower case once cased ("Booking Terms and Conditions", "Rahmenvertrag über …")
_SMALL = frozenset(
    "a an and as at by for from in of on or the to with und oder über für von vom zur zum der die das des dem den mit"
    " zwischen".split()
)


def _title_case(title: str) -> str:
    """A title written in capitals, cased: "BOOKING TERMS AND CONDITIONS" -> "Booking Terms and Conditions",
    "KOMPOSITIONS- UND PRODUKTIONSVERTRAG" -> "Kompositions- und Produktionsvertrag"."""
    words = title.title().split(" ")
    return " ".join(w.lower() if i and w.lower() in _SMALL else w for i, w in enumerate(words))


def _german_prep(title: str) -> tuple[str, str]:
    """The preposition and case for "Nachtrag Nr. 1 zum …": by the title's head noun (before "der", "des", "für",
    …), e.g. "zur Rahmenvereinbarung", "zu den Allgemeinen Geschäftsbedingungen der …", "zum Webdesign-Vertrag"."""
    head = re.split(r"\s+(?:der|des|für|zwischen|vom|über|mit)\s+", title, maxsplit=1)[0]
    last = head.split()[-1].lower() if head.split() else ""
    if last.endswith(("bedingungen", "agb")):
        return "zu den", re.sub(r"^Allgemeine\b", "Allgemeinen", title)
    if last.endswith(("ung", "ion", "schaft", "heit", "keit", "abrede")):
        return "zur", title
    return "zum", title


def compose(
    result: AuditResult,
    facts: AgreementFacts,
    library: Library,
    *,
    values: Mapping[str, object],
    variant: str = "balanced",
    include_all: bool = False,
    overrides: Overrides | None = None,
    number: int = 1,
    services: bool = False,
) -> Addendum:
    """The addendum for an audited contract (clauses in the contract's language)."""
    lang = result.language
    frame_labels = library.frame_table("addendum", lang)

    def w(key: str, **values: str) -> str:
        return library.framing(f"addendum.{key}", lang, **values)

    o = overrides or Overrides()
    placeholders: list[str] = []

    def known(value: str | None, unknown_key: str) -> str:
        if value:
            return value
        placeholders.append(w(unknown_key))
        return w(unknown_key)

    title = o.title or facts.title
    if title and title.isupper():
        title = _title_case(title)
    title = known(title, "title_unknown")
    date = known(o.date or facts.date, "date_unknown")
    client = known(o.client or (facts.client.name if facts.client else None), "client_unknown")
    contractor = known(o.contractor or (facts.contractor.name if facts.contractor else None), "contractor_unknown")
    contractor_ref = contractor
    role = facts.contractor.role if facts.contractor and not o.contractor else None
    if role and role.lower() not in ("contractor", "auftragnehmer"):
        contractor_ref = f"{contractor} {w('role_as', role=role)}"
    client_ref = client
    crole = facts.client.role if facts.client and not o.client else None
    if crole and crole.lower() not in ("client", "kunde"):
        client_ref = f"{client} {w('role_as', role=crole)}"

    families = families_to_close(result, include_all=include_all, services=services)
    sections: list[Section] = []
    for fid in families:
        if fid not in FAMILIES:
            raise GhostproofError(E_BAD_OPTION, f"unknown clause family {fid}")
        rendered: Rendered = render_clause(library, fid, lang=lang, variant=variant, values=values)
        paragraphs = [rendered.text]
        finding = result.finding(fid)
        worded = has_wording(finding)  # (weak, or excluded in words: "silence … shall not be deemed approval")
        labels = [ev.section for ev in finding.evidence[:1] if ev.section] if worded else []
        replaces = worded and bool(library.clause(fid).replaces & {p.code for p in finding.problems})
        if labels:
            where = w("section", label=re.sub(r"(?<=\d)\.$", "", labels[0]))  # ("5." is Section 5)
            paragraphs.append(w("replaces" if replaces else "supplements", where=where))
        elif replaces:
            paragraphs.append(w("replaces_matter"))
        sections.append(Section(len(sections) + 1, rendered.title, tuple(paragraphs), fid, rendered.note))
    precedence = [w("precedence")]
    # the clauses count business days (Arbeitstage): the addendum says once what they are
    if any(w("business_days_word").lower() in text.lower() for s in sections for text in s.paragraphs):
        precedence.append(w("business_days"))
    sections.append(Section(len(sections) + 1, w("precedence_title"), tuple(precedence)))
    sections.append(Section(len(sections) + 1, w("unchanged_title"), (w("unchanged"),)))
    prep, title_dative = _german_prep(title) if lang == "de" else ("to the", title)
    return Addendum(
        lang=lang,
        heading=w("heading", number=str(number)),
        subheading=w("subheading", title=title_dative, date=date, prep=prep),
        client=client,
        contractor=contractor,
        # a name that ends in "Inc." at the end of a sentence gets no second full stop
        preamble=re.sub(
            r"\.\.(?=\s|$)",
            ".",
            w("preamble", title=title, date=date, client=client_ref, contractor=contractor_ref),
        ),
        sections=tuple(sections),
        labels=frame_labels,
        placeholders=tuple(dict.fromkeys(placeholders)),
        families=tuple(families),
    )
