"""The ``ghostproof`` spaCy component behaves like spaCy's own rulers: made with add_pipe, configured, its patterns
added, replaced, written and read back; results in a span group and findings on ``doc._.ghostproof``. One behaviour
per test, on ``spacy.blank``."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from ghostproof.errors import GhostproofError
from ghostproof.findings import FAMILIES

TEXT = (
    "The Client shall review each deliverable within ten (10) business days. Deliverables are deemed accepted if "
    "the Client does not reject them in writing within that period."
)


def _nlp(**config: object) -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("ghostproof_sentencizer")
    nlp.add_pipe("ghostproof", config=config)
    return nlp


def test_add_pipe_puts_every_rule_hit_in_a_span_group() -> None:
    doc = _nlp()(TEXT)
    labels = {span.label_ for span in doc.spans["ghostproof"]}
    assert "deemed_acceptance/fiction" in labels
    assert all(span.id_ for span in doc.spans["ghostproof"])  # the rule that fired


def test_the_findings_are_on_the_doc() -> None:
    doc = _nlp()(TEXT)
    findings = doc._.ghostproof
    assert [f.clause for f in findings] == list(FAMILIES)
    da = findings[0]
    assert da.status == "present" and da.attributes["review_days"] == 10 and da.attributes["business_days"]


def test_findings_and_spans_can_be_switched_off() -> None:
    doc = _nlp(findings=False, spans=False)(TEXT)
    assert doc._.ghostproof is None and "ghostproof" not in doc.spans


def test_the_spans_key_is_configurable() -> None:
    doc = _nlp(spans_key="gp", findings=False)(TEXT)
    assert "gp" in doc.spans and "ghostproof" not in doc.spans


def test_the_component_declares_what_it_assigns() -> None:
    nlp = _nlp()
    assert set(nlp.get_pipe_meta("ghostproof").assigns) == {"doc.spans", "doc._.ghostproof"}


def test_add_patterns_adds_a_phrase_as_data() -> None:
    nlp = _nlp(findings=False)
    text = "The drawings are waved through by the studio."
    before = nlp(text)
    assert not any(s.id_ == "my.signed-off" for s in before.spans["ghostproof"])
    nlp.get_pipe("ghostproof").add_patterns(
        [{"label": "deemed_acceptance/fiction", "id": "my.signed-off", "pattern": "waved through"}]
    )
    after = nlp(text)
    assert any(s.id_ == "my.signed-off" and s.text == "waved through" for s in after.spans["ghostproof"])


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ({"label": "deemed_acceptance/vibes", "id": "x.1", "pattern": "x"}, "cue 'vibes' is not declared"),
        ({"label": "tip_jar/fiction", "id": "x.2", "pattern": "x"}, "unknown clause family 'tip_jar'"),
        (
            {"label": "deemed_acceptance/fiction", "id": "en.da.fiction.accepted-by-default", "pattern": "qq"},
            "duplicate id",
        ),
        ({"label": "checklist/tip_jar", "id": "x.3", "pattern": "x"}, "unknown checklist item 'tip_jar'"),
    ],
)
def test_added_patterns_are_validated_like_the_files(pattern: dict[str, object], message: str) -> None:
    with pytest.raises(GhostproofError) as exc:
        _nlp(findings=False).get_pipe("ghostproof").add_patterns([pattern])
    assert exc.value.code == "E170" and message in exc.value.message


def test_initialize_with_patterns_replaces_them() -> None:
    nlp = _nlp(findings=False)
    nlp.initialize(
        get_examples=None,
    )
    component = nlp.get_pipe("ghostproof")
    component.initialize(patterns=[{"label": "late_payment/interest", "id": "only.one", "pattern": "interest"}])
    assert component.patterns == [{"label": "late_payment/interest", "id": "only.one", "pattern": "interest"}]
    doc = nlp("Interest is charged. Deliverables are deemed accepted.")
    assert {s.id_ for s in doc.spans["ghostproof"]} == {"only.one"}


def test_to_disk_and_from_disk_keep_the_patterns(tmp_path: Path) -> None:
    nlp = _nlp(findings=False)
    extra = {"label": "deemed_acceptance/fiction", "id": "my.signed-off", "pattern": "waved through"}
    nlp.get_pipe("ghostproof").add_patterns([extra])
    nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "ghostproof" / "patterns.jsonl").is_file()
    again = spacy.load(tmp_path / "pipeline")
    assert again.get_pipe("ghostproof").patterns == nlp.get_pipe("ghostproof").patterns
    text = "The drawings are waved through by the studio. " + TEXT
    ours, theirs = nlp(text), again(text)
    assert [(s.start, s.label_, s.id_) for s in theirs.spans["ghostproof"]] == [
        (s.start, s.label_, s.id_) for s in ours.spans["ghostproof"]
    ]
