"""A PDF page as a PNG with the proposed redactions drawn on it as labelled boxes.

The boxes are drawn where pdfium finds the passage in the page's text layer; a passage that is not
found (a scan, or a passage broken over lines) is simply not drawn, and the list of redactions beside
the image stays the accessible and complete account.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pypdfium2
from PIL import ImageDraw

SCALE = 1.5  # 108 dpi: readable on screen, small enough to send
BOX = (178, 34, 34)  # a dark red that keeps 4.5:1 against white for the label


@dataclass(frozen=True)
class Mark:
    passage: str
    label: str  # e.g. the ground code, drawn beside the box


def render_page(data: bytes, page_number: int, marks: list[Mark]) -> tuple[bytes, int]:
    """The PNG of a 1-based page and how many of the marks were found and drawn on it."""
    pdf = pypdfium2.PdfDocument(data)
    try:
        if not 1 <= page_number <= len(pdf):
            raise ValueError(f"page {page_number} is not in a document of {len(pdf)} pages")
        page = pdf[page_number - 1]
        try:
            rects = passage_rects(page, marks)
            bitmap = page.render(scale=SCALE)
            image = bitmap.to_pil()
            bitmap.close()
            height = page.get_height()
        finally:
            page.close()
    finally:
        pdf.close()
    draw = ImageDraw.Draw(image)
    for _index, label, (left, bottom, right, top) in rects:
        box = (left * SCALE - 2, (height - top) * SCALE - 2, right * SCALE + 2, (height - bottom) * SCALE + 2)
        draw.rectangle(box, outline=BOX, width=3)
        draw.text((box[0], max(box[1] - 12, 0)), label, fill=BOX)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue(), len({index for index, _label, _rect in rects})


def passage_rects(page, marks: list[Mark]) -> list[tuple[int, str, tuple[float, float, float, float]]]:
    """Where on the page each mark's passage is, as (mark index, label, rect in points); every occurrence."""
    found = []
    textpage = page.get_textpage()
    try:
        for number, mark in enumerate(marks):
            searcher = textpage.search(" ".join(mark.passage.split()), match_case=True)
            try:
                while (hit := searcher.get_next()) is not None:
                    index, count = hit
                    rects = range(textpage.count_rects(index, count))
                    found += [(number, mark.label, textpage.get_rect(i)) for i in rects]
            finally:
                searcher.close()
    finally:
        textpage.close()
    return found
