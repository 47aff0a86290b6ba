"""Golden checklist reports: ``ghostproof checklist`` in text, Markdown and JSON on fixed inputs, byte for byte.

Regenerate after a deliberate change of the checklist (then read the diff before committing):

    make goldens          # runs tests/goldens.py and this file (= .venv/bin/python tests/goldens_checklist.py)

It also puts the English and German text reports into the README's example blocks.

Each case runs the real command line in-process from a fixed working folder (the samples linked in, an answers
file written), so paths in the output are relative and the files are the same on every machine.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "checklist"
SAMPLES = ROOT / "samples"
SUFFIX = {"text": "txt", "markdown": "md", "json": "json"}
FORMATS = tuple(SUFFIX)

#: the answers file of the "answered" case (what a script would pass with --answers)
ANSWERS = "written_contract = true\nclient_contact = false\n"


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]
    exit_code: int

    def path(self, fmt: str) -> Path:
        return GOLDEN / f"{self.name}.{SUFFIX[fmt]}"


CASES = (
    # English: most items covered, only the signature is open; a bare contract where almost everything is open
    Case("en-webdesign-hardened.pdf", ("samples/en-webdesign-hardened.pdf",), 1),
    Case("en-software-bare.md", ("samples/en-software-bare.md",), 1),
    # German: a hardened DOCX (contact without a deputy) and a bare contract
    Case("de-softwareentwicklung-hardened.docx", ("samples/de-softwareentwicklung-hardened.docx",), 1),
    Case("de-beratung-bare.md", ("samples/de-beratung-bare.md",), 1),
    # answers from a file close the signature item: every required item covered, exit 0
    Case("en-webdesign-hardened.md-answered", ("samples/en-webdesign-hardened.md", "--answers", "answers.toml"), 0),
    # no contract: every item is open and to be confirmed
    Case("no-contract-de", ("--report-lang", "de"), 1),
)

#: the README shows these two text reports after "$ ghostproof checklist ..."
README_CASES = ("en-webdesign-hardened.pdf", "de-softwareentwicklung-hardened.docx")


@contextmanager
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="ghostproof-checklist-golden-") as tmp:
        base = Path(tmp)
        (base / "samples").symlink_to(SAMPLES, target_is_directory=True)
        (base / "answers.toml").write_text(ANSWERS, encoding="utf-8")
        old = Path.cwd()
        os.chdir(base)
        try:
            yield base
        finally:
            os.chdir(old)


def run(case: Case, fmt: str) -> tuple[int, str, str]:
    """Run ``ghostproof checklist`` for a case in the current folder; (exit code, stdout, stderr)."""
    from typer.testing import CliRunner

    from ghostproof.cli import app

    result = CliRunner().invoke(app, ["checklist", *case.args, "--format", fmt])
    return result.exit_code, result.stdout, result.stderr


def case(name: str) -> Case:
    return next(c for c in CASES if c.name == name)


def readme_command(name: str) -> str:
    return f"$ ghostproof checklist {' '.join(case(name).args)}\n"


def main() -> int:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    with workdir():
        for c in CASES:
            for fmt in FORMATS:
                code, out, err = run(c, fmt)
                if code != c.exit_code:
                    sys.stderr.write(f"{c.name} {fmt}: exit {code}, expected {c.exit_code}\n{err}")
                    return 1
                c.path(fmt).write_text(out, encoding="utf-8")
                print(f"wrote {c.path(fmt).relative_to(ROOT)}")
    update_readme()
    return 0


def update_readme() -> None:
    """Put the golden text reports of :data:`README_CASES` into the README's example blocks."""
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    for name in README_CASES:
        command = readme_command(name)
        start = text.index(command) + len(command)
        end = text.index("\n```", start)
        golden = case(name).path("text").read_text(encoding="utf-8").rstrip("\n")
        text = text[:start] + golden + text[end:]
    readme.write_text(text, encoding="utf-8")
    print("updated README.md")


if __name__ == "__main__":
    sys.exit(main())
