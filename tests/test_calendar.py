"""Issue 15, dates: business days and Werktage on a real calendar (public holidays per region from the `holidays`
package), deadlines moved off weekends and holidays as the law of the case moves them (§ 193 BGB, § 903 ABGB,
Art. 78 OR, N.Y. GCL § 25), the region read from the contract, and the rule printed beside every date."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ghostproof.assess import assess_case
from ghostproof.assess.case import load_case
from ghostproof.assess.deadlines import Deadlines
from ghostproof.assess.plan import Words
from ghostproof.dates import Calendar, RegionError, normal_region, parse_region
from ghostproof.errors import GhostproofError
from ghostproof.quantities import find_durations
from ghostproof.regions import contract_region, werktage_are_weekdays

REGIONS = ["DE", "DE-SN", "DE-BY", "AT-9", "CH-ZH", "GB-ENG", "US-NY", "US-OR"]
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


# -- the calendar: properties ---------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(start=days, n=st.integers(min_value=1, max_value=60), region=st.sampled_from(REGIONS))
def test_business_days_land_on_a_business_day_and_count_back(start: date, n: int, region: str) -> None:
    cal = Calendar(region)
    end = cal.add(start, n, "business")
    assert cal.is_business_day(end)
    assert end.weekday() < 5 and cal.holiday(end) is None
    assert cal.business_days_between(start, end) == n
    # every holiday on a weekday inside the period made it one day longer than weekends alone
    assert end >= Calendar().add(start, n, "business")


@settings(max_examples=150, deadline=None)
@given(start=days, n=st.integers(min_value=1, max_value=60))
def test_werktage_count_saturdays_but_not_sundays_or_holidays(start: date, n: int) -> None:
    cal = Calendar("DE-SN")
    end = cal.add(start, n, "werktage")
    assert end.weekday() != 6 and cal.holiday(end) is None
    counted = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(1 for d in counted if d.weekday() < 6 and cal.holiday(d) is None) == n
    assert end <= cal.add(start, n, "business")  # Saturdays count: never later than Arbeitstage


@settings(max_examples=150, deadline=None)
@given(start=days, n=st.integers(min_value=0, max_value=90), region=st.sampled_from(REGIONS))
def test_a_moved_deadline_is_the_next_business_day(start: date, n: int, region: str) -> None:
    country = parse_region(region)[0]
    jurisdiction = {"GB": "UK"}.get(country, country)
    dl = Deadlines(Calendar(region), jurisdiction, Words("en"))
    counted = dl.count(start, n, "calendar").day
    due = dl.due(start, n, "calendar")
    assert due.day >= counted and dl.calendar.is_business_day(due.day)
    # nothing in between is a business day: the deadline moves to the next one, not further
    assert all(not dl.calendar.is_business_day(counted + timedelta(days=i)) for i in range((due.day - counted).days))
    assert (due.day == counted) == dl.calendar.is_business_day(counted)
    assert due.rule.startswith(f"{n} days after")


# -- the calendar: the examples -----------------------------------------------------------------------------


def test_five_business_days_from_3_november_2026_end_on_10_november() -> None:
    # a calendar count gave 8 Nov 2026, a Sunday
    assert Calendar("US-OR").add(date(2026, 11, 3), 5, "business") == date(2026, 11, 10)
    assert Calendar().add(date(2026, 11, 3), 5, "calendar") == date(2026, 11, 8)


def test_holidays_inside_a_period_are_skipped_not_only_at_its_end() -> None:
    # 10 business days from Mon 2 Nov 2026 in Oregon: Veterans Day (Wed 11 Nov) lies inside the period
    assert Calendar("US-OR").add(date(2026, 11, 2), 10, "business") == date(2026, 11, 17)
    assert Calendar().add(date(2026, 11, 2), 10, "business") == date(2026, 11, 16)


def test_regional_holidays_differ_by_land() -> None:
    # Buß- und Bettag (Wed 18 Nov 2026) is a public holiday in Saxony, not in Bavaria
    assert Calendar("DE-SN").holiday(date(2026, 11, 18)) is not None
    assert Calendar("DE-BY").holiday(date(2026, 11, 18)) is None
    assert Calendar("DE-SN").add(date(2026, 11, 16), 3, "business") == date(2026, 11, 20)
    assert Calendar("DE-BY").add(date(2026, 11, 16), 3, "business") == date(2026, 11, 19)


def test_werktage_and_arbeitstage_are_read_as_different_things() -> None:
    werk = find_durations("innerhalb von sieben Werktagen", "de")[0]
    arbeit = find_durations("innerhalb von sieben Arbeitstagen", "de")[0]
    business = find_durations("within five (5) business days", "en")[0]
    assert (werk.kind, arbeit.kind, business.kind) == ("werktage", "business", "business")
    # seven Werktage from Fri 30 Oct 2026 in Saxony: Sat 31 Oct is Reformation Day there (no count), Sat 7 Nov counts
    cal = Calendar("DE-SN")
    assert cal.add(date(2026, 10, 30), 7, "werktage") == date(2026, 11, 9)
    assert cal.add(date(2026, 10, 30), 7, "business") == date(2026, 11, 10)


@pytest.mark.parametrize(
    ("jurisdiction", "region", "start", "n", "day", "says"),
    [
        # § 193 BGB: a Sunday, a Saturday and a Land holiday move the deadline
        ("DE", "DE-SN", date(2026, 11, 15), 14, date(2026, 11, 30), "§ 193 BGB"),
        ("DE", "DE-SN", date(2026, 11, 14), 14, date(2026, 11, 30), "§ 193 BGB"),
        ("DE", "DE-SN", date(2026, 11, 4), 14, date(2026, 11, 19), "§ 193 BGB"),
        ("DE", "DE-BY", date(2026, 11, 4), 14, date(2026, 11, 18), ""),
        # § 903 Satz 3 ABGB names Sundays and holidays, not Saturdays: a Saturday waits "to be safe", no statute
        ("AT", "AT-9", date(2026, 11, 15), 14, date(2026, 11, 30), "§ 903 Satz 3 ABGB"),
        ("AT", "AT-9", date(2026, 11, 14), 14, date(2026, 11, 30), "to be safe"),
        ("CH", "CH-ZH", date(2026, 11, 15), 14, date(2026, 11, 30), "Art. 78 Abs. 1 OR"),
        ("CH", "CH-ZH", date(2026, 11, 14), 14, date(2026, 11, 30), "to be safe"),
        ("US", "US-NY", date(2026, 11, 14), 14, date(2026, 11, 30), "N.Y. General Construction Law § 25"),
        # no general rule in England or Oregon: the plan waits to be safe and cites nothing
        ("UK", "GB-ENG", date(2026, 11, 15), 14, date(2026, 11, 30), "to be safe"),
        ("US", "US-OR", date(2026, 11, 15), 14, date(2026, 11, 30), "to be safe"),
    ],
)
def test_a_deadline_on_a_weekend_or_holiday_moves_as_the_law_says(
    jurisdiction: str, region: str, start: date, n: int, day: date, says: str
) -> None:
    due = Deadlines(Calendar(region), jurisdiction, Words("en")).due(start, n, "calendar")
    assert due.day == day
    if says:
        assert says in due.rule
    else:
        assert "moves" not in due.rule and "safe" not in due.rule
    for statute in ("§ 193 BGB", "§ 903 Satz 3 ABGB", "Art. 78 Abs. 1 OR", "N.Y. General Construction Law § 25"):
        if statute != says:
            assert statute not in due.rule  # a statute is cited only where it applies


def test_the_german_rule_reads_in_german() -> None:
    due = Deadlines(Calendar("DE-SN", "de"), "DE", Words("de")).due(date(2026, 11, 4), 14, "calendar")
    assert "Buß- und Bettag" in due.rule and "§ 193 BGB" in due.rule and "19. November 2026" in due.rule


# -- regions --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("This Agreement is governed by the laws of the State of New York, without regard to", "US-NY"),
        ("construed in accordance with the laws of England and Wales.", "GB-ENG"),
        ("Business Day means Monday to Friday excluding public holidays in Saxony.", "DE-SN"),
        ("Werktage sind Montag bis Freitag mit Ausnahme der gesetzlichen Feiertage im Freistaat Sachsen.", "DE-SN"),
        ("Es gilt das Recht der Bundesrepublik Deutschland.", "DE"),
        ("public holidays in Sachsen-Anhalt", "DE-ST"),  # the longest name wins
        ("The parties met in New York to discuss the project.", None),  # a place is no region for deadlines
        # the place of performance (§ 193 BGB counts the holidays there) before the governing law
        ("Erfüllungsort und Gerichtsstand ist Leipzig. Es gilt das Recht der Bundesrepublik Deutschland.", "DE-SN"),
        ("Erfüllungsort für alle Leistungen aus diesem Vertrag ist München.", "DE-BY"),
        ("The place of performance is Munich. This Agreement is governed by the laws of Germany.", "DE-BY"),
        ("Erfüllungsort ist Frankfurt (Oder).", "DE-BB"),
        ("Erfüllungsort ist Frankfurt am Main.", "DE-HE"),
        # a name two regions share names none: the governing law decides
        ("Erfüllungsort ist Freiburg. Es gilt das Recht der Bundesrepublik Deutschland.", "DE"),
        ("Erfüllungsort ist der Sitz des Auftragnehmers.", None),
        # the contract's own definition of a business day still wins
        ("Erfüllungsort ist München. Arbeitstage sind Montag bis Freitag ohne die Feiertage in Sachsen.", "DE-SN"),
    ],
)
def test_the_region_a_contract_names(text: str, region: str | None) -> None:
    found = contract_region(text)
    assert (found.region if found else None) == region
    if found is not None:
        assert text[found.start : found.end] == found.text


def test_a_business_day_definition_wins_over_the_governing_law() -> None:
    text = (
        "1. Business Days. A business day is Monday to Friday excluding public holidays in Bavaria.\n"
        "20. This Agreement is governed by the laws of the State of New York."
    )
    found = contract_region(text)
    assert found is not None and (found.region, found.how) == ("DE-BY", "holidays")


def test_a_business_day_defined_by_the_days_banks_close_counts_bank_holidays() -> None:
    """New user (round 7, H18): "other than a day on which national banks in Texas are closed" was counted on Texas's
    public holidays. National banks close on the Federal Reserve's holidays: Columbus Day (Mon 12 Oct 2026) is one
    and no Texas holiday, Texas Independence Day (Mon 2 Mar 2026) the reverse."""
    text = (
        '1.3 "Business Day" means Monday through Friday, other than a day on which national banks in Texas are '
        "closed.\n9.1 This Agreement is governed by the laws of the State of Texas."
    )
    found = contract_region(text)
    assert found is not None and (found.region, found.how) == ("US-TX", "banks")
    assert found.text == "day on which national banks in Texas"
    # banks named for something else are no business day's definition
    rate = contract_region(
        "Interest at the prime rate quoted by Citibank in New York, New York; rates of banks in Ohio."
    )
    assert rate is None
    banks, public = Calendar("US-TX", banks=True), Calendar("US-TX")
    assert banks.bank_days and not public.bank_days
    assert banks.add(date(2026, 10, 5), 10, "business") == date(2026, 10, 20)
    assert public.add(date(2026, 10, 5), 10, "business") == date(2026, 10, 19)
    assert banks.is_business_day(date(2026, 3, 2)) and not public.is_business_day(date(2026, 3, 2))
    # elsewhere the region's public holidays stay the calendar (no bank calendar of its own here)
    assert not Calendar("DE-BY", banks=True).bank_days
    assert Calendar("DE-BY", banks=True).holiday(date(2026, 1, 6)) == Calendar("DE-BY").holiday(date(2026, 1, 6))


def test_werktage_defined_as_monday_to_friday() -> None:
    assert werktage_are_weekdays("(4) Werktage im Sinne dieses Vertrags sind Montag bis Freitag.")
    assert not werktage_are_weekdays("Der Support ist Montag bis Freitag erreichbar. Frist: zehn Werktage.")


@pytest.mark.parametrize(("given_", "written"), [("de-sn", "DE-SN"), ("UK-ENG", "GB-ENG"), ("us", "US")])
def test_regions_are_written_one_way(given_: str, written: str) -> None:
    assert normal_region(given_) == written


@pytest.mark.parametrize("bad", ["DE-XX", "FR", "Saxony", ""])
def test_unknown_regions_are_refused(bad: str) -> None:
    with pytest.raises(RegionError):
        parse_region(bad)


# -- the plan -------------------------------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


def _case(tmp: Path, contract: str, **extra: str) -> Path:
    case = tmp / "case.toml"
    lines = [
        f'contract = "{contract}"',
        'your_name = "Lukas Hartmann"',
        'client = "Café Morgenrot GmbH"',
        'jurisdiction = "DE"',
        'stage = "in_progress"',
        "percent_complete = 60",
        'fee_model = "flat"',
        'currency = "EUR"',
        "agreed = 4800",
        "invoiced = 1440",
        "paid = 1440",
        "hours_invested = 34",
        "hourly_rate = 85",
        "last_contact = 2026-10-30",
        "revenue_share = 12",
        'goal = "close_cleanly"',
        "today = 2026-11-14",
        *(f'{k} = "{v}"' for k, v in extra.items()),
    ]
    case.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return case


def test_every_date_of_the_plan_states_its_rule(tmp_path: Path) -> None:
    a = assess_case(_case(tmp_path, str(ROOT / "samples" / "de-webdesign-mixed.md")))
    assert a.timeline and all(step.rule for step in a.timeline)
    assert all("Sachsen (DE-SN)" in step.rule for step in a.timeline if step.key in ("checkin", "notice", "closing"))


def test_the_plan_skips_the_regions_holidays(tmp_path: Path) -> None:
    # today Sat 14 Nov 2026; check-in Mon 16 Nov; five business days in Saxony skip Buß- und Bettag (Wed 18 Nov)
    a = assess_case(_case(tmp_path, str(ROOT / "samples" / "de-webdesign-mixed.md")))
    assert a.dates["checkin"] == "2026-11-16" and a.dates["notice"] == "2026-11-24"
    row = dict(a.facts)["Feiertage"]
    assert "Sachsen (DE-SN)" in row and "laut Vertrag" in row and "Freistaat Sachsen" in row
    # the case file's region wins over the contract's
    b = assess_case(_case(tmp_path, str(ROOT / "samples" / "de-webdesign-mixed.md"), region="DE-BY"))
    assert b.dates["notice"] == "2026-11-23" and "laut Falldatei" in dict(b.facts)["Feiertage"]


def test_the_contracts_own_werktage_definition_wins(tmp_path: Path) -> None:
    # the sample defines Werktage as Monday to Friday without Saxon holidays: its seven Werktage from Fri 30 Oct are
    # counted as Arbeitstage (10 Nov), not Monday to Saturday (9 Nov)
    a = assess_case(_case(tmp_path, str(ROOT / "samples" / "de-webdesign-mixed.md")))
    coop = next(p for p in a.positions if p.clause == "client_cooperation")
    assert "10. November 2026" in coop.meaning and "7 Arbeitstage" in coop.meaning
    contract = tmp_path / "vertrag.md"
    text = (ROOT / "samples" / "de-webdesign-mixed.md").read_text(encoding="utf-8")
    contract.write_text(text.replace("Werktage im Sinne dieses Vertrags sind Montag bis Freitag", "Es gelten"))
    b = assess_case(_case(tmp_path, str(contract)))
    coop = next(p for p in b.positions if p.clause == "client_cooperation")
    assert "9. November 2026" in coop.meaning and "7 Werktage" in coop.meaning


def test_a_bad_region_in_the_case_file_is_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(GhostproofError) as err:
        load_case(_case(tmp_path, "contract.pdf", region="DE-XX"))
    assert "region: 'DE-XX': DE has no region 'XX'" in "\n".join(err.value.details)


# -- statements of law (issue 15) -----------------------------------------------------------------------------------


def test_the_643_deadline_notice_names_the_cooperation_the_deadline_and_the_end(tmp_path: Path) -> None:
    a = assess_case(_case(tmp_path, str(ROOT / "samples" / "de-webdesign-mixed.md")))
    notice = next(m for m in a.messages if m.key == "notice")
    closing = next(s for s in a.timeline if s.key == "closing").when
    assert "bitte benennen, was fehlt" in notice.body  # the case names no cooperation: a visible gap to fill
    assert f"bis zum {closing} nach" in notice.body
    assert "kündige ich hiermit den Vertrag" in notice.body and "(§ 643 BGB)" in notice.body
    named = assess_case(
        _case(
            tmp_path,
            str(ROOT / "samples" / "de-webdesign-mixed.md"),
            missing_cooperation="die Texte für die Startseite",
        )
    )
    body = next(m for m in named.messages if m.key == "notice").body
    assert "benötige ich von Ihnen: die Texte für die Startseite." in body and "bitte benennen" not in body


def test_no_643_notice_where_the_contract_itself_lets_you_close(tmp_path: Path) -> None:
    # the hardened sample has a dormancy clause and a right to terminate without cause: its notice points to them
    a = assess_case(_case(tmp_path, str(ROOT / "samples" / "de-softwareentwicklung-hardened.md")))
    notice = next(m for m in a.messages if m.key == "notice")
    assert "§ 643" not in notice.body


def test_section_640_fallback_only_after_completion(tmp_path: Path) -> None:
    case = _case(tmp_path, str(ROOT / "samples" / "de-beratung-bare.md"), contract_type="werkvertrag")
    text = dict(assess_case(case).law)["Abnahmefiktion"]
    assert "nach Fertigstellung" in text and "noch nicht fertiggestellt" in text  # 60 % done
    # Textform is required for the consumer warning only, not for setting the deadline
    assert "Setzen Sie in Textform" not in text and "in Textform auf diese Folge hingewiesen" in text


def test_why_lines_no_longer_misstate_the_law() -> None:
    from ghostproof.words import Words as Catalogue

    for lang in ("en", "de"):
        w = Catalogue(lang, "report")
        assert "only the loss you can prove" not in w("why.kill_fee")
        assert "nur den Schaden" not in w("why.kill_fee")
        assert "never accepts" not in w("why.deemed_acceptance") and "nie ab" not in w("why.deemed_acceptance")
    assert "böswillig zu erwerben unterlassen" in Catalogue("de", "report")("why.kill_fee")


# -- contract types (German law) ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sample", "lang", "kind"),
    [
        ("de-beratung-bare.md", "de", "dienstvertrag"),  # names itself "Beratungsvertrag"
        ("de-softwareentwicklung-hardened.md", "de", "werkvertrag"),  # names itself "Werkvertrag"
        ("de-webdesign-mixed.md", "de", "werkvertrag"),  # Abnahme, Website, Erstellung … outweigh Stundensatz
        ("en-consulting-mixed.md", "en", "dienstvertrag"),
        ("en-webdesign-hardened.md", "en", "werkvertrag"),
    ],
)
def test_the_contract_type_is_read_from_the_wording(sample: str, lang: str, kind: str) -> None:
    from ghostproof.contract_type import read_type

    reading = read_type((ROOT / "samples" / sample).read_text(encoding="utf-8"), lang)
    assert reading.type == kind and (reading.named or reading.result or reading.services)


def test_words_on_both_sides_make_a_mixed_contract_and_few_words_none() -> None:
    from ghostproof.contract_type import read_type

    both = (
        "Der Auftragnehmer erstellt die Website (Abnahme nach Fertigstellung) und übernimmt danach Support und "
        "Schulung."
    )
    assert read_type(both, "de").type == "mixed"
    assert read_type("Die Parteien vereinbaren Folgendes.", "de").type is None


def test_a_denied_word_points_to_no_type() -> None:
    """ "Die Budgetobergrenze ist kein Festpreis; der AN schuldet nicht die Fertigstellung" names neither as a reason
    for a Werkvertrag (new user: the reasons shown were „Festpreis“, then „Fertigstellung“)."""
    from ghostproof.contract_type import read_type

    denied = "Die Budgetobergrenze ist kein Festpreis; der AN schuldet nicht die Fertigstellung aller Einträge."
    reading = read_type(denied, "de")
    assert "Festpreis" not in reading.result and "Fertigstellung" not in reading.result
    stated = read_type("Es gilt ein Festpreis. Nach Fertigstellung erfolgt die Abnahme.", "de")
    assert {"Festpreis", "Fertigstellung"} <= set(stated.result)
    assert read_type("The budget cap is not a fixed fee and there are no milestones.", "en").result == ()
    assert read_type("A fixed fee is payable at each of the milestones.", "en").result == ("fixed fee", "milestones")


def test_a_dienstvertrag_gets_its_own_law_and_no_abnahme(tmp_path: Path) -> None:
    a = assess_case(_case(tmp_path, str(ROOT / "samples" / "de-beratung-bare.md")))
    law = dict(a.law)
    assert "Abnahmefiktion" not in law and all("§ 640" not in t and "§ 643" not in t for t in law.values())
    services = law["Kunde nimmt Ihre Dienste nicht an"]
    assert "§ 615 BGB" in services and "§ 614 BGB" in services and "böswillig" in services
    assert "§ 621 BGB" in law["Kündigung"] and "§ 627 BGB" in law["Kündigung"] and "§ 626 BGB" in law["Kündigung"]
    assert "Beratungsvertrag" in dict(a.facts)["Vertragstyp"]
    assert "Abnahmefiktion" not in a.lessons  # no acceptance clause to add to a Dienstvertrag
    notice = next(m for m in a.messages if m.key == "notice")
    assert "§ 643" not in notice.body


def test_a_dienstvertrag_approval_fiction_is_no_acceptance(tmp_path: Path) -> None:
    """New user, an SEO agency's Betreuungsvertrag: "gilt der Text als freigegeben" was told "danach gilt sie als
    abgenommen" although the same plan says a Dienstvertrag knows no Abnahme."""
    contract = tmp_path / "vertrag.md"
    contract.write_text(
        "# Betreuungsvertrag (Dienstvertrag)\n\nEin Erfolg wird nicht geschuldet.\n\n## § 6 Freigabe\n\n(2) "
        "Erteilt der Kunde die Freigabe nicht innerhalb von fünf (5) Werktagen nach Vorlage, gilt der Text als "
        "freigegeben. Die Agentur weist bei der Vorlage auf diese Folge hin.\n",
        encoding="utf-8",
    )
    a = assess_case(_case(tmp_path, str(contract)))
    da = next(p for p in a.positions if p.clause == "deemed_acceptance")
    assert "abgenommen" not in da.meaning and "kennt keine Abnahme" in da.meaning


def test_the_case_file_decides_the_type(tmp_path: Path) -> None:
    a = assess_case(_case(tmp_path, str(ROOT / "samples" / "de-beratung-bare.md"), contract_type="werkvertrag"))
    law = dict(a.law)
    assert "§ 640 Abs. 2 BGB" in law["Abnahmefiktion"] and "laut Falldatei" in dict(a.facts)["Vertragstyp"]


# -- the rule files are validated -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "text", "says"),
    [
        (
            "regions.toml",
            "[cues]\nholidays = ['(']\nbanks = ['b']\nperformance = ['p']\nlaw = ['x']\nweekdays_only = ['y']\n"
            "[names]\n",
            "bad expression",
        ),
        (
            "regions.toml",
            "[cues]\nholidays = ['a']\nbanks = ['b']\nperformance = ['p']\nlaw = ['x']\nweekdays_only = ['y']\n"
            "[names]\nX = 'DE-XX'\n",
            "XX",
        ),
        ("regions.toml", "[cues]\nholidays = ['a']\n", "tables must be"),
        ("contract_types.toml", "scan_chars = 1\nmargin = 1\nleast = 1\n", "keys must be"),
        ("contract_types.toml", "not toml [", "cannot read"),
        ("client_types.toml", "scan_chars = 1\nname_chars = 1\n", "keys must be"),
        ("client_types.toml", "scan_chars = 0\nname_chars = 1\n[de]\n[en]\n", "positive whole number"),
        (
            "client_types.toml",
            "scan_chars = 9\nname_chars = 9\n[de]\nroles = ['(']\nlegal_forms = ['x']\nbusiness = ['x']\n"
            "consumer = ['x']\n[en]\n",
            "bad expression",
        ),
        (
            "client_types.toml",
            "scan_chars = 9\nname_chars = 9\n[de]\nroles = []\nlegal_forms = ['x']\nbusiness = ['x']\n"
            "consumer = ['x']\n[en]\n",
            "non-empty list",
        ),
    ],
)
def test_a_broken_rule_file_is_named_with_what_is_wrong(tmp_path: Path, file: str, text: str, says: str) -> None:
    from ghostproof import client_type
    from ghostproof.contract_type import _rules
    from ghostproof.regions import region_rules

    (tmp_path / file).write_text(text, encoding="utf-8")
    read = {"regions.toml": region_rules, "client_types.toml": client_type._rules}.get(file, _rules)
    with pytest.raises(GhostproofError) as err:
        read(tmp_path)
    assert says in str(err.value.message) and file in str(err.value.path)


def test_no_acceptance_clause_is_added_to_a_dienstvertrag() -> None:
    from ghostproof.addendum import families_to_close
    from ghostproof.addendum.compose import owes_services
    from ghostproof.detect import audit

    text = (ROOT / "samples" / "de-beratung-bare.md").read_text(encoding="utf-8")
    result = audit(ROOT / "samples" / "de-beratung-bare.md")
    assert owes_services(text, "de", {}) and not owes_services(text, "de", {"jurisdiction": "AT"})
    assert "deemed_acceptance" not in families_to_close(result, services=True)
    assert "deemed_acceptance" in families_to_close(result)  # a Werkvertrag (or unknown) still gets it


@pytest.mark.parametrize(
    ("sample", "says"),
    [
        ("de-beratung-bare", "Arbeitstage im Sinne dieses Nachtrags sind Montag bis Freitag"),
        ("en-software-bare", "Business days in this Addendum are Monday to Friday"),
    ],
)
def test_the_addendum_defines_the_business_days_its_clauses_count(sample: str, says: str) -> None:
    from ghostproof.addendum import compose
    from ghostproof.addendum.agreement import agreement_facts
    from ghostproof.clauses.library import load_library
    from ghostproof.detect import audit_document
    from ghostproof.ingest import load_document

    document = load_document(ROOT / "samples" / f"{sample}.md")
    add = compose(audit_document(document), agreement_facts(document), load_library(), values={"hourly_rate": 120})
    precedence = add.sections[-2].paragraphs
    assert any(says in p for p in precedence)


def test_the_interview_asks_the_german_law_questions_only_under_german_law() -> None:
    from datetime import date

    from ghostproof.assess.interview import interview

    def run(jurisdiction: str) -> tuple[list[tuple[str, str | None]], object]:
        asked: list[tuple[str, str | None]] = []
        answers = {
            "jurisdiction": jurisdiction, "stage": "in_progress", "percent_complete": "40", "fee_model": "hourly",
            "currency": "EUR", "agreed": "12000", "invoiced": "3000", "paid": "3000", "hours_invested": "40",
            "last_contact": "2026-11-02", "revenue_share": "30", "goal": "get_paid", "your_name": "Dr. Albers",
            "client": "Nordlicht Textil GmbH", "client_type": "business",
        }  # fmt: skip

        def ask(question: str, default: str | None) -> str:
            asked.append((question, default))
            key = next((k for k in answers if question.startswith(QUESTIONS[k])), None)
            return answers[key] if key else ""

        case = interview(
            ROOT / "samples" / "de-beratung-bare.md", "en", ask, lambda _: None, today=date(2026, 11, 27),
            contract_type="dienstvertrag",
        )  # fmt: skip
        return asked, case

    from ghostproof.words import Words

    QUESTIONS = dict(Words("en", "interview").table(""))
    asked, case = run("DE")
    offered = dict(asked)
    assert offered[QUESTIONS["contract_type"]] == "dienstvertrag" and QUESTIONS["missing_cooperation"] in offered
    assert getattr(case, "contract_type", "?") is None  # an empty answer keeps the reading of the contract
    asked, _ = run("US")
    assert QUESTIONS["contract_type"] not in dict(asked) and QUESTIONS["missing_cooperation"] not in dict(asked)


def test_the_region_is_read_at_both_ends_of_a_long_contract() -> None:
    from ghostproof.regions import SCAN_CHARS

    filler = "The parties agree as follows. " * (SCAN_CHARS // 10)
    text = filler + "This Agreement is governed by the laws of the State of New York."
    found = contract_region(text)
    assert found is not None and found.region == "US-NY" and text[found.start : found.end] == found.text
    assert contract_region("governed by the laws of the State of Texas. " + filler + filler).region == "US-TX"  # type: ignore[union-attr]
    assert contract_region(filler[:SCAN_CHARS] + "laws of the State of Ohio" + filler + filler) is None  # the middle
