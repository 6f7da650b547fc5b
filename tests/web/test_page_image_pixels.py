"""The redaction boxes on a page image are drawn around their passages, and nowhere else.

S1's document (``tests/consultation.py``) is ``text_pdf`` with two paragraphs on an A4 page,
"Document van S1." and "Contactpersoon: P. van S1."; the proposal redacts "P. van S1", and S1 asks
for "Document van S1." to be redacted as well (``tests/weighing_case.py``). The layout is known:
Helvetica 11 in 6 mm lines, a 20 mm margin plus fpdf's 1 mm cell padding, 3 mm between paragraphs.
So "Document van S1." (31.9 mm wide) stands on the line from 20 to 26 mm below the top, from 21 to
52.9 mm from the left; "P. van S1" on the line from 29 to 35 mm, from 50.5 mm ("Contactpersoon: " is
29.5 mm wide) to 67.4 mm. The image is at 1.5 pixels a point; a box is drawn two pixels around the
glyphs, its label (the ground's code) just above it.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.consultation import ids, open_file, start_consultation
from tests.weighing_case import consulted_after_the_terms, weigh_all

BOX = (178, 34, 34)
PIXELS_PER_MM = 1.5 * 72 / 25.4


def _line(left_mm: float, top_mm: float, right_mm: float, bottom_mm: float) -> tuple[float, float, float, float]:
    """A passage's place on its line in pixels, widened by the box's two-pixel margin and two more."""
    return (
        left_mm * PIXELS_PER_MM - 4,
        top_mm * PIXELS_PER_MM - 4,
        right_mm * PIXELS_PER_MM + 4,
        bottom_mm * PIXELS_PER_MM + 4,
    )


PROPOSED = _line(50.5, 29, 67.4, 35)  # "P. van S1"
ASKED_FOR = _line(21, 20, 52.9, 26)  # "Document van S1."
LABEL_HEIGHT = 14  # pixels above the box, where the ground's code is written
A4 = (893, 1263)  # 210 × 297 mm at 1.5 pixels a point


def _pixels(png: bytes) -> tuple[Image.Image, list[tuple[int, int]]]:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image, [
        (i % image.width, i // image.width) for i, pixel in enumerate(image.get_flattened_data()) if pixel == BOX
    ]


def _assert_boxes_around_these_passages_only(png: bytes, *passages: tuple[float, float, float, float]) -> None:
    image, boxed = _pixels(png)
    assert image.size == A4
    drawn: set[tuple[int, int]] = set()
    for left, top, right, bottom in passages:
        box = [(x, y) for x, y in boxed if left <= x <= right and top <= y <= bottom]
        label = [(x, y) for x, y in boxed if left <= x <= right and top - LABEL_HEIGHT <= y < top]
        assert box, f"no box on the line of the passage at {left:.0f}, {top:.0f}"
        drawn |= set(box) | set(label)
        _assert_a_closed_outline_with_the_text_readable_inside(image, box)
    assert sorted(set(boxed) - drawn) == [], "box colour outside the passages and their labels"


def _assert_a_closed_outline_with_the_text_readable_inside(image: Image.Image, box: list[tuple[int, int]]) -> None:
    box_left, box_right = min(x for x, _y in box), max(x for x, _y in box)
    box_top, box_bottom = min(y for _x, y in box), max(y for _x, y in box)
    # Every pixel of the outer edges is box colour, all four sides.
    edges = [(x, box_top) for x in range(box_left, box_right + 1)] + [
        (x, box_bottom) for x in range(box_left, box_right + 1)
    ]
    edges += [(box_left, y) for y in range(box_top, box_bottom + 1)]
    edges += [(box_right, y) for y in range(box_top, box_bottom + 1)]
    assert all(image.getpixel(point) == BOX for point in edges)
    # The passage's glyphs stay readable inside the outline (a redaction is shown, not blacked out, here).
    inside = [
        image.getpixel((x, y)) for y in range(box_top + 3, box_bottom - 2) for x in range(box_left + 3, box_right - 2)
    ]
    assert sum(1 for pixel in inside if max(pixel) < 100) > 50
    assert sum(1 for pixel in inside if pixel == (255, 255, 255)) > len(inside) // 4


@pytest.fixture
def links(app, logged_in_client):
    return start_consultation(app)


def test_the_stakeholder_sees_the_box_around_the_proposed_passage_and_nowhere_else(app, links):
    png = open_file(app, links["S1"]).get(f"/z/dossier/documenten/{ids(app, 'S1')['document']}/pagina/1.png").data
    _assert_boxes_around_these_passages_only(png, PROPOSED)


def test_the_handler_sees_the_box_around_the_proposed_passage_and_nowhere_else(app, links, logged_in_client):
    document = ids(app, "S1")["document"]
    response = logged_in_client.get(f"/zaken/W-2024-1/documenten/{document}/pagina/1.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    _assert_boxes_around_these_passages_only(response.data, PROPOSED)


@pytest.fixture
def honoured(app, clock_at, logged_in_client):
    """S1's view weighed: its objection and its request for the extra redaction of "Document van S1." honoured."""
    consulted = consulted_after_the_terms(app, clock_at)
    weigh_all(app, consulted, "gehonoreerd")
    return consulted


def test_the_handler_sees_the_redactions_after_the_weighing_boxed_and_the_proposal_unchanged(
    app, honoured, logged_in_client
):
    page = f"/zaken/W-2024-1/documenten/{ids(app, 'S1')['document']}/pagina/1.png"
    _assert_boxes_around_these_passages_only(
        logged_in_client.get(f"{page}?lakkingen=besluit").data, ASKED_FOR, PROPOSED
    )
    _assert_boxes_around_these_passages_only(logged_in_client.get(page).data, PROPOSED)
