"""Kill fee: a fixed or percentage fee when the client cancels the project (a kept deposit alone is weak)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, TypeVar

from pydantic import Field

from ..findings import Problem
from ..model import Document
from ..quantities import Money, Percent, find_money, find_percents
from ..words import Words
from .base import PER_TIME, Attributes, Circumstances, ClauseFamily, Meaning, MeaningContext, Verdict, problem
from .lexicon import lexicon
from .termination_rights import LIST_ITEM, PRONOUNS, rights

if TYPE_CHECKING:
    from ..detect.rules import FamilyRules
    from ..detect.units import Unit

_FIGURE = frozenset({"share", "fee_amount", "full_fee", "rest_of_term"})


def _near_miss(cues: set[str]) -> bool:
    """ "No cancellation fee" / "kostenfrei" without any figure; a charge for something the clause says is no
    cancellation ("This is not a cancellation"); money refunded to the client ("we refund 100% of
    the fees", "the Provider shall refund the remaining fees for the term") with nothing named a fee for cancelling;
    a subscription price next to "cancel any time"; a fee for ending only named (see :func:`_named_only`)."""
    if "no_fee" in cues and not cues & _FIGURE:
        return True
    if "not_cancel" in cues and "kill" not in cues:
        return True  # "Client pays fifty percent (50%) of the Creative Fee for that day … This is not a cancellation."

    if "subscription" in cues and not cues & {"kill", "full_fee", "rest_of_term", "deposit_kept", "liquidated"}:
        return True
    return "refund" in cues and not cues & {"kill", "fee_amount", "full_fee", "deposit_kept"}


def _named_only(unit: Unit, doc: Document, fid: str) -> bool:
    """A fee for ending named in passing ("invoice ... the Services, termination fees, 411 fees", "Revenue does not
    include Early Termination Fees"): no figure, no one cancelling or terminating, and no one owing it."""
    if unit.cues_and_context(fid) & (_FIGURE | {"cancel", "terminate", "deposit_kept"}):
        return False
    return lexicon(doc.lang).owed.search(unit.text(doc)) is None


def _kept_for_breach(unit: Unit, doc: Document, fid: str) -> bool:
    """A deposit kept as damages for the other side's breach ("then Merchant shall be entitled to retain the Deposit as
    liquidated damages as Merchant's sole remedy for such breach"), with no one cancelling or terminating and no fee
    for it: a remedy for breach, no kill fee (lexicon breach_remedy)."""
    cues = unit.cues_and_context(fid)
    if "deposit_kept" not in cues or cues & (_FIGURE | {"kill", "cancel", "terminate"}):
        return False
    return lexicon(doc.lang).breach_remedy.search(unit.text(doc)) is not None


def _contractor_ends(unit: Unit, doc: Document) -> bool:
    """The ending the payment follows is the contractor's own ("if the Consultant so elects to terminate this
    Agreement, then the Consultant will be entitled to a termination payment"): no fee for the client's
    cancelling. True when the passage holds rights to terminate, all in the active voice, and the contractor holds
    every one of them ("if CONSULTANT's services are terminated without cause" is the client's ending)."""
    passive = set(lexicon(doc.lang).words["passive_verbs"])
    found = rights("termination", unit, doc)
    if any(w.lower().strip(",;:.") in passive for r in found for w in doc.text[r.start : r.end].split()):
        return False
    return bool(found) and all(r.party == "contractor" for r in found)


def _orders_only(unit: Unit, doc: Document, fid: str) -> bool:
    """Every cancelling the passage speaks of is of purchase orders ("the cost of materials on order which cannot be
    cancelled without charge … a handling fee of 2% of the compensation due", "In the event that Customer has
    either cancelled or delayed delivery of a Purchase Order"): cancelling an order is not ending the engagement, and
    its charge is no kill fee (lexicon order_object, in the sentence of the word of cancelling, whose own object is
    not the agreement)."""
    lex = lexicon(doc.lang)
    cues = [(s, e) for s, e, label, _ in unit.hits if label in (f"{fid}/cancel", f"{fid}/terminate")]
    if not cues or any(label == f"{fid}/kill" for _, _, label, _ in unit.hits):
        return False
    ends = lex.agreement_object  # "cancels this Agreement": the engagement, whatever follows

    def of_order(s: int, e: int) -> bool:
        if ends.search(doc.text, e, min(unit.end, e + 30)):
            return False
        a, b = next(((a, b) for a, b in unit.sentences if a <= s < b), (unit.start, unit.end))
        return lex.order_object.search(doc.text, a, b) is not None

    return all(of_order(s, e) for s, e in cues)


def _damages_of_other(unit: Unit, doc: Document, fid: str) -> bool:
    """Liquidated damages for an early ending are a kill fee only when the client owes them ("If this Agreement
    terminates before the Expiration Date, you will pay us Liquidated Damages"); "Party B shall pay one-month freight
    as liquidated damages in case of termination" names no client paying (the carrier may owe them)."""
    cues = unit.cues_and_context(fid)
    if "liquidated" not in cues or cues & (_FIGURE | {"kill", "cancel", "terminate", "deposit_kept"}):
        return False
    lex = lexicon(doc.lang)
    text = unit.text(doc)
    # (the payer named just before the word of paying, or just after it: "zahlt der Kunde")
    return not any(lex.client.search(text, max(0, m.start() - 40), m.end() + 20) for m in lex.owed.finditer(text))


def _paid_to_client(unit: Unit, doc: Document) -> bool:
    """The passage pays the client and nobody else ("In case the Customer cancels the Agreement …, EIT will pay the
    Customer the amount of 3.000 €"): a payment the contractor makes (lexicon paid_to before a client's word), no kill
    fee. A passage that also pays the contractor ("the Client shall pay the Consultant …") is not one."""
    lex = lexicon(doc.lang)
    text = doc.text

    def paid(pattern: re.Pattern[str]) -> bool:  # "you" may be either side (the employee, the client): not read
        return any(
            lex.paid_to.search(text, max(unit.start, m.start() - 30), m.start())
            for m in pattern.finditer(text, unit.start, unit.end)
            if m.group().lower() not in PRONOUNS
        )

    return paid(lex.client) and not paid(lex.contractor)


#: at most this many cells of a table below a clause are read as its stages
TABLE_CELLS = 60
#: a table row written with pipes, one paragraph per row ("| 14 bis 7 Tage vor dem Aufnahmetag | 30 % |")
_PIPE_ROW = re.compile(r"\s*\|[^\n]*\|\s*\Z")


#: the longest line a table row of a PDF is taken to be (a longer paragraph is a sentence of its own)
ROW_CHARS = 120


def _list_after(unit: Unit, doc: Document, limit: int = 8) -> list[tuple[int, str]]:
    """The list items right after the unit's block, with their offsets: staged fees are often listed below the
    clause that introduces them ("... beträgt folgenden Prozentsatz: - vor Meilenstein 1: 15 Prozent; ...")."""
    blocks = doc.blocks
    i = next((k for k, b in enumerate(blocks) if b is unit.block), None)
    if i is None:
        return []
    items = []
    # (after a lead-in that ends with a colon, a paragraph that opens with a marker is an item too: "the following
    # cancellation fees apply …:" / "(b) 180 to 61 days before the Event Date: 50% …"; not the next items of a list
    # the unit is itself an item of, nor a definitions list)
    lead_in = doc.text[unit.block.start : unit.block.end].rstrip().endswith(":")
    # a table right below the clause (a Word table's cells are blocks of their own: "14 bis 7 Tage vor dem
    # Aufnahmetag" | "30 %"): its cells are the stages, however many rows it has
    for b in blocks[i + 1 : i + 1 + TABLE_CELLS]:
        if b.kind != "table_cell" and not _PIPE_ROW.match(doc.text, b.start, b.end):
            break
        items.append((b.start, doc.text[b.start : b.end]))
    if items:
        return items
    if lead_in:
        # a table a PDF gave line by line: the short paragraphs below the lead-in, a rate in the first or second
        # (after a header row): "Before Editor starts the rough cut 10%" | "After start of rough cut, before 40%" |
        # "delivery of the fine cut" | "After delivery of the fine cut 75%"
        rows = []
        for b in blocks[i + 1 : i + 1 + limit]:
            if b.kind != "paragraph" or b.end - b.start > ROW_CHARS:
                break
            rows.append((b.start, doc.text[b.start : b.end]))
        if len(rows) > 1 and any(find_percents(text, doc.lang) for _at, text in rows[:2]):
            return rows
    for k, b in enumerate(blocks[i + 1 : i + 1 + limit]):
        text = doc.text[b.start : b.end]
        if k == 0 and lead_in and b.kind != "list_item" and len(find_percents(text, doc.lang)) > 1:
            # a table in plain text read as one paragraph ("More than 12 months … (25%) 6 to 12 months 50% …")
            return [(b.start, text)]
        if b.kind != "list_item" and not (lead_in and LIST_ITEM.match(doc.text, b.start, b.end)):
            break
        items.append((b.start, text))
    return items


def _rates(unit: Unit, doc: Document) -> list[Percent]:
    """The percentages in a unit and in the list right after it."""
    pieces = [unit.text(doc), *(text for _, text in _list_after(unit, doc))]
    return [p for text in pieces for p in find_percents(text, doc.lang)]


def _kept_windows(unit: Unit, doc: Document, fid: str) -> list[tuple[int, int]]:
    """Where the figure of a kept deposit may stand: in the words that keep it ("a deposit of 30 % is non-refundable",
    "$10,000 of which has already been paid and is nonrefundable"); the fee the deposit is part of ("a fee of
    $25,000, $10,000 of which …", "50 % of the fee of $4,000 as a deposit") is not what is kept."""
    lex = lexicon(doc.lang)
    windows = []
    for s, e, label, _ in unit.hits:
        if label == f"{fid}/deposit_kept":
            after = lex.figure_after.match(doc.text, e, min(unit.end, e + 60))
            windows.append((s, after.end() if after else e))
    return windows


_F = TypeVar("_F", Percent, Money)


def _pick(found: list[_F], near: list[tuple[int, int]] | None, at: int) -> _F | None:
    """The first figure found; for a kept deposit (``near``: where its words stand) with several figures in the
    passage, the one inside those words, or none."""
    if near is None or len(found) <= 1:
        return found[0] if found else None
    return next((f for f in found if any(a <= at + f.start and at + f.end <= b for a, b in near)), None)


class KillFeeAttributes(Attributes):
    percent: float | None = Field(default=None, description="the fee as a percentage (of the fee or its unbilled part)")
    amount: float | None = Field(default=None, description="the fee as a fixed amount")
    currency: str | None = Field(default=None, description="ISO code of the fixed amount's currency")
    staged: bool | None = Field(
        default=None, description="the percentage depends on the stage the project is in (the clause lists several)"
    )
    deposit_only: bool | None = Field(
        default=None,
        description="the only money a cancelling client leaves is a deposit or booking fee already paid and not "
        "refunded (percent and amount are the deposit's)",
    )


class KillFee(ClauseFamily[KillFeeAttributes]):
    id = "kill_fee"
    attributes = KillFeeAttributes
    problems: ClassVar[tuple[str, ...]] = (
        "KF_DEPOSIT_ONLY",
        "KF_NO_AMOUNT",
        "KF_IN_FEES",
        "KF_NO_COUNTERPROOF",
        "KF_HIGH_FLAT",
    )

    def verdict(self, rules: FamilyRules, units: list[Unit], doc: Document) -> Verdict:
        fid = rules.id
        units = [
            u
            for u in units
            if not _near_miss(u.cues_and_context(fid))
            and not _named_only(u, doc, fid)
            and not _contractor_ends(u, doc)
            and not _kept_for_breach(u, doc, fid)
            and not _paid_to_client(u, doc)
            and not _orders_only(u, doc, fid)
            and not _damages_of_other(u, doc, fid)
        ]
        if not units:
            return Verdict(KillFeeAttributes(), [], found=False)
        real = [u for u in units if not ("deposit_kept" in u.cue_set(fid) and "kill" not in u.cue_set(fid))]
        best = (real or units)[0]
        lex = lexicon(doc.lang)
        percent: float | None = None
        amount: float | None = None
        currency: str | None = None
        sources: dict[str, tuple[int, int]] = {}
        for u in real or units:
            # the unit's own text, and the list below it where the fees are staged; offsets map back to the text
            pieces = [(u.start, u.text(doc))]
            if not u.cue_set(fid) & {"share", "fee_amount", "@percent", "@money"}:
                pieces += _list_after(u, doc)
            near = _kept_windows(u, doc, fid) if not real else None
            if u.cue_set(fid) & _FIGURE == {"rest_of_term"}:
                continue  # the rest of the fee (or some months of it): no figure of the fee for cancelling is stated
            for at, text in pieces:
                pct = _pick(find_percents(text, doc.lang), near, at)
                if percent is None and pct is not None:
                    percent = pct.value
                    sources["percent"] = (at + pct.start, at + pct.end)
                money = [
                    m
                    for m in find_money(text, doc.lang)
                    if m.per not in PER_TIME
                    and m.per != "month"
                    and not lex.periodic.match(text, m.end)
                    and not lex.per_unit.match(text, m.end)
                    and not lex.share_base.search(text, max(0, m.start - 60), m.start)
                    and not lex.formula_term.search(text, max(0, m.start - 30), m.start)
                    # beside a kept deposit, the whole fee is not the deposit ("The total fee for the Deliverables is
                    # USD 6,500 …: (a) 40% on signature … The deposit under (a) is non-refundable")
                    and not (near is not None and lex.total_fee.search(text, max(0, m.start - 50), m.start))
                ]
                cash = _pick(money, near, at)
                if amount is None and cash is not None:
                    amount, currency = float(cash.amount), cash.currency
                    sources["amount"] = sources["currency"] = (at + cash.start, at + cash.end)
            if percent is None and "full_fee" in u.cue_set(fid):
                percent = 100.0
            if percent is not None or amount is not None:
                best = u
                break
        # a table of stages ("Discovery 25 %, Design 50 %, Build 75 %"): which rate applies depends on the stage the
        # project is in, which the contract cannot tell; no single percentage is stated
        # (a payment schedule's instalments beside a kept deposit are no stages of a cancellation fee)
        rates = {p.value for u in real if u.block.section == best.block.section for p in _rates(u, doc)}
        staged = len(rates) > 1 or None
        uncertain: list[str] = []
        if staged:
            percent = None
            sources.pop("percent", None)
            uncertain = ["percent"]
            best = (real or units)[0]  # the clause that introduces the stages, not its first row
        problems: list[Problem] = []
        if not real:
            problems.append(problem("KF_DEPOSIT_ONLY"))
        elif percent is None and amount is None and not staged:
            # "a termination fee equal to one month's fees", "all fees for the remainder of the term": a figure the
            # client can work out from the fees, but none the contract states
            in_fees = any("rest_of_term" in u.cue_set(fid) for u in real)
            problems.append(problem("KF_IN_FEES" if in_fees else "KF_NO_AMOUNT"))
        if any("no_counterproof" in u.cue_set(fid) for u in units):
            problems.append(problem("KF_NO_COUNTERPROOF"))
        high = rules.limits.get("high_percent")
        if doc.lang == "de" and high is not None and percent is not None and high < percent < 100:
            problems.append(problem("KF_HIGH_FLAT"))
        cited = [best, *[u for u in real if u is not best], *[u for u in units if u not in real]]
        if staged:
            sources["staged"] = (best.start, best.end)
        attrs = KillFeeAttributes(
            percent=percent, amount=amount, currency=currency, staged=staged, deposit_only=True if not real else None
        )
        return Verdict(attrs, problems, cited, sources=sources, uncertain=uncertain)

    def graded_for(self, attrs: KillFeeAttributes, problems: list[Problem], who: Circumstances) -> list[Problem]:
        """The 5 % that KF_HIGH_FLAT measures against is § 648 Satz 3 BGB, the law of a contract for a result: a
        Dienstvertrag (services owed, a minimum term's remaining fees) is not measured against it."""
        # re-derived from the attributes: a grading for a Dienstvertrag, then for a Werkvertrag (assess with the case
        # file's type) gets the problem back
        from ..detect.rules import load_families

        out = [p for p in problems if p.code != "KF_HIGH_FLAT"]
        high = load_families()[self.id].limits.get("high_percent")
        percent = attrs.percent
        if who.german and not who.services and high is not None and percent is not None and high < percent < 100:
            out.append(problem("KF_HIGH_FLAT"))
        return sorted(out, key=lambda p: self.problems.index(p.code))

    def facts(self, attrs: KillFeeAttributes, status: str, w: Words) -> list[str]:
        out = []
        if attrs.deposit_only:  # "The booking fee is 25% of your package price and it is non-refundable"
            if attrs.percent is not None:
                out.append(w("fact.kill_deposit", figure=f"{w.number(attrs.percent)} %"))
            if attrs.amount is not None:
                out.append(w("fact.kill_deposit", figure=w.money(attrs.amount, attrs.currency)))
            return out
        if attrs.percent is not None:
            out.append(w("fact.kill_percent", n=w.number(attrs.percent)))
        if attrs.staged:
            out.append(w("fact.kill_staged"))
        if attrs.amount is not None:
            out.append(w("fact.kill_amount", money=w.money(attrs.amount, attrs.currency)))
        return out

    def meaning(self, attrs: KillFeeAttributes, ctx: MeaningContext) -> Meaning:
        w, case = ctx.words, ctx.case
        if attrs.staged:
            return w("means.kill_fee_staged"), None
        if attrs.deposit_only:
            return w("means.kill_fee_deposit"), None
        if attrs.percent is None:
            return w("means.kill_fee_plain"), None
        # on the part of the fee that is neither invoiced nor billed for the work done (never on billed work twice)
        base = max(Decimal(0), case.agreed - case.invoiced - ctx.unbilled)
        amount = base * Decimal(str(attrs.percent)) / 100
        text = w(
            "means.kill_fee",
            percent=w.number(attrs.percent),
            amount=w.money(amount, case.currency),
            base=w.money(base, case.currency),
        )
        return text, None


FAMILY = KillFee()
