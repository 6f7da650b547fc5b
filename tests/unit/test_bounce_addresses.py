"""The per-message envelope sender: names its outbox message, cannot be forged, fits in a local part."""

from __future__ import annotations

import pytest

from zienswijze.mail.bounces import BounceAddress

KEY = "test-secret-key-that-is-long-enough-000"
BOUNCES = BounceAddress("bounces@zienswijze.gemeente.nl", KEY)


@pytest.mark.parametrize("outbox_id", [1, 31, 32, 173, 2**31 - 1, 2**63 - 1])
def test_the_envelope_sender_names_its_outbox_message(outbox_id):
    assert BOUNCES.outbox_id(BOUNCES.for_message(outbox_id)) == outbox_id


def test_the_envelope_sender_is_a_plus_form_of_the_bounce_address_within_the_local_part_limit():
    address = BOUNCES.for_message(2**63 - 1)
    local, _, domain = address.rpartition("@")
    assert local.startswith("bounces+") and domain == "zienswijze.gemeente.nl"
    assert len(local) <= 64 and local == local.lower()


def test_a_server_that_changes_the_case_of_the_address_still_reaches_the_message():
    assert BOUNCES.outbox_id(BOUNCES.for_message(173).upper()) == 173


def test_a_token_for_another_message_id_is_refused():
    token = BOUNCES.for_message(173).partition("+")[2].partition("@")[0]
    mac = token.partition("-")[2]
    forged = f"bounces+{BOUNCES.for_message(174).partition('+')[2].partition('-')[0]}-{mac}@zienswijze.gemeente.nl"
    assert BOUNCES.outbox_id(forged) is None


@pytest.mark.parametrize(
    "recipient",
    ["bounces+aaaa-0123456789abcdef@zienswijze.gemeente.nl", "bounces+x@zienswijze.gemeente.nl", "bounces+@z.nl"],
)
def test_a_guessed_token_is_refused(recipient):
    assert BOUNCES.outbox_id(recipient) is None


def test_an_address_of_another_domain_or_mailbox_is_no_bounce_address():
    token = BOUNCES.for_message(173).partition("+")[2].partition("@")[0]
    assert not BOUNCES.is_verp(f"bounces+{token}@elders.example.org")
    assert not BOUNCES.is_verp(f"postmaster+{token}@zienswijze.gemeente.nl")
    assert not BOUNCES.is_verp("bounces@zienswijze.gemeente.nl")


def test_after_a_key_rotation_the_bounces_of_mail_sent_before_it_are_still_read():
    sent_before = BOUNCES.for_message(173)
    rotated = BounceAddress("bounces@zienswijze.gemeente.nl", "a-new-secret-key-that-is-long-enough-111", [KEY])
    assert rotated.outbox_id(sent_before) == 173
    assert (
        BounceAddress("bounces@zienswijze.gemeente.nl", "a-new-secret-key-that-is-long-enough-111").outbox_id(
            sent_before
        )
        is None
    )
