"""Builders for hostile and broken input files (used by the bad-input table and bench/bad_input.py)."""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ghostproof.errors import (
    E_BAD_OPTION,
    E_CONVERT_FIRST,
    E_DOCX_BOMB,
    E_DOCX_DAMAGED,
    E_DOCX_DTD,
    E_EMPTY,
    E_IMAGE,
    E_IS_DIR,
    E_NOT_FOUND,
    E_PDF_BAD_PASSWORD,
    E_PDF_BOMB,
    E_PDF_DAMAGED,
    E_PDF_NO_TEXT,
    E_PDF_PASSWORD,
    E_TEXT_BINARY,
    E_TOO_LARGE,
    E_TOO_LONG,
    E_TYPE_MISMATCH,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
BASE_PDF = SAMPLES / "en-webdesign-hardened.pdf"
BASE_DOCX = SAMPLES / "en-webdesign-hardened.docx"
PASSWORD = "s3cret-Passw0rd"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx_with_document_xml(path: Path, document_xml: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", document_xml)
    return path


def zip_bomb_docx(path: Path, megabytes: int = 300) -> Path:
    """A small DOCX whose document.xml inflates to ``megabytes`` MB."""
    chunk = (b"<w:p/>" * ((1 << 20) // 6)).ljust(1 << 20, b" ")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f'<w:document xmlns:w="{_W}"><w:body>'.encode())
            for _ in range(megabytes):
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")
    return path


def billion_laughs_docx(path: Path) -> Path:
    ents = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    xml = (
        '<?xml version="1.0"?><!DOCTYPE w:document [' + "".join(ents) + "]>"
        f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
    )
    return _docx_with_document_xml(path, xml.encode())


def external_entity_docx(path: Path, target: str = "/etc/passwd") -> Path:
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{target}">]>'
        f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>Terms &xxe; end</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    return _docx_with_document_xml(path, xml.encode())


def doc_renamed_docx(path: Path) -> Path:
    """An OLE2 compound file (legacy .doc) with a .docx name."""
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    path.write_bytes(ole + random.Random(7).randbytes(8192))
    return path


def png_renamed_pdf(path: Path) -> Path:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buf, format="PNG")
    path.write_bytes(buf.getvalue())
    return path


def png_bomb(path: Path) -> Path:
    """A 100-byte PNG that claims to be 100,000 × 100,000 pixels (10 G pixels): refused from its header."""
    import struct

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    body = zlib.compress(b"\x00" * 64)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b""))
    return path


def broken_png(path: Path) -> Path:
    """A real PNG cut in half."""
    from PIL import Image

    Image.new("L", (400, 300), 255).save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def image_only_pdf(path: Path) -> Path:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (850, 1100), "white")
    ImageDraw.Draw(img).text((100, 100), "This Agreement is scanned.", fill="black")
    img.save(path, format="PDF", resolution=100)
    return path


def truncated_pdf(path: Path) -> Path:
    data = BASE_PDF.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def encrypted_pdf(path: Path, password: str = PASSWORD) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BASE_PDF))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-128")
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def random_bytes(path: Path, size: int = 64 * 1024) -> Path:
    path.write_bytes(random.Random(42).randbytes(size))
    return path


def empty_file(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def oversized_text(path: Path, size: int = 51 * 1024 * 1024) -> Path:
    """A sparse text file just over the default 50 MB limit (costs no disk)."""
    with open(path, "wb") as fh:
        fh.write(b"Contract text. ")
        fh.truncate(size)
    return path


def odt_file(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", "<office:document-content/>")
    return path


def rtf_file(path: Path) -> Path:
    path.write_text(r"{\rtf1\ansi This Agreement is made between A and B.}")
    return path


def pdf_stream_bomb(path: Path, megabytes: int = 256) -> Path:
    """A one-page PDF of a few hundred KB whose content stream inflates to ``megabytes`` MB (zeros compress ~1000:1)."""
    deflater = zlib.compressobj(9)
    parts = [deflater.compress(b"\0" * (1 << 20)) for _ in range(megabytes)]
    stream = b"".join(parts) + deflater.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def _paragraphs_docx(path: Path, paragraphs: int, *, empty: bool) -> Path:
    """A DOCX with ``paragraphs`` body paragraphs whose XML does not compress well (random ids), so the size and
    ratio checks pass and only the paragraph caps can stop it."""
    rng = random.Random(11)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f'<w:document xmlns:w="{_W}"><w:body>'.encode())
            for _ in range(paragraphs // 1000):
                chunk = []
                for _ in range(1000):
                    rsid = rng.getrandbits(32)
                    if empty:
                        chunk.append(f'<w:p w:rsidR="{rsid:08X}"/>')
                    else:
                        chunk.append(f'<w:p w:rsidR="{rsid:016X}"><w:r><w:t>Clause {rsid:x}.</w:t></w:r></w:p>')
                fh.write("".join(chunk).encode())
            fh.write(b"</w:body></w:document>")
    return path


def empty_paragraphs_docx(path: Path) -> Path:
    """2.4 M empty paragraphs: 60 MB of XML, under the member size limit."""
    return _paragraphs_docx(path, 2_400_000, empty=True)


def many_paragraphs_docx(path: Path) -> Path:
    return _paragraphs_docx(path, 250_000, empty=False)


def lying_docx(path: Path) -> Path:
    """A DOCX whose document.xml (about 40 MB of real text, compressed about 3:1) has a wrong CRC-32 in the ZIP's
    directory: only unpacking it all shows the lie."""
    rng = random.Random(5)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(5000)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f'<w:document xmlns:w="{_W}"><w:body>'.encode())
            for _ in range(40):
                text = " ".join(rng.choices(words, k=150_000))
                fh.write(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode())
            fh.write(b"</w:body></w:document>")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
    crc = info.CRC.to_bytes(4, "little")
    for at in range(len(data) - 4):  # the local header and the central directory both carry it
        if data[at : at + 4] == crc:
            data[at : at + 4] = (info.CRC ^ 0xFFFFFFFF).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    return path


def ebcdic_docx(path: Path) -> Path:
    """A DOCX whose document.xml is encoded in EBCDIC (libxml2's error about it spans two lines)."""
    xml = (
        '<?xml version="1.0" encoding="IBM037"?>'
        f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>This Agreement</w:t></w:r></w:p></w:body></w:document>'
    )
    return _docx_with_document_xml(path, xml.encode("cp037"))


def one_line_text(path: Path, size: int = 20 * 1024 * 1024) -> Path:
    """A text file of ``size`` bytes on one line (no contract is written like that)."""
    sentence = b"The Client shall pay every invoice within thirty days of receipt. "
    with open(path, "wb") as fh:
        fh.write(sentence * (size // len(sentence)))
    return path


def long_text(path: Path, chars: int = 6_000_000) -> Path:
    """Plain text of ``chars`` characters in normal paragraphs: over the default --max-chars."""
    paragraph = ("The Client shall pay every invoice within thirty days of receipt. " * 8).strip() + "\n\n"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(paragraph * (chars // len(paragraph) + 1))
    return path


def long_paragraph_of_600k(path: Path) -> Path:
    """One paragraph of 609,008 characters: under the paragraph limit, over what one piece given to spaCy holds."""
    path.write_text(
        "the parties agree that each fee is paid by the client and " * 10_500 + "on time.\n", encoding="utf-8"
    )
    return path


def long_paragraph_text(path: Path) -> Path:
    """1.5 million characters in one paragraph, in a file under the default --max-chars."""
    return one_line_text(path, 1_500_000)


def capital_headings_text(path: Path, sections: int = 20_000) -> Path:
    """A text of ``sections`` headings in capitals, each on its own line right above a line of text (no blank
    lines), with a paragraph in capitals wrapped over lines between them: every heading line is looked at."""
    section = "PAYMENT TERMS {n}\nAll invoices are payable within 30 days.\nTHE SOFTWARE IS PROVIDED\nAS IS.\n"
    path.write_text("".join(section.format(n=n) for n in range(sections)), encoding="utf-8")
    return path


def chained_pages_text(path: Path, pages: int = 40_000) -> Path:
    """A text whose every page break falls inside one sentence (a page number and a running footer between the
    halves): the page join makes one paragraph of 2.3 M characters of it, over the paragraph limit."""
    page = "the parties agree that each fee is paid by the client and\n\n{n}\n\nSource: ACME CORP, 10-K, 3/12/2020\n\n"
    text = "".join(page.format(n=n % 999 + 1) for n in range(pages))  # (page numbers have at most four digits)
    path.write_text(text + "on time.\n", encoding="utf-8")
    return path


def pdf_magic_in_text(path: Path) -> Path:
    """A text contract whose first lines quote "%PDF-" (it is not a PDF: PDF readers look at offset 0)."""
    path.write_text(
        "Services Agreement\n\nNote: files must be sent as PDF (they start with %PDF-1.7).\n\n"
        "1. The Client shall pay every invoice within 30 days of receipt.\n",
        encoding="utf-8",
    )
    return path


def sample_pdf(path: Path) -> Path:
    path.write_bytes(BASE_PDF.read_bytes())
    return path


def sample_docx(path: Path) -> Path:
    path.write_bytes(BASE_DOCX.read_bytes())
    return path


def utf8_with_a_bad_byte(path: Path) -> Path:
    text = "Dienstvertrag\n\n1. Die Vergütung ist fällig binnen 14 Tagen nach Zugang der Rechnung.\n"
    data = text.encode("utf-8")
    at = data.index(b"binnen")
    path.write_bytes(data[:at] + b"\xff" + data[at:])
    return path


Builder = Callable[[Path], Path]


def make_dir(path: Path) -> Path:
    path.mkdir()
    return path


TIMEOUT_S = 30  # a hang guard, not a speed test: bench/bad_input.py measures the time


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    build: Builder | None
    code: str
    args: tuple[str, ...] = ()
    needs: str | None = None  # "base_pdf" when the builder needs the committed sample PDF
    #: a hang guard above what the case costs now and below what it cost before the fix it guards
    timeout: float = TIMEOUT_S


CASES = [
    Case("missing path", "nope.pdf", None, E_NOT_FOUND),
    Case("directory", "folder.pdf", make_dir, E_IS_DIR),
    Case("zero bytes", "empty.pdf", empty_file, E_EMPTY),
    Case("random bytes", "noise.bin", random_bytes, E_TEXT_BINARY),
    Case("random bytes named pdf", "noise.pdf", random_bytes, E_TEXT_BINARY),
    Case("PNG renamed .pdf", "scan.pdf", png_renamed_pdf, E_TYPE_MISMATCH),
    Case("PNG decompression bomb", "huge.png", png_bomb, E_IMAGE),
    Case("truncated PNG", "cut.png", broken_png, E_IMAGE),
    Case("truncated PDF", "cut.pdf", truncated_pdf, E_PDF_DAMAGED, needs="base_pdf"),
    Case("encrypted PDF, no password", "locked.pdf", encrypted_pdf, E_PDF_PASSWORD, needs="base_pdf"),
    Case(
        "encrypted PDF, wrong password",
        "locked.pdf",
        encrypted_pdf,
        E_PDF_BAD_PASSWORD,
        ("--password", "wrong"),
        needs="base_pdf",
    ),
    Case("image-only PDF, OCR off", "scanned.pdf", image_only_pdf, E_PDF_NO_TEXT, ("--no-ocr",)),
    Case(".doc renamed .docx", "old.docx", doc_renamed_docx, E_CONVERT_FIRST),
    Case(".odt", "contract.odt", odt_file, E_CONVERT_FIRST),
    Case(".rtf", "contract.rtf", rtf_file, E_CONVERT_FIRST),
    Case("DOCX zip bomb", "bomb.docx", zip_bomb_docx, E_DOCX_BOMB),
    Case("billion laughs DOCX", "laughs.docx", billion_laughs_docx, E_DOCX_DTD),
    Case("external entity DOCX", "xxe.docx", external_entity_docx, E_DOCX_DTD),
    Case("text over the size limit", "huge.txt", oversized_text, E_TOO_LARGE),
    Case("text over a given --max-size", "big.txt", oversized_text, E_TOO_LARGE, ("--max-size", "1MB")),
    # issue 12: each of these was not handled (exit 0 after gigabytes, E199, or a refusal after minutes)
    Case("PDF stream inflating to 256 MB", "bomb.pdf", pdf_stream_bomb, E_PDF_BOMB, timeout=15),
    Case("DOCX lying about its member's CRC", "liar.docx", lying_docx, E_DOCX_DAMAGED, timeout=20),
    Case("DOCX of 2.4 M empty paragraphs", "empty-paras.docx", empty_paragraphs_docx, E_DOCX_BOMB, timeout=8),
    Case("DOCX of 250 k paragraphs", "many-paras.docx", many_paragraphs_docx, E_DOCX_BOMB, timeout=3),
    Case("DOCX in EBCDIC", "ebcdic.docx", ebcdic_docx, E_DOCX_DAMAGED),
    Case("20 MB text on one line", "one-line.txt", one_line_text, E_TOO_LONG, timeout=10),
    Case("text over 5 M characters", "long.txt", long_text, E_TOO_LONG, timeout=15),
    Case("one paragraph of 1.5 M characters", "long-para.txt", long_paragraph_text, E_TOO_LONG, timeout=15),
    Case("40 000 page breaks inside one sentence", "pages.txt", chained_pages_text, E_TOO_LONG, timeout=15),
    Case("PDF over a given --max-chars", "contract.pdf", sample_pdf, E_TOO_LONG, ("--max-chars", "2000"), "base_pdf"),
    Case("DOCX over a given --max-chars", "contract.docx", sample_docx, E_TOO_LONG, ("--max-chars", "2000")),
    Case("--max-size inf", "contract.txt", rtf_file, E_BAD_OPTION, ("--max-size", "inf")),
    Case("--max-chars zero", "contract.txt", rtf_file, E_BAD_OPTION, ("--max-chars", "0")),
]


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    max_rss_mb: float
    seconds: float


# A small launcher process runs ghostproof and reports the child's own peak memory. Linux counts the RSS a
# process had when it was forked into the child's ru_maxrss, so forking straight from a big test process would
# inflate the figure; the launcher is small and waits in the middle.
_LAUNCHER = """
import os, subprocess, sys, time
t0 = time.monotonic()
proc = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
elapsed = time.monotonic() - t0
with open(sys.argv[1], "w") as fh:
    fh.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss} {elapsed}")
"""


def run_cli(args: list[str], *, drop_root: bool = False, timeout: float = TIMEOUT_S) -> Run:
    """Run ``ghostproof`` in a child process; return its exit code, output, peak memory and wall time."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("GHOSTPROOF_DEBUG", None)
    # root reads files whatever their mode: drop the capabilities that allow it (util-linux setpriv)
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if drop_root else []
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r", suffix=".stat") as stat,
    ):
        command = [sys.executable, "-c", _LAUNCHER, stat.name, *prefix, sys.executable, "-m", "ghostproof", *args]
        proc = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise TimeoutError(f"ghostproof {' '.join(args)} hung for {timeout} s") from None
        code, rss_kb, elapsed = stat.read().split()
        out.seek(0)
        err.seek(0)
        return Run(int(code), out.read().decode(), err.read().decode(), int(rss_kb) / 1024, float(elapsed))
