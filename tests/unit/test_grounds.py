"""SPEC §6: the ground catalogue and how codes are written."""

import pytest

from zienswijze.domain.grounds import NATIONAL_CATALOGUE, normalize_code


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("5.1.2.e", "5.1.2e"),
        (" 5.1.2E ", "5.1.2e"),
        ("5.1.1.c", "5.1.1c"),
        ("5.2", "5.2"),
        ("Buiten  scope", "buiten scope"),
    ],
)
def test_codes_are_read_in_the_catalogue_spelling(raw, code):
    assert normalize_code(raw) == code


def test_the_catalogue_holds_every_ground_of_woo_article_5_1_and_5_2():
    codes = {entry.code for entry in NATIONAL_CATALOGUE}
    expected = {f"5.1.1{letter}" for letter in "abcde"} | {f"5.1.2{letter}" for letter in "abcdefghi"}
    assert expected | {"5.1.5", "5.2.1"} <= codes


def test_every_ground_has_a_plain_dutch_explanation_for_stakeholders():
    assert all(entry.explanation.endswith(".") for entry in NATIONAL_CATALOGUE)


def test_catalogue_codes_are_unique_and_already_normalised():
    codes = [entry.code for entry in NATIONAL_CATALOGUE]
    assert len(codes) == len(set(codes))
    assert all(normalize_code(code) == code for code in codes)
