"""A case's kenmerk goes into every mail header and link of the case: only safe characters (issue 12, finding 10)."""

import pytest

from zienswijze.domain.cases import reference_problem
from zienswijze.domain.production_report import check_identifiers


@pytest.mark.parametrize("reference", ["W-2024-1", "DEMO-2024-136", "A-2024-7", "CSB-2024-136", "woo-2024.12", "7"])
def test_usual_references_are_valid_and_publishable(reference):
    assert reference_problem(reference) is None
    check_identifiers(reference, reference)


@pytest.mark.parametrize(
    "reference",
    [
        "W-1\\r\\nBcc: x@evil.example",
        "W-1\\nX",
        "2024/12",
        "..",
        "W..1",
        ".verborgen",
        "W 1",
        "zaak#1",
        "W_1",
        "é-1",
        "",
    ],
)
def test_a_reference_with_a_line_break_slash_dots_or_other_signs_is_refused(reference):
    # "_" too: the publication platform refuses it in a Zaaknummer, and the kenmerk is the case's Zaaknummer.
    assert "alleen letters, cijfers, - en ." in reference_problem(reference.replace("\\r", "\r").replace("\\n", "\n"))


def test_a_reference_longer_than_sixty_characters_is_refused():
    assert reference_problem("A" * 60) is None
    assert reference_problem("A" * 61) == "Het kenmerk mag hoogstens 60 tekens lang zijn."
