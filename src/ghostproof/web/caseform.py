"""The case of ``ghostproof assess`` as a web form: one control per field of :class:`~ghostproof.assess.case.Case`
(its type decides the control: a date picker, a number with its bounds, a choice, text), and the form's values back
to a case file's data, checked exactly as ``assess`` checks a case file."""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..model import Lang
from ..words import Words

#: fields the form does not show: the contract is the upload; "today" is today unless a loaded case names its day
HIDDEN = ("contract", "today")


@dataclass(frozen=True)
class CaseField:
    name: str
    label: str
    control: str  # "text", "email", "number", "date" or "select"
    required: bool
    value: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # (value, label)
    min: str | None = None
    max: str | None = None
    step: str = "any"


def _bare(annotation: Any) -> tuple[Any, bool]:
    """The annotation without ``| None``, and whether None was allowed."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return (args[0] if len(args) == 1 else annotation), True
    return annotation, False


def case_fields(lang: Lang, given: Mapping[str, str] | None = None) -> list[CaseField]:
    from ..assess.case import Case

    w = Words(lang, "web")
    labels = w.table("choice")
    out = []
    for name, info in Case.model_fields.items():
        if name in HIDDEN:
            continue
        kind, _ = _bare(info.annotation)
        required = info.is_required()
        value = (given or {}).get(name, "")
        low = next((str(getattr(m, a)) for m in info.metadata for a in ("ge", "gt") if hasattr(m, a)), None)
        high = next((str(getattr(m, a)) for m in info.metadata for a in ("le", "lt") if hasattr(m, a)), None)
        if typing.get_origin(kind) is typing.Literal:
            names = labels.get(name, {})
            choices = tuple((str(c), str(names.get(str(c), c))) for c in typing.get_args(kind))
            out.append(CaseField(name, w(f"case.{name}"), "select", required, value, choices))
        elif kind is dt.date:
            out.append(CaseField(name, w(f"case.{name}"), "date", required, value))
        elif kind in (int, Decimal):
            step = "1" if kind is int else "any"
            out.append(CaseField(name, w(f"case.{name}"), "number", required, value, (), low, high, step))
        else:
            control = "email" if name.endswith("email") else "text"
            out.append(CaseField(name, w(f"case.{name}"), control, required, value))
    return out


def case_data(form: Mapping[str, str]) -> dict[str, str]:
    """A case file's data from the form: empty fields left out (their defaults apply); the contract is the upload.
    Numbers may be typed as a German or an English reader writes them ("1.000,50", "1,000.50", "10,5")."""
    from ..assess.case import Case
    from ..clauses.params import plain_number

    data: dict[str, str] = {}
    for name, info in Case.model_fields.items():
        if name == "contract":
            continue
        value = form.get(name, "").strip()
        if value:
            kind, _ = _bare(info.annotation)
            data[name] = plain_number(value) if kind in (int, Decimal) else value
    return data


def labelled(problems: Sequence[str], lang: Lang) -> list[str]:
    """The case's problems ("agreed: must be a number") with the form's labels for the fields."""
    w = Words(lang, "web")
    out = []
    for line in problems:
        field, sep, rest = line.partition(": ")
        try:
            out.append(f"{w(f'case.{field}')}: {rest}" if sep else line)
        except KeyError:
            out.append(line)
    return out


def loaded(text: str) -> dict[str, str]:
    """A saved case file's values as the form's strings (what the form does not show is dropped); a GhostproofError
    (E180) when it is no TOML."""
    import tomllib

    from ..assess.case import Case
    from ..errors import E_CASE, GhostproofError

    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        raise GhostproofError(E_CASE, f"not a case file ({exc})", hint="load a .toml file this page saved") from None
    return {
        k: (v.isoformat() if isinstance(v, dt.date) else str(v))
        for k, v in data.items()
        if k in Case.model_fields
        and k != "contract"  # the contract is the upload; a saved "today" stays: the plan is for that day
        and isinstance(v, str | int | float | Decimal | dt.date)
        and not isinstance(v, bool)
    }
