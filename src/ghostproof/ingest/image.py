"""Image files of contract pages (PNG, JPEG, TIFF — a TIFF may hold several pages): each page is put into a PDF of
its own making and read by OCR exactly as a scanned PDF page is (:mod:`.pdf.ocr`). Pillow opens the image with a
pixel limit, so a decompression bomb (a small file claiming a huge picture) is refused before it is decoded."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..errors import E_IMAGE, E_PDF_NO_TEXT, GhostproofError
from ..limits import DEFAULT_MAX_CHARS
from ..model import Extraction

#: the most pixels of one image page (a 600 dpi A3 scan is about 70 M)
MAX_IMAGE_PIXELS = 100_000_000


def _bad(path: Path, what: str) -> GhostproofError:
    return GhostproofError(E_IMAGE, what, path=path, hint="scan or export the page again (PNG, JPEG or TIFF)")


def read_image(path: Path, *, ocr: bool, ocr_pages: int, max_chars: int = DEFAULT_MAX_CHARS) -> Extraction:
    """The image's pages read by OCR (``ocr`` off: refused, as an image has no text layer)."""
    from PIL import Image, UnidentifiedImageError

    from .pdf import OcrOptions, read_pdf, too_many_pages

    if not ocr:
        raise GhostproofError(
            E_PDF_NO_TEXT, "this is an image of a page: it has no text layer", path=path, hint="run without --no-ocr"
        )
    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS  # over it Pillow raises (twice over) or warns: both refused below
    try:
        with Image.open(path) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise _bad(path, f"the image is {width:,} × {height:,} pixels, over the limit of {MAX_IMAGE_PIXELS:,}")
            frames = getattr(image, "n_frames", 1)
            if frames > ocr_pages:
                raise too_many_pages(path, frames, ocr_pages, scanned=True)
            with tempfile.TemporaryDirectory(prefix="ghostproof-image-") as tmp:
                pdf = Path(tmp) / "pages.pdf"
                pages = []
                for index in range(frames):
                    image.seek(index)
                    pages.append(image.convert("L"))
                dpi = image.info.get("dpi", (300, 300))[0] or 300
                pages[0].save(pdf, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi))
                try:
                    return read_pdf(pdf, max_chars=max_chars, ocr=OcrOptions(True, ocr_pages))
                except GhostproofError as err:  # name the image, not the PDF made from it
                    raise GhostproofError(
                        err.code, err.message, path=path, hint=err.hint, details=err.details
                    ) from None
    except GhostproofError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _bad(path, f"the image claims more than {MAX_IMAGE_PIXELS:,} pixels (a decompression bomb)") from None
    except (UnidentifiedImageError, OSError, ValueError, EOFError, SyntaxError) as exc:
        raise _bad(path, f"the image is damaged or incomplete ({type(exc).__name__})") from None
    finally:
        Image.MAX_IMAGE_PIXELS = limit
