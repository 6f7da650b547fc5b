"""Handler login and logout: Dutch pages, CSRF on every form, safe cookies, no open redirects."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.helpers import PASSWORD, csrf_token_from, log_in

NOON = datetime(2026, 12, 4, 11, 0, tzinfo=UTC)
LOCKED = "Inloggen met dit e-mailadres is tijdelijk geblokkeerd; probeer het om 12:15 opnieuw."


def _copy_session_to_another_browser(app, client):
    """What someone who copied the session cookie (from a shared computer, a proxy log) could do with it."""
    other = app.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    return other


def test_the_login_page_is_in_dutch(client):
    page = client.get("/inloggen")
    assert page.status_code == 200
    assert '<html lang="nl"' in page.text
    assert "Inloggen" in page.text and "Wachtwoord" in page.text


def test_handler_pages_send_a_visitor_to_the_login_page(client):
    response = client.get("/zaken/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/inloggen?next=")


def test_a_handler_logs_in_and_sees_the_case_list(client, make_handler):
    response = log_in(client, make_handler("a@example.org", "Gemeente A"))
    assert response.status_code == 302 and response.headers["Location"] == "/zaken/"
    page = client.get("/zaken/")
    assert page.status_code == 200 and "Gemeente A" in page.text


def test_a_wrong_password_shows_a_dutch_error_and_no_session(client, make_handler):
    response = log_in(client, make_handler("a@example.org", "Gemeente A"), PASSWORD + "x")
    assert response.status_code == 400
    assert "Het e-mailadres of het wachtwoord klopt niet." in response.text
    assert client.get("/zaken/").status_code == 302


def test_a_login_without_csrf_token_is_refused_with_a_clear_page(client, make_handler):
    response = client.post("/inloggen", data={"email": make_handler("a@example.org", "A"), "password": PASSWORD})
    assert response.status_code == 400
    assert "Laad de pagina opnieuw" in response.text


def test_the_session_cookie_is_httponly_and_samesite_lax(client, make_handler):
    response = log_in(client, make_handler("a@example.org", "Gemeente A"))
    [cookie] = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_logging_out_needs_a_post_with_csrf_token_and_ends_the_session(client, make_handler):
    log_in(client, make_handler("a@example.org", "Gemeente A"))
    assert client.get("/uitloggen").status_code == 405
    token = csrf_token_from(client.get("/zaken/").text)
    response = client.post("/uitloggen", data={"csrf_token": token})
    assert response.status_code == 302
    assert client.get("/zaken/").status_code == 302


def test_a_copied_session_cookie_no_longer_works_after_logging_out(app, client, make_handler):
    log_in(client, make_handler("a@example.org", "Gemeente A"))
    copy = _copy_session_to_another_browser(app, client)
    assert copy.get("/zaken/").status_code == 200
    client.post("/uitloggen", data={"csrf_token": csrf_token_from(client.get("/zaken/").text)})
    assert copy.get("/zaken/").status_code == 302


def test_a_copied_session_cookie_no_longer_works_after_a_password_change(app, client, runner, make_handler):
    log_in(client, make_handler("a@example.org", "Gemeente A"))
    copy = _copy_session_to_another_browser(app, client)
    result = runner.invoke(args=["set-password", "a@example.org"], input="een heel nieuw wachtwoord\n")
    assert result.exit_code == 0, result.output
    assert copy.get("/zaken/").status_code == 302
    assert client.get("/zaken/").status_code == 302


def test_five_wrong_passwords_lock_the_address_with_a_dutch_message_saying_until_when(client, make_handler, clock_at):
    email = make_handler("a@example.org", "Gemeente A")
    clock_at(NOON)
    statuses = [log_in(client, email, "fout wachtwoord nummer").status_code for _ in range(4)]
    locked = log_in(client, email, "fout wachtwoord nummer")
    assert statuses == [400] * 4 and locked.status_code == 400 and LOCKED in locked.text
    right = log_in(client, email)
    assert right.status_code == 400 and LOCKED in right.text
    assert client.get("/zaken/").status_code == 302


def test_an_address_without_an_account_locks_the_same_way(client, clock_at):
    clock_at(NOON)
    responses = [log_in(client, "niemand@example.org", "fout wachtwoord nummer") for _ in range(5)]
    assert [r.status_code for r in responses] == [400] * 5
    assert "Het e-mailadres of het wachtwoord klopt niet." in responses[3].text
    assert "tijdelijk geblokkeerd" in responses[4].text


def test_the_right_password_works_again_once_the_lockout_is_over(client, make_handler, clock_at):
    email = make_handler("a@example.org", "Gemeente A")
    clock_at(NOON)
    for _ in range(5):
        log_in(client, email, "fout wachtwoord nummer")
    clock_at(NOON + timedelta(minutes=14, seconds=59))
    assert LOCKED in log_in(client, email).text
    clock_at(NOON + timedelta(minutes=15))
    assert log_in(client, email).headers["Location"] == "/zaken/"


def test_after_login_only_a_path_on_this_site_is_followed(client, make_handler):
    email = make_handler("a@example.org", "Gemeente A")
    token = csrf_token_from(client.get("/inloggen").text)
    response = client.post(
        "/inloggen?next=https://evil.example.com/", data={"email": email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.headers["Location"] == "/zaken/"


def test_guessing_passwords_is_slowed_down_after_ten_attempts(client, make_handler):
    email = make_handler("a@example.org", "Gemeente A")
    statuses = [log_in(client, email, "fout wachtwoord nummer").status_code for _ in range(11)]
    assert statuses[:10] == [400] * 10 and statuses[10] == 429


def test_pages_forbid_referer_headers_and_framing(client):
    headers = client.get("/inloggen").headers
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/zaken/", "/beheer/"])
def test_handler_pages_and_downloads_are_never_stored_by_a_cache(logged_in_client, path):
    assert "no-store" in logged_in_client.get(path).headers["Cache-Control"]


def test_static_files_may_be_cached(client):
    with client.get("/static/css/app.css") as response:
        assert "no-store" not in response.headers.get("Cache-Control", "")
