"""Whether work done up to the end is paid (for :mod:`.termination`), read sentence by sentence in the sections of
the rights to terminate.

"Paid" needs one sentence that names the work done ("services performed", "fees accrued"; the pattern cue
``pays_work_done``), a word of paying and a word that bounds it by the end ("prior to the effective date of
termination", "accrued through", "pro rata"), and is about the end of the contract. "Not paid" needs a sentence
about the end that says nothing (more) is owed for money ("no further compensation"; cue ``no_pay``) without an
exception ("except for services performed …"), or that pays for accepted work only (work in progress is not
paid). A clause that payment obligations survive, or that a party may terminate without liability, says neither.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Document
from .lexicon import Lexicon, lexicon

if TYPE_CHECKING:
    from ..detect.units import Unit

Cue = tuple[int, int, str]


def pays_for_work(fid: str, right_units: list[Unit], doc: Document) -> tuple[bool | None, tuple[int, int] | None]:
    """True, False or None (the contract does not say), and the sentence that says it."""
    lex = lexicon(doc.lang)
    seen: set[int] = set()
    refused: tuple[int, int] | None = None
    for unit in right_units:
        for u in unit.section_units or [unit]:
            if id(u) in seen:
                continue
            seen.add(id(u))
            here = [(s, e, label[len(fid) + 1 :]) for s, e, label, _ in u.hits if label.startswith(f"{fid}/")]
            # a paragraph that starts about the end stays about it ("Upon termination, … . Fees for services
            # performed but not yet invoiced are not payable.")
            own = u is unit
            sentences = u.sentences
            read = 0  # sentences before this one searched for words of ending (only as far as needed)
            for k, (lo, hi) in enumerate(sentences):
                cues = [c for c in here if lo <= c[0] < hi]
                if not cues and lex.accepted_only.search(doc.text, lo, hi) is None:
                    continue  # without a cue only "pay for Deliverables accepted prior to termination" says anything
                while not own and read < k:
                    own = lex.ending.search(doc.text, *sentences[read]) is not None
                    read += 1
                verdict = _sentence(lex, doc.text, lo, hi, cues, own=own)
                if verdict is not None and _in_survival_list(lex, doc.text, sentences, k):
                    verdict = None
                if verdict is True:
                    return True, (lo, hi)
                if verdict is False and refused is None:
                    refused = (lo, hi)
    return (False, refused) if refused is not None else (None, None)


def _in_survival_list(lex: Lexicon, text: str, sentences: list[tuple[int, int]], k: int) -> bool:
    """Sentence ``k`` lists sections and a sentence beside it says they survive ("... survive termination. Without
    limiting the foregoing, Sections 3.6; 6.2 through 6.6 (with respect to payments ... prior to termination); ...")."""
    lo, hi = sentences[k]
    if len(lex.section_ref.findall(text, lo, hi)) < 2:
        return False
    return any(lex.survival.search(text, a, b) for a, b in sentences[max(0, k - 1) : k + 2])


def _sentence(lex: Lexicon, text: str, lo: int, hi: int, cues: list[Cue], *, own: bool) -> bool | None:
    # "Publisher shall own all Illustrations and sketches delivered up to cancellation": the work done is owned, not
    # paid for
    cues = [c for c in cues if not (c[2] == "pays_work_done" and lex.ownership.search(text, max(lo, c[0] - 80), c[0]))]
    names = {c for _, _, c in cues}
    # about the end: it says so, it follows the right ("in such event …", "in diesem Fall …"), or it is the right's
    # own clause; a survival clause ("Sections 4 and 6 survive") is not
    about_end = own or "ground_before" in names or lex.ending.search(text, lo, hi) is not None
    if not about_end or lex.survival.search(text, lo, hi):
        return None
    paying = lex.pay.search(text, lo, hi) is not None and lex.until_end.search(text, lo, hi) is not None
    if paying and lex.accepted_only.search(text, lo, hi) and not lex.in_progress_paid.search(text, lo, hi):
        return False  # "pay for Deliverables accepted prior to termination": work in progress is not paid
    if "pays_work_done" in names and lex.not_payable.search(text, lo, hi) and not lex.damages.search(text, lo, hi):
        return False  # "fees for services performed but not yet invoiced are not payable"
    if paying and "pays_work_done" in names:
        if not _pay_near_work(lex, text, lo, hi, cues):
            return None  # "Sanofi shall be entitled … to complete Manufacture of work-in-progress … provided that
            # Sanofi fulfills its payment obligations … in connection with such inventory sell-off": paying for
            # something else, hundreds of characters from the work done
        if lex.damages.search(text, lo, hi) and not lex.work_done.search(text, lo, hi):
            return None  # "The Termination Fee shall be paid prior to the Effective Date of Termination"
        return True
    if lex.damages.search(text, lo, hi):
        return None  # "no compensation or indemnification", "the Termination Fee shall not be paid": about paying
        # for the ending itself (damages, a kill fee), not for the work done
    # "X can terminate this Agreement without any compensation": no damages for ending it, nothing said of the
    # work done (the refusal right after the words of ending, nothing between them but the object)
    refusals = [(s, e) for s, e, c in cues if c == "no_pay" and not _qualifies_ending(lex, text, lo, s)]
    refusals = [(s, e) for s, e in refusals if lex.pay.search(text, max(lo, s - 60), min(hi, e + 60))]
    if not refusals:
        return None
    if any(m.start() < refusals[0][0] for m in lex.pay_order.finditer(text, lo, hi)):
        return None  # "A shall pay … an amount equal to …; provided that no payment shall be due if …" limits that
        # payment; it says nothing of the work done
    # "no further compensation, except for services performed up to termination" pays for the work done; an
    # exception for something else ("other than installments already invoiced") does not
    exception = lex.patterns["except"].search(text, lo, hi)
    if exception is None:
        return False
    return any(c == "pays_work_done" and s > exception.start() for s, _, c in cues) or False


#: the most characters between a word of paying and the words of the work done for the one to pay the other
PAY_REACH = 200


def _pay_near_work(lex: Lexicon, text: str, lo: int, hi: int, cues: list[Cue]) -> bool:
    """A word of paying stands within :data:`PAY_REACH` characters of the words of the work done."""
    return any(
        lex.pay.search(text, max(lo, s - PAY_REACH), min(hi, e + PAY_REACH)) is not None
        for s, e, c in cues
        if c == "pays_work_done"
    )


def _qualifies_ending(lex: Lexicon, text: str, lo: int, s: int) -> bool:
    """The words at ``s`` say how the contract is ended ("terminate this Agreement without any compensation",
    "ohne Entschädigung kündigen"): they start with a word of manner (lexicon manner) and follow a word of ending in
    the same clause, no comma or full stop between them."""
    if not lex.manner.match(text[s : s + 12]):
        return False
    found = list(lex.ending.finditer(text, max(lo, s - 50), s))
    return bool(found) and re.search(r"[,.;:()]", text[found[-1].end() : s]) is None
