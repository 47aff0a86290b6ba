"""Whole-document structure (models/document.toml): does a text look like a contract, and where do its terms end?

Measured as the issue asks: none of the samples (in every format) and none of the 510 CUAD contracts gets the
"does not look like a contract" warning; every non-contract in tests/data/not_contracts/ does."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from contracts_with_back_matter import CONTRACTS, LAST_TERM, build
from typer.testing import CliRunner

import ghostproof
from ghostproof.cli import app
from ghostproof.detect.rules import models_dir
from ghostproof.detect.structure import _load, back_matter_start, contract_signals, is_contents, may_hold_contents
from ghostproof.errors import GhostproofError
from ghostproof.ingest import load_document
from ghostproof.ingest.lang import detect_lang

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
NOT_CONTRACTS = sorted(p for p in (ROOT / "tests" / "data" / "not_contracts").iterdir() if p.name != "README.md")
CONTRACT_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".pdf", ".docx", ".md") and p.stem != "README")
runner = CliRunner()


def _cuad_texts() -> list[Path]:
    shared = Path(os.environ.get("GHOSTPROOF_SHARED") or ROOT.parent / "shared")
    return sorted((shared / "data" / "cuad" / "full_contract_txt").glob("*.txt"))


def test_the_non_contract_collection_is_what_the_issue_asks_for() -> None:
    assert len(NOT_CONTRACTS) >= 10
    assert {detect_lang(p.read_text(encoding="utf-8")) for p in NOT_CONTRACTS} == {"en", "de"}


@pytest.mark.parametrize("path", CONTRACT_FILES, ids=lambda p: p.name)
def test_every_sample_looks_like_a_contract(path: Path) -> None:
    assert ghostproof.audit(path).looks_like_contract


@pytest.mark.parametrize("path", NOT_CONTRACTS, ids=lambda p: p.name)
def test_a_non_contract_is_audited_with_a_one_line_warning_and_marked_in_json(path: Path) -> None:
    result = runner.invoke(app, ["audit", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["looks_like_contract"] is False
    warnings = [line for line in result.stderr.splitlines() if "does not look like a contract" in line]
    assert len(warnings) == 1 and warnings[0].startswith(f"ghostproof: warning: {path}")
    text = runner.invoke(app, ["audit", str(path), "--report-lang", "en"])
    assert text.exit_code == 0
    assert f"! {path.name} does not look like a contract" in text.stdout  # the report says so too
    assert "Deemed acceptance" in text.stdout  # and still reports


def test_readme_of_the_samples_is_not_a_contract_but_the_samples_are() -> None:
    assert not ghostproof.audit(SAMPLES / "README.md").looks_like_contract


def test_the_german_report_warns_in_german() -> None:
    german = next(p for p in NOT_CONTRACTS if p.name == "rezept-de.txt")
    text = runner.invoke(app, ["audit", str(german)]).stdout
    assert f"! {german.name} sieht nicht wie ein Vertrag aus" in text


def test_quiet_silences_the_warning_but_not_the_json_mark() -> None:
    result = runner.invoke(app, ["audit", str(NOT_CONTRACTS[0]), "--format", "json", "-q"])
    assert result.stderr == ""
    assert json.loads(result.stdout)["looks_like_contract"] is False


@pytest.mark.cuad
def test_no_cuad_contract_gets_the_warning() -> None:
    texts = _cuad_texts()
    if not texts:
        pytest.skip("CUAD texts not found (../shared/data/cuad/full_contract_txt)")
    assert len(texts) == 510
    flagged = []
    for path in texts:
        text = path.read_text(encoding="utf-8", errors="replace")
        if not contract_signals(text, detect_lang(text)).looks_like_contract:
            flagged.append(path.name)
    assert flagged == []


def test_a_contract_page_without_vocabulary_is_not_a_contract() -> None:
    signals = contract_signals("Thank you for your order. Your parcel ships tomorrow.", "en")
    assert not signals.looks_like_contract and signals.terms <= 1


# -- back matter: where a contract's terms end ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CONTRACTS))
def test_back_matter_starts_after_the_last_term(name: str, tmp_path: Path) -> None:
    document = load_document(build(name, tmp_path))
    start = back_matter_start(document)
    assert start is not None
    assert document.blocks[start - 1].text == LAST_TERM[name]


@pytest.mark.parametrize("name", ["en-webdesign-hardened", "de-webdesign-mixed", "en-consulting-mixed"])
def test_back_matter_of_the_samples_is_their_signature_section(name: str) -> None:
    document = load_document(SAMPLES / f"{name}.docx")
    start = back_matter_start(document)
    assert start is not None
    assert document.blocks[start].text in ("Signatures", "Unterschriften")


def test_a_date_line_inside_the_first_section_is_not_the_end_of_the_terms(tmp_path: Path) -> None:
    path = tmp_path / "form.md"
    path.write_text(
        "# Order form\n\n## 1. Parties\n\nDate: ________\n\nThe Client orders the services below.\n\n"
        "## 2. Fees\n\n2.1 The fee is USD 500.\n\n## 3. Term\n\n3.1 This order ends on delivery.\n\n"
        "Signature: ________\n",
        encoding="utf-8",
    )
    document = load_document(path)
    start = back_matter_start(document)
    assert start is not None and document.blocks[start].text.startswith("Signature:")


def test_a_sentence_naming_an_exhibit_is_not_an_annex(tmp_path: Path) -> None:
    path = tmp_path / "sow.md"
    path.write_text(
        "# Services Agreement\n\n## 1. Services\n\n1.1 The Contractor performs the services.\n\n"
        "Exhibit A describes the services.\n\n## 2. Fees\n\n2.1 The fee is USD 500.\n",
        encoding="utf-8",
    )
    assert back_matter_start(load_document(path)) is None


# -- the rule file is validated ----------------------------------------------------------------------------------


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    root = tmp_path / "models"
    shutil.copytree(models_dir(), root)
    path = root / "document.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('"agreements?", ', '"agreements?", "(unclosed", ', "bad regular expression"),
        ('"agreements?", ', '"Agreements", ', "write it in lowercase"),
        ("title_chars = 400", "title_chars = 0", "title_chars must be a whole number"),
        ("{ terms = 3, obligations = 3 }", "{ terms = 3, moods = 1 }", "enough must be a list"),
        ("max_words = 25", "max_words = 25\nextra = 1", "keys must be max_words"),
    ],
)
def test_a_broken_document_rule_file_fails_loudly(tmp_path: Path, old: str, new: str, message: str) -> None:
    root = _broken(tmp_path, old, new)
    with pytest.raises(GhostproofError) as exc:
        _load(root)
    assert exc.value.code == "E170" and message in exc.value.message and "document.toml" in (exc.value.path or "")


#: standard terms as a photographer publishes them (no parties' signatures, no "verpflichtet sich"): they bind by what
#: falls due and what is to be paid
_AGB = """ALLGEMEINE GESCHÄFTSBEDINGUNGEN – LICHTBLICK HOCHZEITSFOTOGRAFIE

§ 1 Geltungsbereich
(1) Diese AGB gelten für alle Verträge über fotografische Leistungen zwischen Lichtblick Hochzeitsfotografie
(nachfolgend „Fotografin“) und ihren Kunden.

§ 3 Honorar und Zahlung
(1) Es gilt das im Buchungsformular vereinbarte Honorar.
(2) Eine Anzahlung von 30 % des Honorars ist mit Vertragsschluss fällig.
(3) Der Restbetrag ist innerhalb von 7 Tagen nach Lieferung der Bilder ohne Abzug zu zahlen.

§ 4 Stornierung durch den Kunden
(1) Der Kunde kann den Auftrag jederzeit durch Erklärung in Textform stornieren.
"""


def test_german_standard_terms_without_signatures_look_like_a_contract() -> None:
    signals = contract_signals(_AGB, "de")
    assert signals.looks_like_contract, signals


def test_a_german_service_contract_that_binds_in_the_present_tense_looks_like_a_contract() -> None:
    text = (
        "Dienstleistungsvertrag Social-Media-Management\n\nzwischen der Pixelpost Social GmbH, Leipzig (nachfolgend "
        "„Agentur“)\nund der Café Auerbach GmbH, Leipzig (nachfolgend „Kunde“)\n\n1. Leistungen\n1.1 Die Agentur "
        "betreut die Kanäle des Kunden.\n\n2. Vergütung\n2.1 Der Kunde zahlt eine monatliche Pauschale von 1.850,00 € "
        "zzgl. MwSt.\n\n3. Zahlung\n3.1 Sonstige Rechnungen sind 14 Tage netto zahlbar."
    )
    assert contract_signals(text, "de").looks_like_contract


def test_plain_english_subscription_terms_look_like_a_contract() -> None:
    """Click-through terms titled "… Subscription Terms" that bind in plain English were told they do not look like a
    contract (new user, a podcast editing subscription)."""
    text = (
        "SOUNDTIDY – PODCAST EDITING SUBSCRIPTION TERMS\nLast updated: January 15, 2025\n\nThese are the terms for "
        "SoundTidy's monthly podcast editing plans. SoundTidy is a trade name of Breakwater Audio Co., a Delaware LLC "
        '("SoundTidy", "we"). By choosing a plan at checkout you ("you", the show owner) agree to them.\n\n1. PLANS\n'
        "You pick a plan, we bill your card every month. Fees are charged in advance.\n\n2. PAYMENT\nIf a charge fails "
        "we'll email you and retry after 3 days.\n\n6. CANCELLING\nYou can cancel anytime from Settings.\n\n"
        "11. LAW\nThese terms are governed by Delaware law."
    )
    assert contract_signals(text, "en").looks_like_contract


@pytest.mark.parametrize(
    ("text", "lang", "named"),
    [
        (
            "FIRST AMENDMENT TO CONSULTING AGREEMENT\n\nThis First Amendment amends the Consulting Agreement dated "
            "January 5, 2025 between the parties.",
            "en",
            "CONSULTING AGREEMENT",
        ),
        (
            "STATEMENT OF WORK NO. 3\n\nThis Statement of Work is issued under the Master Services Agreement dated "
            "March 1, 2025 between Orbit Apps LLC and Delta Foods Inc.",
            "en",
            "Master Services Agreement dated March 1, 2025",
        ),
        (
            "Nachtrag Nr. 2 zum Dienstleistungsvertrag vom 01.03.2024\n\nzwischen der A GmbH und B",
            "de",
            "Dienstleistungsvertrag vom 01.03.2024",
        ),
        ("ADDENDUM\n\nThe parties agree to the following changes.", "en", ""),  # a part that names nothing
        # whole agreements: no part of another one
        (
            "AMENDED AND RESTATED CONSULTING AGREEMENT\nThis agreement amends the Consulting Agreement dated May 1, "
            "2020.",
            "en",
            None,
        ),
        (
            "CONSULTING AGREEMENT\nThis Agreement is governed by the laws of New York and may be amended in writing.",
            "en",
            None,
        ),
        ("SOFTWARE LICENSE AGREEMENT\nEach Statement of Work is issued under this Agreement.", "en", None),
    ],
)
def test_a_text_that_is_part_of_another_agreement_names_it(text: str, lang: str, named: str | None) -> None:
    """An amendment or a statement of work lacks clauses its master agreement may have (new user: an app SOW whose
    payment terms are "in accordance with Section 6 of the MSA" was told it lacks them, with no hint)."""
    from ghostproof.detect.structure import part_of

    span = part_of(text, lang)
    assert (None if span is None else text[span[0] : span[1]]) == named


def test_the_audit_says_a_text_is_part_of_another_agreement() -> None:
    from ghostproof.detect import audit_document
    from ghostproof.ingest import document_from_text
    from ghostproof.report.view import circumstance_lines
    from ghostproof.words import Words

    text = (
        "STATEMENT OF WORK NO. 3\n\nThis Statement of Work is issued under the Master Services Agreement dated "
        "March 1, 2025. Client shall pay the fees in accordance with Section 6 of the MSA."
    )
    result = audit_document(document_from_text(text))
    assert result.part_of is not None and result.part_of.agreement is not None
    assert result.part_of.agreement.text == "Master Services Agreement dated March 1, 2025"
    lines = circumstance_lines(result, Words("en", "report"))
    assert any(line.startswith("Part of another agreement") and "Master Services Agreement" in line for line in lines)
    plain = audit_document(document_from_text("CONSULTING AGREEMENT\nThe Client shall pay within 30 days."))
    assert plain.part_of is None


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        (
            "10. DEFAULT AND TERMINATION 22 10.1 Termination in the Event of Bankruptcy or Insolvency 22 10.2 "
            "Termination with Notice 23 10.6 Termination of This Agreement by You 25",
            True,
        ),
        ("Termination ........ 25\nFees . . . . . 26\nLate fees ....... 27", True),
        ("Termination ........ 25", False),
        ("Either party may terminate this Agreement upon 30 days' notice. 10.2 Fees are due within 14 days.", False),
    ],
)
def test_a_table_of_contents_is_told_from_clauses(text: str, contents: bool) -> None:
    """A table of contents names clauses ("10.6 Termination of This Agreement by You 25") and grants nothing: a
    passage with three entries or more gives no finding (models/document.toml [contents])."""
    assert is_contents(text) is contents
    # a text without what every entry holds (the check a whole block gets before its passages are read) holds none
    assert may_hold_contents(text) or not contents
    for cut in range(0, len(text), 7):
        assert may_hold_contents(text) or not is_contents(text[cut : cut + 60])
