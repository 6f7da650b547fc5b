"""Which issuer URLs an organisation's OpenID provider may have."""

import pytest

from zienswijze.domain.openid_issuer import issuer_problem


@pytest.mark.parametrize(
    "issuer", ["https://login.gemeente.nl", "https://idp.example/realms/woo", "http://127.0.0.1:4001"]
)
def test_an_https_issuer_or_one_on_this_machine_is_accepted(issuer):
    assert issuer_problem(issuer) is None


def test_plain_http_to_another_machine_is_refused():
    assert issuer_problem("http://login.gemeente.nl") == "De issuer-URL moet met https:// beginnen."


@pytest.mark.parametrize("issuer", ["login.gemeente.nl", "https://login.gemeente.nl?x=1", "https://u:p@login.example"])
def test_what_is_no_issuer_url_is_refused(issuer):
    assert issuer_problem(issuer).startswith("Vul de issuer-URL")
