"""The rule files under models/: every file loads and validates; typos fail loudly with file and line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ghostproof.detect.rules import LANGS, load_families, load_rules, models_dir
from ghostproof.errors import GhostproofError
from ghostproof.findings import FAMILIES


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_file_loads_and_every_cue_has_patterns(lang: str) -> None:
    rules = load_rules(lang)
    assert set(rules.families) == set(FAMILIES)
    for fam in FAMILIES:
        assert {p.cue for p in rules.phrases + rules.tokens if p.family == fam} == set(rules.families[fam].cues)


@pytest.mark.parametrize("lang", LANGS)
def test_token_patterns_pass_spacy_validation(lang: str) -> None:
    import spacy
    from spacy.matcher import Matcher

    nlp = spacy.blank(lang)
    matcher = Matcher(nlp.vocab, validate=True)
    for p in load_rules(lang).tokens:
        matcher.add(p.id, [p.pattern])  # raises on an invalid pattern


def _copy_models(tmp_path: Path) -> Path:
    root = tmp_path / "models"
    shutil.copytree(models_dir(), root)
    return root


def _append(path: Path, row: dict[str, object]) -> None:
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(row) + "\n")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"label": "termination/typo", "id": "x1", "pattern": "terminate"}, "cue 'typo' is not declared"),
        ({"label": "kill_fee/kill", "id": "x2", "pattern": "kill fee"}, "does not match the file"),
        ({"label": "termination/notice", "id": "x3"}, 'needs exactly "label", "id" and "pattern"'),
        ({"label": "termination/notice", "id": "x4", "pattern": ""}, "empty phrase"),
        ({"label": "termination/notice", "id": "x5", "pattern": "notice", "extra": 1}, "needs exactly"),
    ],
)
def test_bad_pattern_lines_are_refused_with_file_and_line(tmp_path: Path, row: dict[str, object], message: str) -> None:
    root = _copy_models(tmp_path)
    target = root / "patterns" / "en" / "termination.jsonl"
    _append(target, row)
    with pytest.raises(GhostproofError) as exc:
        load_rules.__wrapped__("en", root)
    assert message in str(exc.value)
    assert "termination.jsonl:" in str(exc.value)


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    root = _copy_models(tmp_path)
    target = root / "patterns" / "en" / "termination.jsonl"
    first = json.loads(target.read_text().splitlines()[0])
    _append(target, {**first, "pattern": "some other phrase"})
    with pytest.raises(GhostproofError, match="duplicate id"):
        load_rules.__wrapped__("en", root)


def test_a_cue_without_patterns_is_refused(tmp_path: Path) -> None:
    root = _copy_models(tmp_path)
    target = root / "patterns" / "de" / "kill_fee.jsonl"
    rows = [json.loads(x) for x in target.read_text().splitlines()]
    target.write_text("".join(json.dumps(r) + "\n" for r in rows if r["label"] != "kill_fee/kill"))
    with pytest.raises(GhostproofError, match=r"cues without any de pattern: \['kill'\]"):
        load_rules.__wrapped__("de", root)


def test_unknown_cue_in_families_is_refused(tmp_path: Path) -> None:
    root = _copy_models(tmp_path)
    path = root / "families.toml"
    path.write_text(path.read_text().replace('require = [["may_terminate"]', 'require = [["may_terminat"]'))
    with pytest.raises(GhostproofError, match="'may_terminat' is used but not declared"):
        load_families.__wrapped__(root)


@pytest.mark.parametrize("bad", ['"25"', "-1", "true"])
def test_a_limit_that_is_no_number_is_refused(tmp_path: Path, bad: str) -> None:
    root = _copy_models(tmp_path)
    path = root / "families.toml"
    path.write_text(path.read_text().replace("limits = { high_percent = 25 }", f"limits = {{ high_percent = {bad} }}"))
    with pytest.raises(GhostproofError, match="limits must map names to numbers"):
        load_families.__wrapped__(root)


@pytest.mark.parametrize("bad", ['"8"', "-1", "21", "true", "2.5"])
def test_a_list_reach_that_is_no_whole_number_is_refused(tmp_path: Path, bad: str) -> None:
    root = _copy_models(tmp_path)
    path = root / "families.toml"
    text = path.read_text()
    assert "list_sentences = 8" in text
    path.write_text(text.replace("list_sentences = 8", f"list_sentences = {bad}"))
    with pytest.raises(GhostproofError, match="list_sentences must be a whole number from 0 to 20"):
        load_families.__wrapped__(root)


def test_the_list_reach_is_loaded() -> None:
    assert load_families()["termination"].list_sentences == 8
    assert load_families()["payment_terms"].list_sentences == 0


@pytest.mark.parametrize(
    "line",
    ['{"label": "termination/notice", "id": "x6", "pattern": "notice"', '{"label": "termination/notice"}, {}'],
)
def test_a_line_that_is_not_one_json_value_is_refused_with_its_line_number(tmp_path: Path, line: str) -> None:
    root = _copy_models(tmp_path)
    target = root / "patterns" / "en" / "termination.jsonl"
    with target.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    lineno = len(target.read_text(encoding="utf-8").splitlines())
    with pytest.raises(GhostproofError, match=f"termination.jsonl:{lineno}: .*not valid JSON"):
        load_rules.__wrapped__("en", root)


def test_duplicate_patterns_are_refused_regardless_of_case(tmp_path: Path) -> None:
    root = _copy_models(tmp_path)
    target = root / "patterns" / "en" / "termination.jsonl"
    first = next(r for r in map(json.loads, target.read_text().splitlines()) if isinstance(r["pattern"], str))
    _append(target, {**first, "id": "x7", "pattern": first["pattern"].upper()})
    with pytest.raises(GhostproofError, match="duplicate pattern"):
        load_rules.__wrapped__("en", root)
