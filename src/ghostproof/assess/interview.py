"""The ``assess --interactive`` interview: the case facts asked one by one in the contract's language, each
answer checked as it is given (asked again until it fits), the answers checked together at the end."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..errors import E_CASE, GhostproofError
from ..words import Words
from .case import Case, check_field, describe

#: questions that may be left empty
OPTIONAL = frozenset(
    {
        "client_contact",
        "hourly_rate",
        "delivered_on",
        "invoice_date",
        "region",
        "missing_cooperation",
        "last_message",
        "contract_type",
    }
)
#: questions asked only for a contract under German law
GERMAN_LAW_ONLY = frozenset({"contract_type", "missing_cooperation"})


def defaults(lang: str, today: date) -> dict[str, str]:
    """The answers offered when the person just presses Enter."""
    german = lang == "de"
    return {
        "jurisdiction": "DE" if german else "other",
        "client_type": "business",
        "currency": "EUR" if german else "USD",
        "last_contact": today.isoformat(),
    }


def interview(
    contract: Path,
    lang: str,
    ask: Callable[[str, str | None], str],
    tell: Callable[[str], None],
    today: date | None = None,
    region: str | None = None,
    contract_type: str | None = None,
) -> Case:
    """Ask every field of a case through ``ask(question, default)``; ``tell`` shows why an answer was refused.
    ``region``: the region the contract names, offered as the answer for public holidays."""
    from pydantic import ValidationError

    offered = defaults(lang, today or date.today())
    if region is not None:
        offered["region"] = region
    if contract_type is not None:
        offered["contract_type"] = contract_type
    answers: dict[str, object] = {"contract": str(contract.resolve()), "language": lang}
    questions = Words(lang, "interview")
    for name in questions.table(""):
        if name in GERMAN_LAW_ONLY and answers.get("jurisdiction") != "DE":
            continue
        default = offered.get(name, "" if name in OPTIONAL else None)
        while True:
            raw = ask(questions(name), default)
            if raw == "" and name in OPTIONAL:
                break
            try:
                check_field(name, raw)
            except ValidationError as exc:
                tell(f"  {describe(exc.errors()[0])}")
                continue
            answers[name] = raw
            break
    try:
        return Case.model_validate(answers)
    except ValidationError as exc:
        raise GhostproofError(
            E_CASE, "the answers do not fit together: " + "; ".join(describe(e) for e in exc.errors())
        ) from None
