"""Which issuer URLs an organisation's OpenID provider may have (OpenID Connect Discovery §2)."""

from __future__ import annotations

from urllib.parse import urlsplit

from zienswijze.domain.text import N_, Text

# Plain http only to this machine: a provider on loopback, as in development and the tests.
_LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}


def issuer_problem(issuer: str) -> Text | None:
    """Why this cannot be an issuer, or None: an https URL without query or fragment."""
    parts = urlsplit(issuer)
    if not parts.hostname or parts.query or parts.fragment or parts.username or parts.password:
        return N_("Vul de issuer-URL van de inlogdienst in, zoals https://login.gemeente.nl.")
    if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in _LOOPBACK_HOSTS):
        return N_("De issuer-URL moet met https:// beginnen.")
    return None
