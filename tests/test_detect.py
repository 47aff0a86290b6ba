"""Detection on whole contracts: the bundled samples in every format, the audit JSON, the spaCy component."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from functools import cache

import pytest

import samples as S
from ghostproof.detect import audit
from ghostproof.findings import FAMILIES, AuditResult


@cache
def result(name: str, fmt: str) -> AuditResult:
    return audit(S.SAMPLES / f"{name}.{fmt}")


@pytest.mark.parametrize(("name", "fmt"), list(itertools.product(S.NAMES, S.FORMATS)))
def test_samples_get_their_declared_verdicts(name: str, fmt: str) -> None:
    expected = S.load(name).meta["expect"]
    got = {f.clause: f.status for f in result(name, fmt).findings}
    assert got == expected


@pytest.mark.parametrize("name", S.NAMES)
def test_evidence_points_into_the_document(name: str) -> None:
    from ghostproof import load_document

    doc = load_document(S.SAMPLES / f"{name}.pdf")
    for finding in result(name, "pdf").findings:
        assert (finding.status == "missing") == (not finding.evidence)
        for ev in finding.evidence:
            assert doc.text[ev.start : ev.end] == ev.text
            assert ev.page is not None and 1 <= ev.page <= (doc.pages or 0)
            assert ev.rule


def test_nine_findings_in_fixed_order() -> None:
    assert [f.clause for f in result("en-software-bare", "md").findings] == list(FAMILIES)


def test_audit_json_cli() -> None:
    path = S.SAMPLES / "de-webdesign-mixed.docx"
    out = subprocess.run(
        [sys.executable, "-m", "ghostproof", "audit", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.stdout)
    assert data["schema"] == "ghostproof.audit/2"
    assert data["source"] == str(path)
    assert data["language"] == "de"
    assert [f["clause"] for f in data["findings"]] == list(FAMILIES)
    da = data["findings"][0]
    # the client is a GmbH: a fiction that restates § 640 Abs. 2 BGB needs no warning about silence towards it
    assert da["status"] == "present" and da["problems"] == [] and da["applies"] is True
    assert da["attributes"]["review_days"] == 10
    assert da["evidence"][0]["section"] == "§ 4(2)"
    assert data["client_type"]["value"] == "business" and data["client_type"]["how"] == "legal_form"
    assert data["client_type"]["evidence"][0]["text"] == "Café Morgenrot GmbH"
    assert data["contract_type"]["value"] == "werkvertrag" and data["contract_type"]["how"] == "words"
    assert AuditResult.model_validate(data).finding("termination").status == "weak"


def test_audit_cli_bad_input_exits_2(tmp_path: object) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ghostproof", "audit", "/nonexistent/contract.pdf", "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr.startswith("ghostproof: error[E101]")


def test_spacy_component_fills_doc_spans() -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("ghostproof")  # found through the spacy_factories entry point
    doc = nlp("The deliverables are deemed accepted if the Client does not reject them within ten days.")
    labels = {span.label_ for span in doc.spans["ghostproof"]}
    assert {"deemed_acceptance/fiction", "deemed_acceptance/silence"} <= labels
    assert all(span.id_ for span in doc.spans["ghostproof"])


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_phrase_reports_its_own_rule_id(lang: str) -> None:
    """The PhraseMatchers have one key per label; the rule id of a match is looked up from its words."""
    from ghostproof.detect.pipeline import pipeline
    from ghostproof.detect.rules import load_rules

    nlp = pipeline(lang)
    component = nlp.get_pipe("ghostproof").matcher
    for p in load_rules(lang).phrases:
        doc = nlp.make_doc(str(p.pattern))
        matches = component.phrase(doc) + component.context(doc)
        hits = component._phrase_hits(matches, nlp.vocab.strings, doc.to_array("LOWER"))
        assert (0, len(doc), p.label, p.id, p.family) in set(hits), p.source


def test_lemmas_are_set_for_the_forms_of_pattern_lemmas_only() -> None:
    from ghostproof.detect.pipeline import pipeline

    doc = pipeline("en")("The work is deemed accepted unless the Client rejected it or listed defects in writing.")
    assert {t.text: t.lemma_ for t in doc if t.lemma_} == {"rejected": "reject", "listed": "list"}
