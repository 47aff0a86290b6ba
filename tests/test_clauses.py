"""The clause library under clauses/: every clause loads, renders and is detected by ghostproof as exactly its own
family (present, never weak, no other family fires); the template engine is strict; parameters parse and format."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from ghostproof.clauses import template
from ghostproof.clauses.library import (
    REQUIRED_VARIANTS,
    Library,
    clauses_dir,
    load_library,
    parse_assignments,
)
from ghostproof.clauses.params import LANGS, Param
from ghostproof.clauses.render import render_clause
from ghostproof.detect import audit_document
from ghostproof.errors import E_CLAUSES, GhostproofError
from ghostproof.findings import FAMILIES
from ghostproof.ingest import document_from_text


def _library() -> Library:
    return load_library()


def _jurisdictions(library: Library, clause_id: str, variant: str, lang: str) -> list[str]:
    """The default jurisdiction of ``lang``, every jurisdiction with a version of its own, and "other" for the general
    text where the default jurisdiction has its own version (so the defaults never reach the general text)."""
    default = str(library.common["jurisdiction"].default_for(lang))
    versions = library.clause(clause_id).texts[(variant, lang)].by_jurisdiction
    general = ["other"] if default in versions else []
    return list(dict.fromkeys([default, *versions, *general]))


def _cases() -> list[tuple[str, str, str, str]]:
    library = _library()
    return [
        (cid, variant, lang, j)
        for cid, clause in library.clauses.items()
        for variant in clause.variants
        for lang in LANGS
        for j in _jurisdictions(library, cid, variant, lang)
    ]


def _render(cid: str, variant: str, lang: str, jurisdiction: str) -> tuple[str, str]:
    library = _library()
    default = library.common["jurisdiction"].default_for(lang)
    values = None if jurisdiction == default else {"jurisdiction": jurisdiction}
    rendered = render_clause(library, cid, lang=lang, variant=variant, values=values, use_examples=True)
    assert rendered.jurisdiction == jurisdiction
    return rendered.title, rendered.text


# -- the promise: each clause is detected as itself, and only as itself ----------------------------------------------


@pytest.mark.parametrize(("cid", "variant", "lang", "jurisdiction"), _cases())
def test_clause_is_detected_as_present_for_its_family_and_fires_no_other(
    cid: str, variant: str, lang: str, jurisdiction: str
) -> None:
    title, text = _render(cid, variant, lang, jurisdiction)
    assert "{" not in text and "}" not in text
    result = audit_document(document_from_text(f"1. {title}\n\n1.1 {text}", lang=lang))  # type: ignore[arg-type]
    own = result.finding(cid)
    assert own.status == "present", (own.status, [p.code for p in own.problems], text)
    fired = {f.clause: (f.status, [e.cues for e in f.evidence]) for f in result.findings if f.clause != cid}
    assert {c: s for c, s in fired.items() if s[0] != "missing"} == {}, text


def test_the_cases_cover_every_clause_variant_language_and_jurisdiction_version() -> None:
    cases = set(_cases())
    library = _library()
    for cid, clause in library.clauses.items():
        for (variant, lang), texts in clause.texts.items():
            general = [
                j for j in ("other", library.common["jurisdiction"].default_for(lang)) if j not in texts.by_jurisdiction
            ]
            assert any((cid, variant, lang, j) in cases for j in general)  # the general text
            for j in texts.by_jurisdiction:
                assert (cid, variant, lang, j) in cases
    # the statutory versions the issue asks for
    late = library.clause("late_payment")
    for variant in REQUIRED_VARIANTS:
        assert {"UK", "DE"} <= set(late.texts[(variant, "en")].by_jurisdiction)
        assert "DE" in late.texts[(variant, "de")].by_jurisdiction


# -- the files ---------------------------------------------------------------------------------------------------------


def test_library_loads_one_clause_per_family() -> None:
    library = _library()
    assert list(library.clauses) == list(FAMILIES)
    assert set(library.common) == {"currency", "jurisdiction", "client_type", "contract_type"}


@pytest.mark.parametrize("cid", FAMILIES)
def test_every_clause_has_balanced_and_firm_in_english_and_german(cid: str) -> None:
    clause = _library().clause(cid)
    for variant in REQUIRED_VARIANTS:
        for lang in LANGS:
            text = clause.texts[(variant, lang)]
            assert text.text.strip() and text.note.strip()
        assert clause.title["en"] and clause.title["de"] and clause.summary["en"] and clause.summary["de"]


@pytest.mark.parametrize("cid", FAMILIES)
def test_english_and_german_versions_use_the_same_parameters(cid: str) -> None:
    clause = _library().clause(cid)
    for variant in clause.variants:
        en, de = clause.texts[(variant, "en")], clause.texts[(variant, "de")]
        assert set(template.names(en.text)) == set(template.names(de.text)), variant
        for j in set(en.by_jurisdiction) & set(de.by_jurisdiction):
            en_j, de_j = en.by_jurisdiction[j][0], de.by_jurisdiction[j][0]
            assert set(template.names(en_j)) == set(template.names(de_j)), (variant, j)


@pytest.mark.parametrize("cid", FAMILIES)
def test_every_declared_parameter_is_used(cid: str) -> None:
    clause = _library().clause(cid)
    used: set[str] = set()
    for texts in clause.texts.values():
        used |= set(template.names(texts.text))
        for text, _ in texts.by_jurisdiction.values():
            used |= set(template.names(text))
    assert set(clause.params) <= used, set(clause.params) - used


def test_a_parameter_shared_by_two_clauses_means_the_same() -> None:
    seen: dict[str, Param] = {}
    for clause in _library().clauses.values():
        for name, param in clause.params.items():
            if name in seen:
                first = seen[name]
                assert (param.type, param.default, param.example, param.min, param.max, param.help) == (
                    first.type,
                    first.default,
                    first.example,
                    first.min,
                    first.max,
                    first.help,
                ), name
            seen[name] = param


def test_only_the_hourly_rate_has_no_default() -> None:
    """Everything else has a sensible default; the rate is the one value only the user knows (it has an example)."""
    library = _library()
    no_default = {
        name
        for clause in library.clauses.values()
        for name, param in clause.params.items()
        if any(param.default_for(lang) is None for lang in LANGS)
    }
    assert no_default == {"hourly_rate"}
    assert library.clause("hourly_conversion").params["hourly_rate"].example is not None


#: other names for the parties: the library says "the Contractor"/"the Client" and "der Auftragnehmer"/"der Kunde"
_OTHER_NAMES = {
    "en": re.compile(r"\b(?:[Cc]ustomers?|client|contractor|[Ff]reelancer|[Ss]upplier|[Aa]gency|[Dd]esigner|we|you)\b"),
    "de": re.compile(r"Auftraggeber|Besteller|Kundin|Freelancer|Agentur|Dienstleister|\b(?:wir|Sie|uns)\b"),
}


@pytest.mark.parametrize("cid", FAMILIES)
def test_the_parties_are_named_consistently(cid: str) -> None:
    clause = _library().clause(cid)
    for (_, lang), texts in clause.texts.items():
        for text in [texts.text, *(t for t, _ in texts.by_jurisdiction.values())]:
            assert not _OTHER_NAMES[lang].search(text), text


def test_hourly_conversion_states_the_rate_and_the_kill_fee_a_share_of_the_unbilled_fee() -> None:
    library = _library()
    for variant in REQUIRED_VARIANTS:
        en = render_clause(library, "hourly_conversion", lang="en", variant=variant, use_examples=True).text
        de = render_clause(library, "hourly_conversion", lang="de", variant=variant, use_examples=True).text
        assert "hourly rate of USD 95" in en and "Stundensatz von 95 EUR" in de
        kill = render_clause(library, "kill_fee", lang="en", variant=variant).text
        assert "25 % of the part of the fixed fee that has not yet been invoiced" in kill


def test_termination_lets_both_parties_end_the_contract_and_pays_work_done() -> None:
    library = _library()
    for lang in LANGS:
        for variant in REQUIRED_VARIANTS:
            text = render_clause(library, "termination", lang=lang, variant=variant).text
            result = audit_document(document_from_text(f"1. Termination\n\n1.1 {text}", lang=lang))  # type: ignore[arg-type]
            attrs = result.finding("termination").attributes
            assert attrs["who"] == "either" and attrs["pays_for_work_done"] is True, (lang, variant)
            assert attrs["non_cooperation_ground"] is True and attrs["notice_days"] == 14, (lang, variant)
            if lang == "de":
                # § 645 Abs. 1 S. 2 BGB pays work done only for a contract ended under § 643: the clause promises it
                # for every ending itself and cites no statute for it (issue 15)
                assert "§ 643 BGB" in text and "§ 645" not in text and "Auslagen" in text


@pytest.mark.parametrize("jurisdiction", ["AT", "CH", "UK", "US", "other"])
def test_no_clause_cites_the_bgb_outside_german_law(jurisdiction: str) -> None:
    library = _library()
    for fid in library.clauses:
        for variant in REQUIRED_VARIANTS:
            for lang in LANGS:
                r = render_clause(
                    library, fid, lang=lang, variant=variant, values={"jurisdiction": jurisdiction}, use_examples=True
                )
                assert "BGB" not in r.text, (fid, variant, lang, jurisdiction)
                if "BGB" in r.note:  # a note that explains German law says so first
                    assert r.note.startswith(library.statutes[0].note[lang]), (fid, variant, lang)


def test_german_law_keeps_its_citations() -> None:
    library = _library()
    r = render_clause(library, "deemed_acceptance", lang="de", values={"jurisdiction": "DE"})
    assert "(§ 640 Abs. 2 BGB)" in r.text and not r.note.startswith(library.statutes[0].note["de"])
    kill = render_clause(library, "kill_fee", lang="de", variant="firm", values={"jurisdiction": "DE"}).text
    assert kill.startswith("Kündigt der Kunde den Vertrag vor Fertigstellung (§ 648 BGB)")
    assert "höheren Anspruchs nach § 648 BGB" in kill
    at = render_clause(library, "kill_fee", lang="de", variant="firm", values={"jurisdiction": "AT"}).text
    assert at.startswith("Kündigt der Kunde den Vertrag vor Fertigstellung, ohne")
    assert "höheren Anspruchs vorbehalten" in at


def test_section_648_is_stated_in_full() -> None:
    """§ 648 S. 2 BGB: the agreed pay minus saved expenses and what the contractor earns or maliciously fails to earn
    elsewhere; S. 3: 5 % presumed for the part not yet performed (issue 15)."""
    library = _library()
    firm = render_clause(library, "termination", lang="de", variant="firm", values={"jurisdiction": "DE"})
    assert "böswillig zu erwerben unterlässt (§ 648 BGB)" in firm.text and "5 %" in firm.note


def test_german_flat_sums_allow_proof_of_a_lower_loss() -> None:
    library = _library()
    for cid in ("kill_fee", "late_payment"):
        for variant in REQUIRED_VARIANTS:
            text = render_clause(library, cid, lang="de", variant=variant, values={"jurisdiction": "other"}).text
            if "pauschale von" in text.lower() or "Ausfallhonorar" in text:
                assert "Nachweis gestattet" in text, (cid, variant)


# -- the strict template engine ----------------------------------------------------------------------------------------


def _broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    root = tmp_path / "clauses"
    shutil.copytree(clauses_dir(), root)
    target = root / file
    source = target.read_text(encoding="utf-8")
    assert old in source
    target.write_text(source.replace(old, new, 1), encoding="utf-8")
    return root


def test_the_unbroken_copy_loads(tmp_path: Path) -> None:
    root = _broken_copy(tmp_path, "kill_fee.toml", "id =", "id =")
    assert list(load_library(root).clauses) == list(FAMILIES)


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("termination.toml", "{{ notice }}", "{{ notice_weeks }}", "undeclared parameter notice_weeks"),
        ("termination.toml", "{{ notice }}", "{notice}", "stray '{'"),
        ("kill_fee.toml", "{{ kill_fee_percent }}", "{% if x %}{{ kill_fee_percent }}{% endif %}", "stray '{%'"),
        ("kill_fee.toml", "{{ kill_fee_percent }}", "{{ kill_fee_percent }", "stray"),
        ("kill_fee.toml", "{{ kill_fee_percent }}", "{{ Kill_Fee }}", "stray '{{'"),
        ("dormancy.toml", "[params.close_days]", "[params.currency]", "already declared in _common.toml"),
        ("payment_terms.toml", "default = { en = 30, de = 14 }", "default = { en = 90, de = 14 }", "at most 60"),
        ("hourly_conversion.toml", "example = 95", 'example = "a lot"', "is not a number"),
        ("hourly_conversion.toml", "example = 95", "", "give a default or, for a value only the user knows"),
        ("ip_on_payment.toml", "[variants.firm.de]", "[variants.firm.fr]", "variants.firm: unknown language fr"),
        ("ip_on_payment.toml", "[variants.firm.de]\ntext", "[variants.firm.de]\ntxt", "unknown key txt"),
        ("late_payment.toml", "[variants.balanced.en.jurisdiction.UK]", "[variants.balanced.en.jurisdiction.GB]", "GB"),
        ("client_cooperation.toml", '\nnote = """\nMost', '\nnotes = """\nMost', "unknown key notes"),
        # the contract's own figures and the wording a suggestion replaces name the family's attributes and codes
        ("kill_fee.toml", 'replaces = ["KF_NO_COUNTERPROOF"', 'replaces = ["KF_TOO_LOW"', "kill_fee's problem codes"),
        ("kill_fee.toml", 'attribute = "percent"', 'attribute = "percentage"', "percentage is no kill_fee attribute"),
        ("deemed_acceptance.toml", 'unless = ["DA_SHORT_PERIOD"]', 'unless = ["KF_HIGH_FLAT"]', "problem codes"),
        ("kill_fee.toml", 'better = "higher"', 'better = "more"', "better higher or lower"),
        ("late_payment.toml", 'when = { period = "month"', 'when = { per = "month"', "per is no late_payment"),
        ("dormancy.toml", "[params.close_days]\n", "[params.close_days]\nfrom_contract = 1\n", "needs attribute"),
    ],
)
def test_a_broken_clause_file_is_refused_naming_file_and_fault(
    tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    root = _broken_copy(tmp_path, file, old, new)
    with pytest.raises(GhostproofError) as exc:
        load_library(root)
    assert exc.value.code == E_CLAUSES
    assert message in exc.value.message and exc.value.path and exc.value.path.endswith(file)


def test_a_missing_clause_file_is_refused(tmp_path: Path) -> None:
    root = _broken_copy(tmp_path, "kill_fee.toml", "id =", "id =")
    (root / "kill_fee.toml").unlink()
    with pytest.raises(GhostproofError, match="no clause file for kill_fee"):
        load_library(root)


def test_rendering_without_a_value_the_text_needs_is_refused() -> None:
    with pytest.raises(GhostproofError, match="no value for hourly_rate") as exc:
        render_clause(_library(), "hourly_conversion", lang="en")
    assert exc.value.hint and "--set hourly_rate=" in exc.value.hint
    with pytest.raises(template.TemplateError, match="no value for rate"):
        template.render("{{ rate }} per hour", {})


@pytest.mark.parametrize("text", ["a {name} b", "a { b", "a } b", "{{ a }} {% if a %}", "{# note #}", "{{ a.b }}"])
def test_template_refuses_anything_but_a_plain_placeholder(text: str) -> None:
    with pytest.raises(template.TemplateError, match="stray"):
        template.names(text)


def test_template_fills_placeholders_and_lists_them_once_in_order() -> None:
    assert template.names("{{ b }} {{a}} {{ b }}") == ["b", "a"]
    assert template.render("{{ b }} and {{a}}", {"a": "1", "b": "2"}) == "2 and 1"


def test_single_brace_placeholder_is_rejected() -> None:
    """Regression: "{name}" (one brace each side) used to pass through to the user's addendum unnoticed."""
    with pytest.raises(template.TemplateError):
        template.names("The Client pays {hourly_rate} per hour.")


# -- parameters: bounds, parsing, formatting ---------------------------------------------------------------------------


def _param(cid: str, name: str) -> Param:
    return _library().clause(cid).params[name]


def test_bounds_and_types_are_enforced() -> None:
    review = _param("deemed_acceptance", "review_days")
    assert review.parse("10") == 10 and review.parse(" 5 ") == 5
    with pytest.raises(ValueError, match="at least 5"):
        review.parse("3")
    with pytest.raises(ValueError, match="at most 30"):
        review.parse(31)
    with pytest.raises(ValueError, match="not a number"):
        review.parse("ten")
    with pytest.raises(ValueError, match="whole number"):
        review.parse("7.5")
    with pytest.raises(ValueError, match="not a number"):
        review.parse("nan")
    with pytest.raises(ValueError, match="must be one of"):
        _library().common["jurisdiction"].parse("FR")
    assert _library().common["jurisdiction"].parse("uk") == "UK"


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1,5", Decimal("1.5")),
        ("1.5", Decimal("1.5")),
        ("1,5 %", Decimal("1.5")),
        ("0,125", Decimal("0.125")),
        (1.5, Decimal("1.5")),
    ],
)
def test_percent_parses_a_german_decimal_comma(raw: object, value: Decimal) -> None:
    assert _param("late_payment", "late_interest").parse(raw) == value


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("95", Decimal("95")),
        ("1,250", Decimal("1250")),
        ("1.250", Decimal("1250")),
        ("1,250.50", Decimal("1250.50")),
        ("1.250,50", Decimal("1250.50")),
        ("1 250", Decimal("1250")),
        ("1\u00a0250,50", Decimal("1250.50")),
        ("12,5", Decimal("12.5")),
    ],
)
def test_money_parses_thousands_and_decimal_marks_of_both_languages(raw: str, value: Decimal) -> None:
    assert _param("hourly_conversion", "hourly_rate").parse(raw) == value


def test_german_thousands_with_decimal_comma_is_not_a_fraction() -> None:
    """Regression: "1.250,50" was read as 1.2505 (the comma was dropped, the point kept)."""
    assert _param("hourly_conversion", "hourly_rate").parse("1.250,50") == Decimal("1250.50")


@pytest.mark.parametrize("raw", ["1,2,3", "1.2.3", "95 EUR", ""])
def test_garbled_numbers_are_refused(raw: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        _param("hourly_conversion", "hourly_rate").parse(raw)


def test_money_and_percent_are_formatted_per_language() -> None:
    money = _param("hourly_conversion", "hourly_rate")
    assert money.format(Decimal("1250"), "en", "USD") == "USD 1,250"
    assert money.format(Decimal("1250"), "de", "EUR") == "1.250 EUR"
    assert money.format(Decimal("1250.5"), "en", "GBP") == "GBP 1,250.50"
    assert money.format(Decimal("1250.5"), "de", "CHF") == "1.250,50 CHF"
    percent = _param("late_payment", "late_interest")
    assert percent.format(Decimal("1.5"), "en", "USD") == "1.5"
    assert percent.format(Decimal("1.5"), "de", "EUR") == "1,5"
    notice = _param("termination", "notice")
    assert notice.format(notice.parse(14), "de", "EUR") == "14 Tagen"
    assert notice.format(notice.parse("14"), "en", "EUR") == "14 days"


@pytest.mark.parametrize(
    ("raw", "en", "de"),
    [
        ("30", "30 days", "30 Tagen"),
        ("1 month", "1 month", "1 Monat"),
        ("2 Monate zum Monatsende", "2 months, to the end of a month", "2 Monaten zum Monatsende"),
        ("2 months to month end", "2 months, to the end of a month", "2 Monaten zum Monatsende"),
        (
            "3 months, to the end of a calendar quarter",
            "3 months, to the end of a calendar quarter",
            "3 Monaten zum Quartalsende",
        ),
        ("15 business days", "15 business days", "15 Arbeitstagen"),
        ("10 Werktage", "10 working days (Monday to Saturday)", "10 Werktagen"),
    ],
)
def test_a_notice_period_is_written_in_its_own_unit(raw: str, en: str, de: str) -> None:
    """Regression (new user, round 8): a notice of "zwei Monaten zum Monatsende" was written into the suggested clause
    as "60 Tagen" — a shorter notice than the contract's. A period keeps its months and its end."""
    notice = _param("termination", "notice")
    value = notice.parse(raw)
    assert notice.format(value, "en", None) == en
    assert notice.format(value, "de", None) == de


@pytest.mark.parametrize("raw", ["abc", "0", "14 weeks", "-3 days", "100 days", "4 months"])
def test_a_notice_period_out_of_shape_or_bounds_is_refused(raw: str) -> None:
    with pytest.raises(ValueError):
        _param("termination", "notice").parse(raw)


def test_the_old_name_of_the_notice_still_sets_it() -> None:
    """``--set notice_days=30`` (the parameter's name before it took months) sets ``notice``."""
    library = _library()
    values = parse_assignments(library, ["notice_days=30"], ["termination"])
    assert list(values) == ["notice"]
    text = render_clause(library, "termination", lang="en", values=values).text
    assert "written notice of 30 days" in text


def test_given_values_and_currency_reach_the_text() -> None:
    library = _library()
    rate = _param("hourly_conversion", "hourly_rate").parse("1.250,50")
    en = render_clause(library, "hourly_conversion", lang="en", values={"hourly_rate": rate, "currency": "GBP"})
    assert "hourly rate of GBP 1,250.50" in en.text and en.values["hourly_rate"] == Decimal("1250.50")
    de = render_clause(
        library, "late_payment", lang="de", values={"late_interest": Decimal("1.5"), "jurisdiction": "AT"}
    )
    assert "1,5 % pro Monat" in de.text and de.jurisdiction == "AT"
    uk = render_clause(library, "late_payment", lang="en", values={"jurisdiction": "UK"})
    assert "Late Payment of Commercial Debts (Interest) Act 1998" in uk.text and uk.values == {}


def test_a_consumer_client_gets_no_business_only_statute() -> None:
    """The Late Payment of Commercial Debts (Interest) Act 1998 binds businesses only: `clauses show late_payment
    --set jurisdiction=UK --set client_type=consumer` printed it (new user); the general text with a rate now."""
    library = _library()
    act = "Late Payment of Commercial Debts"
    for variant in REQUIRED_VARIANTS:
        consumer = {"jurisdiction": "UK", "client_type": "consumer"}
        r = render_clause(library, "late_payment", lang="en", variant=variant, values=consumer)
        assert act not in r.text and "% per month" in r.text, variant
        business = render_clause(library, "late_payment", lang="en", variant=variant, values={"jurisdiction": "UK"})
        assert act in business.text, variant


def test_a_dienstvertrag_gets_no_werkvertrag_citation() -> None:
    """§§ 631-651 BGB (Abnahme, §§ 643, 645, 648, 648a) belong to a contract that owes a result (issue 15)."""
    library = _library()
    werk = re.compile(r"§§?\s*6(?:3[1-9]|4\d|5[01])")
    for fid in library.clauses:
        for variant in REQUIRED_VARIANTS:
            values = {"jurisdiction": "DE", "contract_type": "dienstvertrag"}
            r = render_clause(library, fid, lang="de", variant=variant, values=values, use_examples=True)
            assert not werk.search(r.text), (fid, variant)
            if werk.search(r.note):
                assert r.note.startswith("Teile dieser Erläuterung betreffen den Werkvertrag"), (fid, variant)
    kept = render_clause(library, "termination", lang="de", values={"jurisdiction": "DE"}).text
    assert "(§ 643 BGB)" in kept and "(§ 648a BGB)" in kept
