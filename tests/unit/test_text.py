"""A text from the domain reads as its Dutch sentence everywhere, and still knows how to be translated."""

from __future__ import annotations

import pickle
from datetime import date

from zienswijze.db.types import TextList
from zienswijze.domain.text import N_, Text


def test_a_text_is_its_dutch_sentence_and_keeps_its_catalogue_id_and_parameters():
    text = N_("%(day)s is %(reason)s; verschoven naar %(next)s", day="02-05-2026", reason=N_("een zaterdag"), next="x")
    assert text == "02-05-2026 is een zaterdag; verschoven naar x"
    assert text.msgid == "%(day)s is %(reason)s; verschoven naar %(next)s"
    assert text.params["reason"].msgid == "een zaterdag"


def test_a_text_without_parameters_is_its_id_even_with_a_percent_sign():
    assert N_("100% zeker") == "100% zeker"


def test_a_date_in_a_text_is_written_the_dutch_way_and_kept_as_a_date():
    text = N_("Kies een datum na %(deadline)s.", deadline=date(2026, 12, 18))
    assert text == "Kies een datum na vrijdag 18 december 2026." and text.params["deadline"] == date(2026, 12, 18)


def test_a_text_survives_pickling():
    text = pickle.loads(pickle.dumps(N_("Kies een termijn van 1 tot en met %(days)s dagen.", days=90)))
    assert isinstance(text, Text) and text.params == {"days": 90} and text.endswith("90 dagen.")


def test_a_stored_list_of_texts_reads_back_translatable_and_old_plain_strings_as_they_were():
    column = TextList()
    stored = column.process_bind_param([N_("%(first)s en %(second)s", first=N_("Koningsdag"), second="x"), "oud"], None)
    loaded = column.process_result_value(stored, None)
    assert loaded == ["Koningsdag en x", "oud"]
    assert isinstance(loaded[0], Text) and isinstance(loaded[0].params["first"], Text)
    assert type(loaded[1]) is str
