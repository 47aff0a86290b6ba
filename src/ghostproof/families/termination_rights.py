"""Reading rights to terminate clause by clause (for :mod:`.termination`): which hits are a real right, whether it
is for convenience, who holds it, and its notice period.

A right is read within its sentence (the pipeline's sentences) and, inside the sentence, within its part: in a list
("may terminate (i) on 30 days' notice, or (ii) at once if …") each item together with the lead-in is one
alternative; otherwise the right's part of the sentence between semicolons.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Block, Document
from ..quantities import find_durations
from .base import days
from .lexicon import lexicon
from .roles import client_roles

if TYPE_CHECKING:
    from ..detect.units import Unit

PARTY = {"by_either": "either", "by_client": "client", "by_contractor": "contractor", "by_company": "company"}
#: cues that name a ground for terminating (a right with one is not for convenience)
GROUNDS = ("cause", "condition", "non_cooperation", "ground_before")
#: cues that speak of ending the contract
ANCHORS = ("may_terminate", "implied_right", "term_word")
#: characters between a ground and the right it qualifies when the ground comes first
NEAR = 40
#: characters after a right beyond which a condition in its sentence no longer qualifies it
FAR = 200
#: characters from the start of a clause to a condition that opens it (after a list marker or a label)
OPENING = 12
#: a block that starts mid-sentence: with a comma, semicolon or bracket, or a lowercase word that is no list marker
_FRAGMENT = re.compile(r"\s*(?:[,;)]|(?![a-z]{1,4}[.)]\s)[a-z])")
#: list markers inside a sentence: "(a)", "(ii)", "(B)", "2)"
_ENUM = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=[:;,]))(?:\((?:[a-z]|[ivx]{2,5}|[A-Z])\)|(?:[a-z]|[ivx]{2,5}|\d)\))(?=\s)")

#: a block that opens with a number, a list marker or a section word starts a clause of its own
_NUMBERED = re.compile(r"\s*(?:\d|§|\(?[a-zA-Z]{1,4}[.)]\s|(?i:section|article|clause|ziffer|abschnitt)\b)")

Hit = tuple[int, int, str]


@dataclass
class Right:
    unit: Unit
    start: int
    end: int
    #: the stretches of text that bear on this right (its clause, or a list's lead-in plus one item)
    ranges: list[tuple[int, int]]
    cues: set[str]
    convenience: bool
    party: str | None
    #: only implied by what follows its use ("If the Client cancels the project, …"; cue party_ends): it says who
    #: may end the contract, not whether a cause is needed
    implied: bool = False


def _scopes(
    text: str, sent: tuple[int, int], s: int, events: re.Pattern[str] | None = None
) -> list[list[tuple[int, int]]]:
    """What a right starting at ``s`` is read with (see the module's docstring); ``events``: the words of a lead-in
    whose items are the events themselves (a right inside such an item is read without the lead-in)."""
    a, b = sent
    enums = [m.start() for m in _ENUM.finditer(text, a, b)]
    # a sentence that opens with a list marker ("(b) Network retains the right … Exhibit D. (c) In the event …":
    # it starts after the bracket) and runs on into the next item of the same list: the right is read in its own item
    head = _LEAD_MARK.match(text, a - 1) if a > 0 and text[a - 1] == "(" else None
    if head is not None and enums:
        after = _successors(head["label"])
        nxt = next((x for x in enums if text[x : text.index(")", x)].lstrip("(") in after), None)
        if nxt is not None and s < nxt:
            b = nxt
            enums = [x for x in enums if x < nxt]
    if enums and s < enums[0] and ";" in text[s : enums[0]]:
        enums = []  # the list belongs to a later part of the sentence ("...; provided that ... unless (a) ...")
    if enums:
        lead = (a, enums[0])
        # an item runs to the next marker or to its own semicolon (a proviso after the last item is no item)
        items = []
        for x, y in zip(enums, [*enums[1:], b], strict=True):
            semi = text.find(";", x, y)
            items.append((x, semi + 1 if semi >= 0 else y))
        if s < enums[0]:
            return [[lead, item] for item in items]
        item = next((i for i in items if i[0] <= s < i[1]), (enums[-1], b))
        if events is not None and events.search(text, *lead):
            return [[item]]  # "… terminates upon any of the following events: … (d) X may terminate …"
        return [[lead, item]]
    cuts = [a, *(a + m.end() for m in re.finditer(";", text[a:b])), b]
    return [[next(((x, y) for x, y in itertools.pairwise(cuts) if x <= s < y), (a, b))]]


def rights(
    fid: str, unit: Unit, doc: Document, implied: bool = True, renewals: list[Right] | None = None
) -> list[Right]:
    """The rights to terminate in ``unit``; ``implied``: also those only implied by their use (cue party_ends).
    ``renewals`` collects the rights that only end the contract at the end of its term (a notice of non-renewal:
    "verlängert sich …, wenn er nicht von einer Partei mit einer Frist von einem Monat zum Ende … gekündigt wird")."""
    prefix = fid + "/"
    hits: list[Hit] = [(s, e, label[len(prefix) :]) for s, e, label, _ in unit.hits if label.startswith(prefix)]
    clients = client_roles(doc.lang, doc.text)
    if clients:
        # "Studio may terminate" where the Studio commissions a vendor: the client's right (families.roles)
        hits = [
            (s, e, "by_client" if cue == "by_contractor" and _names(doc.text[s:e], clients) else cue)
            for s, e, cue in hits
        ]
    # a party the notice goes to is no holder ("we deliver to you a notice of termination", "kündigen gegenüber dem
    # Auftraggeber")
    recipient = lexicon(doc.lang).recipient_before
    hits = [
        (s, e, "to_party" if cue in PARTY and recipient.search(doc.text[max(0, s - 24) : s]) else cue)
        for s, e, cue in hits
    ]
    sentences = unit.sentences
    out: list[Right] = []
    listed = False
    for s, e, cue in hits:
        if cue not in ("may_terminate", "implied_right") and not (implied and cue == "party_ends"):
            continue
        sent = next((c for c in sentences if c[0] <= s < c[1]), sentences[-1])
        in_sent = [h for h in hits if h[0] < sent[1] and h[1] > sent[0]]
        if any(
            c in ("may_terminate", "implied_right")
            and sent[0] <= hs
            and he <= s
            and lexicon(doc.lang).method_before.match(doc.text[he:s])
            for hs, he, c in in_sent
        ):
            continue  # "may terminate this Agreement by providing written notice of termination to you": its method
        if cue in ("implied_right", "party_ends") and lexicon(doc.lang).hypothetical_before.search(
            doc.text[max(sent[0], s - 80) : s]
        ):
            continue  # "Section 7.3 then applies as if Customer had terminated for convenience"
        if any(c == "no_right" and hs < e and he > s for hs, he, c in in_sent) and not (
            re.search(r"\b(?:not|nicht)\b", doc.text[s:e])
            and lexicon(doc.lang).no_right_except.match(doc.text, e, sent[1])
        ):
            # "may not terminate", "neither party may terminate" (but "may not terminate this agreement except in the
            # case of the Company's material breach" is a right for that cause)
            continue
        if any(
            c == "other_object"
            and (
                (e <= hs <= e + 40 and not lexicon(doc.lang).agreement_and.search(doc.text, e, hs))
                # inside the right, unless the contract is named after it ("kann das Benutzerkonto sperren oder den
                # Vertrag kündigen")
                or (s <= hs < e and not lexicon(doc.lang).agreement_named.search(doc.text, he, e))
            )
            for hs, he, c in in_sent
        ):
            # "may terminate any licence key" (not: "may terminate this Agreement and the license"); German puts the
            # object inside the right: "kann die Lizenz für die Nutzung im Kino … kündigen"
            continue
        if not ends_the_contract(doc, s, e, sent[0]):
            continue  # "may terminate its obligation to supply", "The Advisory Council may be terminated"
        # a proviso before the right opens a new clause: "..., provided that either party may terminate ..."
        # (not one in brackets closed before the right: "If a majority … (except that X may sell …) are acquired …,
        # either company may terminate" keeps its condition)
        cut = max(
            (he for hs, he, c in in_sent if c == "proviso" and he <= s and not _aside(doc.text, sent[0], hs, s)),
            default=sent[0],
        )
        # a block that starts mid-sentence ("or other cause beyond ...", "not capable of cure, and X may ...") has
        # its ground in the block before: the right is not read as a bare one
        fragment = sent[0] == unit.start and (
            _FRAGMENT.match(doc.text, unit.start) is not None or _runs_on(doc.text, unit.start)
        )
        s0, e0 = s, e  # (an alternative after an ending by consent moves them within a scope)
        for scope in _scopes(doc.text, sent, s0, lexicon(doc.lang).events_lead):
            s, e = s0, e0
            ranges = [(max(lo, cut), hi) for lo, hi in scope if hi > cut]
            inside = [h for h in in_sent if any(h[0] < hi and h[1] > lo for lo, hi in ranges)]
            # (a list item ended by consent is no right of one side: "(b) The parties may terminate this Agreement
            # at any time by written agreement")
            consent = [
                he
                for hs, he, c in inside
                if c == "by_consent"
                and (s <= hs <= max(e, ranges[-1][0]) + 40 or (len(ranges) == 2 and hs >= ranges[1][0]))
            ]
            if consent:
                # "until terminated by mutual agreement of the parties hereto or by either party on not less than 60
                # days' written notice": the alternative after the consent is a right of one side, read on its own
                alt = lexicon(doc.lang).consent_or.search(doc.text, max(consent), ranges[-1][1])
                if alt is None:
                    continue  # "may be terminated by mutual written agreement", "unless sooner terminated by consent"
                s = e = alt.end()
                inside = [h for h in inside if h[0] >= s]
                if not any(c in PARTY for _, _, c in inside):
                    continue
            # "may terminate …, effective upon written notice in any of the following events: … (i) voluntarily
            # suspends transaction of business": each item is an event, a ground of the right, named by cue or not
            events = (
                len(ranges) == 2 and s < ranges[1][0] and lexicon(doc.lang).events_lead.search(doc.text, *ranges[0])
            )
            if len(ranges) == 2 and s < ranges[1][0] and _alternative(doc, ranges[0], ranges[1]):
                events = None
                # "may be terminated upon the occurrence of any of the following events: … (d) by either party
                # upon sixty days' notice": that item is a right of its own; the lead-in's condition is not its ground
                inside = [h for h in inside if not (h[2] == "condition" and h[0] < ranges[0][1])]
            inside = _without_aside_grounds(doc, sent[0], s, inside)
            # the word that opens the right is no ground: "unless terminated by either party upon thirty days' notice"
            # (only the word that opens it: "can only be terminated after negotiation" keeps its condition)
            inside = [h for h in inside if not (h[2] == "condition" and h[0] == s)]
            if cue == "implied_right" and any(c == "no_right" for _, _, c in inside):
                continue  # "Termination for Convenience. This Agreement may not be terminated ..."
            # "may terminate ... by written notice as follows:" introduces grounds that are listed elsewhere
            lead_in = (
                len(ranges) == 1
                and (":" in doc.text[e : ranges[0][1]] or any(c == "list_intro" for _, _, c in inside))
                # "… giving the other the following minimum advance written notice:" lists periods, not grounds
                and not lexicon(doc.lang).notice_list.search(doc.text, e, ranges[0][1])
            )
            if lead_in and ":" in doc.text[e : ranges[0][1]] and cue != "party_ends":
                # "This Agreement may be terminated: (a) by Customer for any reason upon 30 days' notice; (b) …": the
                # alternatives are the list items that follow, each read as a right of its own
                items = [] if _exceptions(doc, ranges[0]) else list_items(unit, doc)
                if items and listed:
                    continue  # the list was read for an earlier cue of the same lead-in ("may be terminated by …")
                grounds = [h for h in inside if h[2] in GROUNDS and h[1] <= s]  # "If X breaches, Y may terminate:"
                out.extend(item_rights(prefix, items, doc, grounds, _lead_holder(doc, max(cut, sent[0]), s, e, inside)))
                if items:
                    listed = True
                    continue
            verdict = classify(
                s,
                e,
                inside,
                bare_ok=not (fragment or lead_in or events or cause_heading(unit, doc)),
                opens=ranges[0][0],
                item=ranges[-1][0] if ranges[-1][0] > e else None,
            )
            if verdict is None:
                if renewals is not None and cue != "party_ends":
                    holder = _holder(doc, max(cut, sent[0]), s, e, inside, hits)
                    holder = company_role(doc.lang, doc.text) if holder == "company" else holder
                    renewals.append(Right(unit, s, e, ranges, {c for _, _, c in inside}, False, holder))
                continue
            convenience, cues = verdict
            if convenience and _bound_later(doc, in_sent, e):
                convenience = (
                    False  # "…; provided, however, that AIG agrees not to terminate this Agreement unless (a) …"
                )
            if cue == "party_ends":  # the party in its own words ("If the Client cancels …", "Kündigt der Kunde")
                own = [h for h in inside if s <= h[0] and h[1] <= e]
                party = _party(s, own) if own else None
                party = company_role(doc.lang, doc.text) if party == "company" else party
            else:
                party = _holder(doc, max(cut, sent[0]), s, e, inside, hits)
                if cue == "implied_right" and party is not None and party != "either":
                    # a right named by its ground ("If the Contractor breaches and this Agreement is terminated for
                    # cause"): a party named only in a ground before it is the one in breach, not the holder
                    first_ground = min((h[0] for h in inside if h[2] in GROUNDS and h[0] < s), default=None)
                    placed = [
                        h
                        for h in inside
                        if h[2] in PARTY and h[1] <= s and (first_ground is None or h[0] < first_ground)
                    ]
                    after = [h for h in inside if h[2] in PARTY and h[0] >= s]
                    if first_ground is not None and not placed and not after:
                        party = None
            if party is None and "non_cooperation" in cues:
                party = "contractor"
            out.append(Right(unit, s, e, ranges, cues, convenience, party, implied=cue == "party_ends"))
        s, e = s0, e0
        if cue != "party_ends":
            out.extend(_semicolon_alternatives(prefix, unit, doc, sent, e, in_sent))
        # (a right only implied by its use leads no list: "except for termination by AbbVie …: (a) all rights …")
        if not listed and cue != "party_ends" and _list_goes_on(doc.text, unit, sent, e) and not _exceptions(doc, sent):
            # "X shall have the right to terminate: (a) …" with its later items in the blocks after this one
            items = list_items(unit, doc)
            grounds = [h for h in in_sent if h[2] in GROUNDS and h[1] <= s]
            first = _ENUM.search(doc.text, e, sent[1])
            lead = [h for h in in_sent if first is None or h[0] < first.start()]
            out.extend(item_rights(prefix, items, doc, grounds, _lead_holder(doc, sent[0], s, e, lead)))
            listed = bool(items)
    # a right that cites a statute only the client has is the client's, whatever role word stands near it ("Kündigt
    # die Agentur den Vertrag vor Fertigstellung des Werks (§ 648 BGB)" where the agency commissions a composer)
    client_statute = lexicon(doc.lang).client_statute
    for r in out:
        if any(client_statute.search(doc.text, lo, hi) for lo, hi in r.ranges):
            r.party = "client"
    # two cues can open the same right ("may terminate" and "may terminate this"): keep it once
    return list({(r.start, tuple(r.ranges)): r for r in out}.values())


def _runs_on(text: str, start: int) -> bool:
    """Whether the block at ``start`` goes on with a sentence that a page or paragraph break cut: the block before
    is a long run of words that ends without a stop ("In the event that Excite has not delivered … to the
    Client⏎⏎Site by end of the period, Client may terminate"); a heading before it is short."""
    if _NUMBERED.match(text, start):
        return False
    before = text[max(0, start - 400) : start].rstrip()
    if not before or not before[-1].isalnum():
        return False
    para = before[before.rfind("\n\n") + 2 :] if "\n\n" in before else before
    return len(para.split()) >= 15 and not para.isupper()


def _aside(text: str, lo: int, at: int, s: int) -> bool:
    """Whether ``at`` stands inside brackets opened after ``lo`` and closed before ``s``."""
    depth = text.count("(", lo, at) - text.count(")", lo, at)
    if depth <= 0:
        return False
    for i in range(at, s):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return True
    return False


def _names(words: str, roles: frozenset[str]) -> bool:
    """Whether the words of a party cue are one of ``roles`` ("the Studio", "Agentur")."""
    return any(w in roles for w in re.findall(r"\w+", words.lower()))


#: what may open a further alternative of a right after its semicolon: "; or by Licensee …" / "; oder durch …"
_AND_OR = re.compile(r"\s*(?:or|and|oder|und)\s+")


def _semicolon_alternatives(
    prefix: str, unit: Unit, doc: Document, sent: tuple[int, int], e: int, in_sent: list[Hit]
) -> list[Right]:
    """The parts after a right's semicolon that continue it with another holder: "This Agreement shall be terminable
    by Licensor at any time … in the event that …; by Licensor or Licensee upon sixty (60) days' written notice to the
    other party; or by Licensee …" — each such part is a right of its own, read on its own (its ground or none).
    Only in a sentence without list markers (those are read as list items), and only parts that open with "by"
    and a party."""
    text = doc.text
    a, b = sent
    if _ENUM.search(text, a, b) is not None:
        return []
    lex = lexicon(doc.lang)
    cuts = [e + m.end() for m in re.finditer(";", text[e:b])]
    out = []
    for lo, hi in itertools.pairwise([*cuts, b]):
        lead = _AND_OR.match(text, lo)
        at = lead.end() if lead else lo
        opening = lex.alternative_item.match(text[at:hi])
        own = [h for h in in_sent if lo <= h[0] and h[1] <= hi]
        if opening is None or any(c in ANCHORS or c == "by_consent" for _, _, c in own):
            break  # a part that opens otherwise ends the alternatives ("; provided that …"); one with its own verb
            # is read as a right of its own
        party = _opening_party(doc, at + opening.end(), own)
        if party is None:
            break
        verdict = classify(lo, lo, own, bare_ok=not cause_heading(unit, doc), far=False)
        if verdict is None:
            continue
        convenience, cues = verdict
        if party == "company":
            party = company_role(doc.lang, doc.text)
        out.append(Right(unit, lo, lo, [(lo, hi)], cues, convenience, party))
    return out


def _bound_later(doc: Document, in_sent: list[Hit], e: int) -> bool:
    """Later in its sentence the right is taken back but on grounds: "…; provided, however, that AIG agrees not to
    terminate this Agreement unless (a) …" / "…, wobei er sich verpflichtet, nicht zu kündigen, es sei denn …" (not
    a bar on a state: "provided that neither party may terminate if it is in breach")."""
    only = lexicon(doc.lang).only_unless
    return any(
        c == "no_right" and hs >= e and only.match(doc.text, he, min(he + NEAR, len(doc.text))) is not None
        for hs, he, c in in_sent
    )


def _without_aside_grounds(doc: Document, lo: int, s: int, inside: list[Hit]) -> list[Hit]:
    """``inside`` without the grounds of other rights an opening aside names ("Without prejudice to the Company's
    right to summarily terminate … and your right to summarily terminate your employment for Good Reason …, either
    you or the Company may terminate … by giving six months' notice": no ground of the last right). The aside opens
    the sentence (lexicon aside_lead) and runs to the first comma after the first right it names (or to the right
    itself); a ground after that comma stays ("Notwithstanding … MBRK's right to terminate … due to force majeure
    events, should the force majeure … extend beyond ninety days, the other party may then terminate")."""
    if not lexicon(doc.lang).aside_lead.match(doc.text, lo, s):
        return inside
    named = min((h for h in inside if h[2] in ANCHORS and lo <= h[0] and h[1] <= s), default=None)
    if named is None:
        return inside
    end = doc.text.find(",", named[1], s)
    end = s if end < 0 else end  # German puts no comma after the aside ("Unbeschadet … Grund kann jede Partei …")
    return [h for h in inside if not (h[2] in GROUNDS and named[0] <= h[0] < end)]


def _subject_after_verb(doc: Document, named: int, inside: list[Hit]) -> bool:
    """A party follows the verb after the word at ``named`` ("… aus wichtigem Grund kann jede Partei …", "Bei
    Zahlungsverzug von mehr als 30 Tagen kann der Auftragnehmer …"): that party is the subject, the capitalised word
    before the verb is no holder."""
    verb = lexicon(doc.lang).holder_verbs.match(doc.text, named)
    if verb is None:
        return False
    return any(c in PARTY and hs >= verb.end() and len(doc.text[verb.end() : hs].split()) <= 1 for hs, _, c in inside)


def _holder(doc: Document, start: int, s: int, e: int, inside: list[Hit], before: list[Hit]) -> str | None:
    """Who holds the right at ``s``..``e`` read with the hits ``inside`` its scope (``start``: where its clause
    starts; ``before``: hits before it, where "Either party may: (a) terminate …" names its holder)."""
    named = _named_holder(doc, start, s, e)
    if named is not None and _subject_after_verb(doc, named, inside):
        named = None
    if named is not None:  # "ANTHEMIC may terminate … if the Sponsor breaches": not the Sponsor's right
        # a party named in a ground between the holder and the right is the one in breach ("VAL shall, in the
        # event of Developer committing any breach, be entitled to terminate")
        ground = min((h[0] for h in inside if named <= h[0] < s and h[2] in GROUNDS), default=s)
        party = _party(s, [h for h in inside if h[0] < ground and h[1] > named])  # "Either Acme or the Fund may"
    elif (opener := _insertion_subject(doc, start, s)) is not None and not any(
        start <= h[0] < opener and h[2] in GROUNDS for h in inside
    ):  # (not inside a condition: "If the Client shall, for any reason, fail to pay, the Contractor may …")
        # "The Client shall, in the event of the Contractor committing any breach, be entitled to terminate": the
        # subject before the insertion holds the right, not the party in breach
        ground = min((h[0] for h in inside if opener <= h[0] < s and h[2] in GROUNDS), default=s)
        party = _party(s, [h for h in inside if opener <= h[0] < ground])
    else:  # "... Either party may: (a) terminate ...": the holder may be named before the sentence
        party = _party(s, inside) or _party(s, [h for h in before if h[1] <= s])
    return company_role(doc.lang, doc.text) if party == "company" else party


def _insertion_subject(doc: Document, lo: int, s: int) -> int | None:
    """Where the subject of a right starts when its verb opens an insertion before the right ("The Client shall,
    in the event of …, be entitled to terminate"): a word before a holder verb that a comma follows."""
    found = None
    lex = lexicon(doc.lang)
    for m in lex.holder_verbs.finditer(doc.text, lo, s):
        verb = m.group().split()[-1].lower()
        # a modal that opens the insertion, not "has" / "is" ("If the Client has, in breach of clause 4, failed to
        # pay, the Contractor may terminate": the Client is in breach)
        if doc.text.startswith(",", m.end()) and verb not in lex.words["state_verbs"]:
            found = m.start()
    return found


def _lead_holder(doc: Document, start: int, s: int, e: int, inside: list[Hit]) -> str | None:
    """Who holds the rights a lead-in lists: the party it names as the subject ("Either party may terminate this
    Agreement if:") or after a passive right ("may be terminated by Customer:"); a party named later in it is
    the one notified ("Monsanto shall have the right to terminate this Agreement by giving the Agent notice"),
    so None there."""
    named = _named_holder(doc, start, s, e)
    pool = [h for h in inside if h[1] <= s and (named is None or h[0] >= named)]
    if lexicon(doc.lang).passive_agent.match(doc.text[e : e + 12]):
        pool += [h for h in inside if e <= h[0] <= e + 40]
    party = _party(s, pool)
    return company_role(doc.lang, doc.text) if party == "company" else party


def _list_goes_on(text: str, unit: Unit, sent: tuple[int, int], e: int) -> bool:
    """The right at ..``e`` leads in a list ("…: (a) …") whose items the sentence starts and the blocks after it
    go on with: the sentence runs to the end of the unit."""
    first = _ENUM.search(text, e, sent[1])
    return first is not None and ":" in text[e : first.start()] and not text[sent[1] : unit.block.end].strip()


def _exceptions(doc: Document, lead: tuple[int, int]) -> bool:
    """The lead-in introduces exceptions, not rights ("…, with the following exceptions:")."""
    return lexicon(doc.lang).exceptions_lead.search(doc.text, *lead) is not None


#: a heading at the start of a paragraph: "12.2 Termination for Cause. Either party may …" (label, then a short
#: phrase up to a full stop or colon)
_INLINE_HEADING = re.compile(r"\s*(?:[A-Za-z]{1,8}\.?\s+)?§?\s*[\d.()a-zA-Z]{0,8}\s+([A-ZÄÖÜ][^.:;]{2,80}?)[.:]\s")


def _ground_between(inside: list[Hit], lo: int, hi: int) -> bool:
    """A ground is named between ``lo`` and ``hi``: a cause, a failure to cooperate, a failure ("fails to")."""
    return any(c in ("cause", "non_cooperation", "condition") and lo <= hs < hi for hs, _he, c in inside)


def _title(phrase: str) -> bool:
    """Written as a heading: at most eight words, its longer words capitalised ("Termination for Cause")."""
    words = phrase.split()
    long = [w for w in words if len(w) > 3]
    return len(words) <= 8 and bool(long) and sum(w[0].isupper() for w in long) >= 0.6 * len(long)


def cause_heading(unit: Unit, doc: Document) -> bool:
    """The clause's own heading names a ground ("12.2 Termination for Cause.", a heading "Termination for Breach"
    above it in the same section) and no ending without one: a right under it that names no ground of its own
    still needs one (it is not read as for convenience)."""
    lex = lexicon(doc.lang)
    block = unit.block
    m = _INLINE_HEADING.match(block.text)
    heading = m.group(1) if m and _title(m.group(1)) else _heading_above(block, doc)
    return bool(heading and lex.cause_heading.search(heading) and not lex.free_heading.search(heading))


def _heading_above(block: Block, doc: Document) -> str | None:
    """The text of the nearest heading above ``block`` in the same numbered section (None without one)."""
    if block.kind == "heading" or block.section is None:
        return None
    blocks = doc.blocks
    i = next((k for k, b in enumerate(blocks) if b is block), 0)
    for b in reversed(blocks[max(0, i - 12) : i]):
        if b.section != block.section:
            return None
        if b.kind == "heading":
            return b.text
    return None


def _alternative(doc: Document, lead: tuple[int, int], item: tuple[int, int]) -> bool:
    """The lead-in introduces events ("upon any of the following events:") and this item is no event but a right
    of its own, held by a party ("(d) By either party upon sixty (60) days' prior written notice")."""
    lex = lexicon(doc.lang)
    return bool(lex.events_lead.search(doc.text, *lead) and lex.alternative_item.match(doc.text[item[0] : item[1]]))


def ends_the_contract(doc: Document, s: int, e: int, sent_start: int) -> bool:
    """The right at ``s``..``e`` ends the contract (or its services, project …), judged by the object of an active
    verb ("may terminate this Agreement") or the subject of a passive one ("This Agreement may be terminated");
    True when there is none to judge ("may terminate upon notice", "(iii) may be terminated")."""
    lex = lexicon(doc.lang)
    text = doc.text
    words = text[s:e].split()
    last = words[-1].lower().strip(",;:.") if words else ""
    # a right read from its verb on ("terminate the subagency at any time without cause"): only an object that is
    # plainly another contract (lexicon verb_other_object) ends no contract; others still may ("terminate these
    # Terms", "terminate its obligations hereunder for convenience")
    if len(words) > 1 and words[0].lower() in lex.words["active_verbs"] and last not in lex.words["active_verbs"]:
        verb_end = text.index(words[0], s) + len(words[0])
        stop = lex.object_stop.search(text, verb_end, min(len(text), verb_end + 60))
        obj = text[verb_end : stop.start() if stop else min(len(text), verb_end + 60)]
        if lex.verb_other_object.search(obj) and lex.agreement_object.search(obj) is None:
            return False
    if last in lex.words["active_verbs"]:
        # past a share of the object ("terminate all or any part of the Services"): the object is what follows it
        if (share := lex.object_share.match(text, e)) is not None:
            e = share.end()
        # past a second verb that shares the object ("terminate and reinstate the Ad Fund")
        if (second := lex.coordinated_verb.match(text, e)) is not None:
            e = second.end()
        stop = lex.object_stop.search(text, e, min(len(text), e + 60))
        window = text[e : stop.start() if stop else min(len(text), e + 60)]
        if lex.other_agreement.match(window):
            return False  # "a Unit Franchisee's right to terminate its Unit Franchise Agreement"
        if text[e - 1] in ",;:\n":
            # "If you cancel, you pay …", a heading "If you need to cancel": the verb has no object (the words after it
            # are the next clause)
            window = ""
    elif (last in lex.words["passive_verbs"] and len(words) > 1) or last in lex.words["passive_adjectives"]:
        lo = max(sent_start, s - 60)
        cut = max((m.end() for m in re.finditer(r"[,;:()\[\]]", text[lo:s])), default=0)
        window = text[lo + cut : s]
    else:
        # a noun ("notice of cancellation"): in a sentence about insurance that does not name the contract, the
        # policy's ("the insurer will give at least thirty (30) days prior written notice of cancellation to TAG")
        end = re.search(r"[.;](?:\s|$)", text[e : e + 120])
        around = text[max(sent_start, s - 150) : e + (end.start() if end else 120)]
        if lex.insurance.search(around) and lex.agreement_named.search(around) is None:
            return False
        # "Upon termination or expiration of this Agreement, … NCM shall be entitled to immediately discontinue the
        # Service": stopping the service once the contract has ended is a consequence, not a right to end it
        return not (lex.stop_service.search(text, s, e) and lex.after_ending.search(text, _clause_start(text, s), s))
    if not re.search(r"\w", window):
        if last in lex.words["active_verbs"]:
            # no object: the verb is used of its subject ("before the Company's obligations hereunder may terminate")
            lo = max(sent_start, s - 60)
            cut = max((m.end() for m in re.finditer(r"[,;:()\[\]]", text[lo:s])), default=0)
            subject = text[lo + cut : s]
            return not (lex.other_head.search(subject) and lex.agreement_object.search(subject) is None)
        return True
    # the head of the object decides ("terminate Development of such Collaboration Product": not the collaboration)
    head = window[: m.start()] if (m := lex.head_end.search(window)) else window
    if lex.agreement_object.search(head) is None and lex.other_head.search(head) is not None:
        return False
    if last in lex.words["active_verbs"] and lex.or_agreement.match(text, e + len(window)):
        return True  # "may cancel the Book, or this Agreement, at any time"
    return lex.agreement_object.search(window) is not None


#: a clause's start: a blank line, or its number at a line's start or after a sentence ("… Agreement. Section 8.5
#: Effect of Termination."; "pursuant to Section 2.3 hereof" is a reference, not a start)
_CLAUSE_MARK = re.compile(
    r"\n\s*\n|(?:(?<=\n)|(?<=[.:;]\s)|(?<=[.:;]\s\s))\s*(?:section\s+|§\s*)?\d+(?:\.\d+)+\.?\s", re.IGNORECASE
)


def _clause_start(text: str, s: int) -> int:
    """Where the numbered clause (or paragraph) holding ``s`` starts: its number ("Section 8.5", "12.3") or the
    blank line before it, looked for at most 1,500 characters back."""
    lo = max(0, s - 1500)
    return max((m.start() for m in _CLAUSE_MARK.finditer(text, lo, s)), default=lo)


#: a list item's start: "(a)", "b)", "(ii)", "13.1.1", "2.", "•"
LIST_ITEM = re.compile(r"\s*(?:\((?:[a-z]|[ivx]{1,5}|\d{1,2})\)|(?:[a-z]|[ivx]{1,5})\)|\d+(?:\.\d+)*\.?\s|[•\-–]\s)")


def list_items(unit: Unit, doc: Document) -> list[Unit]:
    """The units of the list right after a lead-in ("… may be terminated:"), in the same section."""
    own = unit.block.section
    # (a lead-in in no numbered section — a plain text's "This Agreement may be terminated as follows:" — looks at
    # the units after it in the text; the first one that is no list item ends the list)
    pool = unit.section_units if own or len(unit.section_units) > 1 else unit.all_units
    first = bisect.bisect_left(pool, unit.end, key=lambda u: u.start)  # (both lists are in text order)
    after = list(itertools.takewhile(lambda u: u.start - unit.end < 4000, pool[first:]))
    items: list[Unit] = []
    for u in after:
        if u.block is unit.block:
            continue  # a later part of the same paragraph is no item of a list after it
        if not LIST_ITEM.match(doc.text, u.block.start) and u.block.kind != "list_item":
            break
        if own and u.block.section != own and not (u.block.section or "").startswith(own.rstrip(".") + "."):
            break  # the next numbered clause ("7.3 Termination by Antares" after the list of 7.2) is no item
        if items and u.block is items[-1].block:
            continue
        items.append(u)
    return items[:10]


def item_rights(
    prefix: str, items: list[Unit], doc: Document, grounds: list[Hit] | None = None, holder: str | None = None
) -> list[Right]:
    """Each list item after a lead-in, read as one right: its ground is in the item, or in the lead-in before the
    right (``grounds``: "In connection with any Change in Circumstances, Seller shall have the right: (i) to
    terminate …"). Its holder is the one the lead-in names (``holder``: "Party A may terminate this Agreement in
    any of the following events: (3) Party B …" is Party A's right), or the one an item that opens as an
    alternative names ("(d) By either party upon sixty days' notice")."""
    out = []
    lex = lexicon(doc.lang)
    for u in items:
        # one block can hold several items in turn ("(b) following a Commercial Failure, …; and (c) at any time …
        # for any reason or no reason"): each is read on its own
        for lo, hi in sequence_items(doc.text, u.start, u.end):
            inside = [(s, e, label[len(prefix) :]) for s, e, label, _ in u.hits if label.startswith(prefix)]
            own = [h for h in inside if h[0] < hi and h[1] > lo]
            inside = [*(grounds or []), *own]
            # an item that names no ground is a right on notice only when it reads as one: it speaks of ending
            # ("terminate", "cancel") or opens as an alternative ("(d) By either party upon sixty days' notice"),
            # not "(a) Upon the written agreement of both parties" or "i) Excite will promptly notify Sponsor …"
            alternative = lex.alternative_item.match(doc.text[lo:hi])
            if any(c == "by_consent" for _, _, c in own):
                continue  # "(b) The parties may terminate this Agreement at any time by written agreement"
            speaks = alternative is not None or any(c in ANCHORS for _, _, c in own)
            verdict = classify(lo, lo, inside, bare_ok=speaks and not cause_heading(u, doc), far=False)
            if verdict is None:
                continue
            convenience, cues = verdict
            if alternative is not None:  # "1.1.3. By either Vendor or Distributor, following …"
                party = _opening_party(doc, lo + alternative.end(), own)
            elif holder is not None:
                party = holder
            elif any(c == "may_terminate" for _, _, c in own):  # "(a) Customer may terminate …"
                party = _party(lo, own)
            else:  # "(3) Party B's service has illegal content": the party an event names does not hold the right
                party = None
            if party == "company":
                party = company_role(doc.lang, doc.text)
            out.append(Right(u, lo, lo, [(lo, hi)], cues, convenience, party))
    return out


#: the marker a block of list items starts with: "(b)", "b)", "(ii)", "2)" (the unit may start after its "(")
_LEAD_MARK = re.compile(r"\s*\(?(?P<label>[a-z]|[ivx]{2,5}|[A-Z]|\d{1,2})\)\s")


def _opening_party(doc: Document, at: int, own: list[Hit]) -> str | None:
    """The party an item names right after its opening "By": both sides named there ("By either Vendor or
    Distributor", "By Vendor and Distributor") is either; else the first one named."""
    stop = lexicon(doc.lang).opening_stop.search(doc.text[at : at + 120])
    end = at + (stop.start() if stop else 120)
    named = [PARTY[c] for hs, _he, c in sorted(own) if c in PARTY and at <= hs < end]
    if "either" in named or {"client", "contractor"} <= set(named):
        return "either"
    return named[0] if named else None


_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def _successors(label: str) -> set[str]:
    """The markers that may follow ``label`` in the same list: the next letter, number or roman numeral."""
    out = set()
    if label.isdigit():
        out.add(str(int(label) + 1))
    elif len(label) == 1 and label.isalpha():
        out.add(chr(ord(label) + 1))
    if label.lower() in _ROMAN[:-1]:
        nxt = _ROMAN[_ROMAN.index(label.lower()) + 1]
        out.add(nxt.upper() if label.isupper() else nxt)
    return out


def sequence_items(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The items of a list written in one block that starts with a marker ("(b) …; and (c) …"): split at the
    markers that continue its sequence (b, c, d …), so a sub-list inside an item ("the later of (i) … and (ii)
    …") stays part of it. The whole block when it holds one item or starts with no marker."""
    first = _LEAD_MARK.match(text, lo, hi)
    if first is None:
        return [(lo, hi)]
    cuts = [lo]
    expect = _successors(first["label"])
    for m in _ENUM.finditer(text, first.end(), hi):
        label = m.group().strip("()")
        if label in expect:
            cuts.append(m.start())
            expect = _successors(label)
    return list(itertools.pairwise([*cuts, hi]))


def classify(
    s: int,
    e: int,
    inside: list[Hit],
    bare_ok: bool = True,
    opens: int | None = None,
    item: int | None = None,
    far: bool = True,
) -> tuple[bool, set[str]] | None:
    """(for convenience?, cues) of the right at ``s``..``e`` read with the hits ``inside`` its scope; None when
    it only is a non-renewal. ``bare_ok``: a right with no ground named may count as one for convenience;
    ``opens``: where the scope starts (a condition that opens it governs the whole clause: "If the parties cannot
    agree within sixty days, the Carrier may, in its sole discretion, terminate"); ``item``: where the list item read
    with the right starts (a condition in it is counted from there); ``far``: a condition more than FAR characters
    after the right is no ground of it (off for a list item read whole, whose right may stand anywhere in it)."""
    cues = {c for _, _, c in inside}

    def near(hs: int, he: int) -> bool:  # a ground qualifies this right: after its start, or just before it
        return hs >= s or s - he <= NEAR

    def within(name: str, hs: int, he: int) -> bool:
        return any(c == name and xs < he and xe > hs for xs, xe, c in inside)

    wishes = [hs for hs, he, c in inside if c == "volition" and hs < e and he > s]

    # "so long as no default exists, either party may terminate at any time": a cause it rules out is no ground
    ruled_out = [xe for _, xe, c in inside if c == "no_ground"]

    def is_ground(hs: int, he: int, c: str) -> bool:
        if any(0 <= hs - xe <= NEAR for xe in ruled_out):
            return False
        if c in ("cause", "non_cooperation"):
            return True
        if c == "ground_before":  # "in such event X may terminate" (after the right it is a consequence)
            return he <= s
        if c != "condition" or within("exception", hs, he):  # "except as provided in ..."
            return False
        if far and hs - (item if item is not None and hs >= item else e) > FAR:
            return False  # a condition far on in the sentence qualifies something else ("… to allow MPL to offer the
            # capacity to other shippers as set forth in Section 3.8")
        # "if / should X wish to terminate"; "If MPL is in compliance …, and Shipper decides to terminate": the
        # condition holds the holder's own decision and names no ground before it
        return not any(0 <= w - he <= NEAR or (w > he and not _ground_between(inside, he, w)) for w in wishes)

    grounds = [hs for hs, he, c in inside if is_ground(hs, he, c)]
    near_cues = {c for hs, he, c in inside if near(hs, he)}
    if opens is not None and any(g < s and g - opens <= OPENING for g in grounds):
        return None if "non_renewal" in cues and "any_time" not in near_cues else (False, cues)
    # "for any reason" inside a condition ("... if the supplier declines for any reason", "if X ends the other
    # contract for any reason, Y may terminate") is not the right's ground
    strong = any(
        c == "convenience"
        and near(hs, he)
        and not within("any_termination", hs, he)
        and not any((e <= g if hs >= s else True) and g < hs for g in grounds)
        for hs, he, c in inside
    )
    if "non_renewal" in cues and not (strong or "any_time" in near_cues):
        return None
    if "end_effect" in near_cues and "any_time" not in near_cues:
        return None  # "Customer may terminate for convenience only with effect at the end of the current Term"
    bare = bare_ok and not grounds and bool(near_cues & {"any_time", "notice", "immediate"})
    return strong or bare, cues


@lru_cache(maxsize=8)
def company_role(lang: str, text: str) -> str | None:
    """The role of the party called "the Company": the client where it receives a licence; else the client where the
    other side is named by a contractor's word (Consultant, Provider …) and no party by a client's word, the
    contractor in the reverse case, else None."""
    lex = lexicon(lang)

    def named(pattern: re.Pattern[str]) -> bool:  # defined terms are capitalised; "you" and "we" do not count
        return any(m.group()[0].isupper() and m.group().lower() not in PRONOUNS for m in pattern.finditer(text))

    # a licence the Company receives says its role before the other side's words do
    if lex.granted_to_company.search(text):
        return "client"
    client, contractor = named(lex.client), named(lex.contractor)
    if contractor and not client:
        return "client"
    if client and not contractor:
        return "contractor"
    return None


PRONOUNS = frozenset({"you", "your", "we", "us", "our", "wir", "uns", "sie", "ihr"})


def _named_holder(doc: Document, lo: int, s: int, e: int) -> int | None:
    """Where the right's own sentence names its holder by a name that is no party word ("Theismann shall have the
    right to terminate", "ANTHEMIC may terminate … if the Sponsor breaches"), or None: the holder is then neither
    borrowed from a neighbouring sentence nor taken from the words after the right."""
    lex = lexicon(doc.lang)
    last = None
    for m in lex.holder_verbs.finditer(doc.text, max(lo, s - 60), e):
        last = m
    if last is None:
        # further back only where the holder opens an insertion ("VAL shall, in the event of Developer committing
        # any breach …, be entitled to terminate"): its verb is followed by a comma
        for m in lex.holder_verbs.finditer(doc.text, lo, s):
            if doc.text.startswith(",", m.end()):
                last = m
    if last is None:
        return None
    who = last.group("who")
    low = who.lower()
    if low in lex.words["group_words"] and who[0].isupper():
        # "Any of the Blue Hills Parties may terminate": a group named by name holds it (not "Either Party")
        name = re.search(r"([^\W\d_][\w'’&-]*)\s+\Z", doc.text[max(lo, last.start() - 40) : last.start()])
        if name and name.group(1)[0].isupper() and name.group(1).lower() not in lex.words["not_holder"]:
            return last.start()
    # "Beratungsvertrag", "Subcontract": a compound of a word that names no holder names none either
    if not who[0].isupper() or any(low == w or (len(w) > 4 and low.endswith(w)) for w in lex.words["not_holder"]):
        return None
    return None if lex.client.fullmatch(who) or lex.contractor.fullmatch(who) else last.start()


def _party(s: int, hits: list[Hit]) -> str | None:
    """The party holding the right that starts at ``s``: the party cue nearest to it (before it, or after it as in
    "may be terminated by either party" / "kann der Auftragnehmer ... kündigen"); "either" wins a tie."""
    best: tuple[int, int, int] | None = None
    party = None
    for hs, he, c in hits:
        if c not in PARTY:
            continue
        dist = s - he if he <= s else hs - s if hs >= s else 0
        key = (dist, 0 if he <= s else 1, -(he - hs))
        if best is None or key < best:
            best, party = key, PARTY[c]
    return party


def notice_days(found: list[Right], doc: Document) -> tuple[int | None, tuple[int, int] | None]:
    """The notice period of the rights, in days, and where it is stated: a duration read as notice by the words
    around it (0 for "immediately", pointing to the right); None when none is stated."""
    lex = lexicon(doc.lang)
    immediate: Right | None = None
    for r in found:
        for lo, hi in r.ranges:
            text = doc.text[lo:hi]
            for d in find_durations(text, doc.lang):
                if d.unit not in ("day", "week", "month") or days(d) is None:
                    continue
                before, after = text[max(0, d.start - 60) : d.start], text[d.end : d.end + 40]
                if lex.not_notice_before.search(before) or lex.cure_after.match(text, d.end, d.end + 60):
                    continue  # "within 30 days", "sixty (60) days to cure such default"
                if (
                    lex.notice_after.search(after)
                    or lex.notice_before.search(before)
                    or lex.notice_given.match(text, d.end, d.end + 100)
                ):
                    return days(d), (lo + d.start, lo + d.end)
        if immediate is None and "immediate" in r.cues and _immediate_notice(r, doc):
            immediate = r
    if immediate is not None:
        return 0, immediate.ranges[0]
    return None, None


def _immediate_notice(r: Right, doc: Document) -> bool:
    """A word of immediacy in the right's words that is about its notice, not a sum that falls due at once ("Client
    shall pay the fees for the remainder of the term, which become due immediately"; lexicon sum_due_before)."""
    due = lexicon(doc.lang).sum_due_before
    return any(
        label == "termination/immediate"
        and any(lo <= hs < hi for lo, hi in r.ranges)
        and due.search(doc.text, max(0, hs - 40), hs) is None
        for hs, _, label, _ in r.unit.hits
    )
