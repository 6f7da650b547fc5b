"""/dev/mailbox lists what the development SMTP server received, with clickable links; only in development."""

import mailbox
import smtplib
from email.message import EmailMessage

import pytest
from aiosmtpd.handlers import Mailbox

from tests.helpers import make_config
from tests.smtp import smtp_server
from zienswijze import create_app
from zienswijze.db.session import ENGINE_KEY


@pytest.fixture
def dev_app(database_url, tmp_path):
    config = make_config(database_url, tmp_path, ZIENSWIJZE_ENV="development")
    config.DEV_MAILBOX_DIR = str(tmp_path / "mailbox")
    app = create_app(config)
    yield app
    app.extensions[ENGINE_KEY].dispose()


def _send(port: int, date: str = "") -> None:
    message = EmailMessage()
    if date:
        message["Date"] = date
    message["From"] = "zienswijze@gemeente.example.org"
    message["To"] = "juridisch@analyse.example.com"
    message["Subject"] = "Verzoek om zienswijze DEMO-2024-136"
    message["Message-ID"] = "<test-1@zienswijze.test>"
    message.set_content("Geef uw zienswijze via http://127.0.0.1:5000/z/abc.def vóór 25 juli 2024.")
    message.add_alternative('<p><a href="http://127.0.0.1:5000/z/abc.def">Open uw dossier</a></p>', subtype="html")
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        smtp.send_message(message)


def test_a_mail_received_by_the_development_smtp_server_is_listed(dev_app, tmp_path):
    with smtp_server(Mailbox(str(tmp_path / "mailbox"))) as server:
        _send(server.port)
    page = dev_app.test_client().get("/dev/mailbox")
    assert page.status_code == 200
    assert "Verzoek om zienswijze DEMO-2024-136" in page.text and "juridisch@analyse.example.com" in page.text


def test_a_listed_mail_shows_its_links_clickable(dev_app, tmp_path):
    with smtp_server(Mailbox(str(tmp_path / "mailbox"))) as server:
        _send(server.port)
    client = dev_app.test_client()
    [key] = mailbox.Maildir(str(tmp_path / "mailbox")).keys()
    page = client.get(f"/dev/mailbox/{key}")
    assert '<a href="http://127.0.0.1:5000/z/abc.def">http://127.0.0.1:5000/z/abc.def</a>' in page.text
    html = client.get(f"/dev/mailbox/{key}/html")
    assert html.status_code == 200 and "sandbox" in html.headers["Content-Security-Policy"]


def test_an_unknown_mail_is_not_found(dev_app):
    assert dev_app.test_client().get("/dev/mailbox/geen-bericht").status_code == 404


def test_the_mailbox_does_not_exist_outside_development(client):
    assert client.get("/dev/mailbox").status_code == 404


def test_an_existing_empty_mailbox_folder_shows_that_no_mail_arrived_yet(dev_app, tmp_path):
    (tmp_path / "mailbox").mkdir()
    page = dev_app.test_client().get("/dev/mailbox")
    assert page.status_code == 200 and "Ontwikkelpostvak" in page.text


def test_a_mail_is_dated_in_amsterdam_time_whatever_zone_its_header_uses(dev_app, tmp_path):
    with smtp_server(Mailbox(str(tmp_path / "mailbox"))) as server:
        _send(server.port, date="Fri, 04 Dec 2026 12:00:00 +0000")
    client = dev_app.test_client()
    assert "vr 4 dec 2026 13:00" in client.get("/dev/mailbox").text
    [key] = mailbox.Maildir(str(tmp_path / "mailbox")).keys()
    assert "vrijdag 4 december 2026 om 13:00" in client.get(f"/dev/mailbox/{key}").text
