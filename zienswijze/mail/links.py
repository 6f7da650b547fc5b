"""Every link a mail carries, built here: the stakeholder's signed link and the handler's case page.

The stakeholder's link is ``{BASE_URL}/z/{token}``, one per invitation and revocable at once. The
token is an itsdangerous signature (one salt per purpose) over the invitation id and a random nonce;
only the nonce's SHA-256 is stored on the invitation. Issuing a new nonce (revoke, resend after an
address change) makes every older link invalid. Whether a response is still accepted is decided from
the stored deadline, never from the token's age.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from itsdangerous import BadSignature, URLSafeSerializer

from zienswijze import clock
from zienswijze.db import Case, Invitation

INVITATION_LINK = "zienswijze.invitation-link"


@dataclass(frozen=True)
class LinkClaim:
    invitation_id: int
    nonce: str

    def matches(self, nonce_hash: str | None) -> bool:
        return nonce_hash is not None and hmac.compare_digest(nonce_hash, hash_nonce(self.nonce))


def hash_nonce(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def _serializer(secret_key: str, older_keys: Sequence[str] = ()) -> URLSafeSerializer:
    """Signs with ``secret_key``; also accepts ``older_keys``, so rotating the key keeps mailed links working."""
    return URLSafeSerializer([*older_keys, secret_key], salt=INVITATION_LINK)


def make_link_token(secret_key: str, invitation_id: int, nonce: str) -> str:
    return _serializer(secret_key).dumps([invitation_id, nonce])


def read_link_token(secret_key: str, token: str, older_keys: Sequence[str] = ()) -> LinkClaim | None:
    """The claim in a token signed with the key or one of the older keys, or None for a guessed or altered one."""
    try:
        payload = _serializer(secret_key, older_keys).loads(token)
    except BadSignature:
        return None
    match payload:
        case [int() as invitation_id, str() as nonce]:
            return LinkClaim(invitation_id, nonce)
    return None


def issue_link(invitation: Invitation, *, secret_key: str, base_url: str) -> str:
    """A new personal link; the nonce it replaces stops working at once."""
    nonce = new_nonce()
    invitation.nonce_hash = hash_nonce(nonce)
    invitation.token_issued_at = clock.now()
    return f"{base_url}/z/{make_link_token(secret_key, invitation.id, nonce)}"


def privacy_statement_url(base_url: str, organisation_id: int) -> str:
    """The organisation's privacy statement, public, for the mails to stakeholders."""
    return f"{base_url}/privacyverklaring/{organisation_id}"


def case_url(base_url: str, case: Case) -> str:
    """The handler's page of the case, for links in mails to handlers."""
    return f"{base_url}/zaken/{quote(case.reference, safe='')}"
