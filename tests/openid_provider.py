"""A real OpenID provider (npm's oidc-provider, run by Node on loopback) for the sign-in tests.

``make test`` installs it into tests/oidc_provider/node_modules. The provider is the real thing: it signs ID
tokens with its own key, checks PKCE, issues single-use codes; the tests only stand in for the person at
its login form (``sign_in_at``), as a browser would.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import requests

from tests.smtp import free_port

PROVIDER_DIR = Path(__file__).resolve().parent / "oidc_provider"
CLIENT_ID = "zienswijze"
CLIENT_SECRET = "test-client-secret-for-zienswijze"
# Another application of the same organisation, registered at the same provider.
OTHER_CLIENT_ID = "intranet"
ACCOUNTS = {
    "anna": {"sub": "sub-anna", "email": "anna@a.example.org", "email_verified": True, "name": "Anna de Vries"},
    "bob": {"sub": "sub-bob", "email": "bob@b.example.org", "email_verified": True, "name": "Bob Jansen"},
    "carla": {"sub": "sub-carla", "email": "carla@a.example.org", "email_verified": False, "name": "Carla"},
}


@dataclass(frozen=True)
class RunningProvider:
    issuer: str
    redirect_uri: str

    def sign_in_at(self, authorization_url: str, login: str) -> str:
        """Follows the provider's pages as a browser would, signs in as ``login``, and returns the URL the
        provider sends the browser back to (the service's redirect URI, with code and state)."""
        browser = requests.Session()
        url = authorization_url
        for _ in range(10):
            if url.startswith(self.redirect_uri):
                return url
            if "/interaction/" in url:
                page = browser.get(url, allow_redirects=False, timeout=10)
                if page.status_code == 200:
                    response = browser.post(url, data={"login": login}, allow_redirects=False, timeout=10)
                    assert response.status_code in (302, 303), response.text
                    url = urljoin(url, response.headers["Location"])
                    continue
            response = browser.get(url, allow_redirects=False, timeout=10)
            assert response.status_code in (302, 303), f"{url}: {response.status_code} {response.text[:300]}"
            url = urljoin(url, response.headers["Location"])
        raise AssertionError("the provider never sent the browser back")

    def id_token_for(self, client_id: str, client_secret: str, *, login: str, nonce: str) -> str:
        """An ID token the provider issues to ``client_id`` through a whole authorization code flow."""
        from authlib.integrations.requests_client import OAuth2Session

        client = OAuth2Session(
            client_id, client_secret, scope="openid", redirect_uri=self.redirect_uri, code_challenge_method="S256"
        )
        verifier = "v" * 64
        url, _state = client.create_authorization_url(f"{self.issuer}/auth", code_verifier=verifier, nonce=nonce)
        back = self.sign_in_at(url, login)
        token = client.fetch_token(f"{self.issuer}/token", authorization_response=back, code_verifier=verifier)
        return token["id_token"]


@contextmanager
def openid_provider(tmp_path: Path, *, redirect_uri: str, issuer_host: str = "127.0.0.1") -> Iterator[RunningProvider]:
    """Starts the provider on a free loopback port; ``issuer_host`` is the host its issuer URL names (another
    name for loopback gives a provider whose discovery document names another issuer than the one asked)."""
    port = free_port()
    issuer = f"http://{issuer_host}:{port}"
    settings = tmp_path / f"provider-{port}.json"
    settings.write_text(
        json.dumps(
            {
                "port": port,
                "issuer": issuer,
                "clients": [
                    {"client_id": client_id, "client_secret": secret, "redirect_uris": [redirect_uri]}
                    for client_id, secret in ((CLIENT_ID, CLIENT_SECRET), (OTHER_CLIENT_ID, "intranet-secret"))
                ],
                "accounts": ACCOUNTS,
            }
        )
    )
    process = subprocess.Popen(
        ["node", str(PROVIDER_DIR / "provider.mjs"), str(settings)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.strip() == "listening", f"the OpenID provider did not start: {line!r}"
        yield RunningProvider(issuer=issuer, redirect_uri=redirect_uri)
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()
