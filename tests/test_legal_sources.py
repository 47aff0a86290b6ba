"""Issue 15: every statute the tool cites is listed in docs/legal-sources.md with the sentence it supports, and the
law texts name their conditions (UK fixed sums by the size of the debt, New York's statewide act)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from ghostproof.families.late_payment import uk_fixed_sum

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "docs" / "legal-sources.md"
#: how a citation is written in the word catalogues and the clause library
CITATION = re.compile(
    r"§§?\s*\d+[a-z]?(?:\s*(?:Abs\.|Satz|S\.|Nr\.)\s*\d+[a-z]?)*(?:\s*(?:,|und|and|bis)\s*\d+[a-z]?)*"
    r"\s+(?:BGB|ABGB|HGB|UrhG|UWG|EGBGB)"
    r"|Art\.\s*\d+(?:\s*Abs\.\s*\d+)?\s+OR\b"
    r"|General Construction Law § \d+|General Business Law Art\. [\dA-Z-]+"
    r"|[A-Z][\w ]+ Act \d{4}(?: \([^)]*\))?|Late Payment of Commercial Debts \(Interest\) Act 1998"
    r"|Freelance Isn't Free Act|[Qq]uantum meruit|Cavendish Square Holding v Makdessi \[2015\] UKSC 67"
)


def _cited() -> dict[str, set[str]]:
    files = [
        *(ROOT / "models").rglob("*.toml"),
        *(p for p in (ROOT / "models").rglob("*.jsonl") if "patterns" not in p.parts),
        *(ROOT / "clauses").glob("*.toml"),
        *(ROOT / "src" / "ghostproof").rglob("*.toml"),
    ]
    out: dict[str, set[str]] = {}
    for path in files:
        for m in CITATION.finditer(path.read_text(encoding="utf-8")):
            out.setdefault(" ".join(m.group().split()), set()).add(str(path.relative_to(ROOT)))
    return out


def test_the_citations_are_found() -> None:
    cited = _cited()
    assert {"§ 193 BGB", "§ 643 BGB", "§ 615 BGB", "Art. 78 Abs. 1 OR", "§ 903 Satz 3 ABGB"} <= set(cited)


def test_every_citation_is_listed_in_the_legal_sources() -> None:
    listed = set(re.findall(r"^\| `([^`]+)` \|", SOURCES.read_text(encoding="utf-8"), re.MULTILINE))
    missing = {c: sorted(files) for c, files in _cited().items() if c not in listed}
    assert missing == {}, "add these to docs/legal-sources.md"


@pytest.mark.parametrize(("debt", "fixed"), [("999.99", 40), ("1000", 70), ("9999.99", 70), ("10000", 100)])
def test_uk_fixed_sum_by_the_size_of_the_debt(debt: str, fixed: int) -> None:
    assert uk_fixed_sum(Decimal(debt)) == fixed


def test_uk_late_payment_names_the_sum_and_when_interest_runs(tmp_path: Path) -> None:
    from test_assess import _case

    from ghostproof.assess import assess_case

    case = _case(tmp_path, jurisdiction="UK", currency="GBP", invoiced=Decimal(4000), paid=Decimal(1000))
    late = dict(assess_case(case).law)["Late payment"]
    assert "as one invoice: GBP 70" in late and "from the day after the agreed due date" in late
    # the contract has its own late-payment clause: the Act replaces it only if it is no substantial remedy (new
    # user: "Where the contract is silent: … statutory interest of 8 %" beside a contract's "2% … above base rate")
    assert late.startswith("The contract sets its own interest") and "sections 8 and 9" in late
    consumer = _case(
        tmp_path, jurisdiction="UK", currency="GBP", invoiced=Decimal(4000), paid=Decimal(0), client_type="consumer"
    )
    assert "between businesses only" in dict(assess_case(consumer).law)["Late payment"]


def test_new_york_state_act_beside_the_city_law_in_new_york_only(tmp_path: Path) -> None:
    from test_assess import _case

    from ghostproof.assess import assess_case

    ny = _case(tmp_path, jurisdiction="US", region="US-NY", invoiced=Decimal(4000), paid=Decimal(0))
    text = dict(assess_case(ny).law)["Late payment"]
    assert "General Business Law Art. 44-A" in text and "28 August 2024" in text and "USD 800" in text
    oregon = _case(tmp_path, jurisdiction="US", region="US-OR", invoiced=Decimal(4000), paid=Decimal(0))
    assert "Art. 44-A" not in dict(assess_case(oregon).law)["Late payment"]


# -- money: caps, conditions and the right base (issue 15) ----------------------------------------------------------

HOURLY = (
    "# Agreement\n\n## 1. Fee\n\n1.1 The Project Fee is USD 6,000, payable in two installments.\n\n"
    "## 2. Hourly billing\n\n2.1 If this Agreement ends before the final installment falls due, the Designer will "
    "bill all work performed up to that date at the Designer's hourly rate of USD 100 per hour.\n"
)


@pytest.mark.parametrize(("stage", "unbilled"), [("in_progress", "$7,000"), ("delivered", "$3,000")])
def test_billing_by_time_applies_only_when_the_project_ends_early(tmp_path: Path, stage: str, unbilled: str) -> None:
    from test_assess import _case

    from ghostproof.assess import assess_case

    contract = tmp_path / "contract.md"
    contract.write_text(HOURLY, encoding="utf-8")
    extra: dict[str, object] = {"delivered_on": "2026-11-02"} if stage == "delivered" else {}
    case = _case(
        tmp_path,
        contract=str(contract),
        stage=stage,
        percent_complete=100 if stage == "delivered" else 80,
        agreed=Decimal(6000),
        invoiced=Decimal(3000),
        paid=Decimal(3000),
        hours_invested=Decimal(100),
        **extra,
    )
    a = assess_case(case)
    # 100 h x USD 100 = 10,000 - 3,000 invoiced = 7,000 while the project stops early (no cap in this clause);
    # once delivered, the fixed fee is owed: 6,000 - 3,000
    assert a.amounts["unbilled"] == unbilled


def test_a_staged_kill_fee_states_no_single_rate() -> None:
    from ghostproof.detect import audit

    kill = audit(ROOT / "samples" / "en-webdesign-hardened.md").finding("kill_fee")
    assert kill.status == "present" and kill.attributes["staged"] is True
    assert kill.attributes["percent"] is None and "percent" in kill.uncertain
    assert kill.evidence[0].section == "10.1"  # the clause with the stages, not the table's first row


def test_the_kill_fee_is_not_charged_on_work_that_is_billed(tmp_path: Path) -> None:
    from test_assess import _case

    from ghostproof.assess import assess_case

    contract = tmp_path / "contract.md"
    contract.write_text(
        HOURLY + "\n## 3. Kill fee\n\n3.1 If the Client terminates this Agreement for convenience, the Client will pay "
        "a kill fee of 50% of the part of the Project Fee that has not been billed.\n",
        encoding="utf-8",
    )
    case = _case(
        tmp_path,
        contract=str(contract),
        stage="in_progress",
        percent_complete=30,
        agreed=Decimal(6000),
        invoiced=Decimal(1000),
        paid=Decimal(1000),
        hours_invested=Decimal(20),
    )
    a = assess_case(case)
    kill = next(p for p in a.positions if p.clause == "kill_fee")
    # 20 h x 100 = 2,000 of work: 1,000 invoiced + 1,000 still to bill; 50 % of the remaining 4,000 = 2,000
    assert a.amounts["unbilled"] == "$1,000" and "about $2,000" in kill.meaning


# -- dormancy: from the event the clause names, pause or close (issue 15) --------------------------------------------


def test_dormancy_reads_close_or_pause_and_from_whose_message() -> None:
    from ghostproof.detect import detect
    from ghostproof.ingest import document_from_text

    def dormancy(text: str, lang: str = "en") -> dict[str, object]:
        found = next(f for f in detect(document_from_text(text, lang=lang)) if f.clause == "dormancy")  # type: ignore[arg-type]
        return dict(found.attributes)

    closes = dormancy(
        "7.2 If the Client has not responded for thirty (30) days after the Designer's last message, the Project is "
        "dormant and the Designer may close it by written notice. Closure ends this Agreement."
    )
    assert closes["closes"] is True and closes["from_our_message"] is True and closes["silence_days"] == 30
    pauses = dormancy(
        "7.1 If the Client does not respond to the Designer's messages for ten (10) business days, the Designer may "
        "put the Project on hold by written notice."
    )
    assert pauses["closes"] is False and pauses["from_our_message"] is None
    assert pauses["silence_day_kind"] == "business"


def test_dormancy_counts_from_your_last_message(tmp_path: Path) -> None:
    from datetime import date

    from test_assess import _case

    from ghostproof.assess import assess_case

    sample = str(ROOT / "samples" / "en-webdesign-hardened.md")
    without = next(p for p in assess_case(_case(tmp_path, contract=sample)).positions if p.clause == "dormancy")
    assert "set last_message in the case file" in without.meaning and "close the project" in without.meaning
    case = _case(tmp_path, contract=sample, last_message=date(2026, 11, 10))
    with_message = next(p for p in assess_case(case).positions if p.clause == "dormancy")
    assert "that is 10 December 2026 (30 days after 10 November 2026)" in with_message.meaning


@pytest.mark.parametrize("case", ["case-de-in-progress", "case-en-delivered", "case-en-final-invoice"])
def test_a_pointer_to_the_law_below_always_has_a_law_line(case: str) -> None:
    from ghostproof.assess import assess_case

    a = assess_case(ROOT / "samples" / f"{case}.toml")
    law = dict(a.law)
    for p in a.positions:
        if "law below" in p.meaning or "Gesetz unten" in p.meaning:
            assert p.name in law, (case, p.name)
    if case == "case-de-in-progress":  # cause-only termination under German law: § 643 is below, and said so
        kuendigung = next(p for p in a.positions if p.clause == "termination")
        assert "Siehe das Gesetz unten." in kuendigung.meaning and "§ 643 BGB" in law["Kündigung"]


def test_kill_fee_notes_do_not_let_a_label_decide_the_penalty_test() -> None:
    from ghostproof.clauses.library import load_library, parse_assignments
    from ghostproof.clauses.render import render_clause

    library = load_library()
    for variant in ("balanced", "firm"):
        note = render_clause(library, "kill_fee", lang="en", variant=variant).note
        assert "Cavendish Square Holding v Makdessi [2015] UKSC 67" in note
    with pytest.raises(Exception, match="50"):  # above half the unbilled fee no flat fee is a loss estimate
        parse_assignments(library, ["kill_fee_percent=60"])


@pytest.mark.parametrize(
    ("sample", "status"),
    [
        ("de-webdesign-mixed", "open"),
        ("de-softwareentwicklung-hardened", "covered"),
        ("en-webdesign-hardened", "covered"),
    ],
)
def test_e_mail_counts_only_where_the_contract_says_so_for_notices(sample: str, status: str) -> None:
    """Textform for agreeing to other terms (§ 1(1)) is no answer to "may notices and termination go by e-mail",
    while § 11(3) of the same contract asks for Schriftform for termination (issue 15)."""
    from ghostproof.checklist import check_document
    from ghostproof.ingest import load_document

    item = check_document(load_document(ROOT / "samples" / f"{sample}.md")).item("email_notice")
    assert item.status == status
    if status == "open":
        assert "nicht für Mitteilungen, Fristsetzungen oder die Kündigung" in (item.reason or "")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "(2) Die Website gilt als abgenommen, wenn der Kunde nicht innerhalb von 10 Werktagen nach Zugang der "
            "Aufforderung unter Angabe wesentlicher Mängel die Abnahme verweigert.",
            "DA_MATERIAL_ONLY",
        ),
        ("(2) Nutzt der Kunde die Website im Livebetrieb, gilt sie als abgenommen.", "DA_USE_NO_PERIOD"),
        (
            "Die Entwürfe gelten als freigegeben, wenn der Kunde nicht binnen 48 Stunden nach Zusendung widerspricht; "
            "hierauf wird der Kunde jeweils hingewiesen.",
            "DA_SHORT_PERIOD",
        ),
    ],
)
def test_german_fictions_that_deviate_from_640_are_weak(text: str, code: str) -> None:
    from ghostproof.detect import detect
    from ghostproof.ingest import document_from_text

    found = next(f for f in detect(document_from_text(text, lang="de")) if f.clause == "deemed_acceptance")
    assert found.status == "weak" and code in [p.code for p in found.problems]


def test_restating_640_is_not_flagged_as_a_deviation() -> None:
    from ghostproof.detect import detect
    from ghostproof.ingest import document_from_text

    text = (
        "(2) Die Website gilt als abgenommen, wenn der Kunde nicht innerhalb von 10 Werktagen nach Zugang der "
        "Aufforderung unter Angabe mindestens eines Mangels die Abnahme verweigert; wegen unwesentlicher Mängel kann "
        "die Abnahme nicht verweigert werden."
    )
    found = next(f for f in detect(document_from_text(text, lang="de")) if f.clause == "deemed_acceptance")
    assert not {"DA_MATERIAL_ONLY", "DA_USE_NO_PERIOD"} & {p.code for p in found.problems}


@pytest.mark.parametrize(("percent", "flagged"), [(20, False), (25, False), (40, True)])
def test_a_german_flat_kill_fee_far_above_the_presumption_is_weak(percent: int, flagged: bool) -> None:
    from ghostproof.detect import detect
    from ghostproof.ingest import document_from_text

    text = (
        "Kündigt der Kunde den Vertrag vor Fertigstellung, erhält der Auftragnehmer ein Ausfallhonorar von "
        f"{percent} % der Vergütung für den noch nicht erbrachten Teil."
    )
    found = next(f for f in detect(document_from_text(text, lang="de")) if f.clause == "kill_fee")
    assert ("KF_HIGH_FLAT" in [p.code for p in found.problems]) == flagged
    assert found.status == ("weak" if flagged else "present")


def test_an_unsettled_holder_of_the_right_without_cause_is_not_read_as_yours(tmp_path: Path) -> None:
    from test_assess import _case

    from ghostproof.assess import assess_case
    from ghostproof.detect import detect
    from ghostproof.families import family
    from ghostproof.ingest import document_from_text
    from ghostproof.words import Words

    text = (
        "10. Termination\\n\\nEither party may terminate this Agreement in the event of a material breach by the other "
        "party that is not cured within thirty (30) days. Theismann shall have the right to terminate this Agreement "
        "at any time upon thirty (30) days' written notice to Bizzingo."
    )
    te = next(f for f in detect(document_from_text(text, lang="en")) if f.clause == "termination")
    clause = family("termination")
    facts = clause.facts(clause.read(te.attributes), te.status, Words("en", "report"))
    assert "without cause" in facts and "either party" not in " ".join(facts)  # not "either party, without cause"
    contract = tmp_path / "contract.md"
    contract.write_text(text, encoding="utf-8")
    a = assess_case(_case(tmp_path, contract=str(contract)))
    meaning = next(p for p in a.positions if p.clause == "termination").meaning
    assert meaning.startswith("The contract lets one party terminate without cause, but")


def test_both_parties_may_terminate_but_not_both_without_cause() -> None:
    from ghostproof.families import family
    from ghostproof.words import Words

    clause = family("termination")
    attrs = clause.read({"for_convenience": True, "who": "either", "without_cause_by": None, "notice_days": 30})
    facts = clause.facts(attrs, "weak", Words("en", "report"))
    assert "one party without cause (which one is not settled)" in facts and not clause.can_end_a_silent_project(attrs)


@pytest.mark.parametrize("variant", ["balanced", "firm"])
@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_flat_40_euros_are_not_filed_under_interest(variant: str, lang: str) -> None:
    """§ 288 Abs. 5 BGB is a claim of its own beside the interest of § 288 Abs. 1 and 2 BGB: the clause says so in
    a sentence of its own, not inside the interest rate."""
    from ghostproof.clauses.library import load_library
    from ghostproof.clauses.render import render_clause

    text = " ".join(
        render_clause(
            load_library(), "late_payment", lang=lang, variant=variant, values={"jurisdiction": "DE"}
        ).text.split()
    )
    sentences = [s for s in re.split(r"(?<=\.)\s+(?=[A-ZÄÖÜ])", text) if "40" in s]
    assert len(sentences) == 1, text
    assert "§ 288 Abs. 5 BGB" in sentences[0]
    assert not re.search(r"interest|Zins", sentences[0]), sentences[0]


@pytest.mark.parametrize(
    ("lang", "name", "said"),
    [
        ("en", "Late payment", "Separately from the interest, a client that is not a consumer owes a flat EUR 40"),
        ("de", "Zahlungsverzug", "Außerdem – kein Zins, sondern ein eigener Anspruch – schuldet ein Kunde, der kein"),
    ],
)
def test_the_assessment_names_the_flat_40_euros_beside_the_interest(
    tmp_path: Path, lang: str, name: str, said: str
) -> None:
    from test_assess import _case

    from ghostproof.assess import assess_case

    case = _case(tmp_path, jurisdiction="DE", currency="EUR", invoiced=Decimal(4000), paid=Decimal(1000), language=lang)
    late = dict(assess_case(case).law)[name]
    interest = next(s for s in late.split(". ") if "§ 288 BGB" in s)
    assert "40" not in interest, interest  # the interest sentence names no flat sum
    assert said in late and "(§ 288 Abs. 5 BGB)" in late
    consumer = _case(
        tmp_path,
        jurisdiction="DE",
        currency="EUR",
        invoiced=Decimal(4000),
        paid=Decimal(1000),
        language=lang,
        client_type="consumer",
    )
    assert "§ 288 Abs. 5 BGB" not in dict(assess_case(consumer).law)[name]
