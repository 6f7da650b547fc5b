"""One log line per request, with a request id, and nothing secret in it.

Tokens live in stakeholder links (``/z/<token>``); paths are logged with the token replaced and
without query strings, and Werkzeug's own access line (which has the full URL) is dropped.
"""

from __future__ import annotations

import logging
import re
import secrets
import time

from flask import Flask, g, request

REQUEST_ID_HEADER = "X-Request-ID"
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_SECRET_PATH_PARTS = re.compile(r"^(/z/)(?!dossier(?:/|$))[^/]+")

logger = logging.getLogger("zienswijze.requests")


def redact_path(path: str) -> str:
    return _SECRET_PATH_PARTS.sub(r"\1[token]", path)


class _DropWerkzeugAccessLines(logging.Filter):
    """The development server logs '<address> - - [<time>] "<request line>" <status> <size>'."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).rstrip().endswith('"%s" %s %s')


def init_app(app: Flask) -> None:
    logging.getLogger("werkzeug").addFilter(_DropWerkzeugAccessLines())
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logger.setLevel(logging.INFO)
    # APScheduler announces every run of every job at INFO; the jobs log what they did themselves.
    logging.getLogger("apscheduler.executors.default").setLevel(logging.WARNING)

    @app.before_request
    def _start() -> None:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        g.request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else secrets.token_hex(8)
        g.request_started = time.perf_counter()

    @app.after_request
    def _log(response):
        started = g.get("request_started")
        elapsed_ms = (time.perf_counter() - started) * 1000 if started else 0.0
        response.headers[REQUEST_ID_HEADER] = g.get("request_id", "")
        logger.info(
            "request_id=%s method=%s path=%s status=%s duration_ms=%.1f",
            g.get("request_id", "-"),
            request.method,
            redact_path(request.path),
            response.status_code,
            elapsed_ms,
        )
        return response
