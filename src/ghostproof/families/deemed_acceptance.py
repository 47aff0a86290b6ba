"""Deemed acceptance: the client's silence for a review period after delivery counts as acceptance of the work."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from ..dates import DayKind
from ..findings import Problem
from ..model import Document
from ..words import Words
from .base import (
    Attributes,
    Circumstances,
    ClauseFamily,
    Meaning,
    MeaningContext,
    Verdict,
    first_duration,
    flags,
    period_days,
    problem,
    section_key,
)
from .lexicon import Lexicon, lexicon

if TYPE_CHECKING:
    from ..assess.case import Case
    from ..detect.rules import FamilyRules
    from ..detect.units import Unit


class DeemedAcceptanceAttributes(Attributes):
    review_days: int | None = Field(default=None, description="days the client has to review the work")
    business_days: bool | None = Field(
        default=None, description="true when the review period counts working days (business days or Werktage)"
    )
    review_day_kind: DayKind | None = Field(
        default=None,
        description="how the review period's days count: calendar, business (Monday to Friday) or werktage "
        "(Monday to Saturday, German law)",
    )
    rejection_in_writing: bool | None = Field(default=None, description="a rejection must be in writing")
    rejection_needs_defect: bool | None = Field(default=None, description="a rejection must name a defect")
    consequence_notice: bool | None = Field(
        default=None, description="the contractor points out what silence means when the period starts"
    )
    acceptance_by_use: bool | None = Field(
        default=None, description="using the work (going live) counts as accepting it"
    )


#: a fiction stricter than § 640 Abs. 2 BGB (or without a period): it does not merely restate the law
_STRICTER = frozenset({"DA_NO_PERIOD", "DA_IMMEDIATE", "DA_SHORT_PERIOD", "DA_MATERIAL_ONLY", "DA_USE_NO_PERIOD"})
#: German commentary calls one to two weeks reasonable under § 308 Nr. 5 BGB; a review period of fewer days than this
#: (of any kind: a print proof's "fünf Werktage" is common and passes) is flagged as short
SHORTEST_REVIEW = 5


class DeemedAcceptance(ClauseFamily[DeemedAcceptanceAttributes]):
    id = "deemed_acceptance"
    attributes = DeemedAcceptanceAttributes
    problems: ClassVar[tuple[str, ...]] = (
        "DA_NO_PERIOD",
        "DA_IMMEDIATE",
        "DA_SHORT_PERIOD",
        "DA_NO_CONSEQUENCE_NOTICE",
        "DA_MATERIAL_ONLY",
        "DA_USE_NO_PERIOD",
        "DA_EXCLUDED",
    )
    law: ClassVar[tuple[str, ...]] = ("DE",)
    result_only: ClassVar[bool] = True

    def verdict(self, rules: FamilyRules, units: list[Unit], doc: Document) -> Verdict:
        # only passages where silence or use accepts the work count (not an order, a bill or the minutes; not a
        # fiction the contract denies); the passage with the fiction itself ("deemed accepted") is cited first, then
        # the one that sets the review period; a hold or reminder clause that merely mentions acceptance comes last
        fid = rules.id
        lex = lexicon(doc.lang)
        where = {id(u): at for u in units if (at := acceptance_at(u, doc, fid, lex)) is not None}
        accepting = [u for u in units if id(u) in where]
        if not accepting:
            return self._excluded(units, doc, fid, lex)
        units = accepting
        units = sorted(units, key=lambda u: ("fiction" not in u.all_cues(fid), "review" not in u.all_cues(fid)))
        best = units[0]
        period = best
        review_days: int | None = None
        business: bool | None = None
        kind: DayKind | None = None
        sources: dict[str, tuple[int, int]] = {}
        uncertain: list[str] = []
        # the review period is read where silence accepts the work: its sentence, else the sentence before it, else
        # the rest of its passage ("The Review Period is ten (10) days."); then the other passages of its section;
        # a period found only elsewhere in the contract is not stated (it is left uncertain)
        lo, hi, prev = where[id(best)]
        spans = [(best, lo, hi), *([(best, prev, lo)] if prev is not None else []), (best, best.start, best.end)]
        spans += [(u, u.start, u.end) for u in units if u is not best and u in best.section_units]
        if lex.period_ref.search(doc.text, lo, hi):
            # "… within that period, it shall be deemed accepted" / "innerhalb dieser Frist": the period named in a
            # paragraph before it in its section ("4.1 The Client reviews … within ten (10) days"), nearest first
            # (only a paragraph that speaks of reviewing or accepting: not a cure period in the clause before)
            before = [
                u
                for u in best.section_units
                if u.block.start < best.block.start and u not in units and u.all_cues(fid) & {"review", "accept_word"}
            ]
            spans += [(u, u.start, u.end) for u in sorted(before, key=lambda u: -u.start)]
        if (ref := lex.period_in_section.search(doc.text, lo, hi)) is not None:
            # "within the period in Section 3.2": the period that section states, first
            # ("der in § 3 Abs. 2 genannten Frist", "Section 3(2)": that paragraph)
            sub = ref.group(2) or ref.group(3)
            key = section_key(f"{ref.group(1)}({sub})" if sub else ref.group(1))
            spans[:0] = [(best, b.start, b.end) for b in doc.blocks if b.section and section_key(b.section) == key]
        if (ref := lex.paragraph_ref.search(doc.text, lo, hi)) is not None and best.block.section:
            # "nicht innerhalb der Frist nach Absatz 1": that paragraph of the same section ("§ 4(2)" → "§ 4(1)")
            top = re.match(r"[^(]+", best.block.section)
            para = section_key(f"{top.group().strip()}({ref.group(1)})") if top else None
            spans[:0] = [(best, b.start, b.end) for b in doc.blocks if b.section and section_key(b.section) == para]
        if (named := _DEFINED_PERIOD.search(doc.text, lo, hi)) is not None:
            # "… within the Acceptance Period, the Milestone shall be deemed accepted": the period its definition
            # names ("ten (10) Business Days following delivery (the "Acceptance Period")"), where it is in the text
            term = re.escape(named["term"])
            for m in re.finditer(rf"\(\s*(?:the\s+)?[\"“]{term}[\"”]\s*\)", doc.text):
                u = next((x for x in best.all_units if x.start <= m.start() < x.end), best)
                spans.insert(0, (u, max(u.start, m.start() - 160), m.start()))
                break
        for u, a, b in spans:
            d = first_duration(doc.text[a:b], doc.lang, hours=True)
            if d is not None and lex.after_reminder.match(doc.text, a + d.end):
                # "within three (3) business days after the reminder" (sent once 4.2's seven days have passed): the
                # time to deemed acceptance is no one number of days
                uncertain = ["review_days", "business_days", "review_day_kind"]
                break
            if d is not None:
                review_days, business, kind = period_days(d), d.business, d.kind
                period = u
                sources["review_days"] = sources["business_days"] = (a + d.start, a + d.end)
                sources["review_day_kind"] = sources["review_days"]
                break
        if (
            review_days is None
            and not uncertain
            and any(
                first_duration(u.text(doc), doc.lang, hours=True)
                for u in [best, *units]
                if u not in [x for x, _, _ in spans]
            )
        ):
            uncertain = ["review_days", "business_days", "review_day_kind"]
        cited = [best] if period is best else [best, period]
        found = flags(rules, cited)
        if found.get("rejection_in_writing") and not _rejection_in_writing(cited, doc, fid, lex):
            found["rejection_in_writing"] = None  # "Der Auftragnehmer zeigt … die Fertigstellung schriftlich an"
        attrs = DeemedAcceptanceAttributes(
            review_days=review_days, business_days=business, review_day_kind=kind, **found
        )
        problems: list[Problem] = []
        cues = set().union(*(u.all_cues(fid) for u in cited))
        if review_days is None and not uncertain and not ("use" in cues and "immediate" not in cues):
            problems.append(problem("DA_IMMEDIATE" if "immediate" in cues else "DA_NO_PERIOD"))
        if doc.lang == "de" and review_days is not None and review_days < SHORTEST_REVIEW:
            problems.append(problem("DA_SHORT_PERIOD"))  # "binnen 24 Stunden nach Zusendung"
        if doc.lang == "de" and not attrs.consequence_notice:
            problems.append(problem("DA_NO_CONSEQUENCE_NOTICE"))
        if doc.lang == "de":  # German law's fiction: any defect named in time stops it, and it needs a period
            if any(lex.material_only.search(u.text(doc)) for u in cited):
                problems.append(problem("DA_MATERIAL_ONLY"))
            if attrs.acceptance_by_use and review_days is None and not uncertain:
                problems.append(problem("DA_USE_NO_PERIOD"))
        rest = [u for u in units if u not in cited]
        return Verdict(attrs, problems, [*cited, *rest], sources=sources, uncertain=uncertain)

    def graded_for(
        self, attrs: DeemedAcceptanceAttributes, problems: list[Problem], who: Circumstances
    ) -> list[Problem]:
        """Under German law the detector asks every fiction for the warning about silence; towards a business a
        clause that restates § 640 Abs. 2 BGB (a period, nothing stricter) needs none (§ 640 Abs. 2 Satz 2 BGB asks
        it only towards a consumer; §§ 308, 309 BGB reach a business only through § 307 BGB)."""
        if not who.german:
            return problems
        rest = [p for p in problems if p.code != "DA_NO_CONSEQUENCE_NOTICE"]
        restates = attrs.review_days is not None and not {p.code for p in rest} & _STRICTER
        if attrs.consequence_notice or (who.client == "business" and restates):
            return rest
        return sorted([*rest, problem("DA_NO_CONSEQUENCE_NOTICE")], key=lambda p: self.problems.index(p.code))

    def without_clause(self, rules: FamilyRules, units: list[Unit], doc: Document) -> Verdict | None:
        # no passage qualifies: one that excludes the fiction is still worth naming (an addendum's clause changes it)
        verdict = self._excluded(units, doc, rules.id, lexicon(doc.lang))
        return verdict if verdict.problems else None

    def _excluded(self, units: list[Unit], doc: Document, fid: str, lex: Lexicon) -> Verdict:
        """Missing, and where the contract says that the client's silence does not accept the work ("Client's
        silence or failure to respond shall not be deemed approval of any material") with the problem DA_EXCLUDED
        and that passage: a suggested deemed acceptance reverses an agreed term (new user, round 8)."""
        denied = _denied_at(units, doc, fid, lex)
        if denied is None:
            return Verdict(DeemedAcceptanceAttributes(), [], found=False)
        return Verdict(DeemedAcceptanceAttributes(), [problem("DA_EXCLUDED")], evidence=[denied], found=False)

    def facts(self, attrs: DeemedAcceptanceAttributes, status: str, w: Words) -> list[str]:
        out = []
        if attrs.review_days is not None:
            key = {"business": "fact.review_business_days", "werktage": "fact.review_werktage"}.get(
                attrs.review_day_kind or ("business" if attrs.business_days else ""), "fact.review_days"
            )
            out.append(w(key, n=w.number(attrs.review_days)))
        for flag in ("rejection_in_writing", "rejection_needs_defect", "consequence_notice", "acceptance_by_use"):
            if getattr(attrs, flag):
                out.append(w(f"fact.{flag}"))
        return out

    def law_text(self, jurisdiction: str, case: Case, w: Words) -> str:
        """§ 640 Abs. 2 BGB works only once the work is complete: a project still in progress is told so."""
        done = case.stage in ("delivered", "final_invoice_sent") or case.percent_complete >= 100
        return w(f"law.{jurisdiction}.{self.id}", not_yet="" if done else w(f"law.{jurisdiction}.not_yet"))

    def services_law_text(self, jurisdiction: str, case: Case, w: Words) -> str | None:
        return None  # a Dienstvertrag has no Abnahme, so no § 640 Abs. 2 BGB

    def meaning(self, attrs: DeemedAcceptanceAttributes, ctx: MeaningContext) -> Meaning:
        w, case = ctx.words, ctx.case
        if attrs.review_days is None:
            return w("means.deemed_acceptance_no_period"), None
        kind = attrs.review_day_kind or ("business" if attrs.business_days else "calendar")
        unit = w(f"unit.{kind}")
        if case.delivered_on is None:
            return w("means.deemed_acceptance_future", days=attrs.review_days, unit=unit), None
        # the client's last day to reject: moved off a weekend or holiday as the law of the case moves it
        due = ctx.dates().due(case.delivered_on, attrs.review_days, kind)
        accepted = due.day
        how = (
            "how.defect_writing"
            if attrs.rejection_needs_defect
            else ("how.writing" if attrs.rejection_in_writing else "how.none")
        )
        text = w(
            "means.deemed_acceptance",
            delivered=w.date(case.delivered_on),
            date=w.date(accepted),
            days=attrs.review_days,
            unit=unit,
            rule=due.rule,
            how=w(how),
        )
        return text, (accepted, "step.accepted", due.rule)


def _sentence(u: Unit, start: int) -> tuple[int, int, int | None]:
    """The sentence of the unit around ``start`` (start, end) and the start of the one before it, if any."""
    before: int | None = None
    for s, e in u.sentences:
        if s <= start < e:
            return s, e, before
        before = s
    return u.start, u.end, None


#: how far before an approval by silence, in its paragraph, the words of a brand's use count (a sentence or two)
BRAND_BEFORE = 800


def _denied_at(units: list[Unit], doc: Document, fid: str, lex: Lexicon) -> Unit | None:
    """The first unit that says the client's silence does not accept the work."""
    return next((u for u in units if acceptance_at(u, doc, fid, lex, denied=True) is not None), None)


def acceptance_at(
    u: Unit, doc: Document, fid: str, lex: Lexicon, *, denied: bool = False
) -> tuple[int, int, int | None] | None:
    """The unit says that the client's silence, passing time or use accepts the contractor's work: an acceptance (the
    fiction, else an acceptance word in the passive) whose nearest object in its sentence (for "it", the sentence
    before) is the work and not an order, a bill, a change of terms or the minutes; with silence, a lapse of time
    or use as its condition (before it, or after it behind "if"/"unless"); the one who stays silent is not the
    contractor (a licensor or franchisor approving the other side's advertising by silence is the reverse); and
    nothing in the sentence denies it ("shall not be deemed accepted unless and until …"). Returns the sentence
    (start, end, start of the sentence before it), or None when the unit does not say so. ``denied``: the reverse, a
    sentence that says the client's silence does *not* accept the work ("Client's silence … shall not be deemed
    approval of any material")."""
    text = doc.text
    fictions = [(s, e) for s, e, label, _ in u.hits if label == f"{fid}/fiction"]
    accepts = fictions or [
        (s, e) for s, e, label, _ in u.hits if label == f"{fid}/accept_word" and _STATE.fullmatch(text[s:e])
    ]
    for start, end in accepts:
        s_lo, s_hi, prev = _sentence(u, start)
        if (lex.negated.search(text, s_lo, s_hi) is None) is denied or _DEFINITION.match(text, start):
            continue
        silent = lex.silence.search(text, s_lo, s_hi)
        if denied and (
            lex.denied_silence.search(text, s_lo, s_hi) is None
            or not any(start - 60 <= m.start() <= end for m in lex.negated.finditer(text, s_lo, s_hi))
        ):
            # only the client's silence denied (its own words: "silence", "failure to respond"; not any "does not"),
            # by words at the fiction ("approval of the artwork does not constitute approval of its implementation"
            # names no silence; "… deemed accepted, and Client may never …" denies something else)
            continue
        if silent is None and fictions and prev is not None:
            silent = lex.silence.search(text, prev, s_lo)
        role = None
        if silent is not None:
            within = (s_lo, s_hi) if silent.start() >= s_lo else (s_lo if prev is None else prev, s_lo)
            role = _silent_party(lex, text, silent, *within)
            if role == "contractor":
                continue  # the contractor's silence approves the client's material: the reverse
        elif lex.delivered.search(text, s_lo, s_hi) is None:
            continue
        client = role == "client"  # the client approves: what it approves is the contractor's, advertising too
        accepted = _object(lex, text, s_lo, s_hi, start, end, client)
        if accepted is None and prev is not None and _PRONOUN.search(text, s_lo, start):
            # "if no objection is received, it shall be deemed accepted": the object is in the sentence before
            accepted = _object(lex, text, prev, s_lo, s_lo, s_lo, client)
        if (
            accepted is None
            and client
            and fictions
            and (prev is None or _object(lex, text, prev, s_lo, s_lo, s_lo, True) != "other")
        ):
            # the client's silence is deemed to accept what no word names ("… and names no defect, gilt die Freigabe als
            # erteilt", "Client's failure to provide a Deficiency Notice … shall constitute Acceptance"): the
            # contractor's work (a bill or a change the sentence before names is not: "other" above)
            accepted = "work"
        if accepted is None and fictions and silent is not None and lex.conformity.search(text, s_lo, s_hi):
            # the silence is about whether delivered things conform ("If Vapotherm does not notify Medica that one or
            # more Cartridges do not meet the Specifications …, those Cartridges will be deemed to have been
            # accepted"): the goods or work delivered
            accepted = "work"
        # (looked for in the sentence and up to BRAND_BEFORE characters of its paragraph before it)
        brand_from = max(u.block.start, s_lo - BRAND_BEFORE)
        if accepted == "work" and role != "client" and lex.brand_use.search(text, brand_from, s_hi):
            # a brand owner named by name approves what the other side makes with its brand ("all press releases …
            # and local advertising … shall be submitted to Pretzel Time for approval … Pretzel Time shall be deemed
            # to have approved the materials"): the licensee's or franchisee's material, the reverse
            continue
        if accepted == "work":
            return s_lo, s_hi, prev
    return None


def _rejection_in_writing(cited: list[Unit], doc: Document, fid: str, lex: Lexicon) -> bool:
    """A word of writing ("in writing", "schriftlich", "in Textform") stands in the cited passages or their section,
    in a sentence that is not the contractor's own notice of completion ("Der Auftragnehmer zeigt dem Auftraggeber
    die Fertigstellung schriftlich an") — or that also speaks of rejecting."""
    pool = {id(u): u for c in cited for u in [c, *c.section_units]}.values()
    for u in pool:
        for hs, _he, label, _ in u.hits:
            if label != f"{fid}/reject_in_writing":
                continue
            lo, hi = next(((a, b) for a, b in u.sentences if a <= hs < b), (u.start, u.end))
            # (the part of the sentence between semicolons: "…, wenn der Kunde … verweigert; hierauf weist der
            # Fotograf den Kunden … in Textform hin")
            lo = doc.text.rfind(";", lo, hs) + 1 or lo
            semi = doc.text.find(";", hs, hi)
            hi = semi if semi >= 0 else hi
            if lex.rejecting.search(doc.text, lo, hi) or not lex.completion_notice.search(doc.text, lo, hi):
                return True
    return False


def _object(lex: Lexicon, text: str, lo: int, hi: int, start: int, end: int, brand_is_work: bool = False) -> str | None:
    """What the acceptance at ``start..end`` accepts, "work" or "other": a thing named inside it ("gilt das Werk
    als abgenommen"); after it for an active form ("deemed to have accepted the shipment", "acceptance of the
    goods"); else the subject before it — the first thing named in its clause, or in the sentence ("Purchase
    orders issued by … shall be deemed accepted", "Uses of the Marks in … materials shall be deemed approved")."""

    def things(a: int, b: int) -> list[tuple[int, str]]:
        found = [(m.start(), "work") for m in lex.work_object.finditer(text, a, b)]
        # (advertising, press releases … the client approves are the contractor's work: ``brand_is_work``)
        found += [
            (m.start(), "work" if brand_is_work and lex.brand_use.search(m.group()) else "other")
            for m in lex.not_work_object.finditer(text, a, b)
        ]
        # a longer thing at the same place wins ("advertising materials" over "materials")
        return sorted(found, key=lambda t: (t[0], t[1] == "work"))

    if inside := things(start, end):
        return inside[0][1]
    clause_end = min((i for i in (text.find(";", end, hi), text.find(".", end, hi)) if i >= 0), default=hi)
    after = things(end, clause_end)
    if after and _ACTIVE.search(text, start, end + 4):
        return after[0][1]
    cut = max(text.rfind(",", lo, start), text.rfind(";", lo, start), text.rfind(":", lo, start))
    # (after a passive, only up to the next clause: "acceptance shall be assumed and Developer may invoice the
    # milestone" accepts no invoice)
    joint = _NEXT_CLAUSE.search(text, end, clause_end)
    passive_after = [t for t in after if joint is None or t[0] < joint.start()]
    before = (things(cut + 1, start) if cut >= lo else []) or things(lo, start) or passive_after
    return before[0][1] if before else None


def _silent_party(lex: Lexicon, text: str, silence: re.Match[str], lo: int, hi: int) -> str | None:
    """Who stays silent, by role: the first party named in the condition ("if Licensor fails to …", "unless you
    reject", "wenn Sie … keine Einwände erheben", "has not been given by us"); where the condition is about
    receiving ("if you do not receive our disapproval", "geht uns … weder … noch … zu"), the other side of the one
    who receives. None when the parties are named by name only."""
    starts = [m.end() for m in _IF.finditer(text, lo, silence.start())]
    clause_lo = starts[-1] if starts else lo
    clause_hi = min(hi, silence.end() + 60)
    receive = _RECEIVE.search(text, clause_lo, clause_hi)
    if receive is not None:
        if receive.group().lower().startswith(("geh", "zugeh")):  # "geht uns … zu": the receiver follows
            receiver = _parties(lex, text, receive.end(), clause_hi)[:1]
        else:
            receiver = _parties(lex, text, clause_lo, receive.start())[-1:]
        if receiver:
            return "client" if receiver[0] == "contractor" else "contractor"
        sender = _parties(lex, text, receive.end(), clause_hi)[:1]
        return sender[0] if sender else None
    if _NEGATED_VERB.match(silence.group()):
        # "if Bank of America does not notify Supplier …": the subject before the verb stays silent; one named by
        # name only is not placed (the party after the verb is the one notified, not the silent one)
        subject = _parties(lex, text, clause_lo, silence.start())
        if subject:
            return subject[0]
        if _NAME.search(text, clause_lo, silence.start()):
            return None
    # the party named last before the silence is its subject ("wenn der Auftragnehmer … eine Frist gesetzt hat und
    # der Auftraggeber die Abnahme nicht … verweigert"); with none before it, the first one after it ("unless the
    # Client rejects", "if no objection is received from the Client")
    before = [
        role for at, role in _party_words(lex, text, clause_lo, silence.start()) if not _POSSESSIVE.match(text, at)
    ]  # (not a possessive, no subject: "unserer Freigabeanfrage", "our notice")
    if before:
        return before[-1]
    found = _parties(lex, text, clause_lo, clause_hi)
    return found[0] if found else None


#: a party word that is a possessive, not a subject: "our", "your", "unsere", "Ihre"
_POSSESSIVE = re.compile(r"(?:our|your|unser\w*|Ihr\w+|ihr\w+)\b")
#: a silence that is a verb negated or failed, whose subject comes before it ("does not notify", "fails to reject")
_NEGATED_VERB = re.compile(r"(?i)(?:does|do|did|has|have|fails?|failed)\b|doesn't|don't")
#: where the clause after an acceptance ends and the next begins ("…, acceptance shall be assumed and Developer may …")
_NEXT_CLAUSE = re.compile(r",|\s(?:and|but|und|aber)\s")
#: a name: a capitalised word ("Bank of America", "Acme")
_NAME = re.compile(r"\b[A-Z][\w&'’.-]*")


def _party_words(lex: Lexicon, text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    """Where the party words in ``text[lo:hi]`` start, with their roles, in text order."""
    found = [(m.start(), "client") for m in lex.client.finditer(text, lo, hi)]
    found += [(m.start(), "contractor") for m in lex.contractor.finditer(text, lo, hi)]
    return sorted(found)


def _parties(lex: Lexicon, text: str, lo: int, hi: int) -> list[str]:
    """The roles of the party words in ``text[lo:hi]``, in text order."""
    return [role for _, role in _party_words(lex, text, lo, hi)]


#: a period named by a defined term in the sentence of the fiction ("within the Acceptance Period")
_DEFINED_PERIOD = re.compile(r"\bthe\s+(?P<term>(?:[A-Z][a-z]+\s+){1,3}Period)\b")
#: an acceptance word for a state or an outcome ("accepted", "approval", "Abnahme"), not the verb of an act
#: ("shall accept the return") or an adjective of a defined term ("Approved Content")
_STATE = re.compile(
    r"accepted|approved|signed[- ]off|acceptance|approval|Acceptance|abgenommen|freigegeben|genehmigt|Abnahme"
    r"|Freigabe|Genehmigung"
)
#: receiving the other side's answer
_RECEIVE = re.compile(r"(?i)\b(?:receive[sd]?|hears?|heard|gets?|erhalten|erh(?:ä|ae)lt|geht|gehen|zugeh\w*)\b")
#: a definition ("Acceptance" means acceptance … when the system has passed the tests) is no fiction
_DEFINITION = re.compile(r"(?i)means\b")
#: a condition word between an acceptance and what comes after it
_IF = re.compile(
    r"(?i)\b(?:if|unless|absent|where|provided|until|in\s+the\s+event|should|sofern|falls|wenn|soweit|solange)\b"
)
#: an active form of the fiction, whose object follows it
_ACTIVE = re.compile(r"(?i)to\s+have\s+(?:accepted|approved)|(?:acceptance|approval)(?:\s+of)?\s*$|accepted\s+the")
#: a pronoun standing for the work named in the sentence before
_PRONOUN = re.compile(r"(?i)\b(?:it|they|them|same|these|those|sie|es|diese)\b")


FAMILY = DeemedAcceptance()
