"""The clause families are one module each (src/ghostproof/families/): the registry, their typed attributes, their
problem codes and words, their statutory fallbacks, and the lexicon files they read."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from ghostproof.detect.rules import models_dir
from ghostproof.errors import GhostproofError
from ghostproof.families import REGISTRY, family
from ghostproof.families.lexicon import SHAPES, _fast, lexicon
from ghostproof.findings import FAMILIES
from ghostproof.words import LANGS, Words, catalogue

SRC = Path(__file__).resolve().parents[1] / "src" / "ghostproof"


def test_the_registry_lists_the_nine_families_in_order() -> None:
    assert tuple(REGISTRY) == FAMILIES
    for fid, clause in REGISTRY.items():
        assert clause.id == fid and family(fid) is clause
        assert (SRC / "families" / f"{fid}.py").is_file()


@pytest.mark.parametrize("fid", FAMILIES)
def test_typed_attributes_read_back_what_the_json_holds(fid: str) -> None:
    clause = family(fid)
    empty = clause.empty()
    assert set(empty) == set(clause.attributes.model_fields) and all(v is None for v in empty.values())
    assert clause.read(empty).model_dump() == empty
    with pytest.raises(ValueError):
        clause.read({**empty, "unknown": 1})


def test_every_problem_code_belongs_to_one_family_and_has_words_in_both_languages() -> None:
    codes = [code for clause in REGISTRY.values() for code in clause.problems]
    assert len(codes) == len(set(codes))
    for lang in LANGS:
        assert set(Words(lang, "report").table("problem")) == set(codes), lang
    for clause in REGISTRY.values():
        prefix = {code.split("_")[0] for code in clause.problems}
        assert len(prefix) <= 1, clause.id  # one family, one prefix (DA_, TE_ …)


def test_every_statutory_fallback_has_its_text() -> None:
    for clause in REGISTRY.values():
        for jurisdiction in clause.law:
            for lang in LANGS:
                law = catalogue(lang)["assess"]["law"][jurisdiction]
                assert clause.id in law, (clause.id, jurisdiction, lang)


def test_no_module_outside_the_families_dispatches_on_a_family_id() -> None:
    ids = "|".join(FAMILIES)
    dispatch = re.compile(rf"(?:==|!=)\s*\"(?:{ids})\"|\"(?:{ids})\"\s*(?:==|!=)|in\s*\(\s*\"(?:{ids})\"")
    offenders = []
    for path in SRC.rglob("*.py"):
        if "families" in path.parts:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if dispatch.search(line):
                offenders.append(f"{path.relative_to(SRC)}:{n}: {line.strip()}")
    assert offenders == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_lexicon_of_each_language_loads_with_every_key(lang: str) -> None:
    lex = lexicon(lang)
    for shapes in SHAPES.values():
        for key, shape in shapes.items():
            assert (key in lex.words) if not shape else (key in lex.patterns), key


def _corpus_texts(lang: str) -> list[str]:
    folder = Path(__file__).parent / "corpus"
    return [
        json.loads(line)["text"]
        for path in sorted(folder.glob(f"*{lang}.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_the_lexicon_lookahead_finds_exactly_what_the_plain_expression_finds(lang: str) -> None:
    """Each expression is led by a lookahead for its words' first characters (a speed-up): on every corpus passage,
    and on a text of the plain words in three casings, it finds the same matches as the expression without it."""
    table = tomllib.loads((models_dir() / "lexicon" / f"{lang}.toml").read_text(encoding="utf-8"))
    lex = lexicon(lang)
    texts = _corpus_texts(lang)
    led = 0
    for table_name, shapes in SHAPES.items():
        for key, shape in shapes.items():
            if not shape:
                continue
            entries = table[table_name][key]
            plain = re.compile(shape.format(words="|".join(entries)), re.IGNORECASE)
            fast = lex.patterns[key]
            led += fast.pattern != plain.pattern
            words = [e for e in entries if re.fullmatch(r"[\w ]+", e)]
            probe = " ".join(f"{w} {w.title()} {w.upper()} x{w}" for w in words)
            for text in [*texts, probe]:
                want = [(m.span(), m.groupdict()) for m in plain.finditer(text)]
                assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == want, (key, text[:80])
    assert led >= 40  # most expressions are led (the test would pass vacuously otherwise)


def test_the_lookahead_lists_first_characters_and_gives_up_where_they_cannot_be_told() -> None:
    assert _fast(r"(?<!\w)(?:{words})", ["pay", "Fee", r"\d+\s*days", "[xy]z"]) == (
        r"(?=[F\dpxy])(?<!\w)(?:pay|Fee|\d+\s*days|[xy]z)"
    )
    # a first item that may be absent, or any character: no lookahead
    assert _fast(r"(?<!\w)(?:{words})", [r"(?:\w+\s+){0,3}abgenommen"]) == r"(?<!\w)(?:(?:\w+\s+){0,3}abgenommen)"
    assert _fast(r"(?:{words})", ["a", ".b"]) == r"(?:a|.b)"
    # a shape that does not start with the words is left as it is
    assert _fast(r"\A\s*(?:{words})", ["a"]) == r"\A\s*(?:a)"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("net = ['net']", "net = []", "net must be a non-empty list"),
        ("net = ['net']", "net = ['(unclosed']", "bad expression"),
        ("net = ['net']", "nett = ['net']", "keys must be exactly"),
        (
            "ordinal_day = ['(?P<n>",
            "ordinal_day = ['x', '(?P<n>",
            "one expression",
        ),
    ],
)
def test_a_broken_lexicon_fails_loudly_with_file_and_key(tmp_path: Path, old: str, new: str, message: str) -> None:
    root = tmp_path / "models"
    shutil.copytree(models_dir(), root)
    path = root / "lexicon" / "en.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(GhostproofError) as exc:
        lexicon("en", root)
    assert exc.value.code == "E170" and message in exc.value.message and "en.toml" in (exc.value.path or "")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "If the Client terminates this Agreement for convenience, the Client shall pay a termination fee equal to "
            "one month's fees.",
            "KF_IN_FEES",
        ),
        (
            "If the Client terminates this Agreement for convenience, the Client shall pay all fees for the remainder "
            "of the Initial Term.",
            "KF_IN_FEES",
        ),
        (
            "Client may terminate during the Minimum Term only by paying an early termination fee equal to the "
            "retainer fees remaining for the balance of the Minimum Term.",
            "KF_IN_FEES",
        ),
        ("If the Client cancels the project, the Client shall pay a cancellation fee.", "KF_NO_AMOUNT"),
    ],
)
def test_a_kill_fee_set_as_the_fees_themselves_is_told_from_one_with_no_figure(text: str, code: str) -> None:
    from ghostproof.detect import audit_document
    from ghostproof.ingest import document_from_text

    found = next(f for f in audit_document(document_from_text(text)).findings if f.clause == "kill_fee")
    assert found.status == "weak"
    assert [p.code for p in found.problems] == [code]


@pytest.mark.parametrize(("lang", "said"), [("en", "due on receipt"), ("de", "sofort fällig")])
def test_a_payment_term_of_no_days_reads_as_due_on_receipt(lang: str, said: str) -> None:
    from ghostproof.families.payment_terms import PaymentTermsAttributes

    fam = family("payment_terms")
    assert fam.facts(PaymentTermsAttributes(net_days=0), "present", Words(lang, "report")) == [said]
    assert fam.facts(PaymentTermsAttributes(net_days=14), "present", Words(lang, "report")) != [said]


@pytest.mark.parametrize(
    ("text", "lang", "said"),
    [
        (
            "1.1 Your date is secured once we have your booking fee. The booking fee is 25% of your package price and "
            "it is non-refundable.",
            "en",
            "25 % deposit kept (no cancellation fee)",
        ),
        (
            "§ 3 Anzahlung\n(1) Mit der Buchung zahlt der Kunde eine Anzahlung von 30 % des Honorars. "
            "Die Anzahlung wird "
            "bei einer Absage nicht erstattet.",
            "de",
            "Anzahlung 30 % bleibt (kein Ausfallhonorar)",
        ),
    ],
)
def test_a_kept_deposit_is_not_shown_as_a_cancellation_fee(text: str, lang: str, said: str) -> None:
    """A non-refundable booking fee was shown as "25 % cancellation fee" (new user, wedding videographer)."""
    from ghostproof.detect import audit_document
    from ghostproof.ingest import document_from_text

    found = next(f for f in audit_document(document_from_text(text)).findings if f.clause == "kill_fee")
    fam = family("kill_fee")
    assert found.attributes["deposit_only"] is True
    assert fam.facts(fam.read(found.attributes), found.status, Words(lang, "report")) == [said]


def test_a_german_late_fee_is_not_called_a_pauschale() -> None:
    """ "Für jede Mahnung … eine Bearbeitungsgebühr von 7,50 EUR" was shown as "Pauschale 7,50 €", which a German
    reader takes for the 40-euro sum of § 288 Abs. 5 BGB (new user, a web agency's terms)."""
    from ghostproof.families.late_payment import LatePaymentAttributes

    fam = family("late_payment")
    said = fam.facts(LatePaymentAttributes(flat_fee=7.5, currency="EUR"), "present", Words("de", "report"))
    assert said == ["Gebühr bei Verzug 7,50 €"]


def test_a_business_only_interest_rate_is_graded_by_the_client() -> None:
    """ "On business bookings … 8% over the Bank of England base rate" is the client's rate only where the client is a
    business: weak for a couple (new user, a wedding videographer's terms), present for a company."""
    from ghostproof.detect import audit_document
    from ghostproof.ingest import document_from_text

    clause = "5. If the Client pays late, on business bookings we may charge interest at 8% over the base rate."
    company = 'This Agreement is made between Acme Widgets Ltd ("Client") and Bob Smith ("Designer").\n' + clause
    for text, status in ((clause, "weak"), (company, "present")):
        found = next(f for f in audit_document(document_from_text(text)).findings if f.clause == "late_payment")
        assert found.status == status
        assert ("LP_BUSINESS_ONLY" in [p.code for p in found.problems]) == (status == "weak")


@pytest.mark.parametrize(
    ("client", "rate", "flagged"),
    [("GmbH", 8, True), ("GmbH", 9, False), ("", 8, False)],  # (no client type read: the law's rate is not known)
)
def test_a_german_rate_below_the_statutory_default_is_flagged(client: str, rate: int, flagged: bool) -> None:
    """ "8 Prozentpunkte über dem Basiszinssatz" towards a business gives less than § 288 BGB (9 points) would (new
    user, a web agency's B2B terms)."""
    from ghostproof.detect import audit_document
    from ghostproof.ingest import document_from_text

    party = f"Zwischen der Muster {client} (nachfolgend „Kunde“) und Max Maier wird vereinbart:\n" if client else ""
    text = (
        party
        + f"§ 5 Zahlung\n(3) Bei Zahlungsverzug berechnen wir Zinsen von {rate} Prozentpunkten über dem Basiszinssatz."
    )
    found = next(f for f in audit_document(document_from_text(text)).findings if f.clause == "late_payment")
    assert ("LP_BELOW_STATUTORY" in [p.code for p in found.problems]) == flagged


def test_grading_a_german_late_payment_again_gives_the_same() -> None:
    """assess grades the audit again with the case file's client: LP_BELOW_STATUTORY is not added twice, and is gone
    for a consumer (8 points over the base rate are more than the 5 of § 288 BGB)."""
    from ghostproof.detect import audit_document, regrade
    from ghostproof.ingest import document_from_text

    text = (
        "Zwischen der Muster GmbH (nachfolgend „Kunde“) und Max Maier wird vereinbart:\n§ 5 Zahlung\n(3) Bei "
        "Zahlungsverzug berechnen wir Zinsen von 8 Prozentpunkten über dem Basiszinssatz."
    )
    result = audit_document(document_from_text(text))

    def codes(r):  # type: ignore[no-untyped-def]
        return [p.code for p in next(f for f in r.findings if f.clause == "late_payment").problems]

    assert codes(regrade(result, client_type="business")) == codes(result) == ["LP_BELOW_STATUTORY"]
    assert "LP_BELOW_STATUTORY" not in codes(regrade(result, client_type="consumer"))


def test_a_business_only_rate_dropped_for_a_business_comes_back_for_a_consumer() -> None:
    """The audit reads a company as the client and drops LP_BUSINESS_ONLY; a case file that says the client is a
    consumer grades again: the rate is not theirs, the problem is back (it was lost: grading only removed it)."""
    from ghostproof.detect import audit_document, regrade
    from ghostproof.ingest import document_from_text

    text = (
        'This Agreement is made between Acme Widgets Ltd ("Client") and Bob Smith ("Designer").\n'
        "5. If the Client pays late, on business bookings we may charge interest at 8% over the base rate."
    )
    result = audit_document(document_from_text(text))
    found = result.finding("late_payment")
    assert found.status == "present" and found.attributes["business_only"] is True
    assert "business bookings" in found.attribute_evidence["business_only"].text
    again = regrade(result, client_type="consumer").finding("late_payment")
    assert again.status == "weak" and [p.code for p in again.problems] == ["LP_BUSINESS_ONLY"]
    assert regrade(regrade(result, client_type="consumer"), client_type="business").finding("late_payment").status == (
        "present"
    )


def test_every_lexicon_key_is_one_name() -> None:
    """The lexicon's patterns are read by name whatever their family (``lexicon(lang).due_before``): a name used in
    two families would hand one of them the other's words."""
    names = [key for shapes in SHAPES.values() for key in shapes]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


def test_a_blank_payment_period_is_not_called_only_redacted() -> None:
    """New user, round 8 (a sloppy one-page agreement): "within [__] days" was explained as blacked out ("[***]")
    and the user sent to "the unredacted contract"; a blank in a draft is to be filled in before signing."""
    from ghostproof.detect import audit_document
    from ghostproof.ingest import document_from_text
    from ghostproof.report import build_report, render

    result = audit_document(document_from_text("4. Payment. The Client pays each invoice within [__] days.", lang="en"))
    shown = " ".join(render(build_report([result]), "text", width=240).split())
    assert "left blank or blacked out in this copy" in shown and "fill it in before you sign" in shown
