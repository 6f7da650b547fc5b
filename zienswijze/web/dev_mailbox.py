"""``/dev/mailbox``: the mails the development SMTP server received, with clickable links.

Registered only in the development environment; in production the route does not exist.
The development SMTP server (aiosmtpd's Maildir handler, started by ``make run``) writes to
``DEV_MAILBOX_DIR``; this page reads that Maildir.
"""

from __future__ import annotations

import mailbox
import re
from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import parsedate_to_datetime
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, render_template, url_for
from markupsafe import Markup, escape

bp = Blueprint("dev", __name__, url_prefix="/dev")

_URL = re.compile(r"https?://[^\s<>\"']+")


@dataclass(frozen=True)
class Attachment:
    filename: str
    size: int


@dataclass(frozen=True)
class MailView:
    key: str
    subject: str
    sender: str
    to: str
    sent: datetime | None  # the pages show it in Amsterdam time, whatever zone the Date header used
    message_id: str
    text_html: Markup
    html_url: str | None
    attachments: list[Attachment]


def _maildir() -> mailbox.Maildir:
    root = Path(current_app.config["DEV_MAILBOX_DIR"])
    # Maildir creates its subfolders only for a folder that does not exist yet.
    for sub in ("cur", "new", "tmp"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    return mailbox.Maildir(root, factory=None, create=False)


def _load(box: mailbox.Maildir, key: str) -> EmailMessage:
    try:
        raw = box.get_bytes(key)
    except KeyError:
        abort(404)
    return message_from_bytes(raw, policy=default_policy)


def _parse(key: str, message: EmailMessage) -> MailView:
    text_part = message.get_body(preferencelist=("plain",))
    html_part = message.get_body(preferencelist=("html",))
    text = text_part.get_content() if text_part is not None else ""
    try:
        sent = parsedate_to_datetime(message["Date"]) if message["Date"] else None
    except (TypeError, ValueError):
        sent = None
    return MailView(
        key=key,
        subject=str(message["Subject"] or ""),
        sender=str(message["From"] or ""),
        to=str(message["To"] or ""),
        sent=sent,
        message_id=str(message["Message-ID"] or ""),
        text_html=_linkify(text),
        html_url=url_for("dev.message_html", key=key) if html_part is not None else None,
        attachments=[
            Attachment(part.get_filename() or "", len(part.get_payload(decode=True) or b""))
            for part in message.iter_attachments()
        ],
    )


def _linkify(text: str) -> Markup:
    pieces, position = [], 0
    for match in _URL.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        url = match.group(0).rstrip(".,;:)")
        pieces.append(Markup('<a href="{0}">{0}</a>').format(url))
        pieces.append(escape(match.group(0)[len(url) :]))
        position = match.end()
    pieces.append(escape(text[position:]))
    return Markup("").join(pieces)


def _newest_first(mail: MailView) -> float:
    return -mail.sent.timestamp() if mail.sent else 0.0


@bp.get("/mailbox", endpoint="mailbox")
def index():
    box = _maildir()
    messages = sorted((_parse(key, _load(box, key)) for key in box.iterkeys()), key=_newest_first)
    return render_template("dev/mailbox.html", messages=messages)


@bp.get("/mailbox/<key>")
def message(key: str):
    return render_template("dev/message.html", message=_parse(key, _load(_maildir(), key)))


@bp.get("/mailbox/<key>/html")
def message_html(key: str):
    part = _load(_maildir(), key).get_body(preferencelist=("html",))
    if part is None:
        abort(404)
    response = Response(part.get_content(), mimetype="text/html")
    # Shown inside the mailbox page; scripts stay off, links open in the top window.
    response.headers["Content-Security-Policy"] = (
        "sandbox allow-top-navigation-by-user-activation allow-popups; frame-ancestors 'self'"
    )
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response
