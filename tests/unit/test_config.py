"""Configuration per environment, read from ZIENSWIJZE_* variables."""

import subprocess
import sys
from pathlib import Path

import pytest

from config import DEV_BASE_URL, DEV_SECRET_KEY, ConfigError, load_config
from zienswijze import create_app
from zienswijze.db.session import ENGINE_KEY

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "ZIENSWIJZE_ENV": "production",
    "ZIENSWIJZE_DATABASE_URL": "postgresql+psycopg://zienswijze@db/zienswijze",
    "ZIENSWIJZE_SECRET_KEY": "x" * 40,
    "ZIENSWIJZE_BASE_URL": "https://zienswijze.example.org/",
    "ZIENSWIJZE_SMTP_HOST": "smtp.example.org",
}


def test_development_is_the_default_environment():
    assert load_config({}).ENV == "development"


def test_production_reads_every_setting_from_the_environment():
    config = load_config(
        PRODUCTION
        | {
            "ZIENSWIJZE_SMTP_PORT": "587",
            "ZIENSWIJZE_SMTP_SECURITY": "starttls",
            "ZIENSWIJZE_SMTP_USERNAME": "mailer",
            "ZIENSWIJZE_SMTP_PASSWORD": "s3cret",
            "ZIENSWIJZE_MAIL_SENDER": "woo@example.org",
            "ZIENSWIJZE_UPLOAD_DIR": "/srv/uploads",
            "ZIENSWIJZE_MAX_UPLOAD_MB": "10",
        }
    )
    assert (config.BASE_URL, config.MAIL_PORT, config.MAIL_USE_TLS, config.MAIL_USE_SSL) == (
        "https://zienswijze.example.org",
        587,
        True,
        False,
    )
    assert (config.MAIL_USERNAME, config.MAIL_DEFAULT_SENDER, config.UPLOAD_DIR, config.MAX_UPLOAD_MB) == (
        "mailer",
        "woo@example.org",
        "/srv/uploads",
        10,
    )
    assert config.SESSION_COOKIE_SECURE and config.SESSION_COOKIE_HTTPONLY and config.SESSION_COOKIE_SAMESITE == "Lax"


@pytest.mark.parametrize("missing", ["ZIENSWIJZE_SECRET_KEY", "ZIENSWIJZE_BASE_URL", "ZIENSWIJZE_SMTP_HOST"])
def test_production_refuses_to_start_without_a_required_variable(missing):
    with pytest.raises(ConfigError, match=missing):
        load_config({k: v for k, v in PRODUCTION.items() if k != missing})


@pytest.mark.parametrize(
    ("name", "dev_value"), [("ZIENSWIJZE_SECRET_KEY", DEV_SECRET_KEY), ("ZIENSWIJZE_BASE_URL", DEV_BASE_URL)]
)
def test_production_refuses_a_variable_left_at_its_development_default(name, dev_value):
    with pytest.raises(ConfigError, match=f"{name} is left at its development default"):
        load_config(PRODUCTION | {name: dev_value})


def test_production_refuses_the_development_mailbox_as_smtp_server():
    with pytest.raises(ConfigError, match="ZIENSWIJZE_SMTP_HOST"):
        load_config(PRODUCTION | {"ZIENSWIJZE_SMTP_HOST": "127.0.0.1", "ZIENSWIJZE_SMTP_PORT": "8025"})


def test_smtp_security_must_be_none_starttls_or_tls():
    with pytest.raises(ConfigError, match="ZIENSWIJZE_SMTP_SECURITY"):
        load_config({"ZIENSWIJZE_SMTP_SECURITY": "ssl"})


def test_upload_limit_must_be_a_whole_number():
    with pytest.raises(ConfigError, match="ZIENSWIJZE_MAX_UPLOAD_MB"):
        load_config({"ZIENSWIJZE_MAX_UPLOAD_MB": "ten"})


def test_an_unknown_environment_is_refused():
    with pytest.raises(ConfigError, match="ZIENSWIJZE_ENV"):
        load_config({"ZIENSWIJZE_ENV": "prod"})


def test_the_production_service_exits_with_one_line_naming_the_missing_variable():
    environ = {k: v for k, v in PRODUCTION.items() if k != "ZIENSWIJZE_SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", "routes"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **environ},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "ZIENSWIJZE_SECRET_KEY is not set; production refuses to start without it"
    ]


def test_the_pdf_limits_are_read_and_left_to_their_defaults_when_unset():
    config = load_config({"ZIENSWIJZE_PDF_MAX_PAGES": "300", "ZIENSWIJZE_PDF_MAX_PIXELS": "8000000"})
    assert config.PDF_LIMITS == {"max_pages": 300, "max_page_points": None, "max_pixels": 8_000_000}


def test_a_pdf_limit_must_be_a_positive_whole_number():
    with pytest.raises(ConfigError, match="ZIENSWIJZE_PDF_MAX_PAGE_POINTS must be at least 1"):
        load_config({"ZIENSWIJZE_PDF_MAX_PAGE_POINTS": "0"})


def test_the_rate_limit_store_is_read_from_the_environment_and_is_memory_when_unset():
    assert load_config({"ZIENSWIJZE_RATELIMIT_STORAGE_URI": "redis://cache:6379/2"}).RATELIMIT_STORAGE_URI == (
        "redis://cache:6379/2"
    )
    assert load_config({}).RATELIMIT_STORAGE_URI == "memory://"


@pytest.mark.parametrize(("storage", "warned"), [(None, True), ("redis://127.0.0.1:6379/0", False)])
def test_production_warns_at_start_when_each_worker_counts_rate_limits_on_its_own(
    database_url, tmp_path, caplog, storage, warned
):
    environ = PRODUCTION | {"ZIENSWIJZE_DATABASE_URL": database_url, "ZIENSWIJZE_UPLOAD_DIR": str(tmp_path)}
    if storage:
        environ["ZIENSWIJZE_RATELIMIT_STORAGE_URI"] = storage
    app = create_app(load_config(environ))
    app.extensions[ENGINE_KEY].dispose()
    warnings = [r.message for r in caplog.records if r.levelname == "WARNING"]
    assert any("ZIENSWIJZE_RATELIMIT_STORAGE_URI is memory://" in message for message in warnings) is warned


def test_older_secret_keys_are_read_oldest_first_separated_by_whitespace():
    config = load_config({"ZIENSWIJZE_SECRET_KEY_FALLBACKS": " eerste-sleutel\n tweede-sleutel "})
    assert config.SECRET_KEY_FALLBACKS == ["eerste-sleutel", "tweede-sleutel"]
    assert load_config({}).SECRET_KEY_FALLBACKS == []


def test_the_bounce_address_and_listener_are_read_and_off_when_unset():
    config = load_config(
        {
            "ZIENSWIJZE_BOUNCE_ADDRESS": "bounces@zienswijze.gemeente.nl",
            "ZIENSWIJZE_BOUNCE_LISTEN": "lmtp://127.0.0.1:2525",
        }
    )
    assert (config.BOUNCE_ADDRESS, config.BOUNCE_LISTEN) == (
        "bounces@zienswijze.gemeente.nl",
        ("lmtp", "127.0.0.1", 2525),
    )
    assert (load_config({}).BOUNCE_ADDRESS, load_config({}).BOUNCE_LISTEN) == (None, None)


@pytest.mark.parametrize(
    ("environ", "named"),
    [
        ({"ZIENSWIJZE_BOUNCE_ADDRESS": "bounces+x@zienswijze.gemeente.nl"}, "ZIENSWIJZE_BOUNCE_ADDRESS"),
        ({"ZIENSWIJZE_BOUNCE_ADDRESS": "Bounces <bounces@zienswijze.gemeente.nl>"}, "ZIENSWIJZE_BOUNCE_ADDRESS"),
        ({"ZIENSWIJZE_BOUNCE_LISTEN": "lmtp://127.0.0.1:2525"}, "ZIENSWIJZE_BOUNCE_ADDRESS"),
        (
            {"ZIENSWIJZE_BOUNCE_ADDRESS": "bounces@z.nl", "ZIENSWIJZE_BOUNCE_LISTEN": "imap://127.0.0.1:2525"},
            "ZIENSWIJZE_BOUNCE_LISTEN",
        ),
        (
            {"ZIENSWIJZE_BOUNCE_ADDRESS": "bounces@z.nl", "ZIENSWIJZE_BOUNCE_LISTEN": "smtp://127.0.0.1"},
            "ZIENSWIJZE_BOUNCE_LISTEN",
        ),
    ],
    ids=["plus-in-address", "display-name", "listener-without-address", "unknown-protocol", "no-port"],
)
def test_a_bad_bounce_setting_is_refused_with_the_variable_named(environ, named):
    with pytest.raises(ConfigError, match=named):
        load_config(environ)


def test_a_deployments_openid_provider_is_read_from_three_variables():
    config = load_config(
        {
            "ZIENSWIJZE_OIDC_ISSUER": "https://login.gemeente.nl",
            "ZIENSWIJZE_OIDC_CLIENT_ID": "zienswijze",
            "ZIENSWIJZE_OIDC_CLIENT_SECRET": "geheim",
        }
    )
    assert config.OIDC_PROVIDER == ("https://login.gemeente.nl", "zienswijze", "geheim")
    assert load_config({}).OIDC_PROVIDER is None


def test_an_openid_provider_without_its_secret_is_refused():
    with pytest.raises(ConfigError, match="ZIENSWIJZE_OIDC_CLIENT_SECRET"):
        load_config({"ZIENSWIJZE_OIDC_ISSUER": "https://login.gemeente.nl", "ZIENSWIJZE_OIDC_CLIENT_ID": "zw"})


def test_an_openid_issuer_must_be_a_url():
    with pytest.raises(ConfigError, match="ZIENSWIJZE_OIDC_ISSUER"):
        load_config(
            {
                "ZIENSWIJZE_OIDC_ISSUER": "login.gemeente.nl",
                "ZIENSWIJZE_OIDC_CLIENT_ID": "zw",
                "ZIENSWIJZE_OIDC_CLIENT_SECRET": "geheim",
            }
        )


def test_a_bounce_mailbox_is_read_over_tls_or_starttls_and_plain_only_on_loopback():
    bounces = {"ZIENSWIJZE_BOUNCE_ADDRESS": "bounces@zienswijze.gemeente.nl"}
    tls = load_config({**bounces, "ZIENSWIJZE_BOUNCE_IMAP": "imaps://bounces@imap.gemeente.nl/Bounces"})
    assert tls.BOUNCE_IMAP == ("tls", "imap.gemeente.nl", 993, "bounces", "Bounces")
    starttls = load_config({**bounces, "ZIENSWIJZE_BOUNCE_IMAP": "imap://bounces@imap.gemeente.nl"})
    assert starttls.BOUNCE_IMAP == ("starttls", "imap.gemeente.nl", 143, "bounces", "INBOX")
    loopback = load_config({**bounces, "ZIENSWIJZE_BOUNCE_IMAP": "imap://bounces@127.0.0.1:1143/INBOX"})
    assert loopback.BOUNCE_IMAP == ("none", "127.0.0.1", 1143, "bounces", "INBOX")


def test_a_bounce_mailbox_needs_the_bounce_address_and_keeps_its_password_out_of_the_url():
    with pytest.raises(ConfigError, match="needs ZIENSWIJZE_BOUNCE_ADDRESS"):
        load_config({"ZIENSWIJZE_BOUNCE_IMAP": "imaps://bounces@imap.gemeente.nl/INBOX"})
    with pytest.raises(ConfigError, match="ZIENSWIJZE_BOUNCE_IMAP_PASSWORD"):
        load_config(
            {
                "ZIENSWIJZE_BOUNCE_ADDRESS": "bounces@zienswijze.gemeente.nl",
                "ZIENSWIJZE_BOUNCE_IMAP": "imaps://bounces:geheim@imap.gemeente.nl/INBOX",
            }
        )
