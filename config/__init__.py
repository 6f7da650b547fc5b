"""Settings per environment, read from ``ZIENSWIJZE_*`` variables.

Other tools (deploy scripts, the case system's installers) rely on these variable names, so they are
a contract. ``load_config`` reads a mapping instead of ``os.environ`` directly so tests can build a
configuration without touching the process environment.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from urllib.parse import SplitResult, unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"

DEV_SECRET_KEY = "dev-only-secret-key-change-me"
DEV_BASE_URL = "http://127.0.0.1:5000"
DEV_SMTP_HOST = "127.0.0.1"
DEV_SMTP_PORT = 8025
SMTP_SECURITY_CHOICES = ("none", "starttls", "tls")
# Where the scheduler runs: its own process (``flask --app app scheduler``), or inside the one web process.
SCHEDULER_MODES = ("separate", "in-process")
# How the scheduler's bounce listener talks: LMTP behind the local mail server, or SMTP as its relay target.
BOUNCE_PROTOCOLS = ("lmtp", "smtp")


class ConfigError(SystemExit):
    """A one-line reason why the service refuses to start; exits like SystemExit."""


class Config:
    """Shared settings; subclasses set the defaults that differ per environment."""

    ENV = "development"
    DEFAULT_DATABASE_URL: str | None = f"sqlite:///{INSTANCE / 'zienswijze.db'}"
    DEFAULT_SECRET_KEY: str | None = DEV_SECRET_KEY
    DEFAULT_BASE_URL: str | None = DEV_BASE_URL
    DEFAULT_SMTP_HOST: str | None = DEV_SMTP_HOST
    DEFAULT_SMTP_PORT = DEV_SMTP_PORT
    SESSION_COOKIE_SECURE = False
    DEV_MAILBOX_DIR: str | None = None
    TESTING = False

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    SCHEDULER_HEARTBEAT_SECONDS = 30
    SCHEDULER_HEARTBEAT_MAX_AGE_SECONDS = 180
    OUTBOX_MAX_WAIT_SECONDS = 900
    OUTBOX_INTERVAL_SECONDS = 15
    # Reminders, expiry and completion look at the state every this many seconds.
    SCHEDULER_JOB_INTERVAL_SECONDS = 60
    OUTBOX_BATCH_SIZE = 50
    # Replies about the recipient (4xx to RCPT or DATA) before a message is given up; an outage counts none.
    OUTBOX_MAX_ATTEMPTS = 8
    # A dispatcher's claim on a batch, renewed before every SMTP exchange: a crashed one's mail waits
    # at most this long, plus OUTBOX_INTERVAL_SECONDS, for the next run (see mail/dispatcher.py).
    OUTBOX_LEASE_SECONDS = 45
    OUTBOX_RETRY_BASE_SECONDS = 60
    OUTBOX_RETRY_CAP_SECONDS = 3600
    # While the mail server is unreachable retries back off to this at most, so mail goes soon after it is back.
    OUTBOX_OUTAGE_RETRY_CAP_SECONDS = 900
    # Every SMTP socket operation (connect, greeting, each command, the data) gives up after this long.
    MAIL_TIMEOUT_SECONDS = 30
    RATELIMIT_HEADERS_ENABLED = True
    # This many failed logins with one address within the window lock it for LOGIN_LOCKOUT_SECONDS.
    LOGIN_LOCKOUT_FAILURES = 5
    LOGIN_LOCKOUT_WINDOW_SECONDS = 900
    LOGIN_LOCKOUT_SECONDS = 900

    def __init__(self, environ: Mapping[str, str]) -> None:
        def get(name: str, default: str | None = None) -> str | None:
            value = environ.get(name, "").strip()
            return value or default

        self.DATABASE_URL = get("ZIENSWIJZE_DATABASE_URL", self.DEFAULT_DATABASE_URL)
        self.SECRET_KEY = get("ZIENSWIJZE_SECRET_KEY", self.DEFAULT_SECRET_KEY)
        # Earlier keys, oldest first, still accepted (never used to sign) after a rotation: mailed links and
        # sessions keep working until they end. Flask reads this name for the session cookie.
        self.SECRET_KEY_FALLBACKS = (get("ZIENSWIJZE_SECRET_KEY_FALLBACKS") or "").split()
        self.BASE_URL = (get("ZIENSWIJZE_BASE_URL", self.DEFAULT_BASE_URL) or "").rstrip("/") or None
        # The one mail configuration, under the Flask convention's MAIL_* names; ``mail.smtp`` reads it.
        self.MAIL_SERVER = get("ZIENSWIJZE_SMTP_HOST", self.DEFAULT_SMTP_HOST)
        self.MAIL_PORT = _integer(environ, "ZIENSWIJZE_SMTP_PORT", self.DEFAULT_SMTP_PORT)
        self.MAIL_USERNAME = get("ZIENSWIJZE_SMTP_USERNAME")
        self.MAIL_PASSWORD = get("ZIENSWIJZE_SMTP_PASSWORD")
        security = get("ZIENSWIJZE_SMTP_SECURITY", "none")
        if security not in SMTP_SECURITY_CHOICES:
            raise ConfigError(
                f"ZIENSWIJZE_SMTP_SECURITY must be one of {', '.join(SMTP_SECURITY_CHOICES)}, not {security!r}"
            )
        self.MAIL_USE_TLS = security == "starttls"
        self.MAIL_USE_SSL = security == "tls"
        self.MAIL_DEFAULT_SENDER = get("ZIENSWIJZE_MAIL_SENDER", "zienswijze@localhost")
        # Bounces that come back later (see mail/bounces.py): each message's envelope sender is a
        # bounces+<token>@ form of this address, and the scheduler listens for what comes back to it.
        self.BOUNCE_ADDRESS = _bounce_address(get("ZIENSWIJZE_BOUNCE_ADDRESS"))
        self.BOUNCE_LISTEN = _bounce_listen(get("ZIENSWIJZE_BOUNCE_LISTEN"), self.BOUNCE_ADDRESS)
        # Or a mailbox the bounce address is delivered into, read over IMAP by the scheduler every minute.
        self.BOUNCE_IMAP = _bounce_imap(get("ZIENSWIJZE_BOUNCE_IMAP"), self.BOUNCE_ADDRESS)
        self.BOUNCE_IMAP_PASSWORD = get("ZIENSWIJZE_BOUNCE_IMAP_PASSWORD", "")
        self.UPLOAD_DIR = get("ZIENSWIJZE_UPLOAD_DIR", str(INSTANCE / "uploads"))
        self.MAX_UPLOAD_MB = _integer(environ, "ZIENSWIJZE_MAX_UPLOAD_MB", 25)
        # What one invitation's view may carry in attachments, all files together (see ``domain.limits``).
        self.MAX_ATTACHMENTS = _integer(environ, "ZIENSWIJZE_MAX_ATTACHMENTS", 20)
        self.MAX_ATTACHMENTS_MB = _integer(environ, "ZIENSWIJZE_MAX_ATTACHMENTS_MB", 100)
        # What one PDF may ask of the renderer; unset leaves the default of ``zienswijze.files.pdfs.PdfLimits``.
        self.PDF_LIMITS = {
            field: _integer(environ, f"ZIENSWIJZE_PDF_{field.upper()}", 0) or None
            for field in ("max_pages", "max_page_points", "max_pixels")
        }
        scheduler = get("ZIENSWIJZE_SCHEDULER", "separate")
        if scheduler not in SCHEDULER_MODES:
            raise ConfigError(f"ZIENSWIJZE_SCHEDULER must be one of {', '.join(SCHEDULER_MODES)}, not {scheduler!r}")
        self.SCHEDULER_MODE = scheduler
        # How many reverse proxies in front of the service set X-Forwarded-* headers (0: none are trusted).
        self.TRUSTED_PROXIES = _integer(environ, "ZIENSWIJZE_TRUSTED_PROXIES", 0, minimum=0)
        # A single-organisation deployment's OpenID Connect provider for handler sign-in, instead of the
        # admin page's (see services/openid_connect.py): all three, or none.
        self.OIDC_PROVIDER = _oidc_provider(get)
        self.METRICS_ALLOW = _networks(environ, "ZIENSWIJZE_METRICS_ALLOW", "127.0.0.1/32 ::1/128")
        # Where Flask-Limiter counts requests: memory:// is each process's own, so with more than one worker
        # (gunicorn --workers 4) every limit would be that many times as loose; they share redis://host:6379/0.
        self.RATELIMIT_STORAGE_URI = get("ZIENSWIJZE_RATELIMIT_STORAGE_URI", "memory://")
        # The whole request may carry several files plus form fields; each file is checked on its own.
        self.MAX_CONTENT_LENGTH = (self.MAX_UPLOAD_MB * 4 + 1) * 1024 * 1024

    def validate(self) -> None:
        """Refuse settings that would be unsafe or useless in this environment."""


class DevelopmentConfig(Config):
    ENV = "development"
    DEV_MAILBOX_DIR = str(INSTANCE / "mailbox")


class TestingConfig(Config):
    ENV = "testing"
    TESTING = True
    DEFAULT_DATABASE_URL = "sqlite://"
    DEFAULT_SMTP_HOST = "127.0.0.1"


class ProductionConfig(Config):
    ENV = "production"
    DEFAULT_DATABASE_URL = None
    DEFAULT_SECRET_KEY = None
    DEFAULT_BASE_URL = None
    DEFAULT_SMTP_HOST = None
    DEFAULT_SMTP_PORT = 25
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True

    def validate(self) -> None:
        required = (
            ("ZIENSWIJZE_DATABASE_URL", self.DATABASE_URL, ()),
            ("ZIENSWIJZE_SECRET_KEY", self.SECRET_KEY, (DEV_SECRET_KEY,)),
            ("ZIENSWIJZE_BASE_URL", self.BASE_URL, (DEV_BASE_URL,)),
            ("ZIENSWIJZE_SMTP_HOST", self.MAIL_SERVER, ()),
        )
        for name, value, dev_defaults in required:
            if not value:
                raise ConfigError(f"{name} is not set; production refuses to start without it")
            if value in dev_defaults:
                raise ConfigError(f"{name} is left at its development default; set a real value")
        if (self.MAIL_SERVER, self.MAIL_PORT) in {(DEV_SMTP_HOST, DEV_SMTP_PORT), ("localhost", DEV_SMTP_PORT)}:
            raise ConfigError("ZIENSWIJZE_SMTP_HOST points at the development mailbox; set a real SMTP server")
        if len(self.SECRET_KEY or "") < 32:
            raise ConfigError("ZIENSWIJZE_SECRET_KEY is too short; use at least 32 random characters")


ENVIRONMENTS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def load_config(environ: Mapping[str, str] | None = None) -> Config:
    """The validated settings for ``ZIENSWIJZE_ENV`` (development when unset)."""
    environ = os.environ if environ is None else environ
    name = environ.get("ZIENSWIJZE_ENV", "").strip() or "development"
    if name not in ENVIRONMENTS:
        raise ConfigError(f"ZIENSWIJZE_ENV must be one of {', '.join(ENVIRONMENTS)}, not {name!r}")
    config = ENVIRONMENTS[name](environ)
    config.validate()
    return config


def _networks(environ: Mapping[str, str], name: str, default: str) -> list[IPv4Network | IPv6Network]:
    """Addresses or networks, separated by spaces or commas."""
    text = environ.get(name, "").strip() or default
    try:
        return [ip_network(part, strict=False) for part in text.replace(",", " ").split()]
    except ValueError as error:
        raise ConfigError(f"{name} must list addresses or networks such as 10.0.0.0/8: {error}") from None


def _bounce_address(value: str | None) -> str | None:
    if value is None:
        return None
    local, at, domain = value.rpartition("@")
    if not (local and at and domain) or "+" in local or "<" in value or " " in value:
        raise ConfigError(
            f"ZIENSWIJZE_BOUNCE_ADDRESS must be a bare address such as bounces@zienswijze.gemeente.nl, "
            f"without '+', not {value!r}"
        )
    return value


def _bounce_source(name: str, value: str, address: str | None) -> tuple[SplitResult, int | None]:
    """The URL where bounces are read, and its port if it names a valid one."""
    if address is None:
        raise ConfigError(f"{name} needs ZIENSWIJZE_BOUNCE_ADDRESS: bounces come back to that")
    parts = urlsplit(value)
    try:
        return parts, parts.port
    except ValueError:
        return parts, None


def _bounce_listen(value: str | None, address: str | None) -> tuple[str, str, int] | None:
    """``lmtp://host:port`` or ``smtp://host:port`` as (protocol, host, port)."""
    if value is None:
        return None
    parts, port = _bounce_source("ZIENSWIJZE_BOUNCE_LISTEN", value, address)
    if parts.scheme not in BOUNCE_PROTOCOLS or not parts.hostname or port is None:
        raise ConfigError(
            f"ZIENSWIJZE_BOUNCE_LISTEN must be lmtp://host:port or smtp://host:port, such as "
            f"lmtp://127.0.0.1:2525, not {value!r}"
        )
    return parts.scheme, parts.hostname, port


def _bounce_imap(value: str | None, address: str | None) -> tuple[str, str, int, str, str] | None:
    """``imaps://user@host[:port]/mailbox`` (TLS) or ``imap://…`` (STARTTLS; plain only to loopback) as
    (security, host, port, user, mailbox)."""
    if value is None:
        return None
    parts, port = _bounce_source("ZIENSWIJZE_BOUNCE_IMAP", value, address)
    if parts.scheme not in ("imap", "imaps") or not parts.hostname or not parts.username or parts.password:
        raise ConfigError(
            f"ZIENSWIJZE_BOUNCE_IMAP must be imaps://user@host/mailbox or imap://user@host/mailbox, with the "
            f"password in ZIENSWIJZE_BOUNCE_IMAP_PASSWORD, not {value!r}"
        )
    if parts.scheme == "imaps":
        security = "tls"
    else:
        security = "none" if parts.hostname in ("127.0.0.1", "::1", "localhost") else "starttls"
    default_port = 993 if parts.scheme == "imaps" else 143
    mailbox = unquote(parts.path.lstrip("/")) or "INBOX"
    return security, parts.hostname, port or default_port, unquote(parts.username), mailbox


def _oidc_provider(get: Callable[[str], str | None]) -> tuple[str, str, str] | None:
    """``(issuer, client id, client secret)`` from ``ZIENSWIJZE_OIDC_*``."""
    names = ("ZIENSWIJZE_OIDC_ISSUER", "ZIENSWIJZE_OIDC_CLIENT_ID", "ZIENSWIJZE_OIDC_CLIENT_SECRET")
    values = [get(name) for name in names]
    if not any(values):
        return None
    missing = [name for name, value in zip(names, values, strict=True) if not value]
    if missing:
        raise ConfigError(f"{', '.join(missing)} not set: an OpenID Connect provider needs all of {', '.join(names)}")
    issuer, client_id, secret = (value or "" for value in values)
    parts = urlsplit(issuer)
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.query or parts.fragment:
        raise ConfigError(
            f"ZIENSWIJZE_OIDC_ISSUER must be the provider's issuer URL, such as https://login.gemeente.nl, "
            f"not {issuer!r}"
        )
    return issuer, client_id, secret


def _integer(environ: Mapping[str, str], name: str, default: int, *, minimum: int = 1) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}")
    return value
