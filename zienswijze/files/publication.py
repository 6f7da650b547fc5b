"""The publication version of a document: what the decision withholds is gone from the file for good.

Technique (see docs/publication.md): a page with a redaction is rasterised with pdfium (through
``files/pdfs.py``, which serialises every pdfium call), each withheld passage is covered by a box
that carries its ground code, and the page goes into a new PDF as an image only. Nothing of the
original survives on that page: no text layer, no vector content, no annotation, no form field. Pages
without a redaction are copied as they are. The new PDF is built from nothing, so the original's
document information (author, title), XMP metadata, attachments and outline stay behind.

A passage pdfium cannot find on its page (a scan, or text broken over lines) cannot be removed safely
by machine; the document is then refused with the passages to redact by hand, never published with them.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageDraw, ImageFont

from zienswijze.domain.errors import Conflict
from zienswijze.domain.text import N_
from zienswijze.files.page_images import Mark
from zienswijze.files.pdfs import passages_found, rebuilt, render
from zienswijze.files.store import write_atomically

DPI = 200
MARGIN = 1.5  # points around each found passage, so no ascender or descender shows
FILL = (217, 217, 217)
INK = (0, 0, 0)


class NotRedactable(Conflict):
    """A withheld passage is not in the page's text layer: the page must be redacted by hand."""


@dataclass(frozen=True)
class Withheld:
    page: int
    passage: str
    ground: str


def publication_pdf(data: bytes, withheld: list[Withheld], *, label: str) -> bytes:
    """The original PDF with every withheld passage removed and boxed with its ground; ``label`` names it in errors."""
    by_page: dict[int, list[Mark]] = {}
    for item in withheld:
        by_page.setdefault(item.page, []).append(Mark(item.passage, item.ground))
    found = passages_found(data, {page: [mark.passage for mark in marks] for page, marks in by_page.items()})
    missing = [
        f"pagina {page}: „{mark.passage}”"
        for page, marks in sorted(by_page.items())
        for index, mark in enumerate(marks)
        if index not in found[page]
    ]
    if missing:
        raise NotRedactable(
            N_(
                "%(label)s: deze passages staan niet in de tekstlaag en moeten met de hand worden weggelakt: "
                "%(passages)s",
                label=label,
                passages="; ".join(missing),
            )
        )
    return rebuilt(data, {page: _image_page(data, page, marks) for page, marks in by_page.items()})


def _image_page(data: bytes, page: int, marks: list[Mark]) -> bytes:
    """The page as a JPEG at ``DPI`` with each found passage covered by a box with its ground."""
    scale = DPI / 72
    rendered = render(data, page, [mark.passage for mark in marks], scale=scale, forms=True)
    image = rendered.image.convert("RGB")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=max(10, int(9 * scale)))
    for index, box in rendered.boxes(margin=MARGIN):
        draw.rectangle(box, fill=FILL, outline=INK, width=1)
        draw.text(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), marks[index].label, fill=INK, font=font, anchor="mm")
    encoded = io.BytesIO()
    image.save(encoded, format="JPEG", quality=90, subsampling=0)
    return encoded.getvalue()


def cached(directory: Path, sha256: str, withheld: list[Withheld], make: Callable[[], bytes]) -> bytes:
    """The publication PDF kept beside the stored files, keyed by the file and the redactions it had removed."""
    key = hashlib.sha256(
        json.dumps([DPI, sha256, sorted((w.page, w.passage, w.ground) for w in withheld)]).encode()
    ).hexdigest()
    path = directory / "publicatie" / key[:2] / f"{key}.pdf"
    if path.exists():
        return path.read_bytes()
    data = make()
    write_atomically(path, data)
    return data
