"""What ``ghostproof checklist`` does, as one plain function: read the contract (if any), tick the checklist, apply
the answers (from a file and/or asked through the ``confirm`` callback the CLI passes), render it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import E_BAD_OPTION, GhostproofError
from ..words import Words
from .evaluate import Checklist, apply_answers, blank_checklist, check_document, parse_require, read_answers
from .items import Lang, load_items
from .render import Format, render


@dataclass(frozen=True)
class Outcome:
    checklist: Checklist
    text: str

    @property
    def exit_code(self) -> int:
        return self.checklist.exit_code


def ask(
    checklist: Checklist,
    *,
    confirm: Callable[[str], bool],
    tell: Callable[[str], object],
    skip: Sequence[str] = (),
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


def run_checklist(
    contract: Path | None,
    *,
    fmt: Format = "text",
    require: Sequence[str] | None = None,
    answers_file: Path | None = None,
    interactive: bool = False,
    terminal: bool = False,
    confirm: Callable[[str], bool] | None = None,
    tell: Callable[[str], object] = lambda _m: None,
    lang: Lang | None = None,
    report_lang: Lang | None = None,
    password: str | None = None,
    max_size: int | None = None,
    max_chars: int | None = None,
    width: int = 100,
    color: bool = False,
) -> Outcome:
    """The checklist for ``contract`` (or for none: every item open), answered and rendered in ``fmt``."""
    required = parse_require(require)
    if interactive and not terminal:
        raise GhostproofError(
            E_BAD_OPTION,
            "--interactive needs a terminal to ask on, and there is none",
            hint="give the answers in a file instead: --answers answers.toml (item_id = true/false per line)",
        )
    if interactive and confirm is None:
        raise GhostproofError(E_BAD_OPTION, "--interactive: nothing to ask with")
    answers = read_answers(answers_file) if answers_file else {}
    if contract is None:
        checklist = blank_checklist(required=required, report_language=report_lang or lang or "en")
    else:
        from ..ingest import DEFAULT_MAX_CHARS, DEFAULT_MAX_SIZE, load_document

        document = load_document(
            contract,
            password=password,
            lang=lang,
            max_size=max_size or DEFAULT_MAX_SIZE,
            max_chars=max_chars or DEFAULT_MAX_CHARS,
        )
        checklist = check_document(document, required=required, report_language=report_lang)
    checklist = apply_answers(checklist, answers)
    if interactive and confirm is not None:
        asked = ask(checklist, confirm=confirm, tell=tell, skip=[k for k in answers if not answers[k]])
        checklist = apply_answers(checklist, asked)
    return Outcome(checklist, render(checklist, fmt, width=width, color=color))
