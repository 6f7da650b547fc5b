"""Document numbers as a Woo team writes them: single numbers and ranges, read and written back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zienswijze.domain.errors import Invalid
from zienswijze.domain.number_ranges import FIELD, compact, parse_numbers


def test_single_numbers_and_ranges_separated_by_commas_semicolons_or_spaces_are_read():
    assert parse_numbers("1-3, 7;9 10") == {1, 2, 3, 7, 9, 10}


def test_a_range_typed_with_an_en_dash_is_read_like_a_hyphen():
    assert parse_numbers("4–6") == {4, 5, 6}


def test_nothing_typed_is_no_documents():
    assert parse_numbers("  ") == set()


@pytest.mark.parametrize("typed", ["3a", "1-", "-4", "1-2-3", "zeven"])
def test_a_part_that_is_no_number_or_range_is_refused_by_name(typed):
    with pytest.raises(Invalid) as refused:
        parse_numbers(f"1, {typed}")
    assert f"'{typed}'" in refused.value.errors[FIELD]


def test_a_range_from_high_to_low_is_refused():
    with pytest.raises(Invalid):
        parse_numbers("9-4")


def test_a_range_too_wide_to_be_meant_is_refused():
    with pytest.raises(Invalid):
        parse_numbers("1-1000000")


def test_numbers_are_written_back_as_the_shortest_ranges():
    assert compact([7, 1, 2, 3, 9, 10]) == "1-3, 7, 9-10"


@given(st.sets(st.integers(min_value=1, max_value=5000), max_size=60))
def test_what_is_written_back_reads_as_the_same_numbers(numbers):
    assert parse_numbers(compact(numbers)) == numbers
