"""Handler sign-in through the organisation's own OpenID Connect provider: authorization code with PKCE.

Authlib speaks the protocol: the authorization URL with its S256 code challenge, the code exchange, the
ID token's signature and its claims (issuer, audience, expiry, nonce, ``at_hash``). What is ours: which
provider an organisation uses, the pending login kept in the handler's session between the two legs
(state, nonce, code verifier, when it began), and refusing a reply that does not belong to it. The
provider's multi-factor authentication is what the Baseline Informatiebeveiliging Overheid asks for;
this service never sees a password of such a user.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session
from authlib.jose import JsonWebKey, JsonWebToken
from authlib.jose.errors import JoseError
from authlib.oidc.core import CodeIDToken
from sqlmodel import Session, col, select

from zienswijze.db import Organisation
from zienswijze.domain.text import N_

logger = logging.getLogger(__name__)

# A login not finished within this time is started again: the provider's own session makes that quick.
LOGIN_LIFETIME = timedelta(minutes=10)
# Clock difference allowed between this service and the provider when checking the ID token's times.
CLOCK_LEEWAY_SECONDS = 60
HTTP_TIMEOUT_SECONDS = 10
SCOPE = "openid email profile"
# Asymmetric signatures only: a token signed with a shared secret could be made by anyone who has it.
_ID_TOKEN_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"]


class SignInRefused(Exception):
    """The provider's reply is not accepted; ``message`` is for the person, the exception text for the log."""

    def __init__(self, message: str, detail: str) -> None:
        super().__init__(detail)
        self.message = message


@dataclass(frozen=True)
class Provider:
    """An organisation's OpenID provider and this service's client registration there."""

    organisation_id: int
    organisation_name: str
    issuer: str
    client_id: str
    client_secret: str


@dataclass(frozen=True)
class PendingLogin:
    """What the first leg leaves in the signed session cookie for the second to check the reply against."""

    organisation_id: int
    state: str
    nonce: str
    code_verifier: str
    started_at: str
    next: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> PendingLogin | None:
        try:
            return cls(**data)
        except TypeError:
            return None


def providers(session: Session, configured: tuple[str, str, str] | None) -> list[Provider]:
    """Every organisation's provider, by name; ``configured`` (the ``ZIENSWIJZE_OIDC_*`` settings) is the
    provider of a deployment with a single organisation that set none of its own."""
    organisations = session.exec(select(Organisation).order_by(col(Organisation.name))).all()
    found = [_own_provider(organisation) for organisation in organisations]
    if configured is not None and len(organisations) == 1 and found[0] is None:
        return [Provider(organisations[0].id, organisations[0].name, *configured)]
    return [provider for provider in found if provider is not None]


def provider_of(session: Session, organisation_id: int, configured: tuple[str, str, str] | None) -> Provider | None:
    return next((p for p in providers(session, configured) if p.organisation_id == organisation_id), None)


def _own_provider(organisation: Organisation) -> Provider | None:
    if organisation.oidc_issuer and organisation.oidc_client_id and organisation.oidc_client_secret:
        return Provider(
            organisation.id,
            organisation.name,
            organisation.oidc_issuer,
            organisation.oidc_client_id,
            organisation.oidc_client_secret,
        )
    return None


def begin(provider: Provider, *, redirect_uri: str, now: datetime, next_path: str) -> tuple[str, PendingLogin]:
    """The provider's authorization URL to send the handler to, and what to keep until they come back."""
    metadata = _metadata(provider)
    verifier, nonce = generate_token(64), generate_token(32)
    url, state = _client(provider, redirect_uri).create_authorization_url(
        metadata["authorization_endpoint"], code_verifier=verifier, nonce=nonce
    )
    return url, PendingLogin(provider.organisation_id, state, nonce, verifier, now.isoformat(), next_path)


def finish(
    provider: Provider, pending: PendingLogin, *, redirect_uri: str, reply: Mapping[str, str], now: datetime
) -> dict[str, Any]:
    """The verified ID token claims of the handler the provider sent back, or ``SignInRefused``."""
    if "error" in reply:
        raise SignInRefused(
            N_("De inlogdienst van uw organisatie heeft het inloggen afgebroken. Probeer het opnieuw."),
            f"provider error {reply.get('error')!r}: {reply.get('error_description', '')!r}",
        )
    if not hmac.compare_digest(reply.get("state", ""), pending.state):
        raise SignInRefused(_START_AGAIN, "state does not match the pending login")
    if now - datetime.fromisoformat(pending.started_at) > LOGIN_LIFETIME:
        raise SignInRefused(_START_AGAIN, "the pending login has expired")
    # RFC 9207: a reply naming another issuer comes from a provider this login was not sent to (mix-up).
    if "iss" in reply and reply["iss"] != provider.issuer:
        raise SignInRefused(_WRONG_PROVIDER, f"reply from issuer {reply['iss']!r}, expected {provider.issuer!r}")
    metadata = _metadata(provider)
    client = _client(provider, redirect_uri)
    try:
        token = client.fetch_token(
            metadata["token_endpoint"], code=reply.get("code", ""), code_verifier=pending.code_verifier
        )
    except (AuthlibBaseError, requests.RequestException, ValueError) as error:
        raise SignInRefused(_START_AGAIN, f"code exchange failed: {error}") from None
    if "id_token" not in token:
        raise SignInRefused(_WRONG_PROVIDER, "the token response has no id_token")
    claims = verify_id_token(
        provider,
        token["id_token"],
        keys=_keys(metadata),
        nonce=pending.nonce,
        now=now,
        access_token=token.get("access_token"),
    )
    if "email" not in claims and isinstance(metadata.get("userinfo_endpoint"), str):
        claims = {**_user_info(client, metadata["userinfo_endpoint"], claims["sub"]), **claims}
    return claims


def verify_id_token(
    provider: Provider,
    id_token: str,
    *,
    keys: Any,
    nonce: str,
    now: datetime,
    access_token: str | None = None,
) -> dict[str, Any]:
    """The claims of an ID token signed by the provider's keys, for this client, from this login."""
    try:
        claims = JsonWebToken(_ID_TOKEN_ALGORITHMS).decode(
            id_token,
            keys,
            claims_cls=CodeIDToken,
            claims_options={
                "iss": {"essential": True, "value": provider.issuer},
                "aud": {"essential": True, "value": provider.client_id},
            },
            claims_params={"nonce": nonce, "client_id": provider.client_id, "access_token": access_token},
        )
        claims.validate(now=int(now.timestamp()), leeway=CLOCK_LEEWAY_SECONDS)
    except (JoseError, ValueError) as error:
        raise SignInRefused(_WRONG_PROVIDER, f"ID token refused: {error}") from None
    return dict(claims)


def _user_info(client: OAuth2Session, endpoint: str, subject: str) -> dict[str, Any]:
    """The claims a provider keeps out of the ID token (OpenID Connect Core §5.4), for the same subject."""
    try:
        response = client.get(endpoint, timeout=HTTP_TIMEOUT_SECONDS)
        response.raise_for_status()
        info = response.json()
    except (AuthlibBaseError, requests.RequestException, ValueError) as error:
        raise SignInRefused(_UNREACHABLE, f"userinfo: {error}") from None
    # Core §5.3.2: a userinfo response for another subject must not be used.
    if not isinstance(info, dict) or info.get("sub") != subject:
        raise SignInRefused(_WRONG_PROVIDER, "userinfo is for another subject")
    return info


def _client(provider: Provider, redirect_uri: str) -> OAuth2Session:
    return OAuth2Session(
        provider.client_id,
        provider.client_secret,
        scope=SCOPE,
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_basic",
        timeout=HTTP_TIMEOUT_SECONDS,
    )


def _metadata(provider: Provider) -> dict[str, Any]:
    """The provider's discovery document, which must name the issuer it was fetched for (Discovery §4.3)."""
    metadata = _get_json(provider.issuer.rstrip("/") + "/.well-known/openid-configuration")
    if metadata.get("issuer") != provider.issuer:
        raise SignInRefused(
            _WRONG_PROVIDER, f"discovery names issuer {metadata.get('issuer')!r}, expected {provider.issuer!r}"
        )
    for endpoint in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(metadata.get(endpoint), str):
            raise SignInRefused(_WRONG_PROVIDER, f"discovery has no {endpoint}")
    return metadata


def _keys(metadata: Mapping[str, Any]) -> Any:
    try:
        return JsonWebKey.import_key_set(_get_json(metadata["jwks_uri"]))
    except (JoseError, ValueError) as error:
        raise SignInRefused(_WRONG_PROVIDER, f"the provider's keys cannot be read: {error}") from None


def _get_json(url: str) -> dict[str, Any]:
    try:
        response = requests.get(url, timeout=HTTP_TIMEOUT_SECONDS)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise SignInRefused(_UNREACHABLE, f"{url}: {error}") from None
    if not isinstance(document, dict):
        raise SignInRefused(_WRONG_PROVIDER, f"{url} is not a JSON object")
    return document


_START_AGAIN = N_("Het inloggen is verlopen of niet afgerond. Begin opnieuw.")
_WRONG_PROVIDER = N_(
    "Het antwoord van de inlogdienst klopt niet en is geweigerd. Probeer het opnieuw; neem contact op met uw "
    "beheerder als dit blijft gebeuren."
)
_UNREACHABLE = N_("De inlogdienst van uw organisatie is niet bereikbaar. Probeer het later opnieuw.")
