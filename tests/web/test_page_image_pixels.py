"""The redaction box on a page image is drawn around the proposed passage, and nowhere else.

S1's document (``tests/consultation.py``) is ``text_pdf`` with two paragraphs on an A4 page, and the
proposal redacts "P. van S1" in the second one, "Contactpersoon: P. van S1.". Its layout is known:
Helvetica 11 in 6 mm lines, a 20 mm margin plus fpdf's 1 mm cell padding, 3 mm between paragraphs. So
the passage stands on the line from 29 to 35 mm below the top, from 50.5 mm ("Contactpersoon: " is
29.5 mm wide) to 67.4 mm from the left. The image is at 1.5 pixels a point; the box is drawn two
pixels around the glyphs, its label (the ground's code) just above it.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.consultation import ids, open_file, start_consultation

BOX = (178, 34, 34)
PIXELS_PER_MM = 1.5 * 72 / 25.4
# The passage's line: left, top, right, bottom in pixels, widened by the box's two-pixel margin and two more.
PASSAGE = (50.5 * PIXELS_PER_MM - 4, 29 * PIXELS_PER_MM - 4, 67.4 * PIXELS_PER_MM + 4, 35 * PIXELS_PER_MM + 4)
LABEL_HEIGHT = 14  # pixels above the box, where the ground's code is written
A4 = (893, 1263)  # 210 × 297 mm at 1.5 pixels a point


def _pixels(png: bytes) -> tuple[Image.Image, list[tuple[int, int]]]:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image, [
        (i % image.width, i // image.width) for i, pixel in enumerate(image.get_flattened_data()) if pixel == BOX
    ]


def _assert_box_around_the_passage_only(png: bytes) -> None:
    image, boxed = _pixels(png)
    assert image.size == A4
    left, top, right, bottom = PASSAGE
    box = [(x, y) for x, y in boxed if left <= x <= right and top <= y <= bottom]
    label = [(x, y) for x, y in boxed if left <= x <= right and top - LABEL_HEIGHT <= y < top]
    assert box, "no box on the passage's line"
    assert sorted(set(boxed) - set(box) - set(label)) == [], "box colour outside the passage and its label"
    box_left, box_right = min(x for x, _y in box), max(x for x, _y in box)
    box_top, box_bottom = min(y for _x, y in box), max(y for _x, y in box)
    # A closed outline: every pixel of its outer edges is box colour, all four sides.
    edges = [(x, box_top) for x in range(box_left, box_right + 1)] + [
        (x, box_bottom) for x in range(box_left, box_right + 1)
    ]
    edges += [(box_left, y) for y in range(box_top, box_bottom + 1)]
    edges += [(box_right, y) for y in range(box_top, box_bottom + 1)]
    assert all(image.getpixel(point) == BOX for point in edges)
    # The passage's glyphs stay readable inside the outline (it is a proposal, not a blackout).
    inside = [
        image.getpixel((x, y)) for y in range(box_top + 3, box_bottom - 2) for x in range(box_left + 3, box_right - 2)
    ]
    assert sum(1 for pixel in inside if max(pixel) < 100) > 50
    assert sum(1 for pixel in inside if pixel == (255, 255, 255)) > len(inside) // 2


@pytest.fixture
def links(app, logged_in_client):
    return start_consultation(app)


def test_the_stakeholder_sees_the_box_around_the_proposed_passage_and_nowhere_else(app, links):
    png = open_file(app, links["S1"]).get(f"/z/dossier/documenten/{ids(app, 'S1')['document']}/pagina/1.png").data
    _assert_box_around_the_passage_only(png)


def test_the_handler_sees_the_box_around_the_proposed_passage_and_nowhere_else(app, links, logged_in_client):
    document = ids(app, "S1")["document"]
    response = logged_in_client.get(f"/zaken/W-2024-1/documenten/{document}/pagina/1.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    _assert_box_around_the_passage_only(response.data)
