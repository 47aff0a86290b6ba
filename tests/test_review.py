"""`ghostproof review`: the Word review copy. Every comment sits on its evidence, every suggested clause is a tracked
insertion by the reviewer, everything else in the file is untouched, Word's reader (python-docx) and LibreOffice
open it, and the contract audited with the insertions accepted has no missing required clause."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import docx
import pytest
from contracts_with_back_matter import CONTRACTS as BACK_MATTER
from contracts_with_back_matter import LAST_TERM
from contracts_with_back_matter import build as build_with_back_matter
from lxml import etree
from typer.testing import CliRunner

from ghostproof import audit
from ghostproof.clauses.library import load_library
from ghostproof.cli import app
from ghostproof.detect.rules import load_rules
from ghostproof.errors import GhostproofError
from ghostproof.findings import AuditResult
from ghostproof.report.view import document_view
from ghostproof.review import (
    ReviewedCopy,
    format_listing,
    list_review,
    parse_date,
    read_contract,
    review_copy,
)
from ghostproof.review.listing import paragraph_text
from ghostproof.review.runs import shown_text, split_run
from ghostproof.review.trace import Locator, trace_blocks

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
DOCX = sorted(p.stem for p in SAMPLES.glob("*.docx"))
DATE = "2026-03-01T09:00:00Z"
AUTHOR = "ghostproof"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
runner = CliRunner()

#: the sample contracts that owe services, not a result (German Dienstvertrag), and the families they do not get
SERVICES = frozenset({"de-beratung-bare"})
RESULT_ONLY = ("deemed_acceptance",)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@cache
def _review(name: str, *, insert: bool = True, author: str = AUTHOR) -> tuple[AuditResult, ReviewedCopy]:
    contract = read_contract(SAMPLES / f"{name}.docx")
    copy = review_copy(
        contract, load_library(), values={"hourly_rate": 95}, author=author, date=parse_date(DATE), insert=insert
    )
    return contract.result, copy


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reviewed")
    out = {}
    for name in DOCX:
        path = folder / f"{name}.reviewed.docx"
        path.write_bytes(_review(name)[1].data)
        out[name] = path
    return out


def _document_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


# -- comments -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DOCX)
def test_every_present_or_weak_finding_has_a_comment_on_its_evidence(name: str) -> None:
    result, copy = _review(name)
    listing = list_review(copy.data, author=AUTHOR)
    names = {r.clause: r.name for r in document_view(result).rows}
    found = [f for f in result.findings if f.status != "missing"]
    assert copy.unplaced == ()
    # a weak finding whose verdict rests on wording elsewhere in its section gets a second comment there
    families = load_rules(result.language).families
    conflicts = [
        e for f in found if f.status == "weak" for e in f.evidence[1:] if set(e.cues) & families[f.clause].section_cues
    ]
    assert len(listing.comments) == len(found) + len(conflicts) + 1  # and the summary
    for finding in found:
        mine = [c for c in listing.comments if c.text.startswith(f"{names[finding.clause]}: ")]
        extra = [e for e in conflicts if e in finding.evidence]
        assert len(mine) == 1 + len(extra), finding.clause
        for passage in [finding.evidence[0], *extra]:  # each on its own passage, in any order
            text = _squash(passage.text)
            anchors = [_squash(c.anchor) for c in mine if c.anchor and _squash(c.anchor) in text]
            assert len(anchors) == 1, (finding.clause, passage.text)
            # only Word's automatic number ("(2) ", "§ 4 ") may be left out of the anchor
            assert len(anchors[0]) >= len(text) - 6


@pytest.mark.parametrize("name", DOCX)
def test_the_summary_comment_sits_on_the_title_and_names_every_missing_clause(name: str) -> None:
    result, copy = _review(name)
    listing = list_review(copy.data, author=AUTHOR)
    summary = listing.comments[0]
    view = document_view(result)
    assert summary.anchor == read_contract(SAMPLES / f"{name}.docx").document.blocks[0].text
    assert view.verdict in summary.text
    for row in view.rows:
        if row.status == "missing":
            assert f"• {row.name}" in summary.text


def test_comments_speak_the_contracts_language() -> None:
    _, copy = _review("de-webdesign-mixed")
    texts = [c.text for c in list_review(copy.data).comments]
    assert any(t.startswith("Kündigung: schwach — beide Parteien, nur aus wichtigem Grund") for t in texts)
    # the client is a GmbH: the acceptance fiction that restates § 640 Abs. 2 BGB needs no warning about silence
    assert any(t.startswith("Abnahmefiktion: vorhanden — Prüffrist 10 Werktage") for t in texts)
    assert any(t.startswith("Zahlungsziel: vorhanden — fällig in 14 Tagen") for t in texts)
    assert "Widerspruch: Die vorgeschlagene Regelung (eingefügt nach § 11(3)) sagt etwas anderes" in "\n".join(texts)
    _, copy = _review("en-consulting-mixed")
    texts = [c.text for c in list_review(copy.data).comments]
    assert "Payment terms: present — due in 30 days" in texts
    assert any(t.startswith("Deemed acceptance: weak\nAcceptance is immediate") for t in texts)


def test_comments_carry_author_initials_and_the_given_date() -> None:
    _, copy = _review("en-consulting-mixed", author="Dana Okafor")
    listing = list_review(copy.data)
    assert {(c.author, c.date) for c in listing.comments} == {("Dana Okafor", DATE)}
    with zipfile.ZipFile(io.BytesIO(copy.data)) as zf:
        comments = etree.fromstring(zf.read("word/comments.xml"))
    assert {c.get(f"{W}initials") for c in comments.iter(f"{W}comment")} == {"DO"}


def test_python_docx_opens_the_copy_and_sees_the_comments(written: dict[str, Path]) -> None:
    document = docx.Document(str(written["en-consulting-mixed"]))
    comments = list(document.comments)
    assert len(comments) == len(list_review(written["en-consulting-mixed"].read_bytes()).comments)
    assert all(c.author == AUTHOR for c in comments)
    assert any(c.text.startswith("Termination: weak") for c in comments)


# -- insertions ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DOCX)
def test_every_inserted_run_is_a_tracked_insertion_by_the_reviewer(name: str) -> None:
    result, copy = _review(name)
    body = _document_xml(copy.data).find(f"{W}body")
    inserted = [p for p in body.iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}ins[@{W}author='{AUTHOR}']") is not None]
    gaps = [f.clause for f in result.findings if f.status != "missing" and f.status == "weak"]
    missing = [f.clause for f in result.findings if f.status == "missing"]
    if name in SERVICES:  # a Dienstvertrag gets no acceptance clause (issue 15)
        gaps, missing = [c for c in gaps if c not in RESULT_ONLY], [c for c in missing if c not in RESULT_ONLY]
    # German contracts that name the parties differently get one paragraph saying who is who
    defines = [p for p in inserted if "In den Regelungen dieses Abschnitts steht" in paragraph_text(p)]
    assert len(defines) == (name == "de-beratung-bare")
    # suggestions that count business days get one sentence (or paragraph) saying what they are
    days = [
        p
        for p in inserted
        if re.search(r"Business days in these clauses|Arbeitstage im Sinne dieser Regelungen", paragraph_text(p))
    ]
    assert len(days) == (name in ("de-beratung-bare", "de-webdesign-mixed", "en-consulting-mixed", "en-software-bare"))
    assert len(inserted) == len(gaps) + len(missing) + (1 if missing else 0) + len(defines) + len(days)
    for p in inserted:
        mark = p.find(f"{W}pPr/{W}rPr/{W}ins")
        assert mark.get(f"{W}date") == DATE
        runs = list(p.iter(f"{W}r"))
        assert runs
        for run in runs:
            wrapper = run.getparent()
            assert wrapper.tag == f"{W}ins"
            assert wrapper.get(f"{W}author") == AUTHOR and wrapper.get(f"{W}date") == DATE
    ids = [el.get(f"{W}id") for el in body.iter(f"{W}ins", f"{W}del")]
    assert len(ids) == len(set(ids)), "revision ids are unique"
    assert (copy.inserted and set(copy.inserted) == set(gaps) | set(missing)) or not (gaps or missing)


def test_weak_clauses_go_after_their_section_and_continue_its_numbering() -> None:
    listing = list_review(_review("en-consulting-mixed")[1].data, author=AUTHOR)
    after = {ins.after.split(" ", 1)[0]: ins.paragraphs for ins in listing.insertions}
    assert after["4.4"][0].startswith("4.5 The Client will provide")  # client cooperation, weak in 4.1
    assert after["9.2"][0].startswith("9.3 When a deliverable is complete")  # deemed acceptance, weak in 9.1
    assert after["11.4"][0].startswith("11.5 Either party may terminate")  # termination, weak in 11.1
    final = after["20.5"]  # the last numbered section, before the signatures
    assert final[0] == "21. Additional provisions"
    assert final[1].startswith("21.1 Billing by time if the project ends early. If this contract")
    assert [p.split(" ", 1)[0] for p in final[1:]] == ["21.1", "21.2", "21.3", "21.4", "21.5", "21.6"]
    # the suggestions count business days: the copy says once what they are, in the contract's names (issue 15)
    assert final[-1] == (
        "21.6 Business days in these clauses are Monday to Friday, except public holidays at the Consultant's place "
        "of business."
    )
    # the contract's names for the parties
    assert "The Consultant will instead invoice" in final[1] and "Contractor" not in " ".join(final)


def test_german_automatic_numbering_is_carried_by_the_copied_paragraph_properties(tmp_path: Path) -> None:
    _, copy = _review("de-webdesign-mixed")
    listing = list_review(copy.data, author=AUTHOR)
    assert [ins.after.split(" ", 3)[:3] for ins in listing.insertions] == [
        ["Die", "Kündigung", "bedarf"],  # § 11(3): termination is weak in § 11(1)
        ["Sollte", "eine", "Bestimmung"],  # § 12(4), the last numbered section
    ]
    assert listing.insertions[1].paragraphs[0] == "Ergänzende Regelungen"
    # re-read with Word's numbering: the new section is § 13, its paragraphs (1) … (3); § 11 gets a (4)
    path = tmp_path / "copy.docx"
    path.write_bytes(copy.data)
    text = read_contract(path).document.text
    assert "§ 13 Ergänzende Regelungen" in text
    assert "(1) Abrechnung nach Aufwand bei vorzeitigem Ende. Wird der Vertrag" in text
    assert "(4) Jede Vertragspartei kann diesen Vertrag mit einer Frist von 14 Tagen" in text


def test_no_insert_adds_comments_only() -> None:
    _, copy = _review("de-webdesign-mixed", insert=False)
    assert copy.inserted == ()
    assert list_review(copy.data).insertions == ()
    texts = "\n".join(c.text for c in list_review(copy.data).comments)
    assert "ghostproof clauses show termination --lang de" in texts


# -- what must survive --------------------------------------------------------------------------------------------


def _prior_changes(data: bytes) -> list[tuple[str, str | None, str | None, str]]:
    body = _document_xml(data).find(f"{W}body")
    return [
        (el.tag, el.get(f"{W}author"), el.get(f"{W}date"), etree.tostring(el, encoding="unicode"))
        for el in body.iter(f"{W}ins", f"{W}del")
        if el.get(f"{W}author") != AUTHOR
    ]


def test_prior_tracked_changes_survive() -> None:
    original = (SAMPLES / "de-webdesign-mixed.docx").read_bytes()
    before = _prior_changes(original)
    assert len(before) == 4  # the sample's two insertions and two deletions by its authors
    assert _prior_changes(_review("de-webdesign-mixed")[1].data) == before


_REPLACED = re.compile(r"^(word/document\.xml|word/comments[^/]*\.xml|\[Content_Types\]\.xml|.*\.rels)$")


@pytest.mark.parametrize("name", ["en-consulting-mixed", "de-webdesign-mixed"])
def test_every_other_part_is_byte_identical(name: str) -> None:
    with (
        zipfile.ZipFile(SAMPLES / f"{name}.docx") as before,
        zipfile.ZipFile(io.BytesIO(_review(name)[1].data)) as after,
    ):
        kept = [n for n in before.namelist() if not _REPLACED.match(n)]
        assert set(before.namelist()) <= set(after.namelist())
        assert set(after.namelist()) - set(before.namelist()) == {"word/comments.xml"}
        for member in kept:
            assert after.read(member) == before.read(member), member
    parts = " ".join(kept)
    assert "word/styles.xml" in parts and "word/numbering.xml" in parts
    if name == "en-consulting-mixed":
        assert "word/header1.xml" in parts and "word/footer1.xml" in parts


def test_the_same_review_gives_the_same_bytes() -> None:
    contract = read_contract(SAMPLES / "en-consulting-mixed.docx")
    first, second = (
        review_copy(contract, load_library(), values={"hourly_rate": 95}, date=parse_date(DATE)).data for _ in range(2)
    )
    assert first == second


# -- re-auditing the copy -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DOCX)
def test_with_insertions_accepted_no_clause_is_missing(name: str, written: dict[str, Path]) -> None:
    # the reader counts tracked insertions as accepted, so auditing the copy audits the contract as amended
    amended = audit(written[name])
    left = [f.clause for f in amended.findings if f.status == "missing"]
    # a Dienstvertrag has no acceptance: its review copy adds none (issue 15)
    assert left == ([*RESULT_ONLY] if name in SERVICES else [])


@pytest.mark.parametrize("name", DOCX)
def test_comments_alone_change_no_finding(name: str, tmp_path: Path) -> None:
    result, copy = _review(name, insert=False)
    path = tmp_path / "copy.docx"
    path.write_bytes(copy.data)
    again = audit(path)
    assert [(f.clause, f.status, f.attributes, [e.text for e in f.evidence]) for f in again.findings] == [
        (f.clause, f.status, f.attributes, [e.text for e in f.evidence]) for f in result.findings
    ]


@pytest.mark.parametrize("name", DOCX)
def test_the_trace_follows_the_reader_block_for_block(name: str) -> None:
    # the review re-runs the DOCX reader with hooks: every block of the audited text is found in the file again
    contract = read_contract(SAMPLES / f"{name}.docx")
    locator = Locator(contract.document, trace_blocks(contract.path))
    assert all(m is not None for m in locator.mapped)
    for i, block in enumerate(contract.document.blocks):
        paragraphs = locator.paragraphs(i)
        shown = "\n".join(p.text for p in paragraphs)
        assert _squash(shown) == block.text
        assert len(paragraphs) == 1 or block.kind == "table_cell"


# -- runs: anchoring inside a paragraph -----------------------------------------------------------------------------


def _long_contract(path: Path) -> str:
    """A contract whose payment clause is one sentence inside a long paragraph, split over three runs."""
    d = docx.Document()
    d.add_heading("Service Agreement", 0)
    d.add_heading("5. Fees", 2)
    filler = (
        "The Contractor will keep records of the work performed and share them with the Client at reasonable "
        "intervals during the project. "
    )
    p = d.add_paragraph("5.1 " + filler * 3 + "Each invoice is payable ")
    p.add_run("within thirty (30)\tdays").bold = True
    p.add_run(" of the invoice date. " + filler * 3)
    d.save(str(path))
    return paragraph_text(docx.Document(str(path)).paragraphs[2]._p)


def test_a_sentence_inside_a_long_paragraph_is_anchored_on_split_runs(tmp_path: Path) -> None:
    text = _long_contract(tmp_path / "long.docx")
    contract = read_contract(tmp_path / "long.docx")
    finding = contract.result.finding("payment_terms")
    assert finding.status == "present"
    evidence = finding.evidence[0].text
    assert len(evidence) < len(text) / 2
    copy = review_copy(contract, load_library(), values={"hourly_rate": 95}, date=parse_date(DATE), insert=False)
    comment = next(c for c in list_review(copy.data).comments if c.text.startswith("Payment terms"))
    assert _squash(comment.anchor) == _squash(evidence)
    body = _document_xml(copy.data).find(f"{W}body")
    paragraph = list(body.iter(f"{W}p"))[2]
    assert paragraph_text(paragraph) == text  # the split runs show exactly what the paragraph showed
    bold = [r for r in paragraph.iter(f"{W}r") if r.find(f"{W}rPr/{W}b") is not None]
    assert "".join(shown_text(r) for r in bold) == "within thirty (30) days"


def test_split_run_keeps_properties_and_text() -> None:
    run = etree.fromstring(
        f'<w:r xmlns:w="{W[1:-1]}"><w:rPr><w:i/></w:rPr><w:t>ab</w:t><w:tab/><w:t xml:space="preserve">cd </w:t></w:r>'
    )
    parent = etree.Element("p")
    parent.append(run)
    second = split_run(run, 4)
    assert second is not None
    assert [shown_text(r) for r in parent] == ["ab c", "d "]
    assert all(r.find(f"{W}rPr/{W}i") is not None for r in parent)
    third = split_run(parent[0], 2)
    assert [shown_text(r) for r in parent] == ["ab", " c", "d "]
    assert third is not None and split_run(parent[0], 5) is None


def test_existing_comments_are_kept(tmp_path: Path) -> None:
    d = docx.Document(str(SAMPLES / "en-consulting-mixed.docx"))
    d.add_comment(d.paragraphs[3].runs, text="Check the definitions", author="Dana Okafor", initials="DO")
    d.save(str(tmp_path / "commented.docx"))
    contract = read_contract(tmp_path / "commented.docx")
    copy = review_copy(contract, load_library(), values={"hourly_rate": 95}, date=parse_date(DATE))
    listing = list_review(copy.data)
    theirs = [c for c in listing.comments if c.author == "Dana Okafor"]
    assert [(c.text, c.anchor) for c in theirs] == [("Check the definitions", d.paragraphs[3].text)]
    assert len(listing.comments) == 1 + len(list_review(_review("en-consulting-mixed")[1].data).comments)
    assert len({c.id for c in listing.comments}) == len(listing.comments)


# -- LibreOffice --------------------------------------------------------------------------------------------------


def _soffice(src: Path, fmt: str, out: Path) -> Path:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{out / 'profile'}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(out),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / f"{src.stem}.{fmt}"


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("name", ["en-consulting-mixed", "de-webdesign-mixed"])
def test_libreoffice_converts_the_copy_and_sees_comments_and_changes(
    name: str, written: dict[str, Path], tmp_path: Path
) -> None:
    pdf = _soffice(written[name], "pdf", tmp_path)
    assert pdf.stat().st_size > 10_000
    odt = _soffice(written[name], "odt", tmp_path)
    content = zipfile.ZipFile(odt).read("content.xml").decode("utf-8")
    listing = list_review(written[name].read_bytes())
    assert len(re.findall(r"<office:annotation[ >]", content)) == len(listing.comments)
    ours = re.findall(r"<text:insertion><office:change-info><dc:creator>ghostproof</dc:creator>", content)
    assert len(ours) == len(list_review(written[name].read_bytes(), author=AUTHOR).insertions)
    if name == "de-webdesign-mixed":
        assert "Lukas Hartmann" in content and content.count("<text:deletion>") == 2  # the prior changes
    text = read_contract(SAMPLES / f"{name}.docx")  # the copy prints what the contract says, and the additions
    from ghostproof.ingest import load_document

    printed = load_document(pdf).text
    assert text.document.blocks[2].text[:30] in printed
    assert ("Additional provisions" if name.startswith("en") else "Ergänzende Regelungen") in printed


# -- the command line ---------------------------------------------------------------------------------------------


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_cli_writes_the_copy_in_the_current_folder_and_never_touches_the_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    contract = tmp_path / "in" / "contract.docx"
    contract.parent.mkdir()
    shutil.copy(SAMPLES / "de-webdesign-mixed.docx", contract)
    before = _digest(contract)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["review", str(contract), "--set", "hourly_rate=95", "--date", DATE])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "contract.reviewed.docx").is_file()
    assert _digest(contract) == before
    assert "wrote contract.reviewed.docx: 7 comment(s), 4 suggested clause(s)" in result.stderr
    again = runner.invoke(app, ["review", str(contract), "--set", "hourly_rate=95"])
    assert again.exit_code == 2 and "E191" in again.stderr and "--force" in again.stderr
    assert runner.invoke(app, ["review", str(contract), "--set", "hourly_rate=95", "--force"]).exit_code == 0
    over = runner.invoke(app, ["review", str(contract), "-o", str(contract), "--force", "--set", "hourly_rate=95"])
    assert over.exit_code == 2 and "overwrite the input" in over.stderr
    assert _digest(contract) == before


def test_cli_list_prints_every_comment_and_insertion_with_its_anchor(tmp_path: Path) -> None:
    out = tmp_path / "copy.docx"
    args = ["review", str(SAMPLES / "en-consulting-mixed.docx"), "-o", str(out), "--set", "hourly_rate=95"]
    result = runner.invoke(app, [*args, "--date", DATE, "--list", "-q"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    listing = list_review(out.read_bytes(), author=AUTHOR)
    assert result.stdout == format_listing(listing, "copy.docx")
    assert result.stdout.startswith("copy.docx: 6 comments, 4 insertions\n")
    assert f"comment 4 ({AUTHOR}, {DATE}) on “9.1 The Consultant will deliver each Deliverable" in result.stdout
    assert "insertion 2 (ghostproof, 2026-03-01T09:00:00Z) after “9.2 The Consultant will present" in result.stdout
    assert "  + 9.3 When a deliverable is complete" in result.stdout


@pytest.mark.parametrize("suffix", ["pdf", "md"])
def test_cli_refuses_other_formats_and_points_to_the_html_report(suffix: str) -> None:
    result = runner.invoke(app, ["review", str(SAMPLES / f"en-consulting-mixed.{suffix}")])
    assert result.exit_code == 2
    assert "error[E111]" in result.stderr and "needs the contract as a Word .docx file" in result.stderr
    assert "ghostproof audit en-consulting-mixed." + suffix + " --format html" in result.stderr


def test_cli_asks_for_values_only_the_user_knows(tmp_path: Path) -> None:
    out = tmp_path / "copy.docx"
    result = runner.invoke(app, ["review", str(SAMPLES / "en-consulting-mixed.docx"), "-o", str(out)])
    assert result.exit_code == 2
    assert "--set hourly_rate=" in result.stderr
    assert not out.exists()
    # comments only: nothing to ask
    comments_only = runner.invoke(
        app, ["review", str(SAMPLES / "en-consulting-mixed.docx"), "-o", str(out), "--no-insert"]
    )
    assert comments_only.exit_code == 0, comments_only.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "yesterday"], "--date 'yesterday': not an ISO 8601 date"),
        (["--variant", "harsh"], "--variant harsh: unknown"),
        (["--set", "review_days=0"], "--set review_days"),
    ],
)
def test_cli_bad_options_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["review", str(SAMPLES / "en-consulting-mixed.docx"), "-o", str(tmp_path / "x.docx"), *args]
    )
    assert result.exit_code == 2
    assert message in result.stderr


def test_library_refuses_a_pdf_before_reading_it(tmp_path: Path) -> None:
    fake = tmp_path / "scan.pdf"
    fake.write_bytes(b"%PDF-1.7\n% not a real PDF")
    with pytest.raises(GhostproofError) as err:
        read_contract(fake)
    assert err.value.code == "E111"


# -- where new clauses go: before the back matter; what they say about the wording they replace ----------------------


@pytest.mark.parametrize("name", sorted(BACK_MATTER))
def test_new_clauses_go_before_signatures_closing_formula_and_annexes(name: str, tmp_path: Path) -> None:
    path = build_with_back_matter(name, tmp_path)
    contract = read_contract(path)
    copy = review_copy(contract, load_library(), values={"hourly_rate": 95}, date=parse_date(DATE))
    listing = list_review(copy.data, author=AUTHOR)
    final = listing.insertions[-1]
    assert _squash(final.after) == LAST_TERM[name]
    assert final.paragraphs[0].endswith(("Ergänzende Regelungen", "Additional provisions"))
    # read back with the insertions accepted: the new section sits between the terms and the signatures
    out = tmp_path / "copy.docx"
    out.write_bytes(copy.data)
    text = read_contract(out).document.text
    new_section = text.index("Ergänzende Regelungen" if name.startswith("de") else "Additional provisions")
    signature = text.index("Ort, Datum" if name.startswith("de") else "IN WITNESS WHEREOF")
    assert text.index(LAST_TERM[name]) < new_section < signature < text.index("1. ", signature)


def test_a_suggestion_says_it_prevails_over_the_conflicting_original_and_the_original_says_so() -> None:
    result, copy = _review("en-consulting-mixed")
    listing = list_review(copy.data, author=AUTHOR)
    termination = next(ins for ins in listing.insertions if ins.paragraphs[0].startswith("11.5 "))
    assert termination.paragraphs[0].endswith(
        "In case of conflict with section 11.1 and section 11.2, this clause prevails; it does not lower a payment, "
        "delay a due date, shorten a minimum term or a notice period the Client must give, or take away any other "
        "right that the Consultant has under section 11.1 and section 11.2."
    )
    # the sentence that contradicts it stays in the contract, with a comment naming the conflict
    on_original = [c for c in listing.comments if "Fees for Services performed but not yet invoiced" in c.anchor]
    assert len(on_original) == 1
    assert on_original[0].text.startswith(
        "Termination: weak\nConflict: the suggested clause inserted after section 11.4"
    )
    assert "strike or amend this wording" in on_original[0].text
    evidence = {e.section for e in result.finding("termination").evidence}
    assert {"11.1", "11.2"} <= evidence  # the audit cites the words the "not paid" fact came from


def test_german_suggestions_name_their_precedence_in_german() -> None:
    _, copy = _review("de-webdesign-mixed")
    texts = [p for ins in list_review(copy.data, author=AUTHOR).insertions for p in ins.paragraphs]
    assert any(
        t.endswith(
            "Bei Widerspruch zu § 11(1) geht diese Regelung vor; sie mindert jedoch keine Vergütung, schiebt keine "
            "Fälligkeit hinaus, verkürzt weder eine Mindestlaufzeit noch eine Kündigungsfrist des Kunden und nimmt dem "
            "Auftragnehmer kein sonstiges Recht, das ihm nach § 11(1) zusteht."
        )
        for t in texts
    )


def test_a_suggestion_replaces_a_flat_fee_too_high_to_hold_and_says_so(tmp_path: Path) -> None:
    """A German flat cancellation fee of 40 % (KF_HIGH_FLAT) is the risk itself: the inserted suggestion, with the
    contract's 40 % and the client's right to prove a lower loss, says it replaces what that wording says on the same
    matter ("ersetzt, was … bestimmt": nothing else in it), not that it prevails; a weak termination clause keeps the
    precedence that saves what the contract gives the contractor."""
    d = docx.Document()
    d.add_heading("Werkvertrag über die Gestaltung einer Website", 0)
    d.add_paragraph("zwischen der Muster GmbH (Kunde) und Anna Beispiel (Auftragnehmerin)")
    d.add_heading("§ 3 Vergütung", 2)
    d.add_paragraph(
        "(1) Die Vergütung beträgt 8.000 EUR (Festpreis). Rechnungen sind innerhalb von 7 Tagen nach Zugang zu zahlen."
    )
    d.add_heading("§ 5 Ausfallhonorar", 2)
    d.add_paragraph(
        "(1) Kündigt der Kunde den Vertrag vor Fertigstellung, schuldet er pauschal 40 % der vereinbarten Vergütung."
    )
    d.add_heading("§ 6 Kündigung", 2)
    d.add_paragraph("(1) Der Kunde kann den Vertrag jederzeit mit einer Frist von 14 Tagen kündigen.")
    path = tmp_path / "vertrag.docx"
    d.save(str(path))
    out = tmp_path / "vertrag.reviewed.docx"
    result = runner.invoke(app, ["review", str(path), "-o", str(out), "--set", "hourly_rate=95"])
    assert result.exit_code == 0, result.stderr
    assert "kill_fee_percent = 40 (“40 %”), though the audit flags KF_HIGH_FLAT" in result.stderr
    texts = [p for ins in list_review(out.read_bytes()).insertions for p in ins.paragraphs]
    fee = next(t for t in texts if "Ausfallhonorar von" in t)
    assert "Diese Regelung ersetzt, was § 5(1) zum selben Gegenstand bestimmt." in fee and "Bei Widerspruch" not in fee
    assert "Ausfallhonorar von 40 %" in fee  # the contract's figure, kept (lowering it is the user's choice)
    ending = next(t for t in texts if "Jede Vertragspartei kann diesen Vertrag" in t)
    assert "kein sonstiges Recht, das ihm nach § 6(1) zusteht." in ending
