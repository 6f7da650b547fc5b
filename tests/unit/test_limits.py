"""The limits on what one view may hold: text per field up to its cap, all text together, and its files."""

from __future__ import annotations

from zienswijze.domain.limits import MAX_VIEW_TEXT, AttachmentLimits, TextCap, length_error
from zienswijze.domain.responses import ItemInput, ItemKind, Position, ResponseInput, Shown, structural_errors

SHOWN = Shown(document_ids=frozenset({1}), redaction_documents={}, ground_codes=frozenset({"5.1.2e"}))


def test_a_text_of_exactly_its_cap_is_accepted_and_one_more_character_refused():
    assert length_error("x" * TextCap.NAME, TextCap.NAME) is None
    assert length_error("x" * (TextCap.NAME + 1), TextCap.NAME) == (
        "Deze tekst is 201 tekens lang; hoogstens 200 mag. Maak hem korter."
    )


def test_a_view_whose_texts_together_pass_the_total_is_refused_though_each_is_within_its_cap():
    items = tuple(ItemInput(ItemKind.BEZWAAR, 1, reasons="x" * TextCap.LONG) for _ in range(11))
    assert 11 * TextCap.LONG > MAX_VIEW_TEXT
    errors = structural_errors(ResponseInput(position=Position.BEZWAAR, items=items), SHOWN)
    assert errors == {"": errors[""]} and errors[""].startswith("Uw zienswijze is in totaal 220.000 tekens lang")


def test_attachments_are_refused_past_their_number_or_their_total_size():
    limits = AttachmentLimits(max_count=2, max_bytes=1000)
    assert limits.refusal(count=1, total_bytes=500, new_bytes=500) is None
    assert "hoogstens 2 bijlagen" in (limits.refusal(count=2, total_bytes=0, new_bytes=1) or "")
    assert "samen hoogstens" in (limits.refusal(count=1, total_bytes=500, new_bytes=501) or "")
