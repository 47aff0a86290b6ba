"""Whole-document structure: does the text look like a contract at all, and where do its terms end?

Both read ``models/document.toml`` (see the comments there); the words are data, this module only counts.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..data import data_dir
from ..errors import E_RULES, GhostproofError
from ..model import Block, Document

LANGS = ("en", "de")
_TOP_NUMBER = re.compile(r"^(?:§\s*|Art\.\s*|Article\s+|Artikel\s+|Section\s+|Ziffer\s+)?(\d+)", re.IGNORECASE)


#: the kinds of signal counted besides the vocabulary (see models/document.toml)
SIGNALS = ("parties", "obligations", "execution", "title")
#: what an entry of ``enough`` may ask for: the signals and ``terms`` (different vocabulary entries)
COUNTS = ("terms", *SIGNALS)


@dataclass(frozen=True)
class ContractRules:
    vocabulary: tuple[re.Pattern[str], ...]
    signals: dict[str, re.Pattern[str]]
    title_chars: int
    scan_chars: int
    tail_chars: int
    enough: tuple[dict[str, int], ...]


@dataclass(frozen=True)
class BackMatterRules:
    closing: re.Pattern[str]
    signature: re.Pattern[str]
    annex: re.Pattern[str]
    max_words: int


@dataclass(frozen=True)
class ContractSignals:
    """What :func:`contract_signals` counted (``terms``: different vocabulary entries), and the verdict."""

    terms: int
    counts: dict[str, int]
    looks_like_contract: bool


def _fail(where: str, message: str) -> GhostproofError:
    return GhostproofError(E_RULES, message, path=where, hint="fix the rule file (see models/document.toml)")


def _strings(table: dict[str, Any], key: str, where: str) -> list[str]:
    value = table.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where, f"{key} must be a non-empty list of regular expressions")
    return value


def _compile(patterns: list[str], where: str, *, anchored: bool = False) -> re.Pattern[str]:
    """One expression for a list. ``anchored``: case-insensitive, matched at a block's start. Otherwise the
    expressions are searched in the lowercased text and must be lowercase themselves: without IGNORECASE and
    without a leading word-boundary test Python's ``re`` can jump to the literal start of a pattern, which makes
    counting 20 times faster (the word boundaries are checked by :func:`_count`)."""
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise _fail(where, f"bad regular expression {p!r}: {exc}") from None
        if not anchored and re.sub(r"\\[A-Za-z]", "", p) != re.sub(r"\\[A-Za-z]", "", p).lower():
            raise _fail(where, f"{p!r}: write it in lowercase (the text is lowercased before it is searched)")
    body = "|".join(f"(?:{p.replace(' ', chr(92) + 's+')})" for p in patterns)
    return re.compile(rf"^(?:{body})", re.IGNORECASE) if anchored else re.compile(body)


def _positive_int(table: dict[str, Any], key: str, where: str) -> int:
    value = table.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise _fail(where, f"{key} must be a whole number of at least 1")
    return value


@cache
def _read(root: Path | None = None) -> tuple[Path, dict[str, Any]]:
    """models/document.toml, read once, with its four tables."""
    path = (root or data_dir("models")) / "document.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise _fail(str(path), f"cannot read the document rules ({exc})") from None
    if set(data) != {"contract", "back_matter", "part_of", "contents"}:
        raise _fail(str(path), "needs exactly the tables [contract], [back_matter], [part_of] and [contents]")
    return path, data


@cache
def _load(root: Path | None = None) -> tuple[dict[str, ContractRules], dict[str, BackMatterRules]]:
    path, data = _read(root)
    contract, back = data["contract"], data["back_matter"]
    contracts: dict[str, ContractRules] = {}
    backs: dict[str, BackMatterRules] = {}
    if set(contract) != {"title_chars", "scan_chars", "tail_chars", "enough", *LANGS}:
        keys = f"title_chars, scan_chars, tail_chars, enough, {', '.join(LANGS)}"
        raise _fail(f"{path} [contract]", f"keys must be {keys}")
    if set(back) != {"max_words", *LANGS}:
        raise _fail(f"{path} [back_matter]", f"keys must be max_words, {', '.join(LANGS)}")
    enough = contract["enough"]
    if (
        not isinstance(enough, list)
        or not enough
        or not all(
            isinstance(e, dict)
            and e
            and set(e) <= set(COUNTS)
            and all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in e.values())
            for e in enough
        )
    ):
        raise _fail(f"{path} [contract]", f"enough must be a list of tables of counts ({', '.join(COUNTS)})")
    for lang in LANGS:
        where = f"{path} [contract.{lang}]"
        table = contract[lang]
        if set(table) != {"vocabulary", *SIGNALS}:
            raise _fail(where, f"keys must be vocabulary, {', '.join(SIGNALS)}")
        words = _strings(table, "vocabulary", where)
        if len(set(words)) != len(words):
            raise _fail(where, "vocabulary has duplicates")
        contracts[lang] = ContractRules(
            tuple(_compile([w], where) for w in words),
            {k: _compile(_strings(table, k, where), where) for k in SIGNALS},
            _positive_int(contract, "title_chars", f"{path} [contract]"),
            _positive_int(contract, "scan_chars", f"{path} [contract]"),
            _positive_int(contract, "tail_chars", f"{path} [contract]"),
            tuple(dict(e) for e in enough),
        )
        where = f"{path} [back_matter.{lang}]"
        table = back[lang]
        if set(table) != {"closing", "signature", "annex"}:
            raise _fail(where, "keys must be closing, signature, annex")
        backs[lang] = BackMatterRules(
            _compile(_strings(table, "closing", where), where, anchored=True),
            _compile(_strings(table, "signature", where), where, anchored=True),
            _compile(_strings(table, "annex", where), where, anchored=True),
            _positive_int(back, "max_words", f"{path} [back_matter]"),
        )
    return contracts, backs


def _count(pattern: re.Pattern[str], text: str, cap: int) -> int:
    """Matches of ``pattern`` in ``text`` that are whole words (nothing alphanumeric just before or after), up to
    ``cap``."""
    n = 0
    for m in pattern.finditer(text):
        start, end = m.span()
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            n += 1
            if n >= cap:
                break
    return n


def contract_signals(text: str, lang: str, root: Path | None = None) -> ContractSignals:
    """Count the contract signals of ``text`` and decide whether it looks like a contract."""
    rules = _load(root)[0][lang]
    if len(text) > rules.scan_chars + rules.tail_chars:
        text = text[: rules.scan_chars] + "\n" + text[-rules.tail_chars :]
    text = text.lower()
    terms = sum(1 for p in rules.vocabulary if _count(p, text, 1))
    counts: dict[str, int] = {}
    for kind, pattern in rules.signals.items():
        cap = max(need.get(kind, 0) for need in rules.enough) or 1
        counts[kind] = _count(pattern, text[: rules.title_chars] if kind == "title" else text, cap)
    counts["terms"] = terms
    looks = any(all(counts[k] >= n for k, n in need.items()) for need in rules.enough)
    return ContractSignals(terms, counts, looks)


def top_number(label: str | None) -> int | None:
    """The top-level number of a section label: "11.2" -> 11, "§ 4(2)" -> 4, "Art. 5" -> 5; None otherwise."""
    if not label:
        return None
    m = _TOP_NUMBER.match(label.strip())
    return int(m.group(1)) if m else None


def back_matter_start(document: Document, root: Path | None = None) -> int | None:
    """Index of the block where the contract's terms end (closing formula, signatures, annexes), or None.

    Only a block after the first numbered section counts, and only when no later block continues the main
    numbering (an annex may number its own paragraphs from 1 again; a "Date:" line inside § 1 is not the end)."""
    rules = _load(root)[1][document.lang]
    blocks = document.blocks
    first = next((i for i, b in enumerate(blocks) if top_number(b.section) is not None), None)
    if first is None:
        return None
    # the highest top-level number after each block, to see whether the main numbering goes on
    later_max: list[int] = [0] * (len(blocks) + 1)
    for i in range(len(blocks) - 1, -1, -1):
        later_max[i] = max(later_max[i + 1], top_number(blocks[i].section) or 0)
    seen = 0
    for i, block in enumerate(blocks):
        if i > first and _is_back_matter(block, rules) and later_max[i] <= seen:
            return i
        seen = max(seen, top_number(block.section) or 0)
    return None


def _is_back_matter(block: Block, rules: BackMatterRules) -> bool:
    text = block.text.strip()
    words = len(text.split())
    if not text or words > 3 * rules.max_words:
        return False
    if rules.closing.match(text):  # "IN WITNESS WHEREOF, the parties … have executed …" may run long
        return True
    if words > rules.max_words:
        return False
    return bool(rules.signature.match(text)) or (bool(rules.annex.match(text)) and not text.endswith("."))


@dataclass(frozen=True)
class PartOfRules:
    """What a part of another agreement calls itself, titles that are whole agreements all the same, how it refers
    to the other one, and how far it is read (title_chars, scan_chars)."""

    kinds: re.Pattern[str]
    not_kinds: re.Pattern[str]
    refers: tuple[re.Pattern[str], ...]
    reach: tuple[int, int]


@cache
def _part_of_rules(root: Path | None = None) -> dict[str, PartOfRules]:
    path, data = _read(root)
    table = data["part_of"]
    where = f"{path} [part_of]"
    if set(table) != {"title_chars", "scan_chars", *LANGS}:
        raise _fail(where, f"keys must be title_chars, scan_chars, {', '.join(LANGS)}")
    out: dict[str, PartOfRules] = {}
    for lang in LANGS:
        here = f"{where[:-1]}.{lang}]"
        rules = table[lang]
        if set(rules) != {"kinds", "not_kinds", "refers"}:
            raise _fail(here, "keys must be kinds, not_kinds, refers")
        refers = _strings(rules, "refers", here)
        if not all("(?P<name>" in r for r in refers):
            raise _fail(here, "every expression of refers needs the group (?P<name>…)")
        _compile([r.replace("(?P<name>", "(") for r in refers], here)  # (checks each expression and its lowercase)
        out[lang] = PartOfRules(
            _compile(_strings(rules, "kinds", here), here),
            _compile(_strings(rules, "not_kinds", here), here),
            tuple(re.compile(r.replace(" ", r"\s+")) for r in refers),
            (_positive_int(table, "title_chars", where), _positive_int(table, "scan_chars", where)),
        )
    return out


#: a first line shorter than this is read with the line after it as the title
SHORT_TITLE = 20


def part_of(text: str, lang: str, root: Path | None = None) -> tuple[int, int] | None:
    """Where a text that is part of another agreement (an amendment, an addendum, a statement of work …: its title
    says so) names that agreement, as character offsets into ``text``; ``(0, 0)`` when it names none; None for a text
    that is no such part."""
    rules = _part_of_rules(root)[lang]
    # the title: the first line with words on it, within title_chars (a text without line breaks: its start), and
    # the next one where the first is short ("Exhibit 10.1", "FIRST AMENDMENT" above "TO CONSULTING AGREEMENT")
    title_chars, scan_chars = rules.reach
    lines = [line.strip() for line in text[:title_chars].lower().splitlines() if line.strip()]
    title = " ".join(lines[:2] if lines and len(lines[0]) < SHORT_TITLE else lines[:1])
    if not _count(rules.kinds, title, 1) or _count(rules.not_kinds, title, 1):
        return None
    scan = text[:scan_chars].lower()
    # the first reference in the text that names the agreement by more than a bare "the Agreement"
    spans = [m.span("name") for p in rules.refers for m in p.finditer(scan) if " " in m.group("name").strip()]
    return min(spans, default=(0, 0))


@cache
def _contents_rules(root: Path | None = None) -> tuple[re.Pattern[str], re.Pattern[str], int, int]:
    path, data = _read(root)
    table = data["contents"]
    where = f"{path} [contents]"
    if set(table) != {"min_entries", "reach_chars", "needs", "entries"}:
        raise _fail(where, "keys must be min_entries, reach_chars, needs, entries")
    needs = _strings(table, "needs", where)
    for p in needs:
        try:
            re.compile(p)
        except re.error as exc:
            raise _fail(where, f"bad regular expression {p!r}: {exc}") from None
    return (
        re.compile("|".join(f"(?:{p})" for p in needs)),
        _compile(_strings(table, "entries", where), where),
        _positive_int(table, "min_entries", where),
        _positive_int(table, "reach_chars", where),
    )


def contents_reach(root: Path | None = None) -> int:
    """How far into a text a table of contents is looked for (characters; ``reach_chars``)."""
    return _contents_rules(root)[3]


def may_hold_contents(text: str, root: Path | None = None) -> bool:
    """Whether ``text`` holds what every entry of a table of contents holds (``needs``): a passage inside a text
    that does not cannot be (part of) one."""
    return _contents_rules(root)[0].search(text) is not None


def is_contents(text: str, root: Path | None = None) -> bool:
    """Whether ``text`` is (part of) a table of contents: it holds at least ``min_entries`` entries (see
    models/document.toml)."""
    needs, pattern, least, _reach = _contents_rules(root)
    if needs.search(text) is None:
        return False
    return sum(1 for _ in itertools.islice(pattern.finditer(text.lower()), least)) >= least
