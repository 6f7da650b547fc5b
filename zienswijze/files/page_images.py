"""A PDF page as a PNG with the proposed redactions drawn on it as labelled boxes, rendered once.

The boxes are drawn where pdfium finds the passage in the page's text layer; a passage that is not
found (a scan, or a passage broken over lines) is simply not drawn, and the list of redactions beside
the image stays the accessible and complete account.

Rendered pages are kept beside the stored files, under ``<upload dir>/pages/``, named by the PDF's
SHA-256, the page, the scale and a hash of the marks: a changed redaction is a new name, so a cached
image is never stale and never overwritten. Only one page is rendered at a time per process, which
bounds the memory a burst of requests can take to one page's pixels.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageDraw

from zienswijze.db import Ground, ProposedRedaction
from zienswijze.files.pdfs import RENDER_SCALE, render
from zienswijze.files.store import path_for, write_atomically

BOX = (178, 34, 34)  # a dark red that keeps 4.5:1 against white for the label
_RENDERING = threading.Lock()


@dataclass(frozen=True)
class Mark:
    passage: str
    label: str  # e.g. the ground code, drawn beside the box


def marks_on(redactions: Iterable[tuple[ProposedRedaction, Ground]], page: int) -> list[Mark]:
    """The marks a page shows: each proposed redaction on it, labelled with its ground's code."""
    return [Mark(redaction.passage, ground.code) for redaction, ground in redactions if redaction.page == page]


def cache_path(upload_dir: Path, sha256: str, page: int, marks: list[Mark]) -> Path:
    marked = json.dumps(sorted((mark.passage, mark.label) for mark in marks), ensure_ascii=False)
    key = hashlib.sha256(marked.encode()).hexdigest()[:16]
    return upload_dir / "pages" / sha256[:2] / f"{sha256}-p{page}-s{RENDER_SCALE}-{key}.png"


def page_png(upload_dir: Path, sha256: str, page: int, marks: list[Mark]) -> bytes:
    """The cached PNG of a stored PDF's 1-based page with these marks, rendered on first use.

    NotAPdf when the page cannot be read or is beyond the limits; ValueError when it is not in the PDF.
    """
    target = cache_path(upload_dir, sha256, page, marks)
    if target.exists():
        return target.read_bytes()
    with _RENDERING:  # a burst for one page renders it once; the others find it when they get here
        if target.exists():
            return target.read_bytes()
        png, _found = render_page(path_for(upload_dir, sha256).read_bytes(), page, marks)
        write_atomically(target, png)
    return png


def render_page(data: bytes, page_number: int, marks: list[Mark]) -> tuple[bytes, int]:
    """The PNG of a 1-based page and how many of the marks were found and drawn on it."""
    rendered = render(data, page_number, [mark.passage for mark in marks])
    draw = ImageDraw.Draw(rendered.image)
    for index, box in rendered.boxes(margin=2 / RENDER_SCALE):  # two pixels around the passage
        draw.rectangle(box, outline=BOX, width=3)
        draw.text((box[0], max(box[1] - 12, 0)), marks[index].label, fill=BOX)
    out = io.BytesIO()
    # Not ``optimize``: it made a cold page three times slower (the renderer is held meanwhile) for 7 % less size.
    rendered.image.save(out, format="PNG")
    return out.getvalue(), len({index for index, _rect in rendered.rects})
