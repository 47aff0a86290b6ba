"""The HTML report: contract text escaped, no network, evidence highlighted in context, status filter, German
labels, batches with unreadable files. The real-browser check is tests/test_report_browser.py."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from html_page import HOSTILE_CLAUSE, HOSTILE_NAME, SAMPLES, Page, report_for, write_hostile_contract

from ghostproof.findings import FAMILIES
from ghostproof.report import Failed, render
from ghostproof.report.html import render_html

CONSULTING = SAMPLES / "en-consulting-mixed.pdf"
#: the clause that makes deemed acceptance weak in the consulting sample (9.1, p. 2), and a heading before it
CONSULTING_DA = "Deliverables are deemed accepted upon delivery to the Client."


@pytest.fixture(scope="module")
def consulting() -> str:
    return render_html(report_for([CONSULTING]))


@pytest.fixture
def hostile(tmp_path: Path) -> str:
    return render_html(report_for([write_hostile_contract(tmp_path)]))


def test_hostile_markup_in_contract_is_text(hostile: str) -> None:
    assert "<script>alert" not in hostile
    assert "<img" not in hostile
    assert "<b>" not in hostile
    page = Page.parse(hostile)
    # the only script is our own filter, the only tags are ours: no <img>, no event handler attributes
    scripts = page.find("script")
    assert len(scripts) == 1
    assert "alert" not in scripts[0].text
    assert not page.find("img")
    assert not [(el.tag, a) for el in page.elements for a in el.attrs if a.startswith("on")]
    # the clause is shown, highlighted, exactly as the contract has it
    card = page.find("article", data_clause="deemed_acceptance")[0]
    assert card.attrs["data-status"] == "present"
    marks = [m.text for m in page.find("mark", class_="evidence")]
    assert HOSTILE_CLAUSE in marks
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile
    assert "&lt;img src=x onerror=alert(2)&gt;" in hostile
    assert "&amp;amp; A&amp;B" in hostile
    assert "the &quot;Client&#x27;s&quot; notes" in hostile


def test_hostile_file_name_is_text(hostile: str) -> None:
    page = Page.parse(hostile)
    assert HOSTILE_NAME in page.find("h2")[0].text
    assert HOSTILE_NAME in page.find("title")[0].text
    assert html_escaped(HOSTILE_NAME) in hostile


def html_escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def test_no_network_and_strict_csp(consulting: str) -> None:
    page = Page.parse(consulting)
    for el in page.elements:
        for name in ("src", "href", "action", "srcset", "poster", "formaction", "xlink:href"):
            value = el.attrs.get(name)
            if value is not None:
                assert value.startswith("#") or value == "data:,", (el.tag, name, value)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", consulting)
    assert "http://" not in consulting and "https://" not in consulting
    style = page.find("style")[0].text
    assert "url(" not in style and "@import" not in style
    (meta,) = page.find("meta", http_equiv="Content-Security-Policy")
    csp = meta.attrs["content"] or ""
    assert "default-src 'none'" in csp and "img-src data:" in csp
    script = page.find("script")[0].text
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp


def test_summary_then_a_card_per_finding(consulting: str) -> None:
    page = Page.parse(consulting)
    assert page.find("html")[0].attrs["lang"] == "en"
    summary = page.by_id("summary")
    assert page.elements.index(summary) < page.elements.index(page.find("article")[0])
    rows = [el for el in page.find("tr") if el.attrs.get("data-clause")]
    cards = page.find("article", class_="finding")
    assert [r.attrs["data-clause"] for r in rows] == [c.attrs["data-clause"] for c in cards] == list(FAMILIES)
    assert [r.attrs["data-status"] for r in rows] == [c.attrs["data-status"] for c in cards]
    assert page.find("p", class_="verdict")[0].text == "1 of 4 required clauses missing; 2 of 4 required clauses weak."
    assert "en-consulting-mixed.pdf: English, 4 pages, PDF" in page.find("h2")[0].text
    da = page.by_id("doc-1-deemed_acceptance")
    assert da.attrs["data-status"] == "weak"
    assert "required" in da.text and "Acceptance is immediate" in da.text and "DA_IMMEDIATE" in da.text
    assert "Why it matters:" in da.text
    hourly = page.by_id("doc-1-hourly_conversion")
    assert "not found" in hourly.text and "Why it matters:" in hourly.text
    assert "Why it matters:" not in page.by_id("doc-1-payment_terms").text
    # every summary row links to its card
    links = [a.attrs["href"] for a in page.find("a") if (a.attrs.get("href") or "").startswith("#doc-1-")]
    assert links == [f"#doc-1-{c}" for c in FAMILIES]
    assert consulting.count("ghostproof informs; it is not legal advice.") == 1
    assert re.search(
        r"Close these gaps with an addendum: <code>ghostproof addendum \S*en-consulting-mixed.pdf</code>", consulting
    )


def test_evidence_highlighted_in_context_with_location(consulting: str) -> None:
    page = Page.parse(consulting)
    figures = [f for f in page.find("figure", class_="ev") if CONSULTING_DA in f.text]
    assert figures
    text = figures[0].text
    assert text.startswith("p. 2 · 9.1")
    before, _, after = text.partition(CONSULTING_DA)
    assert "9. Delivery of Deliverables\n9.1 The Consultant will deliver" in before  # blank lines reduced
    assert after.lstrip().startswith("9.2 The Consultant will present")
    assert any(CONSULTING_DA in m.text and m.text.startswith("9.1") for m in page.find("mark", class_="evidence"))
    assert len(page.find("span", class_="ctx")) >= 2


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
def test_every_evidence_is_marked(fmt: str) -> None:
    report = report_for([SAMPLES / f"en-consulting-mixed.{fmt}"])
    page = Page.parse(render_html(report))
    marks = page.find("mark", class_="evidence")
    evidence = [ev.text for row in report.documents[0].rows for ev in row.evidence]
    assert len(marks) == len(evidence) > 0
    assert any(CONSULTING_DA in m.text for m in marks)


def test_filter_controls_and_readable_without_script(consulting: str) -> None:
    page = Page.parse(consulting)
    bar = page.by_id("filter")
    assert "hidden" in bar.attrs  # the script shows it; without JS the page is complete and has no dead controls
    boxes = [el for el in page.find("input") if "data-filter" in el.attrs]
    assert [b.attrs["value"] for b in boxes] == ["present", "weak", "missing"]
    assert all(b.attrs["type"] == "checkbox" and "checked" in b.attrs for b in boxes)
    assert "weak" in bar.text and "(3)" in bar.text
    assert page.find("button", type="button")
    assert not [el for el in page.elements if "hidden" in el.attrs and el is not bar]
    assert page.elements.index(bar) < page.elements.index(page.find("article")[0])


def test_german_report_labels() -> None:
    out = render_html(report_for([SAMPLES / "de-webdesign-mixed.docx"]))
    page = Page.parse(out)
    assert page.find("html")[0].attrs["lang"] == "de"
    assert page.find("h1")[0].text == "ghostproof-Prüfung"
    assert "de-webdesign-mixed.docx: Deutsch, DOCX" in page.find("h2")[0].text
    assert [th.text for th in page.find("th", scope="col")] == ["Klausel", "Status", "Inhalt", "Fundstelle"]
    card = page.by_id("doc-1-termination")
    assert "Kündigung" in card.text and "schwach" in card.text and "Pflicht" in card.text
    assert "Warum das wichtig ist:" in card.text and "Fundstellen" in card.text
    assert "Anzeigen:" in page.by_id("filter").text and "Prüfergebnisse" in out
    assert "Findings" not in out and "Why it matters" not in out
    assert out.count("ghostproof informiert; es ist keine Rechtsberatung.") == 1
    # German evidence in an English report is marked as German text
    english = Page.parse(render_html(report_for([SAMPLES / "de-webdesign-mixed.docx"], lang="en")))
    assert {q.attrs.get("lang") for q in english.find("blockquote")} == {"de"}


def test_batch_matrix_failed_files_and_sections(tmp_path: Path) -> None:
    failed = Failed("clients/<broken>.pdf", "clients/<broken>.pdf: E201 the PDF is damaged & cannot be read")
    report = report_for([SAMPLES / "en-consulting-mixed.pdf", SAMPLES / "de-webdesign-mixed.docx"], failed=[failed])
    out = render_html(report)
    page = Page.parse(out)
    ids = [el.attrs["id"] for el in page.elements if el.attrs.get("id")]
    assert len(ids) == len(set(ids))
    summary = page.by_id("summary")
    assert "3 contracts" in summary.text
    assert len(page.find("table", class_="matrix")) == 1
    heads = [th.text for th in page.find("th", class_="fam")]
    assert heads == [report.words(f"short.{c}") + ("*" if c in report.required else "") for c in FAMILIES]
    names = [a.text for a in page.find("a") if a.attrs.get("href") in ("#doc-1", "#doc-2")]
    assert names == ["en-consulting-mixed.pdf", "de-webdesign-mixed.docx"]
    da_cells = [td for td in page.find("td", class_="sym") if td.attrs.get("data-status")]
    assert len(da_cells) == 2 * len(FAMILIES)
    assert [td.text for td in da_cells[:2]] == ["!", "✘"]  # consulting: deemed acceptance weak, hourly missing
    (failed_row,) = page.find("tr", class_="failed-row")
    assert "clients/<broken>.pdf" in failed_row.text and "could not be read" in failed_row.text
    failed_box = page.by_id("failed")
    assert "1 file(s) could not be read" in failed_box.text
    assert "E201 the PDF is damaged & cannot be read" in failed_box.text
    assert "&lt;broken&gt;" in out and "<broken>" not in out
    for i, name in ((1, "en-consulting-mixed.pdf"), (2, "de-webdesign-mixed.docx")):
        section = page.by_id(f"doc-{i}")
        assert name in section.text
        assert page.by_id(f"doc-{i}-summary")
        assert len([c for c in page.find("article") if (c.attrs["id"] or "").startswith(f"doc-{i}-")]) == len(FAMILIES)
    # one filter for the batch, before the first contract
    assert page.elements.index(page.by_id("filter")) < page.elements.index(page.by_id("doc-1"))


def test_batch_of_one_file_and_only_failed_files() -> None:
    one = Page.parse(render_html(report_for([CONSULTING], failed=[Failed("x.pdf", "x.pdf: E201 damaged")])))
    assert one.find("table", class_="matrix") and one.by_id("doc-1")
    only_failed = render_html(report_for([], failed=[Failed("x.pdf", "x.pdf: E201 damaged")]))
    page = Page.parse(only_failed)
    assert page.find("tr", class_="failed-row") and not page.find("article")
    assert not [el for el in page.elements if el.attrs.get("id") == "filter"]


def test_deterministic_and_reachable_through_render() -> None:
    first = render_html(report_for([CONSULTING]))
    report_for_again = report_for([SAMPLES / "en-consulting-mixed.pdf"])
    assert render(report_for_again, "html") == first
    assert first.startswith("<!DOCTYPE html>\n") and first.endswith("</html>\n")
