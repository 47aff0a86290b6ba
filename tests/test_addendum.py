"""`ghostproof addendum` and `ghostproof clauses`: the addendum closes every gap it claims to close, reads back from
DOCX (also through LibreOffice), names the agreement and its parties, and asks for what only the user knows."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from terminal import run_in_terminal
from typer.testing import CliRunner

from ghostproof.addendum import compose, families_to_close, load_engagement
from ghostproof.addendum.agreement import agreement_facts
from ghostproof.addendum.docx import render_docx
from ghostproof.addendum.markdown import render_markdown
from ghostproof.clauses.library import load_library
from ghostproof.cli import app
from ghostproof.detect import audit_document
from ghostproof.errors import GhostproofError
from ghostproof.ingest import document_from_text, load_document
from ghostproof.report import DEFAULT_REQUIRED

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
runner = CliRunner()

#: the values only a user knows (every other parameter has a default)
USER_VALUES = ["hourly_rate=95"]
#: the samples with gaps: bare (nothing) and mixed (weak and missing), English and German
GAPPY = ["en-software-bare", "en-consulting-mixed", "de-webdesign-mixed", "de-beratung-bare"]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


# -- the agreement's facts ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sample", "title", "date", "client", "contractor"),
    [
        (
            "en-consulting-mixed",
            "Consulting Agreement",
            "2 February 2026",
            "Pinecrest Home Health, Inc.",
            "Dana Okafor",
        ),
        (
            "en-software-bare",
            "Software Development Agreement",
            "12 January 2026",
            "Harbor Lane Logistics, Inc.",
            "Tomasz Berg",
        ),
        ("en-webdesign-hardened", "Website Design Agreement", "3 March 2026", "Bluebird Bakery LLC", "Mara Lindqvist"),
        ("de-webdesign-mixed", "Webdesign-Vertrag", "3. März 2026", "Café Morgenrot GmbH", "Lukas Hartmann"),
        ("de-beratung-bare", "Beratungsvertrag", "16. Februar 2026", "Nordlicht Textil GmbH", "Dr. Miriam Albers"),
    ],
)
@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
def test_agreement_facts_from_the_samples(
    sample: str, title: str, date: str, client: str, contractor: str, fmt: str
) -> None:
    facts = agreement_facts(load_document(SAMPLES / f"{sample}.{fmt}"))
    assert facts.title == title
    assert facts.date == date
    assert facts.client is not None and facts.client.name == client
    assert facts.contractor is not None and facts.contractor.name == contractor


@pytest.mark.parametrize(
    ("text", "client", "contractor", "date"),
    [
        (
            "SERVICES AGREEMENT\n\nThis Services Agreement is entered into as of March 5, 2025 by and between Acme "
            'Corp., a Delaware corporation ("Customer"), and Jane Doe ("Contractor").',
            "Acme Corp.",
            "Jane Doe",
            "March 5, 2025",
        ),
        (
            "Freelancer-Vertrag\n\nzwischen\n\nMax Muster GmbH – nachfolgend Auftraggeber genannt –\n\nund\n\n"
            "Erika Beispiel – nachfolgend Auftragnehmerin genannt –\n\nvom 01.02.2025",
            "Max Muster GmbH",
            "Erika Beispiel",
            "01.02.2025",
        ),
        (
            'Agreement\n\nMade on 2025-04-01 between the Studio Nord UG (haftungsbeschränkt) (the "Agency") and '
            'Blue Fin Ltd, 3 Harbour Road, Leeds (the "Client").',
            "Blue Fin Ltd",
            "Studio Nord UG (haftungsbeschränkt)",
            "2025-04-01",
        ),
        (
            "Exhibit 10.7\n\nCONSULTING AGREEMENT\n\nAduro Biotech, Inc., with a place of business at 740 Heinz "
            "Avenue, "
            "Berkeley, CA 94710 (“Aduro”) and IREYA B.V having an address at Staalwijkstraat 16, Leiden, represented "
            "by Andrea van Elsas, (“Consultant”) agree to this Consulting Agreement dated June 1, 2020.",
            "Aduro Biotech, Inc.",
            "IREYA B.V",
            "June 1, 2020",
        ),
        (
            "DISTRIBUTOR AGREEMENT\n\nThis Agreement is entered into as of January 21, 2005 (the “Effective Date”) "
            "by and among VendingData Corporation, a Nevada corporation (“Vendor”), and Technical Casino Supplies "
            "Ltd, an English company (“Customer”).",
            "Technical Casino Supplies Ltd",
            "VendingData Corporation",
            "January 21, 2005",
        ),
        (  # new user: a game studio commissions art from a vendor (the addendum named the vendor as the client)
            "This Art Outsourcing Services Agreement is made effective as of April 14, 2026 between Ironhollow Games, "
            'Inc. ("Studio") and Pixelforge Collective LLC ("Vendor").',
            "Ironhollow Games, Inc.",
            "Pixelforge Collective LLC",
            "April 14, 2026",
        ),
        (  # an agency that commissions a composer is the client
            "KOMPOSITIONSVERTRAG\n\nzwischen Jonas Brandt, Komponist – nachfolgend „Komponist“ –\n\nund Blaufeld "
            "Werbeagentur GmbH – nachfolgend „Agentur“ –\n\nBerlin, den 10. März 2026",
            "Blaufeld Werbeagentur GmbH",
            "Jonas Brandt",
            "10. März 2026",
        ),
    ],
)
def test_agreement_facts_in_other_wordings(text: str, client: str, contractor: str, date: str) -> None:
    facts = agreement_facts(document_from_text(text))
    assert facts.client is not None and facts.client.name == client
    assert facts.contractor is not None and facts.contractor.name == contractor
    assert facts.date == date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (  # new user: the wedding date is no contract date; the signature block's is
            "BOOKING TERMS\n\nEvent: your wedding celebration on Saturday 12 September 2026 at Orchardleigh Estate."
            "\n\n1. Fees. The planning fee is £6,800.\n\nSigned for Lumen Events Ltd\nDate: 20 January 2026",
            "20 January 2026",
        ),
        (  # the briefing's date is no contract date
            "KOMPOSITIONSVERTRAG\n\n§ 1 Gegenstand\n(2) Grundlage ist das Briefing vom 3. März 2026.\n\n"
            "Berlin, den 10. März 2026",
            "10. März 2026",
        ),
        (  # parties signing on different days: the later
            "RAHMENVERTRAG\n\n§ 1 Gegenstand\n\nLeipzig, den 28. Januar 2026      Bremen, den 30. Januar 2026",
            "30. Januar 2026",
        ),
        ("SERVICES\n\nThe launch is planned for 3 June 2026.\n\n1. Fees. The fee is $5,000.", None),
    ],
)
def test_the_agreements_date_is_one_it_calls_so(text: str, date: str | None) -> None:
    """The addendum said "Booking Terms And Conditions dated 12 September 2026" (the wedding day) and "vom 3. März
    2026" (the briefing's date): only a date the opening or the signature block gives the contract is its date."""
    assert agreement_facts(document_from_text(text)).date == date


def test_parties_on_lines_of_their_own_are_read_from_a_text_file(tmp_path: Path) -> None:
    """ "– nachfolgend „Komponist“ –" on a line of its own loses its first dash when a text file is read (a list
    marker); "(Einzelunternehmen)" is no role."""
    path = tmp_path / "vertrag.txt"
    path.write_text(
        "KOMPOSITIONSVERTRAG\n\nzwischen\n\nJonas Brandt, Komponist, Inhaber des Tonstudios „Brandt Audio“ "
        "(Einzelunternehmen), Lausitzer Straße 31, 10999 Berlin\n\n– nachfolgend „Komponist“ –\n\nund\n\n"
        "Blaufeld Werbeagentur GmbH, Sendlinger Straße 55, 80331 München\n\n– nachfolgend „Agentur“ –\n\n"
        "§ 1 Vertragsgegenstand\n\nDer Komponist komponiert die Musik zu einem Werbespot.\n",
        encoding="utf-8",
    )
    facts = agreement_facts(load_document(path))
    assert facts.client is not None and facts.client.name == "Blaufeld Werbeagentur GmbH"
    assert facts.contractor is not None and facts.contractor.name == "Jonas Brandt"


def test_standard_terms_name_no_client() -> None:
    doc = document_from_text(
        "Allgemeine Geschäftsbedingungen der Pixelwerk Agentur\n\n§ 1 Geltungsbereich\n\nDiese AGB gelten für "
        "alle Verträge zwischen der Pixelwerk Agentur (nachfolgend „Agentur“) und ihren Kunden (nachfolgend „Kunde“)."
    )
    facts = agreement_facts(doc)
    assert facts.client is None  # "ihren Kunden" is nobody in particular: a placeholder in the addendum
    assert facts.contractor is not None and facts.contractor.name == "Pixelwerk Agentur"
    named = agreement_facts(
        document_from_text('Agreement between Client Solutions Ltd (the "Client") and Ann Lee (the "Consultant").')
    )
    assert named.client is not None and named.client.name == "Client Solutions Ltd"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Allgemeine Geschäftsbedingungen der Pixelwerk Agentur", "zu den Allgemeinen Geschäftsbedingungen der"),
        ("Rahmenvereinbarung über Designleistungen", "zur Rahmenvereinbarung über"),
        ("Webdesign-Vertrag", "zum Webdesign-Vertrag"),
    ],
)
def test_german_addendum_heading_grammar(title: str, expected: str) -> None:
    from ghostproof.addendum.compose import _german_prep

    prep, dative = _german_prep(title)
    assert f"{prep} {dative}".startswith(expected)


def test_title_passes_over_exhibit_lines() -> None:
    doc = document_from_text("Exhibit 10.7\n\nSERVICES AGREEMENT\n\nThis Agreement is made on 1 May 2026.")
    assert agreement_facts(doc).title == "SERVICES AGREEMENT"


def test_unknown_facts_become_visible_placeholders(tmp_path: Path) -> None:
    contract = tmp_path / "terms.txt"
    contract.write_text("1. Payment\n\n1.1 We invoice monthly.\n", encoding="utf-8")
    result = runner.invoke(app, ["addendum", str(contract), "-f", "markdown", "--set", *USER_VALUES])
    assert result.exit_code == 0, result.stderr
    for placeholder in ("[DATE OF THE AGREEMENT]", "[CLIENT NAME]", "[YOUR NAME]"):
        assert placeholder in result.stdout
        assert placeholder in result.stderr  # listed for the user to fill in
    assert "{{" not in result.stdout and "}}" not in result.stdout


def _addendum_of(tmp_path: Path, text: str, *options: str) -> Any:
    """`ghostproof addendum` (Markdown, the usual user values and ``options``) of a contract with ``text``; checks
    that it succeeds."""
    contract = tmp_path / "contract.txt"
    contract.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["addendum", str(contract), "-f", "markdown", "--set", *USER_VALUES, *options])
    assert result.exit_code == 0, result.stderr
    return result


def test_the_addendum_takes_the_contracts_currency_client_and_cased_title(tmp_path: Path) -> None:
    """New user, UK wedding-planning terms in pounds for a couple: the addendum said "USD 60" and "USD 250", cited
    nothing for a consumer only by luck of the default, and kept "Booking Terms And Conditions"."""
    text = (
        "BOOKING TERMS AND CONDITIONS\n\nThese terms are between Lumen Events Ltd and the couple named on the "
        "booking form. “You” means the couple named on the booking form.\n\n2. Fees\n\n2.1 The planning fee is "
        "£6,800. The deposit of £1,360 is due on signing. Extra hours are charged at £60 per hour.\n\n"
        "2.3 If you pay late, we may charge interest at 3% a month.\n\nDate: 20 January 2026\n"
    )
    result = _addendum_of(tmp_path, text)
    assert "GBP" in result.stdout and "USD" not in result.stdout
    assert "Booking Terms and Conditions dated 20 January 2026" in result.stdout
    assert "Late Payment of Commercial Debts" not in result.stdout
    # a value the user gives wins over the contract's
    given = _addendum_of(tmp_path, text, "--set", "currency=EUR")
    assert "EUR" in given.stdout and "GBP" not in given.stdout


_BETTER_FIGURES = (
    'DESIGN SERVICES AGREEMENT\n\nThis Agreement is made on 2 February 2026 between Northwind Ltd ("Client") and '
    'Sam Carter ("Designer").\n\n3. Fees and Payment\n3.1 The fixed fee for the project is USD 12,000. Each invoice '
    "is payable within fourteen (14) days of the invoice date.\n\n4. Acceptance\n4.1 The Client has five (5) business "
    "days after each delivery to review it. If the Client does not reject a delivery in writing within that period, "
    "stating the defects, the delivery is deemed accepted.\n\n7. Cancellation\n7.1 If the Client cancels the project "
    "before completion, the Client shall pay, in addition to the fees for work done, a cancellation fee of forty "
    "percent (40%) of the part of the fixed fee not yet invoiced.\n"
)


def test_the_addendum_never_lowers_the_contracts_own_figures(tmp_path: Path) -> None:
    """New user (rounds 4 and 5): the suggested clauses, which "prevail", put 25 % where the contract has 40 %, pay
    within 30 days where it says 14, and 10 business days of review where it gives 5. The contract's figures that
    are better for the contractor are the defaults now, and the user is told where each comes from."""
    contract = tmp_path / "agreement.txt"
    contract.write_text(_BETTER_FIGURES, encoding="utf-8")
    result = runner.invoke(app, ["addendum", str(contract), "--all", "-f", "markdown", "--set", *USER_VALUES])
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "a cancellation fee of 40 % of the part of the fixed fee" in text
    assert "Each invoice is payable within 14 days of the invoice date" in text
    assert "The Client has 5 business days from receiving the request" in text
    assert "25 %" not in text and "within 30 days" not in text
    assert "kill_fee_percent = 40 (“forty percent (40%)”)" in result.stderr
    assert "net_days = 14 (“fourteen (14) days”)" in result.stderr
    # what the user gives still wins
    given = runner.invoke(
        app, ["addendum", str(contract), "--all", "-f", "markdown", "--set", *USER_VALUES, "--set", "net_days=21"]
    )
    assert "payable within 21 days" in given.stdout and "net_days" not in given.stderr


def test_figures_beyond_the_librarys_bounds_and_of_every_family_are_kept(tmp_path: Path) -> None:
    """New user, round 6 (a translator's terms better than the defaults): `addendum --all` put 25 % for the contract's
    60 %, 10 business days of review for 3, 5 for the client's 2-day answer, a USD 250 restart fee for 400 and 14
    days' notice for the client's 60. The contract's figures are kept even outside the library's bounds."""
    contract = tmp_path / "terms.txt"
    contract.write_text(
        'TRANSLATION SERVICES AGREEMENT\n\nBetween Polyglot Media Inc. ("Client") and Ana Ruiz ("Translator").\n\n'
        "4. Review. The Client has three (3) business days after each delivery to review it. If the Client does not "
        "reject a delivery in writing within that period, naming the errors, the delivery is deemed accepted.\n\n"
        "5. Cooperation. The Client shall answer the Translator's terminology questions within two (2) business days "
        "of receiving them.\n\n"
        "6. Silence. If the Client does not respond to the Translator's written requests for five (5) business days, "
        "the Translator may put the project on hold. Restarting a project on hold costs a restart fee of USD 400.\n\n"
        "7. Cancellation. If the Client cancels the project, the Client pays the fee for work done and a cancellation "
        "fee of sixty percent (60%) of the fee for the part not yet delivered.\n\n"
        "8. Termination. Either party may terminate this Agreement at any time for any reason on sixty (60) days' "
        "written notice. Work done up to the termination date is paid.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["addendum", str(contract), "--all", "-f", "markdown", "--set", *USER_VALUES])
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "a cancellation fee of 60 % of the part of the fixed fee" in text
    assert "The Client has 3 business days from receiving the request" in text
    assert "within 2 business days of receiving them" in text
    assert "Requests for 5 business days".lower() in text.lower()
    assert "restart fee of USD 400" in text
    assert "giving the other party written notice of 60 days" in text
    for kept in ("kill_fee_percent = 60", "review_days = 3", "response_days = 2", "restart_fee = 400"):
        assert kept in result.stderr


def test_the_contract_audited_with_its_addendum_keeps_its_own_cancellation_fee(tmp_path: Path) -> None:
    """New user, round 7: `audit --addendum` read the addendum's precedence clause ("it does not lower any fee,
    cancellation fee or other payment") as a cancellation fee with no amount, and rated the contract's real fee weak
    (KF_NO_AMOUNT) on the strength of that clause."""
    contract = tmp_path / "agreement.txt"
    contract.write_text(_BETTER_FIGURES, encoding="utf-8")
    addendum = tmp_path / "addendum.md"
    made = runner.invoke(app, ["addendum", str(contract), "-f", "markdown", "-o", str(addendum), "--set", *USER_VALUES])
    assert made.exit_code == 0, made.stderr
    assert "does not lower any fee, cancellation fee" in addendum.read_text(encoding="utf-8")
    result = runner.invoke(app, ["audit", str(contract), "--addendum", str(addendum), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    kill = next(f for f in json.loads(result.stdout)["findings"] if f["clause"] == "kill_fee")
    assert kill["status"] == "present" and kill["attributes"]["percent"] == 40, kill
    assert "KF_NO_AMOUNT" not in [p["code"] for p in kill["problems"]]


def test_a_flat_fee_too_high_to_hold_is_replaced_and_the_addendum_says_so(tmp_path: Path) -> None:
    """A German flat cancellation fee of 40 % (KF_HIGH_FLAT: it holds only if it matches the usual loss): the
    suggestion keeps the 40 % (new user, round 6: "never replace a fee with a lower one without an explicit opt-in"),
    adds the client's right to prove a lower loss and replaces what the contract says on that matter only; the note
    says the audit flags it. A weak termination clause is only supplemented, and the precedence keeps every payment
    and right the contract or the law gives beyond the addendum."""
    contract = tmp_path / "vertrag.txt"
    contract.write_text(
        "Werkvertrag über die Gestaltung einer Website\n\nzwischen der Muster GmbH (Kunde) und Anna Beispiel "
        "(Auftragnehmerin)\n\n§ 3 Vergütung\n(1) Die Vergütung beträgt 8.000 EUR (Festpreis). Rechnungen sind "
        "innerhalb von 7 Tagen nach Zugang zu zahlen.\n\n§ 5 Ausfallhonorar\n(1) Kündigt der Kunde den Vertrag vor "
        "Fertigstellung, schuldet er pauschal 40 % der vereinbarten Vergütung.\n\n§ 6 Kündigung\n(1) Der Kunde kann "
        "den Vertrag jederzeit mit einer Frist von 14 Tagen kündigen.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["addendum", str(contract), "-f", "markdown", "--set", *USER_VALUES])
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "Ausfallhonorar von 40 %" in text
    assert "Diese Regelung ersetzt, was § 5(1) des Vertrags zum selben Gegenstand bestimmt." in text
    assert "Diese Regelung ergänzt § 6(1) des Vertrags." in text
    assert "kill_fee_percent = 40 (“40 %”), though the audit flags KF_HIGH_FLAT" in result.stderr
    lowered = runner.invoke(
        app, ["addendum", str(contract), "-f", "markdown", "--set", *USER_VALUES, "--set", "kill_fee_percent=25"]
    )
    assert "Ausfallhonorar von 25 %" in lowered.stdout  # lowering it is the user's explicit choice
    assert (
        "er mindert jedoch keine Vergütung, kein Ausfallhonorar und keine sonstige Zahlung, schiebt keine Fälligkeit "
        "hinaus, verkürzt weder eine Mindestlaufzeit noch eine Kündigungsfrist des Kunden und nimmt dem Auftragnehmer "
        "kein sonstiges Recht, das ihm der Vertrag oder das Gesetz gibt" in text
    )


def test_the_english_precedence_keeps_what_the_agreement_gives(tmp_path: Path) -> None:
    contract = tmp_path / "agreement.txt"
    contract.write_text(_BETTER_FIGURES, encoding="utf-8")
    text = runner.invoke(app, ["addendum", str(contract), "-f", "markdown", "--set", *USER_VALUES]).stdout
    assert (
        "Where this Addendum and the Agreement differ, this Addendum prevails, except that it does not lower any fee, "
        "cancellation fee or other payment, delay a due date, shorten a minimum term or a notice period the Client "
        "must give, or take away any other right that the Agreement or the law gives the Contractor" in text
    )


# -- invariant 2: contract + addendum has no required gap -----------------------------------------------------------


def _addendum_for(path: Path, variant: str = "balanced") -> tuple[object, bytes, str]:
    library = load_library()
    from ghostproof.clauses.library import parse_assignments

    document = load_document(path)
    result = audit_document(document)
    add = compose(
        result,
        agreement_facts(document),
        library,
        values=parse_assignments(library, USER_VALUES),
        variant=variant,
    )
    return result, render_docx(add), render_markdown(add)


@pytest.mark.parametrize("variant", ["balanced", "firm"])
@pytest.mark.parametrize("sample", GAPPY)
def test_contract_plus_addendum_has_no_required_gap(sample: str, variant: str, tmp_path: Path) -> None:
    path = SAMPLES / f"{sample}.pdf"
    before, docx_bytes, _ = _addendum_for(path, variant)
    gaps_before = [f.clause for f in before.findings if f.clause in DEFAULT_REQUIRED and f.status != "present"]  # type: ignore[attr-defined]
    assert gaps_before, "a sample with gaps"
    out = tmp_path / "addendum.docx"
    out.write_bytes(docx_bytes)
    # the real command: the contract audited as amended by the addendum it got
    result = runner.invoke(app, ["audit", str(path), "--addendum", str(out), "-f", "json", "--fail-on", "weak"])
    assert result.exit_code == 0, result.stderr
    after = json.loads(result.stdout)
    bad = [(f["clause"], f["status"]) for f in after["findings"] if f["status"] != "present"]
    # every family the addendum added is now present — not only the required ones
    assert bad == [], bad
    added = {f["clause"] for f in after["findings"] if f["evidence"] and f["evidence"][0]["source"] == str(out)}
    assert added == set(families_to_close(before))  # type: ignore[arg-type]


def test_addendum_needs_one_contract(tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", str(SAMPLES), "--addendum", str(SAMPLES / "en-software-bare.md")])
    assert result.exit_code == 2 and "--addendum needs exactly one contract file" in result.stderr


# -- invariant 3: the DOCX round-trips, also through LibreOffice ----------------------------------------------------


@pytest.mark.parametrize("sample", ["en-software-bare", "de-beratung-bare"])
def test_docx_reads_back_with_the_clause_text_intact(sample: str, tmp_path: Path) -> None:
    result, docx_bytes, markdown = _addendum_for(SAMPLES / f"{sample}.md")
    out = tmp_path / "addendum.docx"
    out.write_bytes(docx_bytes)
    text = load_document(out).text
    library = load_library()
    for fid in families_to_close(result):  # type: ignore[arg-type]
        from ghostproof.clauses.library import parse_assignments
        from ghostproof.clauses.render import render_clause

        clause = render_clause(
            library,
            fid,
            lang=result.language,
            values=parse_assignments(library, USER_VALUES),  # type: ignore[attr-defined]
        )
        assert " ".join(clause.text.split()) in " ".join(text.split()), fid
    # numbered clause headings come from Word's numbering, not typed digits
    headings = [b for b in load_document(out).blocks if b.kind == "heading"]
    assert [h.section for h in headings if h.section][:3] == ["1.", "2.", "3."]
    assert _words(markdown)[:3] in (["addendum", "no", "1"], ["nachtrag", "nr", "1"])


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_docx_converts_with_libreoffice_and_reads_back(tmp_path: Path) -> None:
    _, docx_bytes, _ = _addendum_for(SAMPLES / "en-consulting-mixed.pdf")
    src = tmp_path / "addendum.docx"
    src.write_bytes(docx_bytes)
    profile = tmp_path / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = load_document(tmp_path / "addendum.pdf")
    docx_text = load_document(src)
    from similarity import word_similarity

    assert word_similarity(docx_text.text, pdf.text) > 0.98
    assert "Hourly" in pdf.text or "hourly" in pdf.text
    # LibreOffice draws Word's automatic clause numbers, so the printed addendum is numbered too
    assert re.search(r"^1\. Acceptance$", pdf.text, re.MULTILINE), pdf.text[:800]
    assert re.search(r"^2\. ", pdf.text, re.MULTILINE)


# -- the command line -------------------------------------------------------------------------------------------------


def test_missing_user_values_exit_2_with_the_set_keys(tmp_path: Path) -> None:
    result = runner.invoke(app, ["addendum", str(SAMPLES / "en-software-bare.md"), "-o", str(tmp_path / "a.docx")])
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert "\n" not in line and "--set hourly_rate=" in line
    assert not (tmp_path / "a.docx").exists()


def test_addendum_docx_file_and_overwrite_rules(tmp_path: Path) -> None:
    target = tmp_path / "addendum.docx"
    args = ["addendum", str(SAMPLES / "de-beratung-bare.docx"), "-o", str(target), "--set", *USER_VALUES]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.stderr
    assert target.read_bytes()[:2] == b"PK"
    assert "wrote" in first.stderr
    assert runner.invoke(app, args).exit_code == 2  # exists, no --force
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0
    text = load_document(target).text
    assert text.startswith("Nachtrag Nr. 1")
    assert "zum Beratungsvertrag vom 16. Februar 2026" in text
    assert "Nordlicht Textil GmbH" in text and "Dr. Miriam Albers" in text


def test_nothing_to_add_for_a_hardened_contract(tmp_path: Path) -> None:
    target = tmp_path / "a.docx"
    result = runner.invoke(app, ["addendum", str(SAMPLES / "en-webdesign-hardened.md"), "-o", str(target)])
    assert result.exit_code == 0
    assert "nothing to add" in result.stderr
    assert not target.exists()
    every = runner.invoke(
        app, ["addendum", str(SAMPLES / "en-webdesign-hardened.md"), "--all", "-f", "markdown", "--set", *USER_VALUES]
    )
    assert every.exit_code == 0
    assert every.stdout.count("\n## ") == 9 + 2 + 1  # nine clauses, precedence, unchanged, signatures


def test_engagement_file(tmp_path: Path) -> None:
    config = tmp_path / "engagement.toml"
    config.write_text(
        'variant = "firm"\n[params]\nhourly_rate = 120\ncurrency = "GBP"\n'
        '[agreement]\ndate = "1 May 2026"\ncontractor = "Sam Lee"\n',
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["addendum", str(SAMPLES / "en-software-bare.md"), "--config", str(config), "-f", "markdown"]
    )
    assert result.exit_code == 0, result.stderr
    assert "dated 1 May 2026" in result.stdout and "Sam Lee" in result.stdout
    assert "GBP 120" in result.stdout
    override = runner.invoke(
        app,
        [
            "addendum",
            str(SAMPLES / "en-software-bare.md"),
            "--config",
            str(config),
            "-f",
            "markdown",
            "--set",
            "hourly_rate=130",
        ],
    )
    assert "GBP 130" in override.stdout  # --set wins over the file


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[params]\nhourly_rate = 2\nreview_days = 2\n", "[params] review_days: must be at least 5"),
        ('colour = "red"\n', "unknown key colour"),
        ("[agreement]\nparty = 'x'\n", "[agreement]: unknown key party"),
        ("[params\n", "not valid TOML"),
        ("[params]\nhourly_rat = 90\n", "[params] hourly_rat: no such parameter"),
    ],
)
def test_bad_engagement_file_is_one_clear_line(tmp_path: Path, content: str, message: str) -> None:
    config = tmp_path / "engagement.toml"
    config.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["addendum", str(SAMPLES / "en-software-bare.md"), "--config", str(config)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_load_engagement_rejects_wrong_types(tmp_path: Path) -> None:
    config = tmp_path / "e.toml"
    config.write_text("all = 'yes'\n", encoding="utf-8")
    with pytest.raises(GhostproofError, match="all must be true or false"):
        load_engagement(config)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--set", "review_days=3"], "must be at least 5"),
        (["--set", "review_days"], "expected key=value"),
        (["--set", "nonsense=1"], "no such parameter"),
        (["--variant", "gentle"], "--variant gentle: unknown"),
    ],
)
def test_bad_options(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["addendum", str(SAMPLES / "en-software-bare.md"), "-f", "markdown", *args])
    assert result.exit_code == 2 and message in result.stderr


def test_clauses_list_and_show() -> None:
    listed = runner.invoke(app, ["clauses", "list"])
    assert listed.exit_code == 0
    for fid in load_library().clauses:
        assert fid in listed.stdout
    shown = runner.invoke(
        app, ["clauses", "show", "deemed_acceptance", "--lang", "de", "--variant", "firm", "--set", "review_days=14"]
    )
    assert shown.exit_code == 0, shown.stderr
    assert "14 Arbeitstage" in shown.stdout or "14 Arbeitstagen" in shown.stdout
    assert "§ 640" in shown.stdout
    example = runner.invoke(app, ["clauses", "show", "hourly_conversion"])
    assert example.exit_code == 0 and "example" in example.stdout  # hourly_rate has no default
    unknown = runner.invoke(app, ["clauses", "show", "nope"])
    assert unknown.exit_code == 2 and "unknown clause 'nope'" in unknown.stderr


def test_asks_on_a_terminal_for_values_only_the_user_knows(tmp_path: Path) -> None:
    """On a terminal, a missing value is asked for (and asked again when it is not valid)."""
    out = tmp_path / "addendum.md"
    code, text = run_in_terminal(
        ["addendum", str(SAMPLES / "en-software-bare.md"), "-o", str(out)], answers=["ninety", "95"], timeout=120
    )
    assert code == 0, text
    assert "is not a number" in text
    assert "USD 95" in out.read_text(encoding="utf-8")


def test_the_addendum_cites_the_law_the_contract_names(tmp_path: Path) -> None:
    """New user, round 7 (a UK facilitator's agreement "governed by the law of England and Wales"): the addendum's
    late-payment clause gave 1.5 % a month, where the Late Payment of Commercial Debts (Interest) Act 1998 is the law;
    a contractual rate displaces the Act's interest and its fixed sums. What the user gives still wins."""
    text = (
        'FACILITATION AGREEMENT\n\nBetween Meridian Housing Association Limited (the "Client") and Helen Okoro '
        '(the "Facilitator").\n\n1. Fees. The fee is GBP 3,400. Invoices are payable within 30 days.\n\n'
        "2. Law. This Agreement is governed by the law of England and Wales.\n"
    )
    result = _addendum_of(tmp_path, text)
    assert "Late Payment of Commercial Debts (Interest) Act 1998" in result.stdout
    assert "1.5 % per month" not in result.stdout
    other = _addendum_of(tmp_path, text, "--set", "jurisdiction=other")
    assert "Late Payment of Commercial Debts" not in other.stdout
    # a business day counted by the banks in New York does not make the contract's law New York's
    banks = text.replace(
        "1. Fees.",
        '0. "Business Day" means a day other than a day on which commercial banks in New York are closed.\n\n1. Fees.',
    )
    assert "Late Payment of Commercial Debts (Interest) Act 1998" in _addendum_of(tmp_path, banks).stdout


def test_numbered_parties_in_paragraphs_of_their_own_are_named() -> None:
    """New user, round 7 (a UK facilitation agreement): "Parties: (1) Meridian Housing Association Limited … (the
    "Client"); and (2) Helen Okoro, trading as … (the "Facilitator")", each party in its own paragraph, gave
    "[CLIENT NAME]" and "[YOUR NAME]" in the addendum."""
    from ghostproof.ingest import document_from_text

    facts = agreement_facts(
        document_from_text(
            "FACILITATION SERVICES AGREEMENT\n\nDate: 9 February 2026\n\nParties:\n\n(1) Meridian Housing Association "
            "Limited, a company registered in England, whose registered office is at 3 Victoria Square, Birmingham "
            '(the "Client"); and\n\n(2) Helen Okoro, trading as Clearpath Learning, of 27 Moseley Road, Birmingham '
            '(the "Facilitator").\n\n1. DEFINITIONS\n\n1.1 "Workshop" means each workshop in the Schedule.\n'
        )
    )
    assert facts.client is not None and facts.client.name == "Meridian Housing Association Limited"
    assert facts.contractor is not None and facts.contractor.name == "Helen Okoro"


@pytest.mark.parametrize(
    ("lang", "clause", "written", "stated"),
    [
        (
            "de",
            "§ 4 Kündigung\n(1) Jede Partei kann den Vertrag mit einer Frist von zwei Monaten zum Monatsende "
            "ordentlich kündigen.\n",
            "mit einer Frist von 2 Monaten zum Monatsende in Textform",
            "notice = 2 months, to the end of a month (“zwei Monaten zum Monatsende”)",
        ),
        (
            "en",
            "9. Termination. Either party may terminate this Agreement at any time on one (1) month's written "
            "notice.\n",
            "written notice of 1 month (e-mail is sufficient)",
            "notice = 1 month (“one (1) month”)",
        ),
        (
            "en",
            "9. Termination. Either party may terminate this Agreement at any time by giving three (3) months' written "
            "notice to the end of a calendar quarter.\n",
            "written notice of 3 months, to the end of a calendar quarter",
            "notice = 3 months, to the end of a calendar quarter",
        ),
    ],
)
def test_a_notice_in_months_or_to_a_period_end_is_kept_as_written(
    tmp_path: Path, lang: str, clause: str, written: str, stated: str
) -> None:
    """New user, round 8 (H2): a Beratervertrag's "zwei Monaten zum Monatsende" was written into the addendum as "mit
    einer Frist von 60 Tagen" (and "one month" as "30 days") — the suggested clause shortened the contract's notice
    (notice given on 1 June ends the contract on 31 August, not on 31 July). The period keeps its months and its end."""
    head = (
        "Beratervertrag\n\nzwischen der Nordlicht GmbH (Kunde) und Jan Berg (Berater).\n\n"
        if lang == "de"
        else 'CONSULTING AGREEMENT\n\nBetween Nordlicht Inc. ("Client") and Jan Berg ("Consultant").\n\n'
    )
    contract = tmp_path / "contract.txt"
    contract.write_text(head + clause, encoding="utf-8")
    result = runner.invoke(app, ["addendum", str(contract), "--all", "-f", "markdown", "--set", *USER_VALUES])
    assert result.exit_code == 0, result.stderr
    assert written in result.stdout
    assert "von 60 Tagen" not in result.stdout and "notice of 30 days" not in result.stdout
    assert stated in result.stderr
