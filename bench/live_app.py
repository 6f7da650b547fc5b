"""The application as an operator runs it: its CLI in subprocesses and gunicorn on a free port.

Handlers log in through the login form (session cookie, CSRF token) and call the API with a token
made by ``create-api-token``; a stakeholder opens the link from their invitation mail.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import requests

from bench.support import free_port

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-wachtwoord-2024"
GUNICORN = ["--workers", "1", "--threads", "4", "--log-level", "warning"]
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@dataclass(frozen=True)
class Run:
    output: str
    seconds: float
    peak_mb: float


class Operator:
    """Runs ``flask --app app …`` with the bench's database and upload folder."""

    def __init__(self, database_url: str, upload_dir: Path) -> None:
        self.environ = {
            **os.environ,
            "ZIENSWIJZE_ENV": "development",
            "ZIENSWIJZE_DATABASE_URL": database_url,
            "ZIENSWIJZE_UPLOAD_DIR": str(upload_dir),
            "ZIENSWIJZE_SCHEDULER": "separate",
        }

    def run(self, *arguments: str, stdin: str = "") -> Run:
        """One command, with its wall time and its own peak resident memory (``wait4``: this child's alone)."""
        with tempfile.TemporaryFile() as output, tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            command = subprocess.Popen(
                [sys.executable, "-m", "flask", "--app", "app", *arguments],
                cwd=ROOT,
                env=self.environ,
                stdin=subprocess.PIPE,
                stdout=output,
                stderr=errors,
            )
            assert command.stdin is not None
            command.stdin.write(stdin.encode())
            command.stdin.close()
            _, status, usage = os.wait4(command.pid, 0)
            seconds = time.perf_counter() - start
            command.returncode = os.waitstatus_to_exitcode(status)
            output.seek(0)
            errors.seek(0)
            text = output.read().decode()
            if command.returncode:
                raise SystemExit(f"flask {arguments[0]} failed:\n{text}{errors.read().decode()}")
        return Run(text, seconds, usage.ru_maxrss / 1024)  # Linux reports KiB

    def handler(self, email: str, organisation: str) -> str:
        """A new handler account in a new organisation; returns its API token."""
        self.run("create-user", email, "--organisation", organisation, stdin=PASSWORD + "\n")
        return self.run("create-api-token", email, "--name", "bench").output.strip().splitlines()[-1]

    @contextmanager
    def serving(self, log: IO[bytes]) -> Iterator[str]:
        """gunicorn with one worker process (a single client is measured), its log to ``log``; yields the base URL."""
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", *GUNICORN, "--bind", f"127.0.0.1:{port}", "app:app"],
            cwd=ROOT,
            env={**self.environ, "ZIENSWIJZE_BASE_URL": f"http://127.0.0.1:{port}"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_for(base)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait_for(base: str) -> None:
    for _ in range(300):
        try:
            requests.get(f"{base}/healthz", timeout=60)
            return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise SystemExit(f"the server at {base} did not start")


def api_client(base: str, token: str) -> requests.Session:
    client = requests.Session()
    client.headers["Authorization"] = f"Bearer {token}"
    return client


def logged_in(base: str, email: str) -> requests.Session:
    client = requests.Session()
    form = _csrf(client.get(f"{base}/inloggen").text)
    answer = client.post(f"{base}/inloggen", data={"email": email, "password": PASSWORD, "csrf_token": form})
    if "/inloggen" in answer.url:
        raise SystemExit(f"logging in as {email} failed")
    return client


def stakeholder(base: str, link_path: str) -> requests.Session:
    """A browser that opened the invitation link and pressed the button to see the file."""
    client = requests.Session()
    form = _csrf(client.get(f"{base}{link_path}").text)
    answer = client.post(f"{base}{link_path}", data={"csrf_token": form})
    if not answer.url.endswith("/z/dossier"):
        raise SystemExit(f"opening the stakeholder link failed: {answer.status_code}")
    return client


def _csrf(html: str) -> str:
    match = CSRF.search(html)
    if match is None:
        raise SystemExit("the page has no CSRF token")
    return match.group(1)
