"""What a message that came back to a bounce address says: a hard bounce, a delay, or an auto-reply.

A delivery status notification (RFC 3464) is a ``multipart/report; report-type=delivery-status``
whose ``message/delivery-status`` part has a block per recipient with ``Action`` and ``Status``
(RFC 3463 codes). ``Action: failed`` with a 5.x.x status says the address is wrong for good: the
same as a 5xx at sending (``domain.mail_delivery``). ``Action: delayed``, or any 4.x.x status, says a
server is still trying: nothing is known yet. An out-of-office or other automatic reply (RFC 3834
``Auto-Submitted``, or the older ``X-Autoreply`` and ``Precedence`` headers) says the mail arrived.
Anything else is not understood, and so changes nothing either.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import Message
from enum import StrEnum

# RFC 3463 §2: class.subject.detail
_STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
_AUTO_PRECEDENCE = frozenset({"auto_reply", "bulk", "junk", "list"})


class ReportKind(StrEnum):
    HARD = "hard"  # refused for good: the address does not work
    SOFT = "soft"  # delayed or refused for now: a server is still trying
    AUTO_REPLY = "auto_reply"  # out of office and the like: the mail arrived
    OTHER = "other"  # not a report we understand, or one that says the mail was delivered


@dataclass(frozen=True)
class DeliveryReport:
    """What one returned message says about the mail it answers; ``key`` names it for deduplication."""

    kind: ReportKind
    key: str
    status: str = ""
    diagnostic: str = ""
    recipient: str = ""

    @property
    def reason(self) -> str:
        """The status and the remote server's words, as the handler is shown a refusal at sending."""
        return " ".join(part for part in (self.status, self.diagnostic) if part)


def read_report(raw: bytes) -> DeliveryReport:
    """Classifies one returned message, as received (headers and body)."""
    message = message_from_bytes(raw, policy=policy.compat32)
    key = _key(message, raw)
    if message.get_content_type() == "multipart/report":
        recipients = _recipient_blocks(message)
        if recipients:
            return _from_recipients(recipients, key)
    if _is_auto_reply(message):
        return DeliveryReport(ReportKind.AUTO_REPLY, key)
    return DeliveryReport(ReportKind.OTHER, key)


def _key(message: Message, raw: bytes) -> str:
    """The report's Message-ID, or else a digest of its body: the same report delivered twice has the same key."""
    message_id = str(message.get("Message-ID", "")).strip()
    if message_id:
        return message_id[:250]
    body = raw.partition(b"\r\n\r\n")[2] or raw.partition(b"\n\n")[2]
    return "sha256:" + hashlib.sha256(body.replace(b"\r\n", b"\n")).hexdigest()


def _recipient_blocks(report: Message) -> list[Message]:
    """The per-recipient field blocks of the report's delivery-status part (the first block is per message)."""
    for part in report.walk():
        if part.get_content_type() in ("message/delivery-status", "message/global-delivery-status"):
            payload = part.get_payload()
            if isinstance(payload, list):
                return [block for block in payload[1:] if isinstance(block, Message)]
            return _parse_blocks(str(payload))[1:]
    return []


def _parse_blocks(text: str) -> list[Message]:
    """Field blocks separated by blank lines, for a delivery-status part the parser left as text."""
    blocks = re.split(r"\r?\n\s*\r?\n", text.strip())
    return [message_from_bytes(block.encode("utf-8", "replace"), policy=policy.compat32) for block in blocks]


def _from_recipients(blocks: list[Message], key: str) -> DeliveryReport:
    """A hard bounce if any recipient failed for good; else soft if any is delayed or refused for now."""
    found: list[DeliveryReport] = []
    for block in blocks:
        action = str(block.get("Action", "")).strip().lower()
        match = _STATUS.search(str(block.get("Status", "")))
        status = match.group(0) if match else ""
        details = {
            "key": key,
            "status": status,
            "diagnostic": _field_value(block.get("Diagnostic-Code", "")),
            "recipient": _field_value(block.get("Final-Recipient") or block.get("Original-Recipient") or ""),
        }
        if action == "failed" and status.startswith("5"):
            found.append(DeliveryReport(ReportKind.HARD, **details))
        elif action == "delayed" or status.startswith("4") or action == "failed":
            found.append(DeliveryReport(ReportKind.SOFT, **details))
    for kind in (ReportKind.HARD, ReportKind.SOFT):
        for report in found:
            if report.kind is kind:
                return report
    return DeliveryReport(ReportKind.OTHER, key)


def _field_value(value: object) -> str:
    """A typed DSN field's value without its type (``smtp; 550 ...`` becomes ``550 ...``), on one line."""
    text = " ".join(str(value).split())
    return text.partition(";")[2].strip() if ";" in text else text


def _is_auto_reply(message: Message) -> bool:
    auto_submitted = str(message.get("Auto-Submitted", "")).strip().lower()
    precedence = str(message.get("Precedence", "")).strip().lower()
    return (
        (auto_submitted != "" and auto_submitted != "no")
        or any(message.get(header) is not None for header in ("X-Autoreply", "X-Autorespond"))
        or precedence in _AUTO_PRECEDENCE
    )
