"""The work behind the pages, as functions a worker process runs: plain data in, plain data out (they pickle)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import GhostproofError
from ..ingest import Reading
from ..model import Lang

#: what the "Fix it" page can write: (file ending, media type)
KINDS = {
    "docx": (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "markdown": (".md", "text/markdown; charset=utf-8"),
    "review": (".reviewed.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


@dataclass(frozen=True)
class FixJob:
    """A contract (saved at ``path``, named ``name`` by the user) and what to write for it: ``kind`` "docx" or
    "markdown" (the addendum) or "review" (a Word review copy); ``assign`` the form's ``key=value`` pairs."""

    path: str
    name: str
    reading: Reading
    assign: tuple[str, ...]
    variant: str
    kind: str


@dataclass(frozen=True)
class FixResult:
    """The file to download, or why there is none: ``needed`` parameters only the user knows, ``nothing`` (every
    clause is there) or ``error`` (one line)."""

    data: bytes | None = None
    filename: str = ""
    media: str = ""
    families: tuple[str, ...] = ()
    needed: tuple[str, ...] = ()
    nothing: bool = False
    error: str | None = None


def fix_one(job: FixJob) -> FixResult:
    try:
        return _fix(job)
    except GhostproofError as err:
        return FixResult(error=err.line().replace(job.path, job.name))


def _fix(job: FixJob) -> FixResult:
    from ..addendum import compose, families_to_close, missing_parameters
    from ..addendum.agreement import agreement_facts
    from ..addendum.compose import contract_defaults, owes_services
    from ..clauses.library import load_library, parse_assignments
    from ..detect import audit_document

    library = load_library()
    values = parse_assignments(library, list(job.assign), source="field")
    variant = library.check_variant(job.variant)
    ending, media = KINDS[job.kind]
    stem = Path(job.name).stem or "contract"
    if job.kind == "review":
        from ..review import read_contract, review_copy, review_families

        contract = read_contract(job.path, job.reading)
        for key, value in contract_defaults(library, contract.document.text, contract.result).items():
            values.setdefault(key, value)  # the contract's currency, client type and better figures, unless given
        if owes_services(contract.document.text, contract.result.language, values):
            values.setdefault("contract_type", "dienstvertrag")
        families = review_families(contract, values=values)
        needed = missing_parameters(library, families, contract.result.language, values, variant)
        if needed:
            return FixResult(families=tuple(families), needed=tuple(needed))
        copy = review_copy(contract, library, values=values, variant=variant)
        return FixResult(copy.data, f"{stem}{ending}", media, tuple(families))
    document = job.reading.load(job.path)
    result = audit_document(document)
    for key, value in contract_defaults(library, document.text, result).items():
        values.setdefault(key, value)
    services = owes_services(document.text, result.language, values)
    if services:
        values.setdefault("contract_type", "dienstvertrag")
    families = families_to_close(result, services=services)
    if not families:
        return FixResult(nothing=True)
    needed = missing_parameters(library, families, result.language, values, variant)
    if needed:
        return FixResult(families=tuple(families), needed=tuple(needed))
    add = compose(result, agreement_facts(document), library, values=values, variant=variant, services=services)
    if job.kind == "markdown":
        from ..addendum.markdown import render_markdown

        data = render_markdown(add).encode("utf-8")
    else:
        from ..addendum.docx import render_docx

        data = render_docx(add)
    return FixResult(data, f"{stem}-addendum{ending}", media, tuple(families))


@dataclass(frozen=True)
class AssessJob:
    """A contract (saved at ``path``, named ``name``) and the case form's values."""

    path: str
    name: str
    reading: Reading
    data: dict[str, object]


@dataclass(frozen=True)
class AssessResult:
    """The plan as HTML (the assessment's own markup), as Word, as a calendar, and the case as a file; or the one
    line (and the field problems) of why not."""

    title: str = ""
    html: str = ""
    docx: bytes = b""
    ics: str = ""
    case: str = ""
    json: str = ""
    #: the plan lists clauses for next time (the page offers to write them)
    gaps: bool = False
    error: str | None = None
    problems: tuple[str, ...] = ()


def assess_one(job: AssessJob) -> AssessResult:
    from dataclasses import replace

    from ..assess.case import validate_case
    from ..assess.casefile import dump_case
    from ..assess.plan import assess, contract_context
    from ..assess.render import assessment_sections, render_docx, render_ics, render_json
    from ..detect import audit_document

    try:
        case = validate_case({**job.data, "contract": job.name}, None, hint="correct the fields below")
        document = replace(job.reading, lang=case.language).load(job.path)
        a = assess(case, audit_document(document), job.name, contract_context(document.text, document.lang))
        return AssessResult(
            a.title,
            "\n".join(assessment_sections(a, commands=False)),
            render_docx(a),
            render_ics(a),
            dump_case(case),
            render_json(a),
            bool(a.lessons),
        )
    except GhostproofError as err:
        line = err.line().split("\n")[0].replace(job.path, job.name)
        return AssessResult(error=line, problems=err.details)


@dataclass(frozen=True)
class ChecklistJob:
    """The pre-engagement checklist: for a contract (``path`` None: none given) and the answers given."""

    path: str | None
    name: str
    reading: Reading
    lang: str
    answers: dict[str, bool]


@dataclass(frozen=True)
class ChecklistResult:
    checklist: object | None = None  # a ghostproof.checklist.evaluate.Checklist
    error: str | None = None


def checklist_one(job: ChecklistJob) -> ChecklistResult:
    from ..checklist.evaluate import apply_answers, blank_checklist, check_document

    lang: Lang = "de" if job.lang == "de" else "en"
    try:
        if job.path is None:
            checklist = blank_checklist(report_language=lang)
        else:
            checklist = check_document(job.reading.load(job.path), report_language=lang)
        return ChecklistResult(apply_answers(checklist, job.answers))
    except GhostproofError as err:
        line = err.line()
        return ChecklistResult(error=line.replace(job.path or "\0", job.name))
