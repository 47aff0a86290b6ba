"""The installed package, not the source tree: build the sdist from a clean copy of the repository, the wheel from
that sdist (and once more straight from the tree — both must hold the same files), install the wheel with its
dependencies into a fresh virtual environment, and run every command from an empty folder on copied samples.

This is what `pip install ghostproof` / `pipx install ghostproof` users get; an editable install hides missing data
files, so the rest of the suite cannot see this. It takes about a minute (the fresh venv installs spaCy & co. from
the pip cache or the index); `make test` and CI run it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"

pytestmark = pytest.mark.wheel


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 600) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _clean_copy(target: Path) -> Path:
    """The files a clean clone would have (tracked, plus new files not ignored by .gitignore), as they are now."""
    if (ROOT / ".git").exists() and shutil.which("git"):
        listed = _run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], ROOT).split("\0")
        for name in filter(None, listed):
            source = ROOT / name
            if source.is_file():
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)
    else:  # running from an unpacked sdist: the tree is already clean
        ignore = shutil.ignore_patterns(".venv", "dist", "build", "*.egg-info", "__pycache__", ".*_cache")
        shutil.copytree(ROOT, target, ignore=ignore, dirs_exist_ok=True)
    return target


def _contents(wheel: Path) -> dict[str, str]:
    with zipfile.ZipFile(wheel) as zf:
        return {n: hashlib.sha256(zf.read(n)).hexdigest() for n in zf.namelist() if not n.endswith("/RECORD")}


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """sdist, the wheel built from it, and a wheel built straight from the clean tree."""
    base = tmp_path_factory.mktemp("dist")
    tree = _clean_copy(base / "clone")
    # `python -m build` makes the sdist, then the wheel from the unpacked sdist
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(base / "from-sdist"), "."], tree)
    _run([sys.executable, "-m", "build", "--no-isolation", "--wheel", "--outdir", str(base / "direct"), "."], tree)
    (sdist,) = (base / "from-sdist").glob("*.tar.gz")
    (wheel,) = (base / "from-sdist").glob("*.whl")
    (direct,) = (base / "direct").glob("*.whl")
    return {"sdist": sdist, "wheel": wheel, "direct": direct}


@pytest.fixture(scope="module")
def venv(dist: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel and its runtime dependencies (nothing else: no dev tools)."""
    folder = tmp_path_factory.mktemp("venv") / "env"
    _run([sys.executable, "-m", "venv", str(folder)], folder.parent)
    pip = [str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    _run([*pip, str(dist["wheel"])], folder.parent, timeout=900)
    return folder


@pytest.fixture
def empty(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """An empty working folder with copies of a few samples, and an environment that cannot see the repository."""
    work = tmp_path / "work"
    work.mkdir()
    for name in ("en-consulting-mixed.docx", "en-webdesign-hardened.pdf", "de-webdesign-mixed.docx"):
        shutil.copy(SAMPLES / name, work / name)
    shutil.copy(SAMPLES / "case-en-delivered.toml", work / "case.toml")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "GHOSTPROOF_DEBUG")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p)
    return work, env


def test_the_wheel_carries_the_rules_the_clause_library_and_every_data_file(dist: dict[str, Path]) -> None:
    names = set(_contents(dist["wheel"]))
    for folder, root in (("models", ROOT / "models"), ("clauses", ROOT / "clauses")):
        for path in root.rglob("*"):
            if path.is_file():
                assert f"ghostproof/_data/{folder}/{path.relative_to(root).as_posix()}" in names, path
    package = ROOT / "src" / "ghostproof"
    for path in package.rglob("*"):
        if path.is_file() and path.suffix in (".toml", ".json", ".typed", ".py", ".html", ".css", ".js"):
            assert f"ghostproof/{path.relative_to(package).as_posix()}" in names, path


def test_the_sdist_builds_the_same_wheel_as_the_tree(dist: dict[str, Path]) -> None:
    assert _contents(dist["wheel"]) == _contents(dist["direct"])


def test_runtime_install_has_no_dev_tools(venv: Path) -> None:
    listed = _run([str(venv / "bin" / "python"), "-m", "pip", "list", "--format", "json"], venv)
    installed = {p["name"].lower() for p in json.loads(listed)}
    assert "ghostproof" in installed and "spacy" in installed
    assert {"fastapi", "uvicorn", "jinja2", "python-multipart"} <= installed  # `ghostproof serve` works after install
    assert not installed & {"pytest", "ruff", "mypy", "hypothesis", "pypdf", "jsonschema", "hatchling", "selenium"}


def test_every_command_runs_from_the_installed_wheel_in_an_empty_folder(
    venv: Path, empty: tuple[Path, dict[str, str]]
) -> None:
    work, env = empty
    gp = str(venv / "bin" / "ghostproof")

    def run(*args: str, codes: tuple[int, ...] = (0,)) -> str:
        done = subprocess.run([gp, *args], cwd=work, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode in codes, f"ghostproof {' '.join(args)}: {done.returncode}\n{done.stderr}"
        assert "error[" not in done.stderr, done.stderr
        return done.stdout

    assert run("--version").startswith("ghostproof ")
    text = run("audit", "en-consulting-mixed.docx")
    assert "Termination *         ! weak" in text and "not legal advice" in text
    assert run("audit", "de-webdesign-mixed.docx", "-f", "markdown").startswith("# ")
    assert json.loads(run("audit", "en-consulting-mixed.docx", "-f", "json"))["schema"] == "ghostproof.audit/2"
    assert len(run("audit", "en-consulting-mixed.docx", "en-webdesign-hardened.pdf", "-f", "jsonl").splitlines()) == 2
    run("audit", "en-webdesign-hardened.pdf", "-o", "report.html")
    assert (work / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    run("addendum", "en-consulting-mixed.docx", "--set", "hourly_rate=95")
    assert (work / "en-consulting-mixed-addendum.docx").read_bytes()[:2] == b"PK"
    assert "Nachtrag Nr. 1" in run("addendum", "de-webdesign-mixed.docx", "--set", "hourly_rate=95", "-f", "markdown")
    listing = run("review", "en-consulting-mixed.docx", "--set", "hourly_rate=95", "--list")
    assert "insertion" in listing and (work / "en-consulting-mixed.reviewed.docx").is_file()
    # the case names en-webdesign-hardened.pdf next to it
    plan = run("assess", "case.toml")
    # the contract's region (models/regions.toml) and its holidays (the holidays package) from the installed wheel
    assert "Bluebird Bakery" in plan and "Oregon (US-OR)" in plan
    assert json.loads(run("assess", "case.toml", "-f", "json"))["schema"] == "ghostproof.assessment/1"
    assert "Pre-engagement checklist" in run("checklist", "en-webdesign-hardened.pdf", codes=(0, 1))
    assert "hourly_conversion" in run("clauses", "list")
    assert "Warum diese Formulierung:" in run("clauses", "show", "termination", "--lang", "de")
    assert json.loads(run("schema"))["title"] == "ghostproof.audit/2"
    assert "Website Design Agreement" in run("extract", "en-webdesign-hardened.pdf")


def test_serve_runs_from_the_installed_wheel(venv: Path, empty: tuple[Path, dict[str, str]]) -> None:
    """The page, its stylesheet and its script come from the installed package (templates and static files)."""
    import http.cookiejar
    import os
    import re
    import signal
    import urllib.request

    work, env = empty
    proc = subprocess.Popen(
        [str(venv / "bin" / "ghostproof"), "serve", "--no-browser", "--port", "0"],
        cwd=work,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert proc.stderr is not None
        url = None
        for line in proc.stderr:
            if m := re.search(r"serving on (http://\S+)", line):
                url = m.group(1)
                break
        assert url, "no link"
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with opener.open(url, timeout=60) as page:
            assert b"Check a contract" in page.read()
        base = url.split("?")[0]
        for asset in ("static/site.css", "static/site.js", "static/report.js", "fix"):
            with opener.open(base + asset, timeout=60) as got:
                assert got.status == 200 and got.read(), asset
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=30)


SNIPPET = """
import json, sys
import spacy
import ghostproof
from ghostproof.data import data_dir

nlp = spacy.blank("en")
nlp.add_pipe("ghostproof_sentencizer")
nlp.add_pipe("ghostproof")
doc = nlp("Deliverables are deemed accepted if the Client does not reject them in writing within ten (10) days.")
result = ghostproof.audit(sys.argv[1])
print(json.dumps({
    "labels": sorted({span.label_ for span in doc.spans["ghostproof"]}),
    "status": {f.clause: f.status for f in result.findings},
    "module": ghostproof.__file__,
    "models": str(data_dir("models")),
    "clauses": str(data_dir("clauses")),
}))
"""


def test_the_python_api_and_the_spacy_component_work_from_the_wheel(
    venv: Path, empty: tuple[Path, dict[str, str]]
) -> None:
    work, env = empty
    out = json.loads(_run([str(venv / "bin" / "python"), "-c", SNIPPET, "en-consulting-mixed.docx"], work, env))
    assert "deemed_acceptance/fiction" in out["labels"]
    assert out["status"]["termination"] == "weak" and out["status"]["payment_terms"] == "present"
    site = str(venv)
    assert out["module"].startswith(site)  # the installed copy, not the repository
    assert out["models"].startswith(site) and out["models"].endswith("ghostproof/_data/models")
    assert out["clauses"].startswith(site) and out["clauses"].endswith("ghostproof/_data/clauses")
