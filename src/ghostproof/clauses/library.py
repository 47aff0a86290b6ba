"""The clause library under ``clauses/``: one TOML file per clause family, loaded and validated.

A file declares the family's parameters (type, default, bounds, help) and its variants (at least ``balanced`` and
``firm``), each in English and German with the clause text, a drafting note ("why this wording") and optional
jurisdiction-specific versions. ``clauses/_common.toml`` declares the parameters every clause may use
(``currency``, ``jurisdiction``, ``client_type``). See ``clauses/README.md`` for the format.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..data import data_dir
from ..errors import E_BAD_OPTION, GhostproofError
from ..findings import FAMILIES
from . import template
from .params import LANGS, Param, file_error, read_param

REQUIRED_VARIANTS = ("balanced", "firm")
JURISDICTIONS = ("DE", "AT", "CH", "UK", "US", "other")


def clauses_dir() -> Path:
    """``clauses/``: the copy installed inside the package, or a source checkout's (see :mod:`ghostproof.data`)."""
    return data_dir("clauses")


@dataclass(frozen=True)
class Text:
    """One variant in one language: the clause and its drafting note (optionally per jurisdiction)."""

    text: str
    note: str
    by_jurisdiction: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    #: jurisdictions whose version rests on a statute that binds businesses only (the Late Payment of Commercial
    #: Debts (Interest) Act 1998): a consumer client gets the general text
    business_only: frozenset[str] = frozenset()

    def pick(self, jurisdiction: str, client_type: str | None = None) -> tuple[str, str]:
        if client_type == "consumer" and jurisdiction in self.business_only:
            return self.text, self.note
        return self.by_jurisdiction.get(jurisdiction, (self.text, self.note))


@dataclass(frozen=True)
class Clause:
    id: str
    title: Mapping[str, str]
    summary: Mapping[str, str]
    params: Mapping[str, Param]
    #: (variant, lang) -> text
    texts: Mapping[tuple[str, str], Text]
    path: Path
    #: problem codes whose weak wording the suggestion replaces rather than supplements (the wording itself is the
    #: risk: a flat fee too high to hold, a review period too short); elsewhere the contract's better terms stay
    replaces: frozenset[str] = frozenset()

    @property
    def variants(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v for v, _ in self.texts))


@dataclass(frozen=True)
class Statute:
    """A statute the clause texts cite (e.g. the BGB): its citations are kept only under its own law."""

    name: str
    law: str
    cite: re.Pattern[str]
    #: lang -> the line put before a drafting note that explains this statute, under another law
    note: Mapping[str, str]
    #: the contract types it applies to (German law's werkvertrag, dienstvertrag, mixed); empty: every type
    types: tuple[str, ...] = ()
    #: a drafting note that matches this speaks of the statute (and gets ``note`` first where it is dropped)
    mentions: re.Pattern[str] | None = None

    def drops(self, jurisdiction: str, contract_type: str | None = None) -> bool:
        """Its citations are dropped: the contract is under another law, or (a statute for some contract types)
        under its law but of another type."""
        if not self.types:
            return jurisdiction != self.law
        return jurisdiction == self.law and contract_type is not None and contract_type not in self.types


@dataclass(frozen=True)
class Library:
    common: Mapping[str, Param]
    clauses: Mapping[str, Clause]
    #: lang -> dotted key -> template of the sentences that frame clauses in a contract or an addendum
    frame: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: the statutes the clause texts cite, each with the law it belongs to (see ``[statutes]`` of _common.toml)
    statutes: tuple[Statute, ...] = ()

    def framing(self, key: str, lang: str, **values: str) -> str:
        """One framing sentence, e.g. ``framing("prevails", "de", where="Ziffer 11.1")``."""
        return template.render(self.frame[lang][key], values)

    def frame_table(self, prefix: str, lang: str) -> dict[str, str]:
        """The frame's texts below ``prefix`` without placeholders filled in (labels such as "Signature")."""
        cut = len(prefix) + 1
        return {k[cut:]: v for k, v in self.frame[lang].items() if k.startswith(prefix + ".")}

    def clause(self, clause_id: str) -> Clause:
        try:
            return self.clauses[clause_id]
        except KeyError:
            raise GhostproofError(
                E_BAD_OPTION, f"unknown clause {clause_id!r}", hint="one of " + ", ".join(self.clauses)
            ) from None

    def params_of(self, clause: Clause) -> dict[str, Param]:
        return {**self.common, **clause.params}

    def check_variant(self, variant: str) -> str:
        """``variant`` when every clause has it (an addendum or review copy uses one wording throughout)."""
        if not all(variant in c.variants for c in self.clauses.values()):
            shared = [v for v in REQUIRED_VARIANTS if all(v in c.variants for c in self.clauses.values())]
            raise GhostproofError(E_BAD_OPTION, f"--variant {variant}: unknown", hint="use " + " or ".join(shared))
        return variant


def _texts(path: Path, clause_id: str, variants: Any, known: set[str]) -> dict[tuple[str, str], Text]:
    if not isinstance(variants, dict):
        raise file_error(path, "variants must be a table")
    missing = [v for v in REQUIRED_VARIANTS if v not in variants]
    if missing:
        raise file_error(path, f"variants: missing {', '.join(missing)}")
    out: dict[tuple[str, str], Text] = {}
    for vname, per_lang in variants.items():
        if isinstance(per_lang, dict) and set(per_lang) - set(LANGS):
            raise file_error(
                path, f"variants.{vname}: unknown language {', '.join(sorted(set(per_lang) - set(LANGS)))}"
            )
        for lang in LANGS:
            spec = per_lang.get(lang) if isinstance(per_lang, dict) else None
            where = f"variants.{vname}.{lang}"
            if not isinstance(spec, dict):
                raise file_error(path, f"{where} is missing")
            unknown = set(spec) - {"text", "note", "jurisdiction"}
            if unknown:
                raise file_error(path, f"{where}: unknown key {', '.join(sorted(unknown))}")
            versions = spec.get("jurisdiction", {})
            if not isinstance(versions, dict):
                raise file_error(path, f"{where}.jurisdiction must be a table")
            by_j: dict[str, tuple[str, str]] = {}
            business: set[str] = set()
            for j, jspec in versions.items():
                if j not in JURISDICTIONS:
                    raise file_error(path, f"{where}.jurisdiction.{j}: unknown; use {', '.join(JURISDICTIONS)}")
                if not isinstance(jspec, dict) or set(jspec) - {"text", "note", "business_only"}:
                    raise file_error(
                        path, f"{where}.jurisdiction.{j} must be a table with text (and note, business_only)"
                    )
                if not isinstance(jspec.get("business_only", False), bool):
                    raise file_error(path, f"{where}.jurisdiction.{j}.business_only must be true or false")
                if jspec.get("business_only"):
                    business.add(j)
                by_j[j] = (
                    _checked(path, f"{where}.jurisdiction.{j}.text", jspec.get("text"), known),
                    _note(path, f"{where}.jurisdiction.{j}.note", jspec.get("note", spec.get("note"))),
                )
            out[(vname, lang)] = Text(
                text=_checked(path, f"{where}.text", spec.get("text"), known),
                note=_note(path, f"{where}.note", spec.get("note")),
                by_jurisdiction=by_j,
                business_only=frozenset(business),
            )
    return out


def _checked(path: Path, where: str, text: Any, known: set[str]) -> str:
    if not isinstance(text, str) or not text.strip():
        raise file_error(path, f"{where} is missing or empty")
    try:
        used = template.names(text)
    except template.TemplateError as exc:
        raise file_error(path, f"{where}: {exc}") from None
    unknown = [n for n in used if n not in known]
    if unknown:
        raise file_error(path, f"{where}: undeclared parameter {', '.join(unknown)}")
    return " ".join(text.split())


def _note(path: Path, where: str, note: Any) -> str:
    if not isinstance(note, str) or not note.strip():
        raise file_error(path, f"{where} (the drafting note) is missing")
    return " ".join(note.split())


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise file_error(path, f"cannot read: {exc}") from None


@cache
def load_library(root: Path | None = None) -> Library:
    """Load and validate every clause file; raises :class:`GhostproofError` (E172) naming file and key."""
    base = root or clauses_dir()
    common_path = base / "_common.toml"
    common_data = _read(common_path)
    unknown_common = set(common_data) - {"params", "frame", "statutes"}
    if unknown_common:
        raise file_error(common_path, f"unknown key {', '.join(sorted(unknown_common))}")
    common = {n: read_param(common_path, n, s) for n, s in common_data.get("params", {}).items()}
    frame = _frame(common_path, common_data.get("frame"))
    statutes = _statutes(common_path, common_data.get("statutes", {}))
    clauses: dict[str, Clause] = {}
    for fid in FAMILIES:
        path = base / f"{fid}.toml"
        if not path.is_file():
            raise file_error(path, f"no clause file for {fid}")
        data = _read(path)
        if data.get("id") != fid:
            raise file_error(path, f"id must be {fid!r}")
        unknown = set(data) - {"id", "title", "summary", "params", "variants", "replaces"}
        if unknown:
            raise file_error(path, f"unknown key {', '.join(sorted(unknown))}")
        params = {n: read_param(path, n, s) for n, s in data.get("params", {}).items()}
        clash = set(params) & set(common)
        if clash:
            raise file_error(path, f"params {', '.join(sorted(clash))} are already declared in _common.toml")
        for key in ("title", "summary"):
            value = data.get(key)
            if not isinstance(value, dict) or any(not isinstance(value.get(lang), str) for lang in LANGS):
                raise file_error(path, f"{key} needs en and de")
        texts = _texts(path, fid, data.get("variants"), set(params) | set(common))
        _check_sources(path, fid, params, data.get("replaces", []))
        replaces = frozenset(data.get("replaces", []))
        clauses[fid] = Clause(fid, data["title"], data["summary"], params, texts, path, replaces)
    extra = sorted(p.stem for p in base.glob("*.toml") if p.stem not in clauses and p.stem != "_common")
    if extra:
        raise file_error(base / f"{extra[0]}.toml", "not a clause family (the families are fixed: see models/)")
    return Library(common, clauses, frame, statutes)


def _check_sources(path: Path, fid: str, params: Mapping[str, Param], replaces: Any) -> None:
    """``replaces`` names the family's problem codes; ``from_contract`` its attributes."""
    from ..families import family

    fam = family(fid)
    model = fam.attributes
    codes = set(fam.problems)
    if not isinstance(replaces, list) or not set(replaces) <= codes:
        raise file_error(path, f"replaces: a list of {fid}'s problem codes ({', '.join(sorted(codes))})")
    for name, param in params.items():
        source = param.from_contract
        if source is None:
            continue
        fields = set(model.model_fields)
        named = {source.attribute, *source.when, *(a for a in (source.months, source.kind, source.end) if a)}
        unknown = named - fields
        if unknown:
            raise file_error(path, f"params.{name}.from_contract: {', '.join(sorted(unknown))} is no {fid} attribute")
        if not set(source.unless) <= codes:
            raise file_error(path, f"params.{name}.from_contract.unless: a list of {fid}'s problem codes")


def _statutes(path: Path, data: Any) -> tuple[Statute, ...]:
    """``[statutes.<NAME>]`` of ``_common.toml``: law, cite (a regular expression), note (en, de)."""
    if not isinstance(data, dict):
        raise file_error(path, "[statutes] must be a table")
    out = []
    for name, spec in data.items():
        where = f"statutes.{name}"
        keys = {"law", "cite", "note", "mentions", "types"}
        if not isinstance(spec, dict) or not {"law", "cite", "note", "mentions"} <= set(spec) <= keys:
            raise file_error(path, f"{where} needs law, cite, mentions and note (and may have types)")
        types = spec.get("types", [])
        if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
            raise file_error(path, f"{where}.types must be a list of contract types")
        if spec["law"] not in JURISDICTIONS:
            raise file_error(path, f"{where}.law: unknown; use {', '.join(JURISDICTIONS)}")
        note = spec["note"]
        if not isinstance(note, dict) or any(not isinstance(note.get(lang), str) for lang in LANGS):
            raise file_error(path, f"{where}.note needs en and de")
        try:
            cite, mentions = re.compile(spec["cite"]), re.compile(spec["mentions"])
        except (re.error, TypeError) as exc:
            raise file_error(path, f"{where}: bad expression ({exc})") from None
        notes = {lang: " ".join(note[lang].split()) for lang in LANGS}
        out.append(Statute(name, spec["law"], cite, notes, tuple(types), mentions))
    return tuple(out)


def _frame(path: Path, data: Any) -> dict[str, dict[str, str]]:
    """``[frame.<lang>]`` of ``_common.toml``, flattened to dotted keys: the same keys in both languages, each a
    text whose placeholders are the same in both."""
    if not isinstance(data, dict) or set(data) != set(LANGS):
        raise file_error(path, f"[frame] needs a table for each of {', '.join(LANGS)}")
    out: dict[str, dict[str, str]] = {}
    for lang in LANGS:
        flat: dict[str, str] = {}
        _flatten_frame(path, data[lang], f"frame.{lang}", "", flat)
        out[lang] = flat
    first, second = (out[lang] for lang in LANGS)
    if set(first) != set(second):
        raise file_error(path, f"[frame.en] and [frame.de] differ in {sorted(set(first) ^ set(second))}")
    for key, text in first.items():
        if set(template.names(text)) != set(template.names(second[key])):
            raise file_error(path, f"frame.{key} has other placeholders in en and de")
    return out


def _flatten_frame(path: Path, node: Any, where: str, prefix: str, out: dict[str, str]) -> None:
    if not isinstance(node, dict):
        raise file_error(path, f"{where} must be a table")
    for key, value in node.items():
        if isinstance(value, dict):
            _flatten_frame(path, value, f"{where}.{key}", f"{prefix}{key}.", out)
            continue
        if not isinstance(value, str) or not value.strip():
            raise file_error(path, f"{where}.{key} must be text")
        try:
            template.names(value)
        except template.TemplateError as exc:
            raise file_error(path, f"{where}.{key}: {exc}") from None
        out[f"{prefix}{key}"] = value


def parse_assignments(
    library: Library,
    pairs: list[str],
    clause_ids: list[str] | None = None,
    *,
    source: str = "--set",
    path: Path | None = None,
) -> dict[str, object]:
    """``key=value`` pairs (``--set`` options, or the ``[params]`` of an engagement file named ``source`` in the
    errors, with its ``path``), checked against the parameters of the given clauses (or of all)."""
    params: dict[str, Param] = dict(library.common)
    for cid in clause_ids or list(library.clauses):
        params.update(library.clause(cid).params)
    all_params: dict[str, Param] = dict(library.common)
    for c in library.clauses.values():
        all_params.update(c.params)
    example = "e.g. --set review_days=10" if source == "--set" else "e.g. review_days = 10"
    out: dict[str, object] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise GhostproofError(E_BAD_OPTION, f"{source} {pair!r}: expected key=value", path=path, hint=example)
        param = all_params.get(key) or next((p for p in all_params.values() if key in p.formerly), None)
        if param is not None:
            key = param.name  # (a name the parameter had before: notice_days is now notice)
        if param is None:
            raise GhostproofError(
                E_BAD_OPTION,
                f"{source} {key}: no such parameter",
                path=path,
                hint="parameters: " + ", ".join(sorted(params)),
            )
        try:
            out[key] = param.parse(raw)
        except ValueError as exc:
            raise GhostproofError(E_BAD_OPTION, f"{source} {key}: {exc}", path=path) from None
    return out
