"""The disclosure hold of Woo art. 4.4 lid 5 and the notice's terms, as a table of dated cases."""

from __future__ import annotations

from datetime import date

import pytest

from zienswijze.domain.cases import Assessment
from zienswijze.domain.notices import (
    NoticeChannel,
    NoticeFacts,
    channel_for,
    hold_end,
    objection_end,
    outcome_in_words,
    requires_hold,
)


@pytest.mark.parametrize(
    ("responded", "not_honoured", "no_objection_expected", "holds"),
    [
        (True, True, False, True),  # objection not (fully) honoured
        (True, False, False, False),  # objection honoured, or no objection
        (True, True, True, True),  # the handler's record is only about those who did not respond
        (False, False, False, True),  # consulted, did not respond
        (False, False, True, False),  # ... unless the handler expects no objection
    ],
)
def test_who_the_hold_waits_for(responded, not_honoured, no_objection_expected, holds):
    assert (
        requires_hold(
            responded=responded, objection_not_honoured=not_honoured, no_objection_expected=no_objection_expected
        )
        is holds
    )


@pytest.mark.parametrize(
    ("notices", "end"),
    [
        # Reached Friday 26 July 2024: the two weeks end Friday 9 August, so Saturday 10 August.
        ([NoticeFacts(date(2024, 7, 26))], date(2024, 8, 10)),
        # Reached 11 December 2024: the term ends on Eerste Kerstdag, moves to Monday 30 December.
        ([NoticeFacts(date(2024, 12, 11))], date(2024, 12, 31)),
        # Two stakeholders: the later notice decides.
        ([NoticeFacts(date(2024, 7, 26)), NoticeFacts(date(2024, 8, 2))], date(2024, 8, 17)),
        # A notice not yet reached, a bounced one or a missing one keeps the day unknown.
        ([NoticeFacts(date(2024, 7, 26)), NoticeFacts(None)], None),
        ([NoticeFacts(date(2024, 7, 26), bounced=True)], None),
        ([NoticeFacts(date(2024, 7, 26)), None], None),
    ],
)
def test_the_hold_ends_two_weeks_after_the_last_notice_reached_its_stakeholder(notices, end):
    assert hold_end(notices) == end


def test_a_hold_without_anyone_to_wait_for_is_a_mistake():
    with pytest.raises(ValueError):
        hold_end([])


def test_the_objection_term_is_six_weeks_from_the_day_after_the_notice():
    # Notice Thursday 11 December 2025: six weeks end Thursday 22 January 2026 (Awb 6:7, 6:8).
    assert objection_end(date(2025, 12, 11)) == date(2026, 1, 22)
    # Notice Saturday 23 March 2024: six weeks end Saturday 4 May, moved past Sunday and
    # Bevrijdingsdag (Sunday 5 May) to Monday 6 May 2024 (Atw art. 1).
    assert objection_end(date(2024, 3, 23)) == date(2024, 5, 6)


def test_electronic_notice_only_with_consent():
    assert channel_for(email_consent=True) is NoticeChannel.EMAIL
    assert channel_for(email_consent=False) is NoticeChannel.POST


@pytest.mark.parametrize(
    ("assessment", "grounds", "words"),
    [
        (Assessment.OPENBAAR, [], "openbaar, vanaf 30 december 2025"),
        (
            Assessment.DEELS_OPENBAAR,
            ["5.1.2e"],
            "deels openbaar (delen weggelakt op grond van artikel 5.1.2e Woo), vanaf 30 december 2025",
        ),
        (Assessment.NIET_OPENBAAR, ["5.1.2e", "5.2"], "niet openbaar, op grond van artikel 5.1.2e, 5.2 Woo"),
        (Assessment.REEDS_OPENBAAR, [], "reeds openbaar"),
    ],
)
def test_a_documents_outcome_in_plain_words(assessment, grounds, words):
    assert outcome_in_words(assessment, grounds, "vanaf 30 december 2025") == words
