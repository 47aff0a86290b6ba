"""The words the families' verdicts look for beside the patterns, per language: ``models/lexicon/<lang>.toml``.

Each key is a list of regular expressions; how the list is matched (a whole word anywhere, right before a number,
up to a few words after a duration …) is fixed here, in :data:`SHAPES`, so the files hold words only. The loader
rejects unknown or missing keys, empty lists and bad expressions, naming the file and key.
"""

from __future__ import annotations

import importlib
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..data import data_dir
from ..errors import E_RULES, GhostproofError

#: family -> key -> how its words are matched ({words} is the alternation of the entries)
SHAPES: dict[str, dict[str, str]] = {
    "parties": {
        "client": r"(?<!\w)(?:{words})(?!\w)",
        "contractor": r"(?<!\w)(?:{words})(?!\w)",
        "granted_to_company": r"(?<!\w)(?:{words})(?!\w)",
        "either_side": r"(?<!\w)(?:{words})(?!\w)",
    },
    "deemed_acceptance": {
        "work_object": r"(?<!\w)(?:{words})(?!\w)",
        "not_work_object": r"(?<!\w)(?:{words})(?!\w)",
        "silence": r"(?<!\w)(?:{words})(?!\w)",
        "denied_silence": r"(?<!\w)(?:{words})",
        "delivered": r"(?<!\w)(?:{words})(?!\w)",
        "conformity": r"(?<!\w)(?:{words})",
        "negated": r"(?<!\w)(?:{words})(?!\w)",
        "material_only": r"(?<!\w)(?:{words})(?!\w)",
        "brand_use": r"(?<!\w)(?:{words})(?!\w)",
        "period_ref": r"(?<!\w)(?:{words})(?!\w)",
        "period_in_section": r"(?<!\w)(?:{words})\s*(\d+(?:\.\d+)*)(?:\s*(?:Abs\.?|Absatz)\s*(\d+)|\s*\((\d+)\))?",
        "paragraph_ref": r"(?<!\w)(?:{words})\s*\(?(\d+)\)?",
        "after_reminder": r"[\s\w()]{{0,30}}?(?<!\w)(?:{words})(?!\w)",
        "rejecting": r"(?<!\w)(?:{words})",
        "completion_notice": r"(?<!\w)(?:{words})",
    },
    "hourly_conversion": {
        "cap": r"(?<!\w)(?:{words})(?!\w)",
        "no_cap": r"(?<!\w)(?:{words})(?!\w)",
        "fixed_price": r"(?<!\w)(?:{words})",
        "fixed_price_negated": r"(?<!\w)(?:{words})\W*\Z",
        "cap_before_amount": r"(?:{words})(?![\w])[^.;\d€$£]{{0,25}}\Z",
        "ends": r"(?<!\w)(?:{words})",
        "alternative": r"(?<!\w)(?:{words})(?!\w)",
        "rate_denied_before": r"(?<!\w)(?:{words})\W+(?:\w+\W+){{0,2}}\Z",
        "rate_denied_after": r"\A\W*(?:\w+\W+){{0,2}}?(?:{words})(?!\w)",
    },
    "termination": {
        "notice_after": r"\A[\s'’)\]]*(?:s\b)?\W*(?:\w+\W+){{0,2}}?(?:{words})\b",
        "notice_before": r"(?:{words})\W+(?:\w+\W+){{0,3}}\Z",
        "not_notice_before": r"(?:{words})\W+(?:\w+\W+){{0,4}}\Z",
        "cure_after": r"[\s'’)\]]*(?:s\b)?\W*(?:{words})(?!\w)",
        "notice_given": r"[\s'’)\]]*(?:s\b)?\W*(?:{words})",
        "agreement_object": r"(?<!\w)(?:{words})(?!\w)",
        "object_stop": r"(?<!\w)(?:{words})(?!\w)|[,;:.()\[\]]",
        "other_head": r"(?<!\w)(?:{words})(?!\w)",
        "verb_other_object": r"(?<!\w)(?:{words})(?!\w)",
        "other_agreement": r"\s*(?:{words})(?!\w)",
        "no_right_except": r"[^.;]{{0,60}}?(?<!\w)(?:{words})(?!\w)",
        "method_before": r"[^.;:()]{{0,80}}(?<!\w)(?:{words})\s+\Z",
        "hypothetical_before": r"(?<!\w)(?:{words})\s+(?:[\w\x27’-]+\s+){{0,4}}\Z",
        "recipient_before": r"(?<!\w)(?:{words})\s+(?:the\s+|den\s+|dem\s+|der\s+)?\Z",
        "insurance": r"(?<!\w)(?:{words})(?!\w)",
        "sum_due_before": r"(?<!\w)(?:{words})\W+(?:\w+\W+){{0,2}}\Z",
        "to_period_end": r"(?<!\w)(?:{words})(?!\w)",
        # (inside the period-end words: "zum Quartalsende", "end of a calendar year"; a month's end otherwise)
        "period_end_quarter": r"(?:{words})",
        "period_end_year": r"(?:{words})",
        "agreement_named": r"(?<!\w)(?:{words})(?!\w)",
        "stop_service": r"(?<!\w)(?:{words})(?!\w)",
        "after_ending": r"(?<!\w)(?:{words})(?!\w)",
        "head_end": r"\s(?:{words})\s",
        "object_share": r"\s+(?:{words})\s+",
        "coordinated_verb": r"\s+(?:{words})(?=\s)",
        "active_verbs": "",
        "passive_verbs": "",
        "passive_adjectives": "",
        "state_verbs": "",
        "manner": r"\A(?:{words})(?!\w)",
        "opening_stop": r"(?<!\w)(?:{words})(?!\w)|[,;:(]",
        "passive_agent": r"\A\s+(?:{words})(?!\w)",
        "events_lead": r"(?<!\w)(?:{words})",
        "exceptions_lead": r"(?<!\w)(?:{words})(?!\w)",
        "notice_list": r"(?<!\w)(?:{words})(?!\w)",
        "agreement_and": r"(?<!\w)(?:{words})",
        "or_agreement": r"\s*,?\s*(?:{words})(?!\w)",
        "precondition": r"(?<!\w)(?:{words})(?!\w)",
        "only_unless": r"[^.;:]*?(?<!\w)(?:{words})(?!\w)",
        "redacted": r"(?:{words})",
        "consent_or": r"\s(?:{words})\s+(?=\w)",
        "statutory_free": r"(?:{words})",
        "renewal_any_party": r"(?<!\w)(?:{words})(?!\w)",
        "declines_renewal": r"(?<!\w)(?:{words})",
        "client_statute": r"(?:{words})",
        "terms_elsewhere": r"(?<!\w)(?:{words})",
        "cause_heading": r"(?<!\w)(?:{words})(?!\w)",
        "free_heading": r"(?<!\w)(?:{words})(?!\w)",
        "aside_lead": r"\W*(?:§\s*)?(?:\d+(?:\.\d+)*\.?\s+)?(?:{words})(?!\w)",
        "alternative_item": r"\A\W*(?:\(?\w{{1,5}}[.)]\s*|\d+(?:\.\d+)+\.?\s+)?(?:{words})(?!\w)",
        "pay": r"(?<!\w)(?:{words})",
        "until_end": r"(?<!\w)(?:{words})(?!\w)",
        "ending": r"(?<!\w)(?:{words})",
        "except": r"(?<!\w)(?:{words})(?!\w)",
        "survival": r"(?<!\w)(?:{words})",
        "section_ref": r"(?<!\w)(?:{words})",
        "breach_of_section": r"(?<!\w)(?:{words})\s*(\d+(?:\.\d+)*)",
        "cooperation_heading": r"(?<!\w)(?:{words})",
        "damages": r"(?<!\w)(?:{words})",
        "work_done": r"(?<!\w)(?:{words})",
        "ownership": r"(?<!\w)(?:{words})(?!\w)[^.;]{{0,60}}\Z",
        "accepted_only": r"(?<!\w)(?:{words})(?!\w)",
        "in_progress_paid": r"(?<!\w)(?:{words})(?!\w)",
        "not_payable": r"(?<!\w)(?:{words})(?!\w)",
        "pay_order": r"(?<!\w)(?:{words})(?!\w)",
        # (a name starts after no letter: the lookbehind spares trying every letter of every word)
        "holder_verbs": r"(?<![^\W\d_])(?P<who>[^\W\d_][\w'’&-]*)\s+(?:{words})(?!\w)",
        "not_holder": "",
        "group_words": "",
    },
    "payment_terms": {
        "net": r"\b(?:{words})[\s-]*(?P<n>\d{{1,3}})\b(?!\s*%)",
        "discount": r"(?:{words})",
        "due_before": r"(?:{words})\W{{0,3}}\Z",
        "due_after": r"[\s'’)]*(?:{words})\b",
        "counted_back": r"[\s'’)]*(?:\w+\s+)?(?:{words})\b",
        "other_period_before": r"(?<!\w)(?:{words})(?!\w)[^.;]{{0,20}}\Z",
        "ordinal_day": r"\b(?:{words})\b",
        "articles": "",  # plain words, not an expression
        "invoice": r"(?<!\w)(?:{words})",
        "payment_heading": r"(?<!\w)(?:{words})",
        "not_main": r"(?<!\w)(?:{words})",
        "general": r"(?<!\w)(?:{words})",
        "paying": r"(?<!\w)(?:{words})",
        "other_debts": r"(?<!\w)(?:{words})",
        "not_contingent": r"(?<!\w)(?:{words})",
        "from_receipt": r"[^.;]{{0,25}}?(?<!\w)(?:{words})(?!\w)",
        "fee_words": r"(?<!\w)(?:{words})",
    },
    "late_payment": {
        "late": r"(?:{words})",
        "unpaid_for": r"(?<!\w)(?:{words})\W+(?:\w+\W+){{0,3}}\Z",
        "after_invoice": r"\W*(?:{words})",
        # (a closing bracket first where the figure was read inside one: "one and half percent (1.5%) per month")
        "monthly_after": r"\s*\)?\s*(?:\([^)]{{0,20}}\)\s*)?(?:{words})",
        "share_of_rate": r"\s*(?:\([^)]{{0,20}}\)\s*)?(?:{words})",
        # (right before the figure: "at a per annum rate of one percent (1%)", "mit einem jährlichen Zinssatz von")
        "yearly_before": r"(?<!\w)(?:{words})\s*\Z",
        "monthly_before": r"(?<!\w)(?:{words})\s*\Z",
        "base_rate": r"(?<!\w)(?:{words})(?!\w)",
        "statutory_base": r"(?<!\w)(?:{words})",
        "added": r"(?<!\w)(?:{words})",
        "other_duty": r"(?<!\w)(?:{words})",
        "payment_late": r"(?<!\w)(?:{words})",
        "greater_of": r"(?<!\w)(?:{words})(?!\w)",
        "business_only": r"(?<!\w)(?:{words})(?!\w)",
    },
    "kill_fee": {
        "total_fee": r"(?<!\w)(?:{words})(?!\w)[^.;]{{0,40}}\Z",
        "owed": r"(?<!\w)(?:{words})(?!\w)",
        "periodic": r"\s*(?:{words})(?!\w)",
        "per_unit": r"\s*(?:\([^)]{{0,30}}\)\s*)?(?:{words})(?!\w)",
        "order_object": r"(?<!\w)(?:{words})(?!\w)",
        "paid_to": r"(?<!\w)(?:{words})\s+(?:to\s+|an\s+)?(?:the\s+|den\s+|dem\s+|die\s+)?\Z",
        "figure_after": r"\s+(?:{words})\s+.{{1,25}}",
        "share_base": r"(?:%|per\s?cent|prozent)\s+(?:{words})\b[^.;%]{{0,30}}\Z",
        "formula_term": r"(?<!\w)(?:{words})\s*\Z",
        "breach_remedy": r"(?<!\w)(?:{words})(?!\w)",
    },
    "client_cooperation": {
        "deadline_before": r"(?:{words})\s*\Z",
        "before_event": r"\s*(?:{words})(?!\w)",
        "review_duty": r"(?<!\w)(?:{words})",
    },
    "dormancy": {
        "fee": r"(?<!\w)(?:{words})(?!\w)",
        "no_fee": r"(?<!\w)(?:{words})(?!\w)",
        "closes": r"(?<!\w)(?:{words})(?!\w)",
        "pauses": r"(?<!\w)(?:{words})(?!\w)",
        "our_message": r"(?<!\w)(?:{words})(?!\w)",
    },
}
#: keys whose expression must have a group named n (the number it reads)
NUMBERED = frozenset({"net", "ordinal_day"})


@dataclass(frozen=True)
class Lexicon:
    lang: str
    patterns: dict[str, re.Pattern[str]]
    words: dict[str, frozenset[str]]

    def __getattr__(self, key: str) -> re.Pattern[str]:
        try:
            return self.patterns[key]
        except KeyError:
            raise AttributeError(key) from None

    def cap_before_amount(self, text: str, start: int) -> bool:
        """A cap keyword ends shortly before the amount that starts at ``start``."""
        return self.patterns["cap_before_amount"].search(text, max(0, start - 60), start) is not None


# the parser of the re module (not public: where it is missing, expressions go without the lookahead)
try:
    sre_parse: Any = importlib.import_module("re._parser")
    sre_c: Any = importlib.import_module("re._constants")
    _CATEGORIES: dict[Any, str] = {sre_c.CATEGORY_DIGIT: r"\d", sre_c.CATEGORY_SPACE: r"\s", sre_c.CATEGORY_WORD: r"\w"}
except (ImportError, AttributeError):  # pragma: no cover
    sre_parse = sre_c = None


def _first_chars(items: Any) -> set[str] | None:
    """The characters (as class items) a match of the parsed expression ``items`` can start with, or None when
    that cannot be told (it may start with any character, or with nothing)."""
    for op, av in items:
        if op is sre_c.AT or op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            continue  # zero-width: the next item gives the first character
        if op is sre_c.LITERAL:
            return {re.escape(chr(av))}
        if op is sre_c.IN:
            out: set[str] = set()
            for kind, value in av:
                if kind is sre_c.LITERAL:
                    out.add(re.escape(chr(value)))
                elif kind is sre_c.RANGE:
                    out.add(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
                elif kind is sre_c.CATEGORY and value in _CATEGORIES:
                    out.add(_CATEGORIES[value])
                else:
                    return None  # a negated class, another category: any character
            return out
        if op is sre_c.SUBPATTERN:
            return _first_chars(av[-1])
        if op is sre_c.BRANCH:
            found: set[str] = set()
            for branch in av[1]:
                first = _first_chars(branch)
                if first is None:
                    return None
                found |= first
            return found
        if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT) and av[0] >= 1:
            return _first_chars(av[2])
        return None  # "." , an optional first item, a back reference …
    return None


def _fast(shape: str, entries: list[str]) -> str:
    """``shape`` with its words, led by a lookahead for the characters they can start with when it starts with
    them: the same matches, found several times faster (a case-blind alternation is slow to try at every
    position; one character class is not)."""
    body = shape.format(words="|".join(entries))
    leads = (r"(?<!\w)(?:{words})", r"\b(?:{words})", r"(?:{words})")
    if sre_parse is None or not shape.startswith(leads):
        return body
    first = _first_chars(sre_parse.parse("|".join(entries)))
    return f"(?=[{''.join(sorted(first))}]){body}" if first else body


def _fail(where: str, message: str) -> GhostproofError:
    return GhostproofError(E_RULES, message, path=where, hint="fix the lexicon file (see the comment at its top)")


@cache
def lexicon(lang: str, root: Path | None = None) -> Lexicon:
    path = (root or data_dir("models")) / "lexicon" / f"{lang}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise _fail(str(path), f"cannot read the lexicon ({exc})") from None
    if set(data) != set(SHAPES):
        raise _fail(str(path), f"tables must be exactly {', '.join(SHAPES)}")
    patterns: dict[str, re.Pattern[str]] = {}
    words: dict[str, frozenset[str]] = {}
    for family, shapes in SHAPES.items():
        table = data[family]
        where = f"{path} [{family}]"
        if not isinstance(table, dict) or set(table) != set(shapes):
            raise _fail(where, f"keys must be exactly {', '.join(shapes)}")
        for key, shape in shapes.items():
            entries = table[key]
            if not isinstance(entries, list) or not entries or not all(isinstance(e, str) and e for e in entries):
                raise _fail(where, f"{key} must be a non-empty list of expressions")
            if not shape:
                words[key] = frozenset(e.lower() for e in entries)
                continue
            if key == "ordinal_day" and len(entries) != 1:
                raise _fail(where, f"{key}: one expression (its group n may appear only once)")
            for entry in entries:
                try:
                    re.compile(entry)
                except re.error as exc:
                    raise _fail(where, f"{key}: bad expression {entry!r} ({exc})") from None
            pattern = re.compile(_fast(shape, entries), re.IGNORECASE)
            if key in NUMBERED and "n" not in pattern.groupindex:
                raise _fail(where, f"{key}: the expression needs the group (?P<n>…) around the number")
            patterns[key] = pattern
    return Lexicon(lang, patterns, words)
