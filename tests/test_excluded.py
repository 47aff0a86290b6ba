"""A clause the contract excludes in words ("Client's silence … shall not be deemed approval"): missing, with the
problem that says so and the passage that excludes it; the addendum's and the review copy's suggestion says that it
replaces that passage, and the plan does not call the clause merely absent (new user, round 8, H13)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from ghostproof.cli import app
from ghostproof.detect import audit_document
from ghostproof.ingest import document_from_text
from ghostproof.report import build_report, render

runner = CliRunner()

RETAINER = (
    "MARKETING RETAINER AGREEMENT\n\n"
    'Between Sunbelt Solar LLC ("Client") and Brightline Agency LLC ("Agency").\n\n'
    "2. Fees. Client pays a retainer of $6,500 per month. Invoices are due within twenty (20) days of the invoice "
    "date.\n\n"
    "5. Approvals. Agency will submit campaign materials to Client for written approval before publication. "
    "Client's silence or failure to respond shall not be deemed approval of any material, and Agency will not "
    "publish any material without Client's express written approval.\n\n"
    "6. Client Responsibilities. Client will provide timely access to its ad accounts.\n"
)


@pytest.mark.parametrize(
    ("lang", "text", "excluded"),
    [
        (
            "en",
            "5. Approvals. Client's silence or failure to respond shall not be deemed approval of any material.",
            True,
        ),
        ("en", "4. Acceptance. No failure to respond to a deliverable shall be treated as approval of it.", True),
        (
            "de",
            "§ 5 Abnahme. Schweigen des Kunden gilt nicht als Abnahme; sie erfolgt nur ausdrücklich in Textform.",
            True,
        ),
        # a fiction with a "never" elsewhere in its sentence is not an exclusion
        (
            "en",
            "4. Acceptance. If Client does not reject the Deliverable within ten (10) days of delivery, it shall be "
            "deemed accepted, and Client may never later withhold payment for it.",
            False,
        ),
        # a fiction that holds is no exclusion
        (
            "de",
            "§ 5 Abnahme. Äußert sich der Kunde nicht innerhalb von 10 Arbeitstagen, gilt die Leistung als abgenommen.",
            False,
        ),
    ],
)
def test_an_exclusion_in_words_is_missing_with_its_problem_and_passage(lang: str, text: str, excluded: bool) -> None:
    finding = audit_document(document_from_text(text, lang=lang)).finding("deemed_acceptance")
    codes = [p.code for p in finding.problems]
    if excluded:
        assert finding.status == "missing" and codes == ["DA_EXCLUDED"]
        assert finding.evidence and finding.evidence[0].text == text
    else:
        assert "DA_EXCLUDED" not in codes


def test_the_report_says_the_contract_excludes_it() -> None:
    result = audit_document(document_from_text(RETAINER, lang="en"))
    shown = " ".join(render(build_report([result]), "text", width=240).split())
    assert "✘ missing excluded: silence is not acceptance 5." in shown
    assert "The contract says the client's silence does not accept the work" in shown


def test_the_addendum_says_its_clause_replaces_the_exclusion(tmp_path: Path) -> None:
    contract = tmp_path / "retainer.txt"
    contract.write_text(RETAINER, encoding="utf-8")
    result = runner.invoke(app, ["addendum", str(contract), "-f", "markdown", "--set", "hourly_rate=120"])
    assert result.exit_code == 0, result.stderr
    acceptance = result.stdout.split("## 1. Acceptance", 1)[1].split("## 2.", 1)[0]
    assert "deemed accepted" in acceptance
    assert "This clause replaces what Section 5 of the Agreement says on the same matter." in acceptance


def test_the_review_copy_puts_the_suggestion_beside_the_exclusion(tmp_path: Path) -> None:
    d = docx.Document()
    for line in RETAINER.strip().split("\n\n"):
        d.add_paragraph(line)
    source = tmp_path / "retainer.docx"
    d.save(str(source))
    out = tmp_path / "reviewed.docx"
    result = runner.invoke(app, ["review", str(source), "-o", str(out), "--set", "hourly_rate=120", "--list"])
    assert result.exit_code == 0, result.stderr
    block = next(b for b in result.stdout.split("\n\n") if "deemed accepted" in b)
    assert block.lstrip().startswith("insertion") and "after “5. Approvals." in block
    assert "This clause replaces what section 5 says on the same matter." in block
