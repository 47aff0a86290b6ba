"""What a contract is as a whole — its type in German law's terms and whether the client is a business or a
consumer — and the grading of its clauses for it (German contracts; each family says how in
:meth:`~ghostproof.families.base.ClauseFamily.graded_for`):

- a Dienstvertrag owes services, which are never accepted: a result-only clause (deemed acceptance) does not apply
  (``applies=False``) and is not required;
- towards a business, a deemed acceptance that restates § 640 Abs. 2 BGB needs no warning about silence;
- towards a consumer, the contractor's right to walk away without a stated reason is void (§ 308 Nr. 3 BGB).

The reading is stored on the :class:`AuditResult`, so the grading can be redone for a case file that says otherwise
(``assess``) or after addenda are merged in.
"""

from __future__ import annotations

from ..findings import AuditResult, Circumstance, Source
from ..model import Document


def _source(document: Document, start: int, end: int) -> Source:
    from . import _source as source

    return source((start, end), document)


def read_circumstances(document: Document) -> tuple[Circumstance | None, Circumstance | None]:
    """The contract's type (German contracts only) and its client's type, each with the words it was read from."""
    from ..client_type import read_client
    from ..contract_type import read_type

    kind = None
    if document.lang == "de":
        reading = read_type(document.text, document.lang)
        if reading.type is not None:
            kind = Circumstance(
                value=reading.type,
                how="name" if reading.named else "words",
                evidence=[_source(document, a, b) for a, b in reading.spans[:6]],
            )
    client = read_client(document.text, document.lang)
    who = None
    if client is not None:
        who = Circumstance(
            value=client.type,
            how="legal_form" if client.how == "legal_form" else "statement",
            evidence=[_source(document, client.start, client.end)],
        )
    return kind, who


def grade(result: AuditResult, *, contract_type: str | None, client_type: str | None) -> AuditResult:
    """``result`` graded for a contract of ``contract_type`` with a client of ``client_type`` (None: unknown, the
    stricter reading stands). Grading twice gives the same result."""
    from ..families import family
    from ..families.base import Circumstances

    german = result.language == "de"
    who = Circumstances(german=german, services=german and contract_type == "dienstvertrag", client=client_type)
    findings = []
    for f in result.findings:
        clause = family(f.clause)
        update: dict[str, object] = {"applies": not (who.services and clause.result_only)}
        if f.status != "missing":
            problems = clause.graded_for(clause.read(f.attributes), list(f.problems), who)
            update |= {"problems": problems, "status": "weak" if problems else "present"}
        findings.append(f.model_copy(update=update))
    return result.model_copy(update={"findings": findings})
