"""What a message that came back to the bounce address says, read from reports as servers send them."""

from __future__ import annotations

import pytest

from tests.bounce_reports import report
from zienswijze.domain.delivery_reports import ReportKind, read_report

ADDRESSES = {
    "recipient": "bestaat-niet@analyse.example.com",
    "return_path": "bounces+aa-0123456789abcdef@zienswijze.gemeente.nl",
    "message_id": "<173.1@zienswijze.gemeente.nl>",
}


@pytest.mark.parametrize(
    ("name", "status", "diagnostic"),
    [
        ("postfix-hard", "5.1.1", "550 5.1.1 <bestaat-niet@analyse.example.com>: Recipient address rejected"),
        ("exchange-hard", "5.1.10", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found"),
    ],
)
def test_a_failed_recipient_with_a_5xx_status_is_a_hard_bounce(name, status, diagnostic):
    found = read_report(report(name, **ADDRESSES))
    assert (found.kind, found.status, found.recipient) == (ReportKind.HARD, status, ADDRESSES["recipient"])
    assert found.diagnostic.startswith(diagnostic) and found.reason.startswith(f"{status} {diagnostic}")


def test_a_delayed_recipient_is_a_soft_bounce():
    found = read_report(report("postfix-delayed", **ADDRESSES))
    assert (found.kind, found.status) == (ReportKind.SOFT, "4.4.1")


def test_an_out_of_office_reply_is_an_auto_reply_though_it_is_auto_submitted_like_a_report():
    assert read_report(report("out-of-office", **ADDRESSES)).kind is ReportKind.AUTO_REPLY


def test_a_report_that_says_the_mail_was_delivered_is_no_bounce():
    raw = (
        report("postfix-hard", **ADDRESSES)
        .replace(b"Action: failed", b"Action: delivered")
        .replace(b"Status: 5.1.1", b"Status: 2.0.0")
    )
    assert read_report(raw).kind is ReportKind.OTHER


def test_a_report_is_known_by_its_message_id_so_a_second_delivery_is_the_same_report():
    raw = report("postfix-hard", **ADDRESSES)
    relayed = b"Received: from relay.example.net by mx.example.org; Fri, 4 Dec 2026 10:20:00 +0100\r\n" + raw
    assert (
        read_report(raw).key == read_report(relayed).key == "<20261204091502.4Qz9Kx3B1Zz9sWf@mx1.analyse.example.com>"
    )


def test_a_report_without_a_message_id_is_known_by_its_body():
    raw = report("out-of-office", **ADDRESSES).replace(
        b"Message-ID: <ooo-20261204101611.77a1@analyse.example.com>\r\n", b""
    )
    relayed = b"Received: from relay.example.net by mx.example.org; Fri, 4 Dec 2026 10:20:00 +0100\r\n" + raw
    assert read_report(raw).key == read_report(relayed).key
    assert read_report(raw).key.startswith("sha256:")
