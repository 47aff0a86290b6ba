"""Termination: who may end the contract, for convenience or only for cause, on what notice, whether work done is
paid, and whether the client's non-cooperation is a ground."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from ..dates import Calendar, DayKind, PeriodEnd, add_months, period_end
from ..findings import Problem
from ..model import Document
from ..quantities import find_durations
from ..words import Words
from .base import Attributes, Circumstances, ClauseFamily, Meaning, MeaningContext, Verdict, problem, section_key
from .lexicon import lexicon
from .termination_pay import pays_for_work
from .termination_rights import GROUNDS, PARTY, Right, notice_days, rights

if TYPE_CHECKING:
    from ..assess.case import Case
    from ..detect.rules import FamilyRules
    from ..detect.units import Unit


class TerminationAttributes(Attributes):
    for_convenience: bool | None = Field(
        default=None, description="a party may end the contract mid-term without cause (not mere non-renewal)"
    )
    notice_days: int | None = Field(default=None, description="the notice period in days (0: immediately)")
    notice_months: int | None = Field(
        default=None,
        description='the notice period as written in calendar months ("one (1) month\'s notice"; notice_days then '
        "holds 30 a month): a date is counted in months, to the same day of the month",
    )
    notice_to_period_end: bool | None = Field(
        default=None, description="the notice runs to the end of a month or quarter (true), else null"
    )
    notice_period_end: PeriodEnd | None = Field(
        default=None,
        description="what the notice runs to the end of, as written: a calendar month, quarter or year (null: no "
        "period end)",
    )
    notice_day_kind: DayKind | None = Field(
        default=None,
        description="how the notice period's days count where they are not calendar days: business (Monday to "
        "Friday) or werktage (Monday to Saturday, German law); null for calendar days",
    )
    pays_for_work_done: bool | None = Field(default=None, description="work done up to termination is paid")
    non_cooperation_ground: bool | None = Field(
        default=None, description="the client's failure to cooperate is a ground to terminate"
    )
    who: Literal["either", "client", "contractor"] | None = Field(
        default=None, description="who may terminate (for any reason or for cause)"
    )
    without_cause_by: Literal["either", "client", "contractor"] | None = Field(
        default=None, description="who may terminate without cause (when a party may)"
    )
    term_end_by: Literal["either", "client", "contractor"] | None = Field(
        default=None,
        description="who may end the contract without cause at the end of its (renewal) term by notice (a notice of "
        "non-renewal), where no one may end it mid-term without cause",
    )


class Termination(ClauseFamily[TerminationAttributes]):
    id = "termination"
    attributes = TerminationAttributes
    problems: ClassVar[tuple[str, ...]] = (
        "TE_CLIENT_ONLY",
        "TE_NO_PAY_FOR_WORK",
        "TE_FREE_EXIT_CONSUMER",
        "TE_IMPLIED",
    )
    law: ClassVar[tuple[str, ...]] = ("DE",)
    notice_basis: ClassVar[int | None] = 3

    def services_law_text(self, jurisdiction: str, case: Case, w: Words) -> str | None:
        """A Dienstvertrag is ended under §§ 620, 621, 626, 627 BGB, not by the path of § 643 BGB."""
        return w(f"law.{jurisdiction}.dienst.termination")

    def can_end_a_silent_project(self, attrs: TerminationAttributes) -> bool:
        """Only a right to terminate without cause held by you or by both (not the client's alone, and not one whose
        holder the rules could not settle)."""
        if attrs.without_cause_by is None:
            return False
        return bool(attrs.for_convenience) and (attrs.without_cause_by or attrs.who) != "client"

    def verdict(self, rules: FamilyRules, units: list[Unit], doc: Document) -> Verdict:
        """Read every right to terminate clause by clause: keep the real ones, then decide convenience, who holds
        them, the notice period and whether work done is paid."""
        fid = rules.id
        # (the passages ranked by their cues without party_ends, which adds no weight to a stated right)
        units = sorted(units, key=lambda u: (-len(u.all_cues(fid) - {"party_ends"}), u.start))
        renewals: list[Right] = []
        found = [r for u in units for r in rights(fid, u, doc, implied=False, renewals=renewals)]
        renewals += _renewal_exits(fid, units, doc, {id(r.unit) for r in [*found, *renewals]})
        # a right only implied by what follows its use ("If the Client cancels the project, the Client pays …")
        # counts where the contract states none; it tells who may end the contract, not whether a cause is needed
        # (and not where it is the premise of another family's clause: "If the Client cancels the project, the
        # Client shall pay 25 % of the fee" is a kill fee, "if the contractor terminates, … is billed by the hour"
        # an hourly conversion)
        implied_only = not found
        statute = lexicon(doc.lang).statutory_free
        if implied_only:
            found = [r for u in units if not _premise(u) for r in rights(fid, u, doc) if r.implied]
        else:
            # a right implied by its use that cites the statute granting it without cause ("Kündigt der Kunde den
            # Vertrag vor Fertigstellung des Werks (§ 648 BGB), steht der Agentur … zu"): the client's free right is
            # stated, beside the rights for cause
            # (the statute's own words count: "Kündigt die Auftraggeberin den Vertrag vor Vollendung des Werkes" is
            # § 648 BGB, a right without cause whatever cue the rules read near it, unless a ground is named)
            for u in units:
                if not statute.search(doc.text, u.start, u.end):
                    continue  # (rights read again only where a statute is cited)
                for r in rights(fid, u, doc):
                    if not (r.implied and any(statute.search(doc.text, lo, hi) for lo, hi in r.ranges)):
                        continue
                    if r.convenience or not r.cues & set(GROUNDS):
                        r.convenience = True
                        found.append(r)
        if not found:
            return Verdict(TerminationAttributes(), [], found=False)
        found.sort(key=lambda r: not r.convenience)
        right_units = list({id(r.unit): r.unit for r in found}.values())
        pays, said = pays_for_work(fid, right_units, doc)
        non_cooperation = (
            True
            if any("non_cooperation" in r.cues for r in found)
            or any("non_cooperation" in u.cues.get(fid, {}) for u in right_units)
            else None
        )
        coop_ref = None if non_cooperation else _cooperation_section(found, doc)
        if coop_ref is not None:
            non_cooperation = True  # "if Client materially breaches Section 2" (2. CLIENT RESPONSIBILITIES)
        # the notice period is that of the right that matters: the one without cause if there is one
        without_cause = [r for r in found if r.convenience]
        notice, notice_at = notice_days(without_cause or found, doc)
        uncertain = doubts(without_cause, found, doc)
        # "mit einer Frist von einem (1) Monat zum Monatsende": the contract ends at a month's end after the period,
        # a date that depends on the day notice is given (one worked out from the 30 days alone would be wrong)
        period_end = None
        # "fifteen (15) Business Days' written notice": the kind of its days (calendar days stay null)
        kind = next(iter(find_durations(doc.text[notice_at[0] : notice_at[1]], doc.lang)), None) if notice_at else None
        notice_kind = kind.kind if kind is not None and kind.kind != "calendar" and notice else None
        # "one (1) month's notice": a month is a calendar month (to the same day of the month, not 30 days)
        months = (
            int(kind.value) if kind is not None and kind.unit == "month" and kind.value == int(kind.value) else None
        )
        if notice_at is not None and notice:
            end = notice_at[1]
            stop = re.search(r"[.;](?:\s|$)", doc.text[end : end + 80])
            period_end = lexicon(doc.lang).to_period_end.search(doc.text, end, end + (stop.start() if stop else 80))
        if implied_only:
            uncertain = {*uncertain, "for_convenience", "without_cause_by"}
        attrs = TerminationAttributes(
            for_convenience=None if "for_convenience" in uncertain else found[0].convenience,
            without_cause_by=None if "without_cause_by" in uncertain else holders(without_cause),  # type: ignore[arg-type]
            notice_days=None if "notice_days" in uncertain else notice,
            notice_months=months if notice and "notice_days" not in uncertain else None,
            notice_to_period_end=True if period_end is not None and "notice_days" not in uncertain else None,
            notice_period_end=_end_unit(period_end.group(), doc.lang)
            if period_end is not None and "notice_days" not in uncertain
            else None,
            notice_day_kind=notice_kind if "notice_days" not in uncertain else None,
            pays_for_work_done=pays,
            non_cooperation_ground=non_cooperation,
            who=None if "who" in uncertain else holders(found),  # type: ignore[arg-type]
            # (only where no one may end it mid-term without cause: "for cause only" would hide the exit at the
            # term's end)
            term_end_by=holders(renewals) if not without_cause else None,  # type: ignore[arg-type]
        )
        problems: list[Problem] = []
        if attrs.who == "client":
            problems.append(problem("TE_CLIENT_ONLY"))
        if not attrs.pays_for_work_done:
            problems.append(problem("TE_NO_PAY_FOR_WORK"))
        if implied_only:
            problems.append(problem("TE_IMPLIED"))
        first = found[0]
        sources = {
            # the words that make it a right without cause ("for convenience", "at any time"), or the ground it
            # needs ("if the other party breaches"); a right that names neither is shown whole (its notice word alone,
            # "notice" / "Frist", said nothing about a cause)
            "for_convenience": _cue_span(
                first,
                ("convenience", "any_time")
                if first.convenience
                else ("cause", "non_cooperation", "condition", "ground_before"),
            ),
            "without_cause_by": _cue_span(first, tuple(PARTY)),
            "who": _cue_span(next((r for r in found if r.party), first), tuple(PARTY)),
        }
        if notice_at is not None:
            sources["notice_days"] = notice_at
        if attrs.notice_months and notice_at is not None:
            sources["notice_months"] = notice_at
        if attrs.notice_to_period_end and period_end is not None:
            sources["notice_to_period_end"] = period_end.span()
            sources["notice_period_end"] = period_end.span()
        if attrs.notice_day_kind and notice_at is not None:
            sources["notice_day_kind"] = notice_at
        if said is not None:
            sources["pays_for_work_done"] = said
        if attrs.term_end_by is not None:
            sources["term_end_by"] = renewals[0].ranges[0]
        coop = next((r.ranges[0] for r in found if "non_cooperation" in r.cues), coop_ref)
        if coop is not None:
            sources["non_cooperation_ground"] = coop
        return Verdict(attrs, problems, right_units, sources=sources, uncertain=sorted(uncertain))

    def graded_for(self, attrs: TerminationAttributes, problems: list[Problem], who: Circumstances) -> list[Problem]:
        """German standard terms against a consumer: the contractor's right to walk away without a reason stated in
        the contract is void (§ 308 Nr. 3 BGB; not for continuing obligations such as a Dienstvertrag)."""
        rest = [p for p in problems if p.code != "TE_FREE_EXIT_CONSUMER"]
        free = attrs.for_convenience and attrs.without_cause_by in ("contractor", "either")
        if who.german and who.client == "consumer" and not who.services and free:
            return [*rest, problem("TE_FREE_EXIT_CONSUMER")]
        return rest

    def facts(self, attrs: TerminationAttributes, status: str, w: Words) -> list[str]:
        out = []
        if attrs.who:
            out.append(w(f"fact.who.{attrs.who}"))
        if attrs.for_convenience is True:
            by = attrs.without_cause_by
            if by is None and attrs.who == "either":  # both may terminate, but not both without cause
                out.append(w("fact.for_convenience_unsettled"))
            else:
                out.append(w(f"fact.without_cause_by.{by}") if by and by != attrs.who else w("fact.for_convenience"))
        elif attrs.for_convenience is False:
            out.append(w("fact.for_cause_only_but_term_end") if attrs.term_end_by else w("fact.for_cause_only"))
        if attrs.notice_days == 0:
            out.append(w("fact.no_notice"))
        elif attrs.notice_days is not None:
            key = "fact.notice_days_to_period_end" if attrs.notice_to_period_end else "fact.notice_days"
            if attrs.notice_day_kind and not attrs.notice_to_period_end:
                key = f"fact.notice_{attrs.notice_day_kind}_days"  # "15 business days' notice"
            months = attrs.notice_months
            # "zum Monatsende" / "to the end of a calendar quarter", as written
            end = w(f"period_end.{attrs.notice_period_end or 'month'}")
            if months:  # "1 month's notice", as the contract counts it (not 30 days)
                key = "fact.notice_months_to_period_end" if attrs.notice_to_period_end else "fact.notice_months"
                out.append(w(key + ("_one" if months == 1 else ""), n=months, end=end))
            else:
                out.append(w(key, n=w.number(attrs.notice_days), end=end))
        if attrs.pays_for_work_done is True:
            out.append(w("fact.pays_for_work_done"))
        elif attrs.pays_for_work_done is False:
            out.append(w("fact.no_pay_for_work_done"))
        if attrs.non_cooperation_ground:
            out.append(w("fact.non_cooperation_ground"))
        return out

    def meaning(self, attrs: TerminationAttributes, ctx: MeaningContext) -> Meaning:
        w = ctx.words
        if attrs.who == "client":
            return w("means.termination_client_only") + ctx.see_law(), None
        if attrs.for_convenience and attrs.without_cause_by is None:
            return w("means.termination_unsettled") + ctx.see_law(), None
        if attrs.for_convenience is False:
            if attrs.term_end_by in ("either", "contractor"):
                # a contract that renews unless ended at its term's end: you can end it then, without a reason
                return w("means.termination_term_end") + ctx.see_law(), None
            return w("means.termination_cause_only") + ctx.see_law(), None
        if attrs.without_cause_by == "client":
            # "You can cancel your booking at any time" (the couple) beside "We may end this contract … if you have
            # not paid": yours is a right for cause only
            return w("means.termination_yours_for_cause") + ctx.see_law(), None
        nd = attrs.notice_days
        runs_to = notice_runs_to(attrs, ctx.notice, ctx.dates().calendar)
        pays = w("pays") if attrs.pays_for_work_done else w("pays_unclear")
        coop = w("coop") if attrs.non_cooperation_ground else ""
        if nd is None or (attrs.notice_to_period_end and runs_to is None):
            # no notice period ("on written notice" with no period named): no end date is worked out (the day of
            # sending is not the day the contract ends)
            return w("means.termination_no_days", sent=w.date(ctx.notice), pays=pays, coop=coop), None
        notice_text = _notice_words(attrs, w)
        unit = attrs.notice_period_end or "month"
        if runs_to is not None and attrs.notice_to_period_end:
            # "mit einer Frist von zwei Monaten zum Monatsende": the earliest end is the end of the month (calendar
            # quarter, year) the period runs into
            key, ends = "means.termination_period_end", period_end(runs_to, unit)
        else:
            key, ends = "means.termination", runs_to or ctx.notice
        text = w(
            key,
            notice=notice_text,
            end=w(f"period_end.{unit}"),
            which=w(f"period_end_which.{unit}"),
            sent=w.date(ctx.notice),
            ends=w.date(ends),
            pays=pays,
            coop=coop,
        )
        return text, None


def contract_ends(attrs: TerminationAttributes, runs_to: date) -> date:
    """The earliest day a notice whose period runs to ``runs_to`` ends the contract: that day, or where the notice
    runs to a period's end ("zum Monatsende", "to the end of a calendar quarter") the end of the month, calendar
    quarter or year that day is in."""
    if not attrs.notice_to_period_end:
        return runs_to
    return period_end(runs_to, attrs.notice_period_end or "month")


def _end_unit(words: str, lang: str) -> PeriodEnd:
    """What the period-end words name: a quarter's end ("zum Quartalsende", "Kalendervierteljahres"), a year's, else a
    month's."""
    lex = lexicon(lang)
    if lex.period_end_quarter.search(words):
        return "quarter"
    if lex.period_end_year.search(words):
        return "year"
    return "month"


def notice_runs_to(attrs: TerminationAttributes, sent: date, cal: Calendar) -> date | None:
    """The day the notice period of a notice sent on ``sent`` runs to: calendar months ("one month's notice": the same
    day of the month, or the month's last), days of their kind on ``cal`` ("15 Business Days"), else calendar days;
    None without a period (or for "immediately"). A notice to a month's or quarter's end ends the contract no earlier
    than the end of that day's month (:func:`ghostproof.dates.month_end`)."""
    nd = attrs.notice_days
    if not nd:
        return None
    if attrs.notice_months:
        return add_months(sent, attrs.notice_months)
    if attrs.notice_day_kind:
        return cal.add(sent, nd, attrs.notice_day_kind)
    return sent + timedelta(days=nd)


def _notice_words(attrs: TerminationAttributes, w: Words) -> str:
    """ " (2 months' notice)", " (15 business days' notice)", " (30 days' notice)"; empty for "immediately"."""
    if attrs.notice_months:
        return w("notice_months_one" if attrs.notice_months == 1 else "notice_months", n=attrs.notice_months)
    nd = attrs.notice_days
    if not nd:
        return ""
    return w(f"notice_{attrs.notice_day_kind}" if attrs.notice_day_kind else "notice", days=nd)


def _renewal_exits(fid: str, units: list[Unit], doc: Document, read: set[int]) -> list[Right]:
    """The clauses that renew the contract unless a party ends it at the end of its term with notice, where no right
    was read ("Der Vertrag verlängert sich jeweils um drei Monate, wenn er nicht von einer Partei mit einer Frist von
    einem Monat zum Ende der Mindestlaufzeit gekündigt wird"; "renews for successive one-year terms unless either
    party gives notice of non-renewal at least 60 days before"): an exit without cause at the term's end, held by
    the side the clause names ("von einer Partei", "either party")."""
    out = []
    for u in units:
        cues = u.cue_set(fid)
        if id(u) in read or not {"non_renewal", "notice"} <= cues or "no_right" in cues:
            continue
        if "term_word" not in cues and not lexicon(doc.lang).declines_renewal.search(doc.text, u.start, u.end):
            continue  # words of ending or of refusing the renewal: not "may change the charges at the end of the term"
        sides = {PARTY[c] for c in cues if c in PARTY} - {"company"}
        if "either" in sides or {"client", "contractor"} <= sides:
            party: str | None = "either"
        elif len(sides) == 1:
            party = sides.pop()
        else:
            party = "either" if lexicon(doc.lang).renewal_any_party.search(doc.text, u.start, u.end) else None
        if party is not None:
            out.append(Right(u, u.start, u.start, [(u.start, u.end)], set(cues), False, party))
    return out


def _cue_span(right: Right, cues: tuple[str, ...]) -> tuple[int, int]:
    """The words of the right that say it (its first cue of ``cues`` inside its clause), else the clause."""
    prefix = "termination/"
    for s, e, label, _ in right.unit.hits:
        if label.startswith(prefix) and label[len(prefix) :] in cues and any(lo <= s < hi for lo, hi in right.ranges):
            return s, e
    return right.ranges[0]


#: cues of other families whose clause may start with an ending it presupposes ("If the Client cancels …, the Client
#: shall pay 25 %"): a right only implied there is that clause's premise, not a termination clause
PREMISE_OF = {
    "kill_fee": frozenset({"kill", "share", "fee_amount", "full_fee", "rest_of_term", "deposit_kept"}),
    "hourly_conversion": frozenset({"rate_basis"}),
}


def _premise(unit: Unit) -> bool:
    return any(unit.cue_set(fid) & cues for fid, cues in PREMISE_OF.items())


def doubts(without_cause: list[Right], found: list[Right], doc: Document) -> set[str]:
    """The facts the rights leave open: who holds them when one right names a side and another names none (a
    party the rules cannot place: "PrimeCall may ...", "the non-bankrupt party may ..."), and the notice period
    when the rights that decide it state different ones."""
    out = set()

    def unplaced(rs: list[Right]) -> bool:
        return holders(rs) not in (None, "either") and any(r.party is None for r in rs)

    if without_cause and unplaced(without_cause):
        out.add("without_cause_by")
    if unplaced(found):
        out.add("who")
    deciding = without_cause or found
    periods = {notice_days([r], doc)[0] for r in deciding} - {None}
    if not without_cause and any(_free_but_preconditioned(r, doc) for r in found):
        # every right read needs a ground, but one of them says "at any time" or "for any reason" and its ground
        # only comes before it ("so long as no default exists, either party may terminate at any time upon 30
        # days' notice"): a precondition or a ground? not stated
        out.add("for_convenience")

    def free_in_own_words(r: Right) -> bool:  # a word of no cause inside the right's own words
        return any(
            label == "termination/convenience" and r.start <= hs and he <= r.end for hs, he, label, _ in r.unit.hits
        )

    if not without_cause and all(free_in_own_words(r) for r in found):
        # every right read as needing a ground says in its own words that it needs none ("In the event of
        # termination for convenience by the Client, …": the "in the event" introduces the right, it is no ground):
        # not stated (beside rights for cause, such a mention is read as theirs: "If Company terminates the
        # Agreement without cause, Company shall repurchase …" in a contract whose rights all need a cause)
        out.add("for_convenience")
    if not without_cause and any(
        lexicon(doc.lang).terms_elsewhere.search(doc.text, lo, hi) for r in found for lo, hi in r.ranges
    ):
        # "This Addendum may be terminated at any time … in accordance with the termination provisions of the
        # Distribution Agreement": the grounds are in another agreement; whether one is needed is not stated
        out.add("for_convenience")
    if not without_cause and any(_blacked_out(r, doc) for r in found):
        # a right that names no ground, with words blacked out in its clause ("eBix may terminate this Agreement,
        # [**] upon [**] to About"): its ground and notice were in the words left out
        out |= {"for_convenience", "notice_days"}
    if len(periods) > 1 or (not without_cause and periods == {0} and _other_notice(found, doc)):
        # rights for cause only that end "immediately" while their clauses state a notice period elsewhere (a
        # right the rules did not read, "either party giving six months' notice"): "no notice" is not stated
        out.add("notice_days")
    return out


def _blacked_out(right: Right, doc: Document) -> bool:
    """The right names no ground and its clause has words blacked out in a filed copy ("[**]", "[***]")."""
    if any(c in GROUNDS for c in right.cues):
        return False
    redacted = lexicon(doc.lang).redacted
    return any(redacted.search(doc.text, lo, hi) for lo, hi in right.ranges)


def _free_but_preconditioned(right: Right, doc: Document) -> bool:
    """The right says "at any time" or "for any reason" after its start, and the grounds in its scope all come
    before it, after words of a precondition ("so long as no default exists")."""
    prefix = "termination/"
    inside = [
        (hs, label[len(prefix) :])
        for hs, _he, label, _ in right.unit.hits
        if label.startswith(prefix) and any(lo <= hs < hi for lo, hi in right.ranges)
    ]
    free = any(c in ("convenience", "any_time") and hs >= right.start for hs, c in inside)
    grounds = [hs for hs, c in inside if c in GROUNDS]
    if not (free and grounds and all(hs < right.start for hs in grounds)):
        return False
    opening = lexicon(doc.lang).precondition.search(doc.text, right.ranges[0][0], min(grounds))
    return opening is not None


def _other_notice(found: list[Right], doc: Document) -> bool:
    """The clauses of the rights state a notice period of some days outside the rights read."""
    units = list({id(r.unit): r.unit for r in found}.values())
    whole = [Right(u, u.start, u.start, [(u.start, u.end)], set(), False, None) for u in units]
    days, _ = notice_days(whole, doc)
    return bool(days)


def holders(found: list[Right]) -> str | None:
    """Who holds these rights: "either" when both sides (or "either party") do, else the one side named."""
    parties = {r.party for r in found if r.party}
    if "either" in parties or {"client", "contractor"} <= parties:
        return "either"
    return parties.pop() if len(parties) == 1 else None


FAMILY = Termination()


def _cooperation_section(found: list[Right], doc: Document) -> tuple[int, int] | None:
    """The words of a right's ground that name a breach of a section whose heading is the client's duties to
    cooperate ("if Client materially breaches Section 2 and does not fix the breach", section 2 headed "CLIENT
    RESPONSIBILITIES"; "verletzt der Kunde seine Pflichten aus § 3", § 3 "Mitwirkung des Kunden")."""
    lex = lexicon(doc.lang)
    headings: dict[str, str] = {}
    for block in doc.blocks:
        if block.section:
            # its heading, or the start of its first block where the heading runs into it ("2. CLIENT
            # RESPONSIBILITIES Client will give …", "5.3 Client's Obligations. Client shall …")
            headings.setdefault(section_key(block.section), block.heading or block.text[:80])
    for right in found:
        if right.convenience:
            continue
        for lo, hi in right.ranges:
            for m in lex.breach_of_section.finditer(doc.text, lo, hi):
                heading = headings.get(section_key(m.group(1)))
                if heading is not None and lex.cooperation_heading.search(heading):
                    return m.span()
    return None
