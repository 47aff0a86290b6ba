"""``ghostproof serve``: the routes with the framework's test client (the guard, the pages, the JSON API, every row of
the bad-input table as an upload), the worker pool with its time limit, and the command itself on a real socket.
The pages in a real browser are in tests/test_serve_browser.py."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import hostile
import pytest
from fastapi.testclient import TestClient
from serving import start_server, stop_server

from ghostproof.web import ServeSettings, create_app
from ghostproof.web.settings import LOOPBACK
from ghostproof.web.work import Workers

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
BASE = "http://127.0.0.1:8765"


@pytest.fixture(scope="module")
def settings() -> ServeSettings:
    return ServeSettings(workers=0, max_files=3, timeout=60)


@pytest.fixture(scope="module")
def client(settings: ServeSettings) -> Iterator[TestClient]:
    """A signed-in browser: it opened the printed link once and has the cookie."""
    with TestClient(create_app(settings), base_url=BASE) as c:
        opened = c.get(f"/?token={settings.token}", follow_redirects=False)
        assert opened.status_code == 303 and opened.headers["location"] == "/"
        c.cookies.set("ghostproof_token", settings.token)
        c.headers["Authorization"] = f"Bearer {settings.token}"  # as a tool calling the JSON API sends it
        yield c


@pytest.fixture()
def stranger(settings: ServeSettings) -> Iterator[TestClient]:
    """A client without the token (another program, another site's script)."""
    with TestClient(create_app(settings), base_url=BASE) as c:
        yield c


def _upload(client: TestClient, settings: ServeSettings, *paths: Path, names: tuple[str, ...] = ()) -> object:
    files = [
        ("files", (names[i] if names else p.name, p.read_bytes(), "application/octet-stream"))
        for i, p in enumerate(paths)
    ]
    return client.post("/check", data={"csrf": settings.csrf}, files=files)


# -- the guard: token, Host, CSRF, body size, headers ----------------------------------------------------------------


def test_every_request_needs_the_token(stranger: TestClient, settings: ServeSettings) -> None:
    for path in ("/", "/static/site.css", "/api/openapi.json", "/nope"):
        r = stranger.get(path)
        assert r.status_code == 403, path
    assert "needs the link that `ghostproof serve` printed" in stranger.get("/").text
    assert stranger.get("/?token=wrong", follow_redirects=False).status_code == 403
    api = stranger.post("/api/audit", files={"file": ("a.txt", b"x")})
    assert api.status_code == 403 and api.json()["code"] == "E161"
    # the printed link: the token becomes an HttpOnly, SameSite=Strict cookie and leaves the address bar
    r = stranger.get(f"/?token={settings.token}&lang=de", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/?lang=de"
    cookie = r.headers["set-cookie"]
    assert f"ghostproof_token={settings.token}" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    # the API takes the token as a bearer header only: the cookie of a browser is not enough (a form another local
    # page posts would carry it)
    bearer = {"Authorization": f"Bearer {settings.token}"}
    assert stranger.get("/api/openapi.json", headers=bearer).status_code == 200
    stranger.cookies.set("ghostproof_token", settings.token)
    assert stranger.get("/").status_code == 200
    assert stranger.post("/api/audit", files={"file": ("a.md", b"x")}).status_code == 403
    # the printed link never sends the browser to another site
    for path, where in (("//evil.example/", "/evil.example/"), ("/\\evil.example", "/evil.example")):
        r = stranger.get(f"{BASE}{path}?token={settings.token}", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == where


def test_a_foreign_host_header_is_refused(client: TestClient) -> None:
    # DNS rebinding: a page of evil.example whose name now points to 127.0.0.1 sends its own Host
    for host in ("evil.example:8765", "127.0.0.1:9999", "localhost", ""):
        assert client.get("/", headers={"host": host}).status_code == 421, host
    for host in ("127.0.0.1:8765", "localhost:8765"):
        assert client.get("/", headers={"host": host}).status_code == 200


def test_hosts_allowed_by_the_settings() -> None:
    assert ServeSettings(port=8000).allowed_hosts == {"127.0.0.1:8000", "localhost:8000", "[::1]:8000"}
    assert ServeSettings(host="192.168.1.5", port=8000).allowed_hosts == {"192.168.1.5:8000"}
    assert ServeSettings(host="0.0.0.0").allowed_hosts is None  # every address: the token alone guards it
    assert set(LOOPBACK) == {"127.0.0.1", "localhost", "::1"}
    assert ServeSettings().token != ServeSettings().token  # a new key at every start


def test_a_form_without_our_csrf_value_is_refused(client: TestClient) -> None:
    sample = (SAMPLES / "en-software-bare.md").read_bytes()
    for data in ({}, {"csrf": "0" * 64}):
        r = client.post("/check", data=data, files=[("files", ("a.md", sample, "text/markdown"))])
        assert r.status_code == 403 and "The form had expired or came from elsewhere" in r.text


def test_body_size_is_checked_before_and_while_reading(client: TestClient, settings: ServeSettings) -> None:
    too_big = client.post(
        "/check", content=b"x", headers={"content-length": str(settings.max_body + 1), "content-type": "text/plain"}
    )
    assert too_big.status_code == 413 and "The upload is too large: at most 50 MB per file" in too_big.text


def test_security_headers_on_every_response(client: TestClient, stranger: TestClient) -> None:
    for r in (client.get("/"), client.get("/static/report.js"), client.get("/nope"), stranger.get("/")):
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff" and r.headers["referrer-policy"] == "no-referrer"
        assert r.headers["cache-control"] == "no-store" and r.headers["x-frame-options"] == "DENY"


# -- the pages --------------------------------------------------------------------------------------------------------


def test_the_check_page_is_a_form_that_works_without_javascript(client: TestClient, settings: ServeSettings) -> None:
    page = client.get("/").text
    assert '<form class="upload" method="post" action="/check" enctype="multipart/form-data">' in page
    assert f'<input type="hidden" name="csrf" value="{settings.csrf}">' in page
    assert '<label for="files">' in page and 'id="files" name="files" multiple' in page
    # nothing from outside: every script and stylesheet is ours
    for src in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert src.startswith(("/", "#", "data:")), src
    assert "<script>" not in page and "style=" not in page  # the CSP allows no inline code


def test_a_contract_is_checked_with_its_evidence_and_a_summary_on_top(
    client: TestClient, settings: ServeSettings
) -> None:
    r = _upload(
        client, settings, SAMPLES / "en-consulting-mixed.pdf", names=("Vertrag <img src=x onerror=alert(1)>.pdf",)
    )
    assert r.status_code == 200
    page = r.text
    plain = page[page.index("In short") : page.index('<div class="report">')]
    assert "1 of 4 required clauses missing; 2 of 4 required clauses weak." in plain
    assert "Hourly conversion: missing" in plain
    assert "Vertrag &lt;img src=x onerror=alert(1)&gt;.pdf" in page and "<img" not in page  # the name is text
    # the HTML report's own views: cards with the evidence highlighted
    assert 'id="doc-1-deemed_acceptance"' in page and '<mark class="evidence">' in page
    assert "Deliverables are deemed accepted upon delivery to the Client." in page


def test_several_contracts_at_once_and_a_broken_one_among_them(
    client: TestClient, settings: ServeSettings, tmp_path: Path
) -> None:
    broken = hostile.truncated_pdf(tmp_path / "cut.pdf")
    r = _upload(client, settings, SAMPLES / "de-beratung-bare.docx", SAMPLES / "en-software-bare.md", broken)
    assert r.status_code == 200
    assert "Files that could not be read" in r.text and "error[E120]: cut.pdf:" in r.text
    assert str(tmp_path) not in r.text and "/tmp/" not in r.text  # never the server's own paths
    assert 'id="doc-1-deemed_acceptance"' in r.text and 'id="doc-2-deemed_acceptance"' in r.text
    many = _upload(client, settings, *([SAMPLES / "en-software-bare.md"] * (settings.max_files + 1)))
    assert many.status_code == 400 and "Too many files at once: at most 3" in many.text


def test_no_file_chosen(client: TestClient, settings: ServeSettings) -> None:
    r = client.post("/check", data={"csrf": settings.csrf}, files=[("files", ("", b"", "application/octet-stream"))])
    assert r.status_code == 400 and "No file was chosen" in r.text


BAD = [
    c
    for c in hostile.CASES
    if c.build is not None and not c.args and c.build is not hostile.make_dir and c.name != "text over the size limit"
]


@pytest.mark.parametrize("case", BAD, ids=[c.name for c in BAD])
def test_every_bad_input_gives_its_one_line_error_on_a_page(
    case: hostile.Case, client: TestClient, settings: ServeSettings, tmp_path: Path
) -> None:
    assert case.build is not None
    path = case.build(tmp_path / case.filename)
    started = time.monotonic()
    r = _upload(client, settings, path)
    assert time.monotonic() - started < case.timeout + 10
    assert r.status_code == 400, r.text[-500:]
    alert = r.text[r.text.index('role="alert"') :]
    lines = re.findall(r"<p>(error\[E\d{3}\][^<]*)</p>", alert)
    assert len(lines) == 1 and lines[0].startswith(f"error[{case.code}]: {case.filename}: "), lines
    assert str(tmp_path) not in r.text
    assert client.get("/").status_code == 200  # and the server keeps serving


def test_an_upload_over_the_size_limit(tmp_path: Path) -> None:
    small = ServeSettings(workers=0, max_size=1024 * 1024)
    with TestClient(create_app(small), base_url=BASE) as c:
        c.cookies.set("ghostproof_token", small.token)
        big = hostile.oversized_text(tmp_path / "big.txt", size=1024 * 1024 + 10)
        r = _upload(c, small, big)
        assert r.status_code == 400 and "error[E105]: big.txt: " in r.text
        huge = c.post(
            "/check",
            data={"csrf": small.csrf},
            files=[("files", ("huge.txt", b"a" * (small.max_body + 10), "text/plain"))],
        )
        assert huge.status_code == 413 and "at most 1 MB per file" in huge.text


def test_uploads_live_in_a_private_folder_that_is_gone_after_the_answer(
    client: TestClient, settings: ServeSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    seen: list[Path] = []
    real = tempfile.TemporaryDirectory

    def spy(*args: object, **kwargs: object) -> tempfile.TemporaryDirectory[str]:
        made = real(*args, dir=tmp_path, **kwargs)  # type: ignore[call-overload]
        seen.append(Path(made.name))
        assert Path(made.name).stat().st_mode & 0o077 == 0  # only this user may read it
        return made

    monkeypatch.setattr(tempfile, "TemporaryDirectory", spy)
    assert _upload(client, settings, SAMPLES / "en-software-bare.md").status_code == 200
    assert len(seen) == 1 and not seen[0].exists() and list(tmp_path.iterdir()) == []


def test_the_language_follows_the_browser_and_the_switch(client: TestClient) -> None:
    client.cookies.delete("ghostproof_lang")
    de = client.get("/", headers={"accept-language": "de-DE,de;q=0.9,en;q=0.8"})
    assert '<html lang="de">' in de.text and "Vertrag prüfen" in de.text
    en = client.get("/", headers={"accept-language": "fr-FR,en;q=0.5,de;q=0.4"})
    assert '<html lang="en">' in en.text and "Check a contract" in en.text
    switch = client.get("/lang/de?next=/", follow_redirects=False)
    assert switch.status_code == 303 and switch.headers["location"] == "/"
    assert "ghostproof_lang=de" in switch.headers["set-cookie"]
    client.cookies.set("ghostproof_lang", "de")
    assert '<html lang="de">' in client.get("/", headers={"accept-language": "en"}).text
    client.cookies.delete("ghostproof_lang")
    # the switch sends nowhere but this server
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        assert client.get(f"/lang/en?next={target}", follow_redirects=False).headers["location"] == "/"


def test_an_unknown_page_and_a_static_file(client: TestClient) -> None:
    r = client.get("/nope")
    assert r.status_code == 404 and "There is no page here." in r.text
    assert client.get("/static/../pyproject.toml").status_code == 404
    css = client.get("/static/report.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert ".finding" in css.text  # the HTML report's own stylesheet


# -- the JSON API -----------------------------------------------------------------------------------------------------


def test_the_api_audits_one_contract(client: TestClient) -> None:
    from ghostproof.findings import AuditResult

    with (SAMPLES / "de-webdesign-mixed.docx").open("rb") as f:
        r = client.post("/api/audit", files={"file": ("webdesign.docx", f)})
    assert r.status_code == 200
    result = AuditResult.model_validate(r.json())
    assert result.source == "webdesign.docx" and result.language == "de"
    assert result.finding("termination").status == "weak"
    bad = client.post("/api/audit", files={"file": ("x.odt", b"PK\x03\x04 not a zip")})
    assert bad.status_code == 400 and bad.json()["code"] == "E130"
    assert bad.json()["error"].startswith("error[E130]: x.odt: ")
    missing = client.post("/api/audit", data={"other": "1"})
    assert missing.status_code == 400 and "`file`" in missing.json()["error"]


def test_the_api_is_described_by_openapi(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == {"/api/audit", "/api/addendum", "/api/assess", "/api/checklist"}
    post = spec["paths"]["/api/audit"]["post"]
    assert "multipart/form-data" in post["requestBody"]["content"]
    assert "ghostproof.audit/2" in json.dumps(spec["components"]["schemas"])
    assert client.get("/docs").status_code == 404  # no Swagger UI: it would load scripts from a CDN


# -- the worker pool --------------------------------------------------------------------------------------------------


def _slow(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def test_the_pool_is_warm_runs_work_and_stops_what_runs_too_long() -> None:
    import asyncio

    from ghostproof.errors import GhostproofError

    workers = Workers(1, timeout=2)
    workers.start()
    try:
        assert asyncio.run(workers.call(_slow, 0.01)) == 0.01
        started = time.monotonic()
        with pytest.raises(GhostproofError) as err:
            asyncio.run(workers.call(_slow, 60, name="slow.pdf"))
        assert err.value.code == "E109" and time.monotonic() - started < 30
        assert asyncio.run(workers.call(_slow, 0.01)) == 0.01  # a fresh pool took over
    finally:
        workers.stop()


# -- the command ------------------------------------------------------------------------------------------------------


def test_serve_prints_its_link_serves_on_loopback_and_stops_on_ctrl_c() -> None:
    proc, url, _ = start_server("--port", "0")
    try:
        assert url.startswith("http://127.0.0.1:") and "?token=" in url
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with opener.open(url, timeout=30) as page:
            assert page.status == 200 and b"Check a contract" in page.read()
        port = int(url.split(":")[2].split("/")[0])
        with pytest.raises(OSError):  # 127.0.0.1 only: not on the machine's other addresses
            other = socket.gethostbyname(socket.gethostname())
            if other.startswith("127."):
                raise OSError("no other address to try")
            socket.create_connection((other, port), timeout=2)
        # a second server on the same port: one line, exit 2
        busy = subprocess.run(
            [sys.executable, "-m", "ghostproof", "serve", "--no-browser", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert busy.returncode == 2 and "Traceback" not in busy.stderr
        assert re.search(rf"error\[E193\]: cannot listen on 127\.0\.0\.1:{port} \(.*\) — ", busy.stderr)
    finally:
        rest = stop_server(proc)
    assert proc.returncode is not None and "Traceback" not in rest


def test_serve_on_another_address_warns() -> None:
    proc, url, said = start_server("--port", "0", "--host", "0.0.0.0")
    try:
        assert url.startswith("http://0.0.0.0:")
        assert any("warning: listening on 0.0.0.0, not only on this computer" in line for line in said)
    finally:
        rest = stop_server(proc)
    assert "Traceback" not in rest


# -- Fix it: the addendum and the review copy -------------------------------------------------------------------------


def _fix(client: TestClient, settings: ServeSettings, path: Path, name: str = "", **fields: str) -> object:
    data = {"csrf": settings.csrf, "variant": "balanced", "kind": "docx", **fields}
    return client.post("/fix", data=data, files=[("file", (name or path.name, path.read_bytes(), "application/x"))])


def test_the_fix_form_is_generated_from_the_clause_library(client: TestClient) -> None:
    from ghostproof.clauses.library import load_library

    page = client.get("/fix").text
    library = load_library()
    names = {p for c in library.clauses.values() for p in c.params} | set(library.common)
    for name in names:
        assert f'<label for="param-{name}">' in page, name  # every control labelled
    rate = re.search(r'<input type="number" id="param-hourly_rate"[^>]*>', page)
    assert rate is not None and 'min="1"' in rate.group() and 'max="10000"' in rate.group()
    assert 'step="1"' in re.search(r'<input type="number" id="param-review_days"[^>]*>', page).group()  # type: ignore[union-attr]
    assert '<select id="param-jurisdiction"' in page and '<option value="UK">United Kingdom</option>' in page
    assert 'name="variant" value="balanced" checked' in page and 'name="kind" value="docx" checked' in page


def test_fix_asks_for_what_only_the_user_knows_then_writes_the_addendum(
    client: TestClient, settings: ServeSettings
) -> None:
    import io

    import docx

    contract = SAMPLES / "en-software-bare.pdf"
    ask = _fix(client, settings, contract)
    assert ask.status_code == 400
    assert "ghostproof needs these values" in ask.text and "your hourly rate" in ask.text
    got = _fix(client, settings, contract, "Software Vertrag ü.pdf", **{"param-hourly_rate": "95", "variant": "firm"})
    assert got.status_code == 200
    assert got.headers["content-disposition"].startswith('attachment; filename="Software Vertrag _-addendum.docx"')
    assert "filename*=UTF-8''Software%20Vertrag%20%C3%BC-addendum.docx" in got.headers["content-disposition"]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(got.content)).paragraphs)
    assert "Addendum No. 1" in text and "Harbor Lane Logistics, Inc." in text and "USD 95" in text
    md = _fix(client, settings, contract, **{"param-hourly_rate": "95", "kind": "markdown"})
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert md.text.startswith("# Addendum No. 1")


def test_fix_writes_a_review_copy_of_a_word_contract_only(client: TestClient, settings: ServeSettings) -> None:
    from ghostproof.review import list_review

    got = _fix(client, settings, SAMPLES / "de-webdesign-mixed.docx", **{"param-hourly_rate": "95", "kind": "review"})
    assert (
        got.status_code == 200 and 'filename="de-webdesign-mixed.reviewed.docx"' in got.headers["content-disposition"]
    )
    listing = list_review(got.content)
    assert listing.comments and listing.insertions
    pdf = _fix(client, settings, SAMPLES / "en-software-bare.pdf", **{"kind": "review"})
    assert pdf.status_code == 400 and "error[E111]: en-software-bare.pdf: a review copy needs" in pdf.text
    assert "ghostproof-serve-" not in pdf.text


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"param-hourly_rate": "-5"}, "error[E190]: field hourly_rate: must be at least 1"),
        ({"param-jurisdiction": "Mars"}, "error[E190]: field jurisdiction: must be one of"),
        ({"variant": "reckless"}, "Choose one of the offered options"),
        ({"kind": "exe"}, "Choose one of the offered options"),
    ],
)
def test_fix_refuses_bad_values_in_one_line_and_keeps_what_was_typed(
    client: TestClient, settings: ServeSettings, fields: dict[str, str], says: str
) -> None:
    r = _fix(client, settings, SAMPLES / "en-software-bare.pdf", **{"param-review_days": "12", **fields})
    assert r.status_code == 400 and says in r.text
    assert re.search(r'id="param-review_days" name="param-review_days" value="12"', r.text)


def test_fix_says_when_there_is_nothing_to_add(client: TestClient, settings: ServeSettings) -> None:
    r = _fix(client, settings, SAMPLES / "en-webdesign-hardened.pdf")
    assert r.status_code == 200 and "already has every clause ghostproof writes" in r.text


def test_a_bug_gives_a_page_with_one_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import ghostproof.web.app as web_app

    def broken(job: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(web_app, "audit_one", broken)
    s = ServeSettings(workers=0)
    with TestClient(create_app(s), base_url=BASE, raise_server_exceptions=False) as c:
        c.cookies.set("ghostproof_token", s.token)
        page = _upload(c, s, SAMPLES / "en-software-bare.md")
        assert (
            page.status_code == 500
            and "error[E199]: unexpected RuntimeError — this is a bug in ghostproof" in page.text
        )
        assert "Traceback" not in page.text and "boom" not in page.text
        api = c.post("/api/audit", files={"file": ("a.md", b"x")}, headers={"Authorization": f"Bearer {s.token}"})
        assert api.status_code == 500 and api.json()["code"] == "E199"
        assert c.get("/").status_code == 200


# -- My client went silent: the case form, the plan, the calendar -----------------------------------------------------


def _case_form() -> dict[str, str]:
    from ghostproof.assess.case import load_case

    case, _ = load_case(SAMPLES / "case-en-delivered.toml")
    return {
        k: (v.isoformat() if hasattr(v, "isoformat") else str(v))
        for k, v in case.model_dump().items()
        if v is not None and k != "contract"
    }


def _silent(client: TestClient, settings: ServeSettings, fields: dict[str, str], contract: str = "") -> object:
    path = SAMPLES / (contract or "en-webdesign-hardened.pdf")
    return client.post(
        "/silent", data={"csrf": settings.csrf, **fields}, files=[("file", (path.name, path.read_bytes(), "x/y"))]
    )


def test_the_case_form_has_a_control_for_every_case_field(client: TestClient) -> None:
    from ghostproof.assess.case import Case

    page = client.get("/silent").text
    for name in Case.model_fields:
        if name not in ("contract", "today"):
            assert f'<label for="case-{name}">' in page, name
    assert '<input type="date" id="case-last_contact" name="last_contact" value="" required>' in page
    assert re.search(r'id="case-percent_complete" name="percent_complete" value="" step="1" min="0" max="100"', page)
    assert '<option value="final_invoice_sent">final invoice sent</option>' in page


def test_the_silent_client_gets_the_dated_plan_messages_and_downloads(
    client: TestClient, settings: ServeSettings
) -> None:
    import base64
    import io

    import docx
    from icalendar import Calendar

    from ghostproof.assess import assess_case

    r = _silent(client, settings, _case_form())
    assert r.status_code == 200
    page = r.text
    assert "<h1>What to do now: Bluebird Bakery LLC has gone quiet</h1>" in page
    assert page.count('<pre data-message="') == 3  # check-in, deadline notice, closing note
    assert "ghostproof addendum" not in page and '<a href="/fix">Fix it</a>' in page  # a page, not a command line
    # the same plan as `ghostproof assess` of the case file
    cli = assess_case(SAMPLES / "case-en-delivered.toml")
    assert all(step.when in page for step in cli.timeline)
    links = dict(re.findall(r'<a download="([^"]+)" href="data:[^;]+;(?:charset=utf-8;)?base64,([^"]+)"', page))
    assert set(links) == {
        "en-webdesign-hardened-plan.docx",
        "en-webdesign-hardened-plan.ics",
        "en-webdesign-hardened.case.toml",
    }
    calendar = Calendar.from_ical(base64.b64decode(links["en-webdesign-hardened-plan.ics"]))
    days = sorted(e.decoded("dtstart") for e in calendar.walk("VEVENT"))
    assert days == sorted(step.day for step in cli.timeline)
    word = docx.Document(io.BytesIO(base64.b64decode(links["en-webdesign-hardened-plan.docx"])))
    assert any("Bluebird Bakery" in p.text for p in word.paragraphs)
    saved = base64.b64decode(links["en-webdesign-hardened.case.toml"]).decode()
    assert 'client = "Bluebird Bakery LLC"' in saved and "last_contact = 2026-11-03" in saved
    # the saved case loads back into the form
    loaded = client.post(
        "/silent/load", data={"csrf": settings.csrf}, files=[("case", ("saved.toml", saved.encode(), "x/y"))]
    )
    assert loaded.status_code == 200
    assert '<input type="date" id="case-last_contact" name="last_contact" value="2026-11-03" required>' in loaded.text
    assert '<option value="delivered" selected>' in loaded.text


def test_the_case_form_is_checked_as_a_case_file_is(client: TestClient, settings: ServeSettings) -> None:
    r = _silent(client, settings, {**_case_form(), "percent_complete": "140"})
    # the form's own labels name the fields
    assert r.status_code == 400 and "How much of the work is done (percent): must be at most 100" in r.text
    r = _silent(client, settings, {**_case_form(), "paid": "999999", "last_contact": "2030-01-01"})
    alert = r.text[r.text.index('role="alert"') :]
    assert r.status_code == 400 and "error[E180]: 2 problems in the case" in alert
    assert "Paid so far: more than invoiced" in alert
    assert "Last contact with the client: 2030-01-01 is after today (2026-11-27)" in alert
    assert 'name="your_name" value="Mara Lindqvist"' in r.text  # what was typed stays
    missing = _silent(client, settings, {"your_name": "Mara"})
    assert missing.status_code == 400 and "The client&#39;s name (company): missing (required)" in missing.text
    # amounts as a German reader writes them
    german = _silent(client, settings, {**_case_form(), "agreed": "6.400,00", "hours_invested": "82,0"})
    assert german.status_code == 200, german.text[german.text.find('role="alert"') :][:300]
    broken = client.post(
        "/silent/load", data={"csrf": settings.csrf}, files=[("case", ("x.toml", b"not [toml", "x/y"))]
    )
    assert broken.status_code == 400 and "error[E180]: not a case file" in broken.text


def test_a_silent_case_with_a_broken_contract(client: TestClient, settings: ServeSettings, tmp_path: Path) -> None:
    cut = hostile.truncated_pdf(tmp_path / "cut.pdf")
    r = client.post(
        "/silent",
        data={"csrf": settings.csrf, **_case_form()},
        files=[("file", ("cut.pdf", cut.read_bytes(), "application/pdf"))],
    )
    assert r.status_code == 400 and "error[E120]: cut.pdf: " in r.text and str(tmp_path) not in r.text


# -- Before you sign: the checklist -----------------------------------------------------------------------------------


def test_the_checklist_questions_are_a_form_and_the_answers_tick_items(
    client: TestClient, settings: ServeSettings
) -> None:
    from ghostproof.checklist.evaluate import apply_answers, check_document
    from ghostproof.checklist.items import load_items
    from ghostproof.ingest import load_document

    page = client.get("/checklist").text
    for item in load_items().items:
        for value in ("yes", "no", "unknown"):
            assert f'<label for="answer-{item.id}-{value}">' in page
    contract = SAMPLES / "en-consulting-mixed.pdf"
    r = client.post(
        "/checklist",
        data={"csrf": settings.csrf, "answer-written_contract": "yes", "answer-deposit": "no"},
        files=[("file", (contract.name, contract.read_bytes(), "application/pdf"))],
    )
    assert r.status_code == 200
    expected = apply_answers(
        check_document(load_document(contract), report_language="en"), {"written_contract": True, "deposit": False}
    )
    result = r.text[r.text.index('class="checklist-result"') : r.text.index('<form class="checklist"')]
    assert result.count("<li class=") == len(expected.items)
    for item in expected.items:
        assert f'<li class="st-{item.status}">' in result
    assert "Written contract, signed</strong> *: confirmed by you" in result
    assert "you answered no" in result
    assert 'id="answer-written_contract-yes" name="answer-written_contract" value="yes" checked' in r.text
    # without a contract: every item open but what was answered
    blank = client.post("/checklist", data={"csrf": settings.csrf, "answer-written_contract": "yes"})
    assert blank.status_code == 200 and "no contract given" in blank.text
    bad = client.post(
        "/checklist",
        data={"csrf": settings.csrf},
        files=[("file", ("x.odt", b"PK\x03\x04 broken", "application/x"))],
    )
    assert bad.status_code == 400 and "error[E130]: x.odt: " in bad.text


def test_the_api_for_addendum_assess_and_checklist(client: TestClient) -> None:
    import io

    import docx

    software = ("en-software-bare.pdf", (SAMPLES / "en-software-bare.pdf").read_bytes())
    needed = client.post("/api/addendum", files={"file": software})
    assert needed.status_code == 400 and needed.json()["needed"] == ["hourly_rate"]
    add = client.post("/api/addendum", data={"set": ["hourly_rate=95"]}, files={"file": software})
    assert add.status_code == 200 and "Addendum No. 1" in docx.Document(io.BytesIO(add.content)).paragraphs[0].text
    hardened = ("h.pdf", (SAMPLES / "en-webdesign-hardened.pdf").read_bytes())
    assert client.post("/api/addendum", files={"file": hardened}).status_code == 204
    wrong = client.post("/api/addendum", data={"format": "pdf"}, files={"file": software})
    assert wrong.status_code == 400 and wrong.json()["code"] == "E190"

    case = ("case.toml", (SAMPLES / "case-en-delivered.toml").read_bytes())
    plan = client.post("/api/assess", files={"file": ("web.pdf", hardened[1]), "case": case})
    assert plan.status_code == 200
    assert plan.json()["schema"] == "ghostproof.assessment/1" and plan.json()["dates"]["closing"] == "2026-12-18"
    bad = client.post("/api/assess", files={"file": ("web.pdf", hardened[1]), "case": ("c.toml", b"your_name = 'x'")})
    assert bad.status_code == 400 and "client: missing (required)" in bad.json()["problems"]
    missing = client.post("/api/assess", files={"file": ("web.pdf", hardened[1])})
    assert missing.status_code == 400 and "`case`" in missing.json()["error"]

    listed = client.post("/api/checklist", data={"yes": ["written_contract"]}, files={"file": software})
    body = listed.json()
    assert listed.status_code == 200 and body["schema"] == "ghostproof.checklist/1"
    assert next(i for i in body["items"] if i["id"] == "written_contract")["status"] == "confirmed"
    assert client.post("/api/checklist").json()["source"] is None  # no contract: every item open


@pytest.mark.parametrize("case", BAD, ids=[c.name for c in BAD])
def test_every_bad_input_gives_its_one_line_error_from_the_api(
    case: hostile.Case, client: TestClient, tmp_path: Path
) -> None:
    assert case.build is not None
    path = case.build(tmp_path / case.filename)
    r = client.post("/api/audit", files={"file": (case.filename, path.read_bytes())})
    assert r.status_code == 400 and r.json()["code"] == case.code
    assert r.json()["error"].startswith(f"error[{case.code}]: {case.filename}: ") and "\n" not in r.json()["error"]
    assert str(tmp_path) not in r.text and "ghostproof-serve-" not in r.text


def test_what_a_new_user_ran_into(client: TestClient, settings: ServeSettings) -> None:
    """Found by trying the server as a new user: each was wrong before."""
    from ghostproof.web.app import display_name

    # a form with too many fields is not "too many files"
    fields = {"csrf": settings.csrf, **{f"x{i}": "1" for i in range(40)}}
    r = client.post("/check", data=fields, files=[("files", ("a.md", b"text", "text/markdown"))])
    assert r.status_code == 400 and "too many fields or a field that is too long" in r.text
    # a long name keeps its ending (and so the reader its format); a browser's %22 is a quote again
    assert display_name("a" * 3000 + ".md", 1).endswith("aaa.md") and len(display_name("a" * 3000 + ".md", 1)) == 120
    assert display_name("%22quote%22.md", 1) == '"quote".md'
    # a loaded case keeps the day it was made for, so the page plans as `ghostproof assess` does
    saved = (SAMPLES / "case-en-delivered.toml").read_bytes()
    loaded = client.post("/silent/load", data={"csrf": settings.csrf}, files=[("case", ("c.toml", saved, "x/y"))])
    assert '<input type="hidden" name="today" value="2026-11-27">' in loaded.text
    # an unknown page or method of the API is not "forbidden"
    nope = client.get("/api/nope")
    assert nope.status_code == 404 and nope.json()["code"] == "E190"
    assert "does not take that kind of request" in client.get("/check").text
