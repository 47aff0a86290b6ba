"""What an addendum must name about the original agreement: its title, its date and its two parties.

Read from the opening of the contract ("This Agreement is made on … between X (the "Client") and Y (the
"Designer")", "Zwischen X (nachfolgend „Kunde“) und Y (nachfolgend „Auftragnehmer“) wird am … geschlossen", the
heading). Anything not found stays ``None``; the addendum then shows a visible placeholder and says so.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ..model import Document

#: how far into the contract the parties and date are looked for (characters)
OPENING = 2500

_MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTHS_DE = "Januar|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS_EN}),?\s+\d{{4}}"
    rf"|(?:{_MONTHS_EN})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\.\s*(?:{_MONTHS_DE})\s+\d{{4}}"
    r"|\d{1,2}\.\s?\d{1,2}\.\s?\d{4}"
    r"|\d{4}-\d{2}-\d{2})\b"
)
#: a date that is the agreement's own: "made on", "dated", "effective", "vom", "am … geschlossen"
_DATE_CUE = re.compile(
    r"(?:made|entered\s+into|dated|effective|signed|as\s+of|geschlossen|abgeschlossen|datum|date"
    # German "vom"/"am" only after the contract's own name or at a line's start ("Vertrag vom …", "\nvom …"; not
    # "das Briefing vom 3. März 2026")
    r"|(?:vertrag|vereinbarung|auftrag|bedingungen|agb)\w*\s+(?:vom|am)|^\s*(?:vom|am))\W+(?:\w+\W+){0,3}$",
    re.IGNORECASE | re.MULTILINE,
)
#: a date in the signature block: "Date: 20 January 2026", "Berlin, den 10. März 2026", "Leipzig, 10.03.2026"
_SIGNED_CUE = re.compile(
    r"(?:date|dated|datum|signed|unterschrieben|den|^[^\W\d][\w\s.-]{1,40},)\s*:?\s*$", re.I | re.M
)
#: how far from the end the signature block is looked for (characters)
CLOSING = 2000
_BETWEEN = re.compile(r"\b(?:between|among|zwischen)\s+", re.IGNORECASE)
#: defined terms in parentheses that are not parties: (the "Agreement"), (the "Services"), (nachfolgend „Vertrag“)
_NOT_ROLES = frozenset(
    "agreement contract services service products product deliverables software project work effective parties"
    " party vertrag leistungen leistung projekt software parteien einzelunternehmen einzelunternehmer"
    " einzelunternehmerin freiberufler freiberuflerin kleinunternehmer kleinunternehmerin".split()
)
#: the role a party is given: (the "Client"), (hereinafter "Designer"), (nachfolgend „Kunde“), – nachfolgend Kunde –
_ROLE = re.compile(
    # (or "nachfolgend …" at a line's start, where the dash before it was read as a list marker)
    r"(?:\(|\s[–—-]\s|(?:(?<=\n)|\A)[ \t]*(?=(?:nachfolgend|im\s+Folgenden|hereinafter)\b))"
    r"\s*(?:the|hereinafter(?:\s+(?:the|referred\s+to\s+as))?|nachfolgend|im\s+Folgenden|hier\s+)?\s*"
    r"(?:(?:the|der|die|das)\s+)?[\"“„'‚‘«»]?\s*([A-ZÄÖÜ][\w\-]+)\s*[\"”“'’‘«»]?\s*(?:genannt\s*)?(?:\)|\s[–—-](?=\s|$))"
)
_LEGAL_FORM = re.compile(
    r"^(?:Inc\.?|LLC|L\.L\.C\.|Ltd\.?|Limited|LLP|LP|PLC|plc|Corp\.?|Co\.?|GmbH|AG|UG(?:\s*\(haftungsbeschränkt\))?|"
    r"KG|OHG|e\.\s?K\.|e\.\s?V\.|GbR|SE|S\.A\.|B\.V\.|N\.V\.)$",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:the|der|die|dem|den|das|des|Herrn|Herr|Frau)\s+", re.IGNORECASE)
#: a label or a list number before a party's name: "Parties: (1) Meridian …", "(2) Helen Okoro", "1. Pixelwerk"
_LEAD = re.compile(
    r"^(?:(?:the\s+)?(?:parties|vertragsparteien|parteien)\s*:\s*)?(?:\(\d{1,2}\)|\d{1,2}[.)]|\([a-z]\)|[a-z]\))?\s*",
    re.IGNORECASE,
)
_GENERIC_PARTY = re.compile(
    r"^(?:ihren|ihre|seinen|seine|allen|alle|den|dem|die|its|their|his|her|our|all|any|each|every|the)?\s*"
    r"(?:kunden|kundinnen|kunde|auftraggeber\w*|vertragspartner\w*|customers?|clients?|users?|subscribers?)\s*$",
    re.IGNORECASE,
)
_CONTRACTOR_ROLES = frozenset(
    "contractor consultant designer developer agency freelancer supplier provider vendor photographer writer"
    " translator studio auftragnehmer auftragnehmerin berater beraterin agentur dienstleister entwickler"
    " entwicklerin designerin fotograf fotografin übersetzer übersetzerin".split()
)
_CLIENT_ROLES = frozenset(
    "client customer buyer company purchaser principal kunde kundin auftraggeber auftraggeberin besteller bestellerin"
    " käufer käuferin".split()
)


@dataclass(frozen=True)
class Party:
    name: str
    role: str | None
    is_client: bool | None


@dataclass(frozen=True)
class AgreementFacts:
    title: str | None
    date: str | None
    client: Party | None
    contractor: Party | None


_NOT_TITLE = re.compile(r"^(?:exhibits?|ex\.?|schedule|annex|appendix|attachment|anlage|anhang)\b", re.IGNORECASE)
_TITLE_WORD = re.compile(
    r"agreement|contract|terms|conditions|statement of work|vertrag|vereinbarung|bedingungen|\bagb\b", re.IGNORECASE
)


def _title(document: Document) -> str | None:
    """The agreement's heading: a short line near the top, preferring one that names an agreement or contract and
    passing over "Exhibit 10.7" or "Anlage 1" lines."""
    candidates: list[str] = []
    for block in document.blocks[:6]:
        text = " ".join(block.text.split())
        looks_like_title = block.kind == "heading" or (len(text) <= 80 and not text.endswith((".", ":", ";")))
        plausible = 3 <= len(text) <= 120 and not text[0].isdigit() and "§" not in text[:2]
        if looks_like_title and plausible and not _NOT_TITLE.match(text):
            candidates.append(text)
    named = [c for c in candidates if _TITLE_WORD.search(c)]
    return (named or candidates)[0] if candidates else None


def _date(opening: str, closing: str = "") -> str | None:
    """The agreement's date: one the opening calls so ("made on", "dated", "Vertrag vom"), else the first of the
    signature block ("Date: 20 January 2026", "Berlin, den 10. März 2026"; the last, where the parties sign on
    different days); None rather than any other date (an event date, "das Briefing vom 3. März 2026")."""
    for m in _DATE.finditer(opening):
        if _DATE_CUE.search(opening[max(0, m.start() - 60) : m.start()]):
            return m.group()
    # (the last one: where the parties sign on different days, the contract is made on the later)
    signed = [
        m.group() for m in _DATE.finditer(closing) if _SIGNED_CUE.search(closing[max(0, m.start() - 60) : m.start()])
    ]
    return signed[-1] if signed else None


#: where a party's name ends and its description begins: "IREYA B.V having an address at …"
_DESCRIPTION = re.compile(
    r"\s+(?:having|with\s+(?:a|an|its|registered|an?\s+office)|located|residing|whose|registered|incorporated"
    r"|organi[sz]ed|doing\s+business|d/b/a|an?\s+(?:individual|sole\s+proprietor|[A-Z][a-z]+\s+(?:corporation"
    r"|company|limited|partnership|LLC))|mit\s+Sitz|wohnhaft|vertreten\s+durch|represented\s+by)\b.*$",
    re.DOTALL,
)


def _party_name(segment: str) -> str:
    """ "Pinecrest Home Health, Inc., a Colorado corporation with …" -> "Pinecrest Home Health, Inc."."""
    segment = _LEAD.sub("", _DESCRIPTION.sub("", " ".join(segment.split())), count=1)
    parts = [p.strip() for p in segment.split(",")]
    name = _ARTICLE.sub("", parts[0])
    for part in parts[1:]:
        if _LEGAL_FORM.match(part):
            name += f", {part}"
        else:
            break
    return " ".join(name.split()).rstrip(" ,;")


def _side(word: str) -> bool | None:
    """Whether a role word names the client (True), the contractor (False) or neither: the words here, and the
    lexicon's party words of either language ("Facilitator", "Trainer", „Illustratorin“; not "you" or "we")."""
    from ..families.lexicon import lexicon
    from ..families.roles import side

    low = word.lower()
    if low in _CLIENT_ROLES:
        return True
    if low in _CONTRACTOR_ROLES:
        return False
    if low in ("you", "your", "we", "us", "our", "sie", "wir"):
        return None
    found = (side(lexicon(lang), low) for lang in ("en", "de"))
    return next(({"client": True, "contractor": False}[s] for s in found if s in ("client", "contractor")), None)


def _parties(opening: str) -> list[Party]:
    m = _BETWEEN.search(opening)
    if m is not None:
        rest = opening[m.end() :]
    else:  # "X (“Aduro”) and Y (“Consultant”) agree …": the first paragraph that gives two parties their roles
        blocks = opening.split("\n\n")
        # (or two paragraphs in a row: "(1) Meridian … (the "Client"); and" / "(2) Helen Okoro … (the "Facilitator")")
        candidates = [*blocks, *(f"{a}\n{b}" for a, b in itertools.pairwise(blocks))]
        paragraphs = [p for p in candidates if len(_ROLE.findall(p[:1200])) >= 2]
        if not paragraphs:
            return []
        rest = paragraphs[0]
    out: list[Party] = []
    for _ in range(2):
        role = _ROLE.search(rest[:600])
        while role is not None and role.group(1).lower() in _NOT_ROLES:
            role = _ROLE.search(rest, role.end(), 600)
        if role is None:
            break
        segment = rest[: role.start()]
        if out:  # the second party follows "and"/"und"
            segment = re.sub(r"^[\s,;]*(?:and|und|sowie)\s+", "", segment, flags=re.IGNORECASE)
        name = _party_name(segment)
        word = role.group(1)
        if not name:
            break
        kind = _side(word)
        out.append(Party(name=name, role=word, is_client=kind))
        rest = rest[role.end() :]
    return out


def opening_parties(text: str) -> list[Party]:
    """The parties the contract's opening names, with the roles it gives them (at most two)."""
    return _parties(text[:OPENING])


def agreement_facts(document: Document) -> AgreementFacts:
    """Title, date and parties of the agreement, as far as its opening says."""
    from ..families.roles import client_roles

    opening = document.text[:OPENING]
    parties = _parties(opening)
    # "the Studio" that commissions art from "the Vendor": the ambiguous role word names the client
    clients = client_roles(document.lang, document.text)
    parties = [Party(p.name, p.role, True) if p.role is not None and p.role.lower() in clients else p for p in parties]
    client = next((p for p in parties if p.is_client), None)
    contractor = next((p for p in parties if p.is_client is False), None)
    if len(parties) == 2:  # one known role names the other party too
        if client is None and contractor is not None:
            client = next(p for p in parties if p is not contractor)
        elif contractor is None and client is not None:
            contractor = next(p for p in parties if p is not client)
    # standard terms name no one: "… und ihren Kunden", "… and its customers" is a placeholder, not a party
    if client is not None and _GENERIC_PARTY.match(client.name):
        client = None
    if contractor is not None and _GENERIC_PARTY.match(contractor.name):
        contractor = None
    closing = document.text[-CLOSING:]
    return AgreementFacts(title=_title(document), date=_date(opening, closing), client=client, contractor=contractor)
