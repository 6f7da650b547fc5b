"""The ID token check, on real tokens from a real OpenID provider: for this client, from this login only."""

from __future__ import annotations

import pytest
import requests
from authlib.jose import JsonWebKey

from tests.openid_provider import CLIENT_ID, CLIENT_SECRET, OTHER_CLIENT_ID, openid_provider
from zienswijze import clock
from zienswijze.services.openid_connect import Provider, SignInRefused, verify_id_token

REDIRECT_URI = "http://zienswijze.test/inloggen/oidc/terug"


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    with openid_provider(tmp_path_factory.mktemp("provider"), redirect_uri=REDIRECT_URI) as running:
        yield running


@pytest.fixture(scope="module")
def keys(provider):
    return JsonWebKey.import_key_set(requests.get(f"{provider.issuer}/jwks", timeout=10).json())


def _ours(provider) -> Provider:
    return Provider(1, "Gemeente A", provider.issuer, CLIENT_ID, CLIENT_SECRET)


def test_an_id_token_for_this_client_from_this_login_is_accepted(provider, keys):
    token = provider.id_token_for(CLIENT_ID, CLIENT_SECRET, login="anna", nonce="nonce-of-this-login")
    claims = verify_id_token(_ours(provider), token, keys=keys, nonce="nonce-of-this-login", now=clock.now())
    assert claims["sub"] == "sub-anna" and claims["iss"] == provider.issuer


def test_an_id_token_for_another_client_is_refused(provider, keys):
    token = provider.id_token_for(OTHER_CLIENT_ID, "intranet-secret", login="anna", nonce="n")
    with pytest.raises(SignInRefused, match="aud"):
        verify_id_token(_ours(provider), token, keys=keys, nonce="n", now=clock.now())


def test_an_id_token_from_another_login_is_refused(provider, keys):
    token = provider.id_token_for(CLIENT_ID, CLIENT_SECRET, login="anna", nonce="nonce-of-an-earlier-login")
    with pytest.raises(SignInRefused, match="nonce"):
        verify_id_token(_ours(provider), token, keys=keys, nonce="nonce-of-this-login", now=clock.now())


def test_an_id_token_from_another_issuer_is_refused(provider, keys):
    token = provider.id_token_for(CLIENT_ID, CLIENT_SECRET, login="anna", nonce="n")
    elsewhere = Provider(1, "Gemeente A", "https://login.elders.example", CLIENT_ID, CLIENT_SECRET)
    with pytest.raises(SignInRefused, match="iss"):
        verify_id_token(elsewhere, token, keys=keys, nonce="n", now=clock.now())


def test_an_expired_id_token_is_refused(provider, keys):
    token = provider.id_token_for(CLIENT_ID, CLIENT_SECRET, login="anna", nonce="n")
    a_year_later = clock.now().replace(year=clock.now().year + 1)
    with pytest.raises(SignInRefused, match="expired"):
        verify_id_token(_ours(provider), token, keys=keys, nonce="n", now=a_year_later)


def test_an_id_token_signed_with_another_key_is_refused(provider):
    token = provider.id_token_for(CLIENT_ID, CLIENT_SECRET, login="anna", nonce="n")
    other_keys = JsonWebKey.import_key_set({"keys": [JsonWebKey.generate_key("RSA", 2048, is_private=False).as_dict()]})
    with pytest.raises(SignInRefused):
        verify_id_token(_ours(provider), token, keys=other_keys, nonce="n", now=clock.now())
