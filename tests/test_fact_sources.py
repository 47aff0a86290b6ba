"""Every stated fact points to the words it was read from (issue 14): ``attribute_evidence`` in the JSON is a slice
of the document text that says the value, the uncertain facts are listed instead of guessed, the text report shows
the sources with ``--explain``, the HTML report marks them inside the evidence (checked in headless Chromium)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from html_page import SAMPLES, Page, audited, report_for

from ghostproof.families.base import days
from ghostproof.ingest import document_from_text
from ghostproof.quantities import find_durations, find_money, find_percents
from ghostproof.report.html import render_html

SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".pdf", ".docx", ".md"))
#: facts whose value is a number of days, an amount or a percentage: the source words must say that number
DAY_FACTS = {"review_days", "notice_days", "net_days", "response_days", "silence_days"}
MONEY_FACTS = {"rate", "amount", "flat_fee"}
PERCENT_FACTS = {"percent", "rate_percent"}


def _says(fact: str, value: object, text: str, lang: str) -> bool:
    """The words ``text`` state the number ``value`` of ``fact``."""
    if fact in DAY_FACTS:
        return value == 0 or any(days(d) == value for d in find_durations(text, lang))
    if fact in MONEY_FACTS:
        return any(float(m.amount) == value for m in find_money(text, lang))
    if fact in PERCENT_FACTS:
        return any(p.value == value for p in find_percents(text, lang))
    return True


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_every_stated_fact_has_its_words(path: Path) -> None:
    result, text = audited(str(path))
    stated = 0
    for finding in result.findings:
        for fact, value in finding.attributes.items():
            if value is None:
                assert fact not in finding.attribute_evidence, (finding.clause, fact)
                continue
            stated += 1
            src = finding.attribute_evidence.get(fact)
            assert src is not None, f"{finding.clause}.{fact} = {value!r} has no source"
            assert 0 <= src.start < src.end <= len(text)
            assert text[src.start : src.end] == src.text
            assert _says(fact, value, src.text, result.language), f"{finding.clause}.{fact}={value!r}: {src.text!r}"
    if "bare" not in path.name:  # the hardened and mixed samples state facts; stating none would prove nothing
        assert stated >= 3


def _finding(text: str, clause: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    from ghostproof.detect import detect

    return next(f for f in detect(document_from_text(text, lang=lang)) if f.clause == clause)  # type: ignore[arg-type]


def test_numbers_point_to_their_words() -> None:
    f = _finding("Overdue invoices bear interest at 1-1/2% per month from the due date.", "late_payment")
    assert f.attributes["rate_percent"] == 1.5
    assert f.attribute_evidence["rate_percent"].text.startswith("1-1/2%")
    f = _finding(
        "Either party may terminate this Agreement without cause, upon thirty (30) days' notice.", "termination"
    )
    assert f.attributes["notice_days"] == 30
    assert f.attribute_evidence["notice_days"].text == "thirty (30) days"


def test_a_share_of_another_rate_is_uncertain_not_stated() -> None:
    f = _finding(
        "Any amount not paid by the Due Date shall accrue extended payment charges at a rate equal to 150% of the "
        "prime rate of interest.",
        "late_payment",
    )
    assert f.status == "present"
    assert f.attributes["rate_percent"] is None
    assert "rate_percent" in f.uncertain
    assert "rate_percent" not in f.attribute_evidence


def test_conflicting_notice_periods_are_uncertain() -> None:
    f = _finding(
        "The Client may terminate this Agreement for convenience on thirty (30) days' written notice. The Contractor "
        "may terminate this Agreement for convenience on ninety (90) days' written notice.",
        "termination",
    )
    assert f.attributes["for_convenience"] is True
    assert f.attributes["notice_days"] is None
    assert f.uncertain == ["notice_days"]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ghostproof", *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_explain_shows_the_sources_in_the_text_report() -> None:
    sample = str(SAMPLES / "en-webdesign-hardened.pdf")
    plain = _cli("audit", sample)
    explained = _cli("audit", sample, "--explain")
    assert plain.returncode == explained.returncode == 0, explained.stderr
    assert "Where each fact comes from" not in plain.stdout
    assert "Where each fact comes from" in explained.stdout
    assert "“will not exceed the Project Fee” (p. 3 · 9.2)" in " ".join(explained.stdout.split())


def test_json_carries_sources_and_uncertain(tmp_path: Path) -> None:
    contract = tmp_path / "c.txt"
    contract.write_text(
        "SERVICES AGREEMENT between Client and Contractor.\n\n"
        "4. Payment. Invoices are payable within fourteen (14) days of the invoice date. Amounts not paid when due "
        "accrue late charges at 150% of the prime rate.\n",
        encoding="utf-8",
    )
    out = _cli("audit", str(contract), "--format", "json")
    data = json.loads(out.stdout)
    assert data["schema"] == "ghostproof.audit/2"
    findings = {f["clause"]: f for f in data["findings"]}
    assert findings["payment_terms"]["attributes"]["net_days"] == 14
    assert findings["payment_terms"]["attribute_evidence"]["net_days"]["text"] == "fourteen (14) days"
    assert findings["late_payment"]["uncertain"] == ["over_base_rate", "period", "rate_percent"]


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium on PATH (.ci/run installs it)")
def test_browser_marks_the_fact_words(tmp_path: Path) -> None:
    from test_report_browser import chromium

    sample = SAMPLES / "en-webdesign-hardened.pdf"
    page = tmp_path / "report.html"
    page.write_text(render_html(report_for([sample])), encoding="utf-8")
    dom = Page.parse(chromium(tmp_path, "--dump-dom", page.as_uri()))
    marked = [m.text for m in dom.find("mark", class_="fact")]
    listed = " ".join(q.text for q in dom.find("q"))
    result, _ = audited(str(sample))
    for finding in result.findings:
        for fact, src in finding.attribute_evidence.items():
            assert src.text in marked or src.text in listed, (finding.clause, fact, src.text)
    assert "USD 85 per hour" in marked
    assert "will not exceed" in listed  # the cap's own sub-clause (9.2) is listed with its section


def test_a_bare_right_shows_its_clause_as_the_source_of_no_cause() -> None:
    """A right without cause that names no ground showed its notice word as the source of "cause needed or not"
    ("“notice”", "“Frist”": new user) — a word that says nothing about a cause; it shows the clause."""
    from ghostproof.detect import audit_document
    from ghostproof.ingest import document_from_text

    text = "9. Termination\nEither party may terminate this Agreement on thirty (30) days' written notice to the other."
    found = next(f for f in audit_document(document_from_text(text)).findings if f.clause == "termination")
    assert found.attributes["for_convenience"] is True
    source = found.attribute_evidence["for_convenience"].text
    assert "may terminate this Agreement" in source and source != "notice"
