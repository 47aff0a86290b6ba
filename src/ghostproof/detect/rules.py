"""Load and validate the detection rules kept as data under ``models/``.

- ``models/families.toml``: per clause family, the cues it knows, which cue combinations make a clause
  (``require``: any one list whose cues all occur in one clause), which cues veto a clause (near-misses), which
  cues become boolean attributes (``flags``) and which cues may also be found elsewhere in the same section
  (``section_cues``).
- ``models/patterns/<lang>/<family>.jsonl``: spaCy patterns, one per line:
  ``{"label": "<family>/<cue>", "id": "...", "pattern": "phrase" | [token dicts]}``. A string pattern goes to a
  ``PhraseMatcher`` (case-insensitive), a list to a ``Matcher``. Cues starting with ``@`` are supplied by the
  quantity parsers (``@duration``, ``@money``, ``@percent``), not by patterns.

Adding a phrase needs no code; a typo (unknown family or cue, duplicate id, invalid token pattern) fails loudly
with the file and line.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from json.encoder import encode_basestring_ascii
from pathlib import Path
from typing import Any

from ..data import data_dir
from ..errors import E_RULES, GhostproofError
from ..findings import FAMILIES

SYNTHETIC_CUES = frozenset({"@duration", "@money", "@percent"})
LANGS = ("en", "de")


def models_dir() -> Path:
    """``models/``: the copy installed inside the package, or a source checkout's (see :mod:`ghostproof.data`)."""
    return data_dir("models")


@dataclass(frozen=True)
class FamilyRules:
    id: str
    cues: frozenset[str]
    require: tuple[frozenset[str], ...]
    veto: frozenset[str] = frozenset()
    unless: frozenset[str] = frozenset()
    flags: dict[str, str] = field(default_factory=dict)
    section_cues: frozenset[str] = frozenset()
    #: cues whose phrase hits are cues only: they do not open token-matcher windows (see detect/matching.py)
    context_cues: frozenset[str] = frozenset()
    #: how many sentences away from the family's other hits its context cues still count
    context_sentences: int = 0
    #: after a hit in a sentence that ends with a colon (a lead-in: "may be terminated upon any of the following
    #: events:"), how many sentences of the list after it the context cues still count in
    list_sentences: int = 0
    #: numbers the family's verdict compares with (e.g. the kill fee's percentage above which it is flagged)
    limits: dict[str, float] = field(default_factory=dict)

    def qualifies(self, cues: set[str], synthetic: Callable[[frozenset[str]], set[str]] | None = None) -> bool:
        """All cues of one ``require`` list present, and no veto (unless rescued). ``synthetic`` supplies the
        parser cues (@duration ...) it is asked for, lazily: only when a ``require`` list needs them."""
        ok = False
        for plain, parsed in self._split_require:
            if plain <= cues and (not parsed or (synthetic is not None and parsed <= synthetic(parsed))):
                ok = True
                break
        if not ok:
            return False
        return not (cues & self.veto) or bool(cues & self.unless)

    @cached_property
    def _split_require(self) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
        """Each ``require`` list split into its pattern cues and its parser cues (``@...``)."""
        return tuple(
            (frozenset(c for c in req if not c.startswith("@")), frozenset(c for c in req if c.startswith("@")))
            for req in self.require
        )


@dataclass(frozen=True)
class Row:
    """One line of a pattern file, as read: where it is (file:line), its label, id and pattern."""

    at: str
    label: str
    id: str
    pattern: str | list[dict[str, Any]]


@dataclass(frozen=True)
class Pattern:
    """A pattern of a group: a clause family ("termination") or the checklist ("checklist", cue "<item>" or
    "<item>/<cue>"); its label is "<group>/<cue>"."""

    family: str
    cue: str
    id: str
    pattern: str | list[dict[str, Any]]
    source: str  # file:line

    @property
    def label(self) -> str:
        return f"{self.family}/{self.cue}"


@dataclass(frozen=True)
class RuleSet:
    lang: str
    families: dict[str, FamilyRules]
    phrases: list[Pattern]
    tokens: list[Pattern]


def _fail(where: str, message: str) -> GhostproofError:
    return GhostproofError(E_RULES, message, path=where, hint="fix the rule file (see models/README.md)")


def _str_set(value: Any, where: str, key: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _fail(where, f"{key} must be a list of cue names")
    return frozenset(value)


@cache
def load_families(root: Path | None = None) -> dict[str, FamilyRules]:
    path = (root or models_dir()) / "families.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise _fail(str(path), f"cannot read the family definitions ({exc})") from None
    unknown = set(data) - set(FAMILIES)
    missing = set(FAMILIES) - set(data)
    if unknown or missing:
        raise _fail(
            str(path), f"families must be exactly the nine ids (unknown {sorted(unknown)}, missing {sorted(missing)})"
        )
    families: dict[str, FamilyRules] = {}
    for fid in FAMILIES:
        spec = data[fid]
        where = f"{path} [{fid}]"
        allowed = {
            "cues",
            "require",
            "veto",
            "unless",
            "flags",
            "section_cues",
            "context_cues",
            "context_sentences",
            "list_sentences",
            "limits",
        }
        if extra := set(spec) - allowed:
            raise _fail(where, f"unknown keys {sorted(extra)}")
        cues = _str_set(spec.get("cues"), where, "cues")
        known = cues | SYNTHETIC_CUES
        require = spec.get("require")
        if not isinstance(require, list) or not require:
            raise _fail(where, "require must be a non-empty list of cue lists")
        req_sets = tuple(_str_set(r, where, "require[]") for r in require)
        veto = _str_set(spec.get("veto", []), where, "veto")
        unless = _str_set(spec.get("unless", []), where, "unless")
        section_cues = _str_set(spec.get("section_cues", []), where, "section_cues")
        context_cues = _str_set(spec.get("context_cues", []), where, "context_cues")
        flags = spec.get("flags", {})
        if not isinstance(flags, dict) or not all(isinstance(v, str) for v in flags.values()):
            raise _fail(where, "flags must map attribute names to cue names")
        for name in [*(c for r in req_sets for c in r), *veto, *unless, *section_cues, *context_cues, *flags.values()]:
            if name not in known:
                raise _fail(where, f"cue {name!r} is used but not declared in cues")
        reach = spec.get("context_sentences", 0)
        if not isinstance(reach, int) or not 0 <= reach <= 5:
            raise _fail(where, "context_sentences must be a whole number from 0 to 5")
        listed = spec.get("list_sentences", 0)
        if not isinstance(listed, int) or isinstance(listed, bool) or not 0 <= listed <= 20:
            raise _fail(where, "list_sentences must be a whole number from 0 to 20")
        limits = spec.get("limits", {})
        if not isinstance(limits, dict) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) and v >= 0 for v in limits.values()
        ):
            raise _fail(where, "limits must map names to numbers of 0 or more")
        families[fid] = FamilyRules(
            fid, cues, req_sets, veto, unless, dict(flags), section_cues, context_cues, reach, listed, dict(limits)
        )
    return families


_ROW_KEYS = frozenset({"label", "id", "pattern"})
PatternValue = str | list[dict[str, Any]]


def _parse_lines(where: str, lines: list[tuple[int, str]]) -> list[Any]:
    """The JSON value of each line: parsed as one array (one parser call per file instead of one per line), or,
    when that fails or a line holds more than one value, line by line to name the line at fault."""
    try:
        rows = json.loads("[" + ",".join(line for _, line in lines) + "]")
        if isinstance(rows, list) and len(rows) == len(lines):
            return rows
    except json.JSONDecodeError:
        pass
    out = []
    for lineno, line in lines:
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise _fail(f"{where}:{lineno}", f"not valid JSON ({exc.msg})") from None
    return out


def read_rows(
    text: str,
    where: str,
    fail: Callable[[str, str], GhostproofError] | None = None,
    label_form: str = '"<family>/<cue>"',
) -> list[Row]:
    """The pattern lines of one file (``{"label", "id", "pattern"}``; blank and ``//`` lines skipped), each checked
    for its shape: a label with a ``/``, a non-empty id, a phrase or a non-empty list of token dicts. The one
    reader of every pattern file (clause families and checklist items); what a label may name is checked by the
    caller."""
    fail = fail or _fail
    lines = [
        (lineno, line)
        for lineno, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("//")
    ]
    out: list[Row] = []
    for (lineno, _), row in zip(lines, _parse_lines(where, lines), strict=True):
        at = f"{where}:{lineno}"
        if not isinstance(row, dict) or row.keys() != _ROW_KEYS:
            raise fail(at, 'each line needs exactly "label", "id" and "pattern"')
        label, pid, pattern = row["label"], row["id"], row["pattern"]
        if not isinstance(label, str) or "/" not in label:
            raise fail(at, f"label must be {label_form}, not {label!r}")
        if not isinstance(pid, str) or not pid.strip():
            raise fail(at, "id must be a non-empty string")
        if isinstance(pattern, str):
            if not pattern.strip():
                raise fail(at, "empty phrase")
        elif not (isinstance(pattern, list) and pattern and all(isinstance(t, dict) and t for t in pattern)):
            raise fail(at, "pattern must be a phrase or a non-empty list of token dicts")
        out.append(Row(at, label, pid, pattern))
    if not out:
        raise fail(where, "empty pattern file")
    return out


def check_unique(rows: list[Row], fail: Callable[[str, str], GhostproofError] | None = None) -> None:
    """No id twice, and no pattern twice for one label (over all the files of one language)."""
    fail = fail or _fail
    seen_ids: dict[str, str] = {}
    seen_patterns: dict[tuple[str, str], str] = {}
    for r in rows:
        if r.id in seen_ids:
            raise fail(r.at, f"duplicate id {r.id!r} (first at {seen_ids[r.id]})")
        seen_ids[r.id] = r.at
        text = (
            encode_basestring_ascii(r.pattern) if isinstance(r.pattern, str) else json.dumps(r.pattern, sort_keys=True)
        )
        key = (r.label, text.lower())  # a phrase as json.dumps writes it, only faster
        if key in seen_patterns:
            raise fail(r.at, f"duplicate pattern (first at {seen_patterns[key]})")
        seen_patterns[key] = r.at


def family_patterns(rows: list[Row], families: dict[str, FamilyRules], file_family: str | None = None) -> list[Pattern]:
    """Rows whose labels name a clause family and one of its cues (``<family>/<cue>``), as patterns."""
    out: list[Pattern] = []
    for row in rows:
        fam, cue = row.label.split("/", 1)
        if file_family is not None and fam != file_family:
            raise _fail(row.at, f"label family {fam!r} does not match the file {file_family!r}")
        if fam not in families:
            raise _fail(row.at, f"unknown clause family {fam!r}")
        if cue not in families[fam].cues:
            raise _fail(row.at, f"cue {cue!r} is not declared for {fam} in families.toml")
        out.append(Pattern(fam, cue, row.id, row.pattern, row.at))
    return out


def _read_patterns(path: Path, families: dict[str, FamilyRules]) -> list[Pattern]:
    family = path.stem
    if family not in families:
        raise _fail(str(path), f"pattern file for unknown family {family!r}")
    return family_patterns(read_rows(path.read_text(encoding="utf-8"), str(path)), families, family)


def with_patterns(base: RuleSet, added: list[Pattern], *, replace: bool = False) -> RuleSet:
    """``base`` with ``added`` patterns (instead of its own with ``replace``), checked for duplicates."""
    patterns = [*([] if replace else [*base.phrases, *base.tokens]), *added]
    check_unique([Row(p.source, p.label, p.id, p.pattern) for p in patterns])
    return RuleSet(
        lang=base.lang,
        families=base.families,
        phrases=[p for p in patterns if isinstance(p.pattern, str)],
        tokens=[p for p in patterns if not isinstance(p.pattern, str)],
    )


@cache
def load_rules(lang: str, root: Path | None = None) -> RuleSet:
    """All patterns of one language, validated (token patterns are validated again by spaCy's Matcher)."""
    base = root or models_dir()
    families = load_families(base)
    folder = base / "patterns" / lang
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise _fail(str(folder), f"no pattern files for language {lang!r}")
    patterns = [p for f in files for p in _read_patterns(f, families)]
    check_unique([Row(p.source, p.label, p.id, p.pattern) for p in patterns])
    have: dict[str, set[str]] = {fid: set() for fid in families}
    for p in patterns:
        have[p.family].add(p.cue)
    for fam in families.values():
        if lacking := fam.cues - have[fam.id]:
            raise _fail(str(folder), f"{fam.id}: cues without any {lang} pattern: {sorted(lacking)}")
    return RuleSet(
        lang=lang,
        families=families,
        phrases=[p for p in patterns if isinstance(p.pattern, str)],
        tokens=[p for p in patterns if not isinstance(p.pattern, str)],
    )
