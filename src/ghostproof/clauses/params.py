"""A clause parameter (``{{ hourly_rate }}``): its type, bounds and defaults as declared in a clause file, and a
user's values (``--set``, an engagement file, a prompt) checked against it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .. import formatting
from ..errors import E_CLAUSES, GhostproofError
from .period import Period

LANGS = ("en", "de")
PARAM_TYPES = ("int", "number", "money", "percent", "choice", "text", "period")


def file_error(path: Path, message: str) -> GhostproofError:
    return GhostproofError(E_CLAUSES, message, path=path, hint="fix the clause file (see clauses/README.md)")


@dataclass(frozen=True)
class FromContract:
    """``from_contract = { attribute = "percent", better = "higher", when = { period = "month" } }``"""

    attribute: str
    #: "higher" (a fee, a rate) or "lower" (days until payment or acceptance) is better for the contractor
    better: str
    when: Mapping[str, object] = field(default_factory=dict)
    #: problem codes that concern the figure itself (a flat fee too high to hold): it is not kept, and the user is
    #: told so
    unless: tuple[str, ...] = ()
    #: for a period (``type = "period"``): the attributes that hold it in calendar months, the kind of its days and
    #: the end it runs to (``attribute`` holds its days)
    months: str | None = None
    kind: str | None = None
    end: str | None = None

    def period(self, attributes: Mapping[str, object]) -> Period | None:
        """The period the finding's attributes state, as written (months, business days, to a month's end)."""
        days = attributes.get(self.attribute)
        if not isinstance(days, int) or isinstance(days, bool):
            return None
        return Period.from_attributes(
            days,
            attributes.get(self.months) if self.months else None,
            attributes.get(self.kind) if self.kind else None,
            attributes.get(self.end) if self.end else None,
        )

    def holds(self, attributes: Mapping[str, object]) -> bool:
        """The finding's attributes meet ``when`` (a list of values: any of them)."""
        for key, want in self.when.items():
            got = attributes.get(key)
            if got not in want if isinstance(want, list) else got != want:
                return False
        return True

    def improves(self, found: Decimal, default: object) -> bool:
        """The contract's figure ``found`` is better for the contractor than ``default`` (or there is none); a period
        by about how long it lasts (``found`` in days)."""
        if default is None:
            return True
        other = default.days() if isinstance(default, Period) else Decimal(str(default))
        return found > other if self.better == "higher" else found < other


@dataclass(frozen=True)
class Param:
    """A value a clause text uses: ``{{ name }}``."""

    name: str
    type: str
    help: Mapping[str, str]
    #: per language; None = the user must give it (addendum asks or exits 2)
    default: Mapping[str, object] = field(default_factory=dict)
    #: used instead of a missing default where a clause must be rendered without the user (library tests)
    example: object = None
    min: Decimal | None = None
    max: Decimal | None = None
    choices: tuple[str, ...] = ()
    #: where the contract's own figure is the default (an addendum never lowers what the contract gives the
    #: contractor): the family's attribute, which way is better for the contractor, and attribute values it needs
    from_contract: FromContract | None = None
    #: names the parameter had before (``--set notice_days=30`` still sets ``notice``)
    formerly: tuple[str, ...] = ()

    def default_for(self, lang: str) -> object:
        return self.default.get(lang)

    def parse(self, raw: object) -> object:
        """A user's value (from --set, a config file or a prompt) checked against type and bounds."""
        if self.type == "text":
            text = str(raw).strip()
            if not text:
                raise ValueError("must not be empty")
            return text
        if self.type == "choice":
            value = str(raw).strip()
            for c in self.choices:
                if c.lower() == value.lower():
                    return c
            raise ValueError(f"must be one of {', '.join(self.choices)}")
        if self.type == "period":
            period = Period.parse(raw)
            if self.min is not None and period.length() < self.min:
                raise ValueError(f"must be at least {formatting.number(self.min, 'en')} days")
            if self.max is not None and period.length() > self.max:
                raise ValueError(f"must be at most {formatting.number(self.max, 'en')} days")
            return period
        text = plain_number(str(raw))
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"{raw!r} is not a number") from None
        if not number.is_finite():
            raise ValueError(f"{raw!r} is not a number")
        if self.type == "int" and number != number.to_integral_value():
            raise ValueError("must be a whole number")
        if self.min is not None and number < self.min:
            raise ValueError(f"must be at least {formatting.number(self.min, 'en')}")
        if self.max is not None and number > self.max:
            raise ValueError(f"must be at most {formatting.number(self.max, 'en')}")
        return int(number) if self.type == "int" else number

    def format(self, value: object, lang: str, currency: str | None) -> str:
        """The value as it appears in clause text (German decimal comma; money with its ISO currency code)."""
        if self.type in ("text", "choice"):
            return str(value)
        if self.type == "period":
            return Period.parse(value).format(lang)
        number = Decimal(str(value))
        if self.type == "money":
            return formatting.money(number, currency, lang, sign=False)
        return formatting.number(number, lang)


#: digits grouped in thousands by one separator: "1,250", "1.250.000" (not "0,125": that is a fraction)
_THOUSANDS = {sep: re.compile(rf"[+-]?[1-9]\d{{0,2}}(?:\{sep}\d{{3}})+") for sep in ",."}


def plain_number(raw: str) -> str:
    """A number as the user typed it ("1,5", "1.250,50", "1,250.50", "12 500", "9 %") in Decimal syntax.

    With both separators the last one is the decimal mark. A separator that splits the digits into thousands after a
    non-zero integer part ("1,250", "1.250", "1.250.000") groups them; a single one otherwise is the decimal mark
    ("1,5", "0,125", "12.5"); anything else is left for Decimal to reject ("1,2,3")."""
    text = re.sub(r"[\s\u00a0\u202f]", "", raw).removesuffix("%")
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        group = "." if decimal_mark == "," else ","
        return text.replace(group, "").replace(decimal_mark, ".")
    for sep in ",.":
        if sep in text:
            if _THOUSANDS[sep].fullmatch(text):
                return text.replace(sep, "")
            return text.replace(sep, ".") if text.count(sep) == 1 else text
    return text


def read_param(path: Path, name: str, spec: Any) -> Param:
    where = f"params.{name}"
    if not isinstance(spec, dict):
        raise file_error(path, f"{where} must be a table")
    ptype = spec.get("type")
    if ptype not in PARAM_TYPES:
        raise file_error(path, f"{where}.type must be one of {', '.join(PARAM_TYPES)}")
    help_ = spec.get("help")
    if not isinstance(help_, dict) or any(not isinstance(help_.get(lang), str) for lang in LANGS):
        raise file_error(path, f"{where}.help needs en and de")
    unknown = set(spec) - {"type", "help", "default", "example", "min", "max", "choices", "from_contract", "formerly"}
    if unknown:
        raise file_error(path, f"{where}: unknown key {', '.join(sorted(unknown))}")
    choices = tuple(spec.get("choices", ()))
    if ptype == "choice" and not choices:
        raise file_error(path, f"{where}: a choice needs choices")
    bounds = {k: Decimal(str(spec[k])) for k in ("min", "max") if k in spec}
    param = Param(name=name, type=ptype, help=help_, choices=choices, **bounds)  # type: ignore[arg-type]
    raw_default = spec.get("default")
    defaults: dict[str, object] = {}
    if raw_default is not None:
        per_lang = raw_default if isinstance(raw_default, dict) else dict.fromkeys(LANGS, raw_default)
        for lang, value in per_lang.items():
            try:
                defaults[lang] = param.parse(value)
            except ValueError as exc:
                raise file_error(path, f"{where}.default ({lang}): {exc}") from None
    example = None
    if "example" in spec:
        try:
            example = param.parse(spec["example"])
        except ValueError as exc:
            raise file_error(path, f"{where}.example: {exc}") from None
    if not defaults and example is None:
        raise file_error(path, f"{where}: give a default or, for a value only the user knows, an example")
    source = _from_contract(path, where, spec.get("from_contract"), ptype)
    formerly = spec.get("formerly", [])
    if not isinstance(formerly, list) or not all(isinstance(n, str) and n for n in formerly):
        raise file_error(path, f"{where}.formerly: a list of the names the parameter had before")
    return Param(
        name=name,
        type=ptype,
        help=help_,
        default=defaults,
        example=example,
        choices=choices,
        from_contract=source,
        formerly=tuple(formerly),
        **bounds,
    )


def _from_contract(path: Path, where: str, spec: Any, ptype: str) -> FromContract | None:
    if spec is None:
        return None
    if ptype not in ("int", "number", "money", "percent", "period"):
        raise file_error(path, f"{where}.from_contract: only a number or a period can come from the contract")
    keys = {"attribute", "better", "when", "unless"} | ({"months", "kind", "end"} if ptype == "period" else set())
    if not isinstance(spec, dict) or not {"attribute", "better"} <= set(spec) <= keys:
        raise file_error(
            path,
            f"{where}.from_contract needs attribute and better (and may have when, unless"
            + (", months, kind, end)" if ptype == "period" else ")"),
        )
    extra = {k: spec.get(k) for k in ("months", "kind", "end")}
    if any(v is not None and not isinstance(v, str) for v in extra.values()):
        raise file_error(path, f"{where}.from_contract: months, kind and end name attributes")
    attribute, better, when, unless = spec["attribute"], spec["better"], spec.get("when", {}), spec.get("unless", [])
    if (
        not isinstance(attribute, str)
        or better not in ("higher", "lower")
        or not isinstance(when, dict)
        or not isinstance(unless, list)
    ):
        raise file_error(
            path, f"{where}.from_contract: attribute is a name, better higher or lower, when a table, unless a list"
        )
    return FromContract(attribute, better, dict(when), tuple(unless), **extra)
