"""The publication version of a document: what the decision withholds is gone from the file for good.

Technique (see docs/publication.md): a page with a redaction is rasterised with pdfium, each withheld
passage is covered by a box that carries its ground code, and the page goes into a new PDF as an image
only. Nothing of the original survives on that page: no text layer, no vector content, no annotation,
no form field. Pages without a redaction are copied as they are. The new PDF is built from nothing, so
the original's document information (author, title), XMP metadata, attachments and outline stay behind.

A passage pdfium cannot find on its page (a scan, or text broken over lines) cannot be removed safely
by machine; the document is then refused with the passages to redact by hand, never published with them.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
from PIL import ImageDraw, ImageFont

from zienswijze.domain.errors import Conflict
from zienswijze.files.page_images import Mark, passage_rects

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
    source = pypdfium2.PdfDocument(data)
    target = pypdfium2.PdfDocument.new()
    try:
        missing = [f"pagina {p}: „{w.passage}”" for p, w in _not_found(source, by_page)]
        if missing:
            raise NotRedactable(
                f"{label}: deze passages staan niet in de tekstlaag en moeten met de hand worden weggelakt: "
                + "; ".join(missing)
            )
        for index in range(len(source)):
            marks = by_page.get(index + 1)
            if marks:
                _image_page(source, index, marks, target)
            else:
                target.import_pages(source, [index])
        out = io.BytesIO()
        target.save(out)
        return out.getvalue()
    finally:
        target.close()
        source.close()


def _not_found(source: pypdfium2.PdfDocument, by_page: dict[int, list[Mark]]) -> list[tuple[int, Mark]]:
    missing = []
    for page_number, marks in sorted(by_page.items()):
        if not 1 <= page_number <= len(source):
            missing += [(page_number, mark) for mark in marks]
            continue
        page = source[page_number - 1]
        try:
            found = {index for index, _label, _rect in passage_rects(page, marks)}
        finally:
            page.close()
        missing += [(page_number, mark) for index, mark in enumerate(marks) if index not in found]
    return missing


def _image_page(source: pypdfium2.PdfDocument, index: int, marks: list[Mark], target: pypdfium2.PdfDocument) -> None:
    page = source[index]
    try:
        width, height = page.get_size()
        rects = passage_rects(page, marks)
        bitmap = page.render(scale=DPI / 72, may_draw_forms=True)
        image = bitmap.to_pil().convert("RGB")
        bitmap.close()
    finally:
        page.close()
    scale = DPI / 72
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=max(10, int(9 * scale)))
    for _index, ground, (left, bottom, right, top) in rects:
        box = (
            (left - MARGIN) * scale,
            (height - top - MARGIN) * scale,
            (right + MARGIN) * scale,
            (height - bottom + MARGIN) * scale,
        )
        draw.rectangle(box, fill=FILL, outline=INK, width=1)
        draw.text(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), ground, fill=INK, font=font, anchor="mm")
    new_page = target.new_page(width, height)
    try:
        picture = pypdfium2.PdfImage.new(target)
        encoded = io.BytesIO()
        image.save(encoded, format="JPEG", quality=90, subsampling=0)
        picture.load_jpeg(encoded, inline=False, autoclose=True)
        picture.set_matrix(pypdfium2.PdfMatrix().scale(width, height))
        new_page.insert_obj(picture)
        new_page.gen_content()
    finally:
        new_page.close()


def cached(directory: Path, sha256: str, withheld: list[Withheld], make: Callable[[], bytes]) -> bytes:
    """The publication PDF kept beside the stored files, keyed by the file and the redactions it had removed."""
    key = hashlib.sha256(
        json.dumps([DPI, sha256, sorted((w.page, w.passage, w.ground) for w in withheld)]).encode()
    ).hexdigest()
    path = directory / "publicatie" / key[:2] / f"{key}.pdf"
    if path.exists():
        return path.read_bytes()
    data = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent)
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    os.replace(temporary, path)
    return data
