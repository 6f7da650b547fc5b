"""The per-message envelope sender (VERP) that lets a bounce arriving hours later name its outbox message.

With ``ZIENSWIJZE_BOUNCE_ADDRESS=bounces@zienswijze.gemeente.nl`` every message goes out with MAIL FROM
``bounces+<token>@zienswijze.gemeente.nl``; a delivery status notification goes to that address, so
its recipient says which message failed, however the remote server words the report.

The token is the outbox id in base32 and, after a hyphen, 80 bits of an HMAC of it under the secret
key: short (a local part holds 64 characters), unguessable, and lower case, because mail servers may
change the case of a local part. It is checked against the older keys too, so rotating the key
(``ZIENSWIJZE_SECRET_KEY_FALLBACKS``) keeps the bounces of mail sent before it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass, field

PURPOSE = b"zienswijze.bounce-address:"
MAC_LENGTH = 16  # base32 characters: 80 bits


@dataclass(frozen=True)
class BounceAddress:
    """The bounce address (``local@domain``) and the keys that sign and check its tokens."""

    address: str
    secret_key: str = field(repr=False)
    older_keys: Sequence[str] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        local, at, domain = self.address.rpartition("@")
        if not (local and at and domain) or "+" in local:
            raise ValueError(f"a bounce address is local@domain without a '+', not {self.address!r}")

    @property
    def local_part(self) -> str:
        return self.address.rpartition("@")[0]

    @property
    def domain(self) -> str:
        return self.address.rpartition("@")[2].lower()

    def for_message(self, outbox_id: int) -> str:
        """The envelope sender of outbox message ``outbox_id``."""
        return f"{self.local_part}+{make_token(self.secret_key, outbox_id)}@{self.domain}"

    def is_verp(self, recipient: str) -> bool:
        """Whether ``recipient`` has the form of one of our envelope senders, whatever its token."""
        local, _, domain = recipient.rpartition("@")
        prefix, plus, _token = local.partition("+")
        return bool(plus) and prefix.lower() == self.local_part.lower() and domain.lower() == self.domain

    def outbox_id(self, recipient: str) -> int | None:
        """The outbox message a bounce sent to ``recipient`` is about, or None for a foreign or forged one."""
        if not self.is_verp(recipient):
            return None
        token = recipient.rpartition("@")[0].partition("+")[2]
        return read_token([*self.older_keys, self.secret_key], token)


def _mac(secret_key: str, encoded_id: str) -> str:
    digest = hmac.new(secret_key.encode(), PURPOSE + encoded_id.encode(), hashlib.sha256).digest()
    return base64.b32encode(digest).decode().lower()[:MAC_LENGTH]


def _encode(outbox_id: int) -> str:
    raw = outbox_id.to_bytes((outbox_id.bit_length() + 7) // 8 or 1, "big")
    return base64.b32encode(raw).decode().rstrip("=").lower()


def make_token(secret_key: str, outbox_id: int) -> str:
    encoded = _encode(outbox_id)
    return f"{encoded}-{_mac(secret_key, encoded)}"


def read_token(keys: Sequence[str], token: str) -> int | None:
    """The outbox id the token names, if one of ``keys`` signed it."""
    encoded, _, mac = token.lower().partition("-")
    if not encoded or len(mac) != MAC_LENGTH:
        return None
    if not any(hmac.compare_digest(mac, _mac(key, encoded)) for key in keys):
        return None
    try:
        raw = base64.b32decode(encoded.upper() + "=" * (-len(encoded) % 8))
    except ValueError:
        return None
    return int.from_bytes(raw, "big")
