"""What a contract is — its type in German law's terms, its client a business or a consumer — and how the audit
grades its clauses for it (issue 15: § 310 Abs. 1, § 640 Abs. 2 Satz 2, § 308 Nr. 3, § 305c BGB; the Dienstvertrag
in the audit)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ghostproof.cli import app
from ghostproof.client_type import read_client
from ghostproof.detect import audit_document, regrade, with_addenda
from ghostproof.ingest import document_from_text, load_document

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
runner = CliRunner()

#: a deemed acceptance that restates § 640 Abs. 2 BGB: a period, rejection by naming a defect, no warning promised
RESTATES_640 = (
    "§ 4 Abnahme\n\n(2) Die Website gilt als abgenommen, wenn der Kunde nicht innerhalb von 10 Werktagen nach Zugang "
    "der Aufforderung unter Angabe mindestens eines Mangels die Abnahme verweigert."
)
FREE_EXIT = (
    "§ 9 Kündigung\n\n(1) Der Auftragnehmer kann den Vertrag jederzeit ohne Angabe von Gründen mit einer Frist von "
    "14 Tagen kündigen. Die bis dahin erbrachten Leistungen werden vergütet."
)
_SIGNED = ", und Lena Roth (nachfolgend „Auftragnehmerin“) wird folgender Werkvertrag geschlossen:\n\n"
GMBH = "Zwischen der Morgenrot Bäckerei GmbH, Hauptstraße 1, 04109 Leipzig (nachfolgend „Kunde“)" + _SIGNED
PERSON = "Zwischen Herrn Max Maier, Gartenweg 3, 04109 Leipzig (nachfolgend „Kunde“)" + _SIGNED
CONSUMER = PERSON + "Der Kunde ist Verbraucher im Sinne von § 13 BGB.\n\n"


def _audit(text: str, lang: str = "de"):  # type: ignore[no-untyped-def]
    return audit_document(document_from_text(text, lang=lang))  # type: ignore[arg-type]


def _codes(result, clause: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.code for p in result.finding(clause).problems]


# -- reading the client ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (GMBH, "de", ("business", "legal_form", "Morgenrot Bäckerei GmbH")),
        (PERSON, "de", None),
        (CONSUMER, "de", ("consumer", "statement", "Der Kunde ist Verbraucher")),
        (
            "Diese Bedingungen gelten ausschließlich gegenüber Unternehmern.",
            "de",
            ("business", "statement", "ausschließlich gegenüber Unternehmern"),
        ),
        (  # new user, a web agency's terms
            "1.3 Unsere Angebote richten sich ausschließlich an Unternehmer im Sinne des § 14 BGB.",
            "de",
            ("business", "statement", "ausschließlich an Unternehmer"),
        ),
        (  # new user, round 8: a design studio's terms for business clients only
            "1.1 Diese AGB gelten für Aufträge, die uns Unternehmer im Sinne von § 14 BGB erteilen. 1.2 Verträge mit "
            "Verbrauchern schließen wir nicht ab.",
            "de",
            ("business", "statement", "mit Verbrauchern schließen wir nicht"),
        ),
        # (terms that serve both kinds name the business only in a condition)
        ("Ist der Kunde Unternehmer im Sinne von § 14 BGB, gelten Verzugszinsen von 9 Prozentpunkten.", "de", None),
        (  # new user, a UK architect's appointment letter
            "As you are consumers and this contract was concluded after a meeting at your home, you may cancel.",
            "en",
            ("consumer", "statement", "As you are consumers"),
        ),
        (  # new user, a UK wedding videographer's terms
            '"We" means Hazel & Finch Films Ltd. "You" means the couple named on the booking form.',
            "en",
            ("consumer", "statement", '"You" means the couple'),
        ),
        (
            'between Jo Bell and Sam Reed (together, the "Couple") and Lumen Events Ltd (the "Planner")',
            "en",
            ("consumer", "statement", '(together, the "Couple")'),
        ),
        (
            "Nothing in these terms affects your statutory rights as a consumer.",
            "en",
            ("consumer", "statement", "your statutory rights as a consumer"),
        ),
        (
            "zwischen Anna Berg und Jonas Kühn (nachfolgend „Brautpaar“) und Linsenblick Fotografie",
            "de",
            ("consumer", "statement", "nachfolgend „Brautpaar"),
        ),
        (  # new user: a name in capitals
            'This Contract is made between CLYDE FLEET SERVICES LTD, 4 Dock Road, Glasgow (the "Client") and Ana '
            'Reyes (the "Developer").',
            "en",
            ("business", "legal_form", "CLYDE FLEET SERVICES LTD"),
        ),
        # "a couple of" is no party
        ("The Client will review a couple of drafts within five days.", "en", None),
        (
            "Widerrufsbelehrung\n\nSie haben das Recht, binnen vierzehn Tagen …",
            "de",
            ("consumer", "statement", "Widerrufsbelehrung"),
        ),
        # conditional wordings serve both kinds of client: neither
        ("Ist der Kunde Verbraucher, gilt Folgendes. Ist der Kunde Unternehmer, gilt § 377 HGB.", "de", None),
        # statements on both sides: unknown
        ("Der Kunde ist Unternehmer. Widerrufsbelehrung: …", "de", None),
        # the contractor's legal form says nothing about the client
        (
            "Zwischen der Pixel GmbH (nachfolgend „Auftragnehmer“) und Max Maier (nachfolgend „Kunde“) wird "
            "vereinbart:",
            "de",
            None,
        ),
        (
            'This Agreement is made between Mara Lindqvist (the "Designer"), and Bluebird Bakery LLC, 210 Market Lane, '
            'Portland, OR 97209 (the "Client").',
            "en",
            ("business", "legal_form", "Bluebird Bakery LLC"),
        ),
        ('This Agreement is made between Dana Okafor (the "Consultant") and John Smith (the "Client").', "en", None),
        # a UK trader's terms that rule the consumer regulations out are no consumer's (new user, round 7: "a consumer
        # (the contract says "Consumer Contracts (Information, Cancellation")")
        (
            "1.1 I work for businesses only. By accepting the Proposal you confirm that you are acting for the "
            "purposes of your trade, business or profession and not as a consumer. The consumer cancellation rights "
            "of the Consumer Contracts (Information, Cancellation and Additional Charges) Regulations 2013 "
            "therefore do not apply.",
            "en",
            ("business", "statement", "work for businesses only"),
        ),
        (
            "You may cancel within 14 days under the Consumer Contracts (Information, Cancellation and Additional "
            "Charges) Regulations 2013.",
            "en",
            ("consumer", "statement", "Consumer Contracts (Information, Cancellation"),
        ),
        # a numbered party block: the number is no part of the name (new user, round 7: "1) Meridian …")
        (
            "Parties:\n\n(1) Meridian Housing Association Limited, a company registered in England, whose registered "
            'office is at 3 Victoria Square, Birmingham (the "Client"); and\n\n(2) Helen Okoro (the "Facilitator").',
            "en",
            ("business", "legal_form", "Meridian Housing Association Limited"),
        ),
        # "B2B" names a market, not the client
        ("The Company operates a B2B marketplace for business-to-business trade.", "en", None),
        # a party block whose dash the reader took for a list marker: the definition stands on a line of its own
        (
            "WERKVERTRAG\n\nzwischen Pixelwerk Schneider, Lindenstraße 12, 04109 Leipzig\n\n"
            "nachfolgend „Auftragnehmer“ – und Autohaus Berger GmbH, vertreten durch den Geschäftsführer, "
            "04315 Leipzig\n\nnachfolgend „Auftraggeber“ –\n\n§ 1 Vertragsgegenstand",
            "de",
            ("business", "legal_form", "Autohaus Berger GmbH"),
        ),
    ],
)
def test_the_client_type_is_read_from_the_contracts_words(
    text: str, lang: str, expected: tuple[str, str, str] | None
) -> None:
    found = read_client(text, lang)
    assert (None if found is None else (found.type, found.how, found.text)) == expected
    if found is not None:
        assert text[found.start : found.end] == found.text


# -- grading: German law ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "status", "codes"),
    [
        (GMBH, "present", []),  # a business: restating § 640 Abs. 2 BGB needs no warning
        (PERSON, "weak", ["DA_NO_CONSEQUENCE_NOTICE"]),  # unknown: the stricter reading stands
        (CONSUMER, "weak", ["DA_NO_CONSEQUENCE_NOTICE"]),
    ],
)
def test_a_fiction_that_restates_640_needs_the_warning_only_towards_a_consumer(
    head: str, status: str, codes: list[str]
) -> None:
    da = _audit(head + RESTATES_640).finding("deemed_acceptance")
    assert da.status == status and [p.code for p in da.problems] == codes


def test_a_fiction_stricter_than_640_keeps_the_warning_problem_towards_a_business() -> None:
    text = GMBH + RESTATES_640.replace("mindestens eines Mangels", "wesentlicher Mängel")
    assert _codes(_audit(text), "deemed_acceptance") == ["DA_NO_CONSEQUENCE_NOTICE", "DA_MATERIAL_ONLY"]


@pytest.mark.parametrize(
    ("head", "flagged"),
    [(CONSUMER, True), (GMBH, False), (PERSON, False), (CONSUMER.replace("Werkvertrag", "Beratungsvertrag"), False)],
)
def test_the_contractors_free_exit_is_flagged_against_a_consumer_only(head: str, flagged: bool) -> None:
    result = _audit(head + FREE_EXIT)
    te = result.finding("termination")
    assert ("TE_FREE_EXIT_CONSUMER" in [p.code for p in te.problems]) == flagged
    assert te.status == ("weak" if flagged else "present")


def test_english_contracts_are_not_graded_by_german_law() -> None:
    text = (
        'This Agreement is made between Dana Okafor (the "Consultant") and John Smith (the "Client"). The Client is a '
        "consumer.\n\n9.1 The Consultant may terminate this Agreement at any time without cause on 14 days' notice. "
        "Work done up to termination will be paid."
    )
    result = _audit(text, "en")
    assert result.client_type is not None and result.client_type.value == "consumer"
    assert result.contract_type is None  # the German contract types are read for German contracts only
    assert "TE_FREE_EXIT_CONSUMER" not in _codes(result, "termination")


SILENT_WHILE_IT_RUNS = (
    "(2) Endet der Vertrag vorzeitig aus einem Grund, den nicht der Auftragnehmer zu vertreten hat, oder bleiben "
    "Anfragen des Auftragnehmers 10 Arbeitstage lang unbeantwortet, kann der Auftragnehmer die bis dahin erbrachten "
    "Leistungen anstelle des Festpreises nach Aufwand zu einem Stundensatz von 95 EUR abrechnen."
)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        (SILENT_WHILE_IT_RUNS, True),
        (
            "(2) Ruht das Projekt, weil der Kunde nicht reagiert, rechnet der Auftragnehmer die erbrachten Leistungen "
            "statt des Festpreises nach Aufwand mit 90 EUR je Stunde ab.",
            True,
        ),
        # silence, then the end of the contract: billing by time follows the end
        (
            "(2) Bleibt der Kunde länger als 30 Tage ohne Rückmeldung, ist die Agentur berechtigt, das Projekt "
            "abzuschließen und die bis dahin erbrachten Leistungen statt des Festpreises nach Aufwand mit 110 € pro "
            "Stunde abzurechnen.",
            False,
        ),
        # the end first, caused by the silence
        (
            "(2) Kündigt der Auftragnehmer, weil seine Anfragen 10 Arbeitstage lang unbeantwortet geblieben sind, "
            "rechnet er die erbrachten Leistungen statt des Festpreises nach Aufwand zu 95 EUR je Stunde ab.",
            False,
        ),
        # termination only
        (
            "(2) Wird der Vertrag gekündigt, rechnet der Auftragnehmer die erbrachten Leistungen statt des Festpreises "
            "nach Aufwand zu 95 EUR je Stunde ab.",
            False,
        ),
    ],
)
def test_billing_by_time_that_silence_alone_triggers_while_the_contract_runs_is_weak(text: str, flagged: bool) -> None:
    hc = _audit("§ 7 Vergütung\n\n" + text).finding("hourly_conversion")
    assert hc.status != "missing"
    assert ("HC_SILENCE_TRIGGER" in [p.code for p in hc.problems]) == flagged


def test_our_firm_german_clause_bills_by_time_only_once_the_contract_ends() -> None:
    from ghostproof.clauses.library import load_library
    from ghostproof.clauses.render import render_clause

    library = load_library()
    de = render_clause(library, "hourly_conversion", lang="de", variant="firm", values={"hourly_rate": 95})
    assert de.jurisdiction == "DE"
    hc = _audit("§ 7 Vergütung\n\n(1) " + de.text).finding("hourly_conversion")
    assert hc.status == "present", [p.code for p in hc.problems]
    assert "Das gilt auch, wenn der Auftragnehmer den Vertrag kündigt, weil seine" in " ".join(de.text.split())
    en = render_clause(library, "hourly_conversion", lang="en", variant="firm", values={"hourly_rate": 95}).text
    assert "unanswered" in en  # the English firm clause keeps its silence trigger: § 305c BGB is German law


# -- the Dienstvertrag in the audit ---------------------------------------------------------------------------------


def test_a_dienstvertrag_needs_no_deemed_acceptance_in_the_audit() -> None:
    sample = SAMPLES / "de-beratung-bare.docx"
    result = audit_document(load_document(sample))
    assert result.contract_type is not None and result.contract_type.value == "dienstvertrag"
    assert result.contract_type.how == "name" and result.contract_type.evidence[0].text == "Beratungsvertrag"
    da = result.finding("deemed_acceptance")
    assert da.status == "missing" and da.applies is False
    assert all(f.applies for f in result.findings if f.clause != "deemed_acceptance")
    out = " ".join(runner.invoke(app, ["audit", str(sample)]).stdout.split())
    assert "Vertragstyp: Dienstvertrag" in out and "der Vertrag nennt sich „Beratungsvertrag“" in out
    assert "Abnahmefiktion – entfällt Dienstvertrag: keine Abnahme" in out
    assert "3 von 3 Pflichtklauseln fehlen." in out  # deemed acceptance is not required here
    # --fail-on never fails on a clause that does not fit the contract
    ok = runner.invoke(app, ["audit", str(sample), "--require", "deemed_acceptance", "--fail-on", "missing"])
    assert ok.exit_code == 0, ok.stderr
    data = json.loads(runner.invoke(app, ["audit", str(sample), "-f", "json"]).stdout)
    assert data["findings"][0]["applies"] is False and data["contract_type"]["value"] == "dienstvertrag"
    # a Werkvertrag still needs it
    other = audit_document(load_document(SAMPLES / "de-webdesign-mixed.docx"))
    assert other.contract_type is not None and other.contract_type.value == "werkvertrag"
    assert other.finding("deemed_acceptance").applies is True


def test_the_html_report_shows_what_the_contract_is_and_the_clause_not_needed() -> None:
    from html_page import Page

    from ghostproof.report import build_report, render

    result = audit_document(load_document(SAMPLES / "de-beratung-bare.docx"))
    out = render(build_report([result]), "html")
    page = Page.parse(out)
    card = page.by_id("doc-1-deemed_acceptance")
    assert "entfällt" in card.text and "Dienstvertrag: keine Abnahme" in card.text
    assert "Vertragstyp: Dienstvertrag" in out and "Nordlicht Textil GmbH" in out


# -- grading again: a case file's word, addenda ---------------------------------------------------------------------


def test_grading_again_is_stable_and_follows_the_case_files_word() -> None:
    result = _audit(GMBH + RESTATES_640 + "\n\n" + FREE_EXIT)
    assert regrade(regrade(result)) == result
    consumer = regrade(result, client_type="consumer")
    assert _codes(consumer, "deemed_acceptance") == ["DA_NO_CONSEQUENCE_NOTICE"]
    assert _codes(consumer, "termination") == ["TE_FREE_EXIT_CONSUMER"]
    assert regrade(consumer, client_type="business") == result
    services = regrade(result, contract_type="dienstvertrag")
    assert services.finding("deemed_acceptance").applies is False


def test_assess_grades_for_the_client_the_case_file_names(tmp_path: Path) -> None:
    from test_calendar import _case

    from ghostproof.assess import assess_case

    contract = str(SAMPLES / "de-webdesign-mixed.md")
    business = assess_case(_case(tmp_path, contract))
    da = next(p for p in business.positions if p.clause == "deemed_acceptance")
    assert da.status == "present"
    consumer = assess_case(_case(tmp_path, contract, client_type="consumer"))
    da = next(p for p in consumer.positions if p.clause == "deemed_acceptance")
    assert da.status == "weak"


def test_an_addendum_is_graded_as_part_of_the_contract() -> None:
    contract = audit_document(load_document(SAMPLES / "de-webdesign-mixed.docx"))
    # the addendum names no client; alone, its fiction is graded by the stricter reading
    addendum = _audit("Nachtrag\n\n" + RESTATES_640)
    assert addendum.client_type is None and addendum.finding("deemed_acceptance").status == "weak"
    merged = with_addenda(contract, [addendum])
    assert merged.finding("deemed_acceptance").status == "present"  # the contract's client is a GmbH


def test_a_high_flat_kill_fee_is_measured_against_648_only_in_a_contract_for_a_result() -> None:
    fee = (
        "\n\n§ 5 Laufzeit\n(3) Eine vorzeitige Kündigung durch den Kunden während der Mindestlaufzeit ist nur gegen "
        "Zahlung von 75 % der bis zum Ende der Mindestlaufzeit verbleibenden Monatspauschalen möglich."
    )
    services = _audit(
        "DIENSTVERTRAG\n\nEs handelt sich um einen Dienstvertrag; ein Erfolg wird nicht geschuldet." + fee
    )
    result = _audit("WERKVERTRAG\n\nDer Auftragnehmer erstellt für den Kunden eine Website." + fee)
    assert "KF_HIGH_FLAT" not in _codes(services, "kill_fee")
    assert "KF_HIGH_FLAT" in _codes(result, "kill_fee")
    # a case file that says the Dienstvertrag is a contract for a result grades it again: the problem comes back
    assert "KF_HIGH_FLAT" in _codes(regrade(services, contract_type="werkvertrag"), "kill_fee")
    assert "KF_HIGH_FLAT" not in _codes(regrade(result, contract_type="dienstvertrag"), "kill_fee")
