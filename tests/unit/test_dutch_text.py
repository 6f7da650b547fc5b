"""Written Dutch as decisions write it: counts in words, one full stop, capitals at sentence start."""

import pytest

from zienswijze.domain.dutch_text import count, in_sentence, join_sentences, number_words, sentence


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nul"),
        (1, "één"),
        (12, "twaalf"),
        (20, "twintig"),
        (21, "eenentwintig"),
        (22, "tweeëntwintig"),
        (23, "drieëntwintig"),
        (48, "achtenveertig"),
        (100, "honderd"),
        (101, "honderdeen"),
        (256, "tweehonderdzesenvijftig"),
        (1000, "duizend"),
        (2024, "tweeduizend vierentwintig"),
    ],
)
def test_numbers_are_written_out(n, words):
    assert number_words(n) == words


@pytest.mark.parametrize(
    ("n", "start", "phrase"),
    [
        (1, False, "één belanghebbende"),
        (2, False, "twee belanghebbenden"),
        (20, False, "twintig belanghebbenden"),
        (21, False, "21 belanghebbenden"),
        (1, True, "Eén belanghebbende"),
        (2, True, "Twee belanghebbenden"),
        (21, True, "Eenentwintig belanghebbenden"),
    ],
)
def test_a_count_is_in_words_up_to_twenty_and_always_at_the_start_of_a_sentence(n, start, phrase):
    assert count(n, "belanghebbende", "belanghebbenden", start=start) == phrase


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("het CBS heeft gewogen", "Het CBS heeft gewogen."),
        ("de minister heeft gewogen.", "De minister heeft gewogen."),
        ("Het gaat om Bouw B.V.", "Het gaat om Bouw B.V."),
        ("  Is dat  zo? ", "Is dat zo?"),
        ("één belanghebbende", "Eén belanghebbende."),
        ("", ""),
    ],
)
def test_a_sentence_starts_with_a_capital_and_ends_in_one_mark(text, result):
    assert sentence(text) == result


def test_joined_sentences_skip_empty_parts_and_never_double_a_full_stop():
    assert join_sentences("gezien door Bouw B.V.", "", "  ", "verder niets") == "Gezien door Bouw B.V. Verder niets."


@pytest.mark.parametrize(
    ("name", "inside"),
    [("De minister", "de minister"), ("Het CBS", "het CBS"), ("het CBS", "het CBS"), ("Gemeente A", "Gemeente A")],
)
def test_a_body_name_inside_a_sentence_has_its_article_in_lower_case(name, inside):
    assert in_sentence(name) == inside
