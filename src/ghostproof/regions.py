"""The region a contract counts its deadlines in (``models/regions.toml``): from its own definition of a business
day ("public holidays in Saxony", "a day on which national banks in Texas are closed"), else from its place of
performance ("Erfüllungsort ist Leipzig"), else from its
governing law ("the laws of the State of New York").

The result says where it was read (character offsets into the document's text), so a report can show the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .data import read_model_toml
from .dates import COUNTRIES, RegionError, normal_region
from .errors import E_RULES, GhostproofError

#: the region of a name two regions share ("Freiburg"): it names none
AMBIGUOUS = "?"

#: how far into a contract its region is looked for (governing law often sits near the end: both ends are read)
SCAN_CHARS = 400_000


@dataclass(frozen=True)
class ContractRegion:
    """``region`` (e.g. "DE-SN") and the words it was read from; ``how``: "holidays", "banks" (a business day
    defined by the days banks close), "performance" or "law"."""

    region: str
    how: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class RegionRules:
    cues: dict[str, re.Pattern[str]]
    weekdays_only: re.Pattern[str]
    #: lowercased name -> region, longest names first
    names: tuple[tuple[str, str], ...]


def _fail(where: str, message: str) -> GhostproofError:
    return GhostproofError(E_RULES, message, path=where, hint="fix models/regions.toml (see the comment at its top)")


def _package_names() -> dict[str, str]:
    """The names the holiday calendars know for each region ("Sachsen" → DE-SN, "New York" → US-NY)."""
    import holidays

    out: dict[str, str] = {}
    for country in COUNTRIES:
        aliases: dict[str, str] = getattr(getattr(holidays, country), "subdivisions_aliases", {}) or {}
        for alias, code in aliases.items():
            if len(alias) >= 4:  # "B", "K", "NÖ", "Bgld" are abbreviations, not names a contract uses
                out[alias] = f"{country}-{code}"
    return out


@cache
def region_rules(root: Path | None = None) -> RegionRules:
    data, where = read_model_toml("regions.toml", "fix models/regions.toml (see the comment at its top)", root)
    kinds = {"holidays", "banks", "performance", "law", "weekdays_only"}
    if set(data) != {"cues", "names"} or set(data["cues"]) != kinds:
        raise _fail(where, "tables must be [cues] (holidays, banks, performance, law, weekdays_only) and [names]")
    cues: dict[str, re.Pattern[str]] = {}
    for key, entries in data["cues"].items():
        if not isinstance(entries, list) or not entries or not all(isinstance(e, str) and e for e in entries):
            raise _fail(where, f"cues.{key} must be a non-empty list of expressions")
        try:
            cues[key] = re.compile("|".join(f"(?:{e})" for e in entries), re.IGNORECASE)
        except re.error as exc:
            raise _fail(where, f"cues.{key}: bad expression ({exc})") from None
    names = _package_names()
    for name, code in data["names"].items():
        if not isinstance(code, str):
            raise _fail(where, f"names.{name!r} must be a region code")
        if code == AMBIGUOUS:
            names[name] = code
            continue
        try:
            names[name] = normal_region(code)
        except RegionError as exc:
            raise _fail(where, f"names.{name!r}: {exc}") from None
    ordered = tuple(sorted(((n.lower(), c) for n, c in names.items()), key=lambda nc: -len(nc[0])))
    return RegionRules({k: v for k, v in cues.items() if k != "weekdays_only"}, cues["weekdays_only"], ordered)


def _name_at(text: str, at: int, rules: RegionRules) -> tuple[str, int] | None:
    """The region whose name starts at ``at`` (longest first) and where the name ends."""
    window = text[at : at + 80].lower()
    for name, code in rules.names:
        if window.startswith(name) and not window[len(name) : len(name) + 1].isalnum():
            return code, at + len(name)
    return None


#: the ways a contract names its region, in the order they are read (the first that names one wins)
WAYS: tuple[str, ...] = ("holidays", "banks", "performance", "law")


def contract_region(text: str, ways: tuple[str, ...] = WAYS) -> ContractRegion | None:
    """The region the contract names for its deadlines, or None when it names none; ``ways``: only those (the law
    of the contract is not where its banks are: "commercial banks in New York" in an English-law contract)."""
    rules = region_rules()
    # the first and the last SCAN_CHARS characters (the whole text when it is shorter than both)
    windows = (
        [(0, len(text))] if len(text) <= 2 * SCAN_CHARS else [(0, SCAN_CHARS), (len(text) - SCAN_CHARS, len(text))]
    )
    for how in ways:
        for lo, hi in windows:
            for m in rules.cues[how].finditer(text, lo, hi):
                found = _name_at(text, m.end(), rules)
                if found is not None and found[0] != AMBIGUOUS:
                    code, end = found
                    return ContractRegion(code, how, m.start(), end, text[m.start() : end])
    return None


def werktage_are_weekdays(text: str) -> bool:
    """The contract defines its working days as Monday to Friday ("Werktage (Montag bis Freitag)")."""
    days = region_rules().weekdays_only
    return any(days.search(text, m.end(), m.end() + 100) is not None for m in _WERKTAG.finditer(text, 0, SCAN_CHARS))


#: where a contract defines its Werktage
_WERKTAG = re.compile(r"werktag(?:e|en)?\b", re.IGNORECASE)
