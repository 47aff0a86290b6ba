"""``ghostproof checklist``: the pre-engagement checklist, ticked from the contract where it can be, the rest
answered from a file and/or asked on the terminal, or listed open. Exit code 1 while a required item is open."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from ..checklist.evaluate import Checklist, apply_answers, blank_checklist, check_document, parse_require, read_answers
from ..checklist.items import load_items
from ..checklist.render import Format, render
from ..errors import E_BAD_OPTION, GhostproofError
from ..ingest import DEFAULT_READING, Reading
from ..model import Lang
from ..words import Words
from .base import Console, Outcome, check_target, emit, pick_format

FORMATS = ("text", "markdown", "json")


@dataclass(frozen=True)
class ChecklistOptions:
    #: the contract; None: every item asked or listed open
    contract: Path | None = None
    format: str | None = None
    output: Path | None = None
    force: bool = False
    require: Sequence[str] | None = None
    #: answers for open items (TOML: item_id = true/false)
    answers: Path | None = None
    interactive: bool = False
    report_lang: Lang | None = None
    #: how to read the contract: password, language, limits
    reading: Reading = DEFAULT_READING


def ask(
    checklist: Checklist, *, confirm: Callable[[str], bool], tell: Callable[[str], None], skip: Sequence[str] = ()
) -> dict[str, bool]:
    """Ask yes/no for each open item (except ``skip``): ``tell`` shows the item and why it matters, ``confirm``
    asks its question. Returns the answers."""
    items = load_items()
    lang = checklist.report_language
    w = Words(lang, "checklist")
    todo = [r for r in checklist.open_items if r.id not in skip]
    if todo:
        tell(w("prompt_intro", n=len(todo)))
    answers: dict[str, bool] = {}
    for r in todo:
        item = items.item(r.id)
        tell("")
        tell(f"{item.word(lang, 'name')}{' *' if r.required else ''}: {item.word(lang, 'why')}")
        if r.reason:
            tell(f"  ({r.reason})")
        answers[r.id] = confirm(item.word(lang, "question"))
    return answers


def make_checklist(options: ChecklistOptions, console: Console) -> Checklist:
    """The checklist for the contract (or for none: every item open), with the answers applied."""
    o = options
    required = parse_require(o.require)
    if o.interactive and console.confirm is None:
        raise GhostproofError(
            E_BAD_OPTION,
            "--interactive needs a terminal to ask on, and there is none",
            hint="give the answers in a file instead: --answers answers.toml (item_id = true/false per line)",
        )
    answers = read_answers(o.answers) if o.answers else {}
    if o.contract is None:
        checklist = blank_checklist(required=required, report_language=o.report_lang or o.reading.lang or "en")
    else:
        document = o.reading.load(o.contract)
        checklist = check_document(document, required=required, report_language=o.report_lang)
    checklist = apply_answers(checklist, answers)
    if o.interactive and console.confirm is not None:
        asked = ask(checklist, confirm=console.confirm, tell=console.tell, skip=[k for k in answers if not answers[k]])
        checklist = apply_answers(checklist, asked)
    return checklist


def run_checklist(options: ChecklistOptions, console: Console) -> Outcome:
    """The rendered checklist; exit code 1 (with a note naming them) while required items are open."""
    o = options
    fmt = cast(Format, pick_format(o.format, o.output, FORMATS, console))
    inputs = (o.contract,) if o.contract else ()
    check_target(o.output, o.force, inputs)
    checklist = make_checklist(o, console)
    tty = o.output is None and console.terminal
    text = render(checklist, fmt, width=console.width if tty else 100, color=tty and console.color)
    outcome = emit(text, o.output, o.force, inputs, console)
    if checklist.exit_code:
        ids = ", ".join(r.id for r in checklist.open_required)
        console.note(f"ghostproof: required checklist items open: {ids}")
        outcome.exit_code = checklist.exit_code
    return outcome
