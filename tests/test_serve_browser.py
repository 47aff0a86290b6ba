"""``ghostproof serve`` in a real browser: headless Chromium driven through Debian's chromium-driver (Selenium, no
download). A person opens the printed link, switches the language, picks a contract, reads the findings, filters
them — with the mouse and with the keyboard only; axe-core checks each page (labels, contrast, landmarks); nothing
is loaded from outside and the CSP blocks nothing of ours. Screenshots go to ``$GHOSTPROOF_ARTIFACTS`` or
``test-artifacts/``.

Skipped when chromium or chromedriver is not on PATH (.ci/run installs both)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from serving import start_server, stop_server

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None, reason="needs chromium and chromedriver on PATH (.ci/run installs them)"
)
WAIT = 60


def artifacts_dir() -> Path:
    import os

    folder = Path(os.environ.get("GHOSTPROOF_ARTIFACTS") or ROOT / "test-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    proc, url, _ = start_server("--port", "0")
    try:
        yield url
    finally:
        assert "Traceback" not in stop_server(proc)


@pytest.fixture()
def browser(tmp_path: Path) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1400",
        "--lang=en-US",
        "--disable-background-networking",
        "--disable-component-update",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(DRIVER)))
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


def _wait_for(driver: Any, css: str) -> Any:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def _axe(driver: Any) -> list[str]:
    """axe-core's violations on the page as it is now: rule, element, why."""
    from axe_core_python.selenium import Axe

    driver.set_script_timeout(WAIT)
    return [
        f"{v['id']}: {node['target']}: {node.get('failureSummary', '')}"
        for v in Axe().run(driver)["violations"]
        for node in v["nodes"]
    ]


def _allow_downloads(driver: Any, tmp_path: Path) -> Path:
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return downloads


def _downloaded(target: Path) -> Path:
    """``target`` once the browser has finished writing it."""
    import time

    deadline = time.monotonic() + WAIT
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert target.exists(), list(target.parent.iterdir())
    return target


def _accessible(driver: Any) -> None:
    violations = _axe(driver)
    assert not violations, "\n".join(violations)


def _only_our_origin(driver: Any, url: str) -> None:
    origin = urlsplit(url)
    loaded = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert loaded, "the page loads its stylesheets and scripts"
    for name in loaded:
        where = urlsplit(name)
        assert (where.scheme, where.netloc) == (origin.scheme, origin.netloc), name
    blocked = [e["message"] for e in driver.get_log("browser") if "Content Security Policy" in e["message"]]
    assert blocked == []


def test_check_a_contract_switch_language_and_filter(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(server)
    _wait_for(browser, "form.upload")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Check a contract"
    assert "?token=" not in browser.current_url  # the key went into a cookie, not the history
    browser.save_screenshot(str(artifacts_dir() / "serve-check-en.png"))
    _accessible(browser)
    _only_our_origin(browser, server)

    browser.find_element(By.LINK_TEXT, "Deutsch").click()
    _wait_for(browser, 'html[lang="de"]')
    assert browser.find_element(By.TAG_NAME, "h1").text == "Vertrag prüfen"
    browser.save_screenshot(str(artifacts_dir() / "serve-check-de.png"))
    _accessible(browser)

    browser.find_element(By.ID, "files").send_keys(str(SAMPLES / "de-webdesign-mixed.docx"))
    browser.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]").click()
    _wait_for(browser, "section.plain")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Was Ihr Vertrag sagt"
    plain = browser.find_element(By.CSS_SELECTOR, "section.plain").text
    assert "de-webdesign-mixed.docx: 1 von 4 Pflichtklauseln fehlt; 1 von 4 Pflichtklauseln ist schwach." in plain
    assert "Kündigung: schwach" in plain
    # the report's own script runs under the page's CSP: the filter bar shows and hides cards
    bar = browser.find_element(By.ID, "filter")
    assert bar.is_displayed()
    card = browser.find_element(By.ID, "doc-1-payment_terms")
    assert card.is_displayed()
    bar.find_element(By.CSS_SELECTOR, "input[value=present]").click()
    assert not card.is_displayed() and browser.find_element(By.ID, "doc-1-termination").is_displayed()
    bar.find_element(By.CSS_SELECTOR, "input[value=present]").click()
    browser.save_screenshot(str(artifacts_dir() / "serve-results-de.png"))
    _accessible(browser)
    _only_our_origin(browser, server)
    browser.find_element(By.LINK_TEXT, "English").click()
    _wait_for(browser, 'html[lang="en"]')


def test_keyboard_only_from_the_first_tab_to_the_findings(server: str, browser: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(server)
    _wait_for(browser, "form.upload")

    def press(key: str) -> Any:
        """A key on the keyboard, to whatever has the focus; the element that has it after."""
        ActionChains(browser).send_keys(key).perform()
        return browser.switch_to.active_element

    first = press(Keys.TAB)
    assert first.get_attribute("class") == "skip" and first.is_displayed()  # the skip link shows when focused
    order = []
    element = first
    for _ in range(16):
        order.append(element.get_attribute("id") or element.text or element.tag_name)
        if element.get_attribute("id") == "files":
            break
        element = press(Keys.TAB)
    assert order[-1] == "files", order
    pages = ["Check a contract", "Fix it", "My client went silent", "Before you sign"]
    assert order[1:7] == ["ghostproof", *pages, "Deutsch"], order  # brand, pages, language
    element.send_keys(str(SAMPLES / "en-consulting-mixed.pdf"))  # what the file dialog does
    button = press(Keys.TAB)
    assert button.tag_name == "button" and button.get_attribute("type") == "submit"
    press(Keys.ENTER)
    _wait_for(browser, "section.plain")
    assert (
        "1 of 4 required clauses missing; 2 of 4 required clauses weak."
        in browser.find_element(By.CSS_SELECTOR, "section.plain").text
    )
    browser.save_screenshot(str(artifacts_dir() / "serve-results-en.png"))
    _accessible(browser)


def test_a_broken_file_gives_an_error_page_and_the_server_keeps_serving(
    server: str, browser: Any, tmp_path: Path
) -> None:
    import hostile
    from selenium.webdriver.common.by import By

    broken = hostile.truncated_pdf(tmp_path / "cut.pdf")
    browser.get(server)
    _wait_for(browser, "form.upload")
    browser.find_element(By.ID, "files").send_keys(str(broken))
    browser.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]").click()
    alert = _wait_for(browser, "[role=alert]")
    assert alert.text.startswith("error[E120]: cut.pdf: ")
    _accessible(browser)
    browser.find_element(By.LINK_TEXT, "Back to the start").click()
    _wait_for(browser, "form.upload")


def test_fix_it_downloads_the_addendum_that_opens_in_word(server: str, browser: Any, tmp_path: Path) -> None:

    import docx
    from selenium.webdriver.common.by import By

    downloads = _allow_downloads(browser, tmp_path)
    browser.get(server)
    _wait_for(browser, "form.upload")
    browser.find_element(By.LINK_TEXT, "Fix it").click()
    _wait_for(browser, "form.fix")
    _accessible(browser)
    browser.find_element(By.ID, "files").send_keys(str(SAMPLES / "en-software-bare.pdf"))
    browser.find_element(By.ID, "param-hourly_rate").send_keys("95")
    browser.find_element(By.ID, "variant-firm").click()
    browser.save_screenshot(str(artifacts_dir() / "serve-fix-en.png"))
    browser.find_element(By.CSS_SELECTOR, "form.fix button[type=submit]").click()
    target = _downloaded(downloads / "en-software-bare-addendum.docx")
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "Addendum No. 1" in text and "Tomasz Berg" in text and "USD 95" in text


def test_my_client_went_silent_from_a_saved_case_to_the_calendar(server: str, browser: Any, tmp_path: Path) -> None:
    import time

    from icalendar import Calendar
    from selenium.webdriver.common.by import By

    downloads = _allow_downloads(browser, tmp_path)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(server))
    browser.execute_cdp_cmd(
        "Browser.grantPermissions",
        {"origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]},
    )
    browser.get(server)
    _wait_for(browser, "form.upload")
    browser.find_element(By.LINK_TEXT, "My client went silent").click()
    _wait_for(browser, "form.silent")
    _accessible(browser)
    # a case saved earlier goes back into the form, then the contract is picked and the plan asked for
    browser.find_element(By.ID, "case-file").send_keys(str(SAMPLES / "case-en-delivered.toml"))
    browser.find_element(By.CSS_SELECTOR, "form.load button[type=submit]").click()
    _wait_for(browser, "form.silent")
    assert browser.find_element(By.ID, "case-last_contact").get_attribute("value") == "2026-11-03"
    assert browser.find_element(By.ID, "case-client").get_attribute("value") == "Bluebird Bakery LLC"
    browser.find_element(By.ID, "files").send_keys(str(SAMPLES / "en-webdesign-hardened.pdf"))
    browser.save_screenshot(str(artifacts_dir() / "serve-silent-en.png"))
    browser.find_element(By.CSS_SELECTOR, "form.silent button[type=submit]").click()
    _wait_for(browser, ".plan")
    assert browser.find_element(By.TAG_NAME, "h1").text == "What to do now: Bluebird Bakery LLC has gone quiet"
    buttons = browser.find_elements(By.CSS_SELECTOR, "button.copy")
    assert len(buttons) == 3  # one per message
    buttons[0].click()
    deadline = time.monotonic() + 10
    while buttons[0].text != "Copied" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert buttons[0].text == "Copied"
    copied = browser.execute_async_script("navigator.clipboard.readText().then(arguments[arguments.length - 1])")
    assert copied == browser.find_elements(By.CSS_SELECTOR, "pre[data-message]")[0].text
    browser.save_screenshot(str(artifacts_dir() / "serve-plan-en.png"))
    _accessible(browser)
    _only_our_origin(browser, server)
    browser.find_element(By.PARTIAL_LINK_TEXT, "(.ics)").click()
    target = _downloaded(downloads / "en-webdesign-hardened-plan.ics")
    events = list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert events and all(str(e.get("summary")) for e in events)


def test_before_you_sign_the_checklist(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(server)
    _wait_for(browser, "form.upload")
    browser.find_element(By.LINK_TEXT, "Before you sign").click()
    _wait_for(browser, "form.checklist")
    _accessible(browser)
    browser.find_element(By.ID, "files").send_keys(str(SAMPLES / "en-software-bare.pdf"))
    browser.find_element(By.CSS_SELECTOR, "label[for=answer-written_contract-yes]").click()
    browser.find_element(By.CSS_SELECTOR, "form.checklist button[type=submit]").click()
    result = _wait_for(browser, ".checklist-result")
    assert "Written contract, signed *: confirmed by you" in result.text
    assert "required items open" in result.text
    browser.save_screenshot(str(artifacts_dir() / "serve-checklist-en.png"))
    _accessible(browser)


@pytest.mark.parametrize("page", ["/", "/fix", "/silent", "/checklist"])
def test_every_control_of_every_page_is_reached_with_the_tab_key(server: str, browser: Any, page: str) -> None:
    """Keyboard only: Tab visits every link, field and button of the page, in order, each with a visible focus."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(server)
    _wait_for(browser, "form.upload")
    browser.get(server.split("?")[0].rstrip("/") + page)
    _wait_for(browser, "main")
    controls = browser.find_elements(By.CSS_SELECTOR, "a[href], input:not([type=hidden]), select, button, textarea")
    wanted = {c.id for c in controls if c.is_displayed() or c.get_attribute("type") == "radio"}
    reached: list[Any] = []
    for _ in range(len(controls) * 2 + 5):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        element = browser.switch_to.active_element
        if element.tag_name == "body" or (reached and element.id == reached[0].id):
            break  # past the last control
        reached.append(element)
        outline = element.value_of_css_property("outline-style")
        assert outline != "none" or element.get_attribute("class") == "skip", element.get_attribute("outerHTML")[:80]
    ids = {e.id for e in reached}
    # a group of radio buttons is one stop (the arrow keys move inside it)
    radios = {c.get_attribute("name") for c in controls if c.get_attribute("type") == "radio"}
    missing = [
        c.get_attribute("outerHTML")[:80]
        for c in controls
        if c.id in wanted and c.id not in ids and c.get_attribute("type") != "radio"
    ]
    assert missing == []
    reached_radios = {e.get_attribute("name") for e in reached if e.get_attribute("type") == "radio"}
    assert reached_radios == radios
