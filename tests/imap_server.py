"""A real IMAP server for the bounce mailbox tests: Debian's Dovecot, started on a free loopback port.

``make test`` installs the ``dovecot-imapd`` package; the tests run their own Dovecot with its own
configuration and mail folder, never the machine's. Mail gets into the mailbox by IMAP APPEND, as a
mail server's local delivery would leave it, with the ``Delivered-To`` header it adds.
"""

from __future__ import annotations

import imaplib
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.smtp import free_port

DOVECOT = "/usr/sbin/dovecot"
USER, PASSWORD = "bounces", "test-imap-password"
# Dovecot gives a mailbox to an ordinary user only (never uid 0): the one every Debian has.
MAIL_UID = 65534

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {base}/run
state_dir = {base}/state
log_path = {base}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
first_valid_uid = 1
mail_location = maildir:{base}/mail/%u
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={uid} gid={uid} home={base}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass(frozen=True)
class Mailbox:
    port: int

    @property
    def url(self) -> str:
        return f"imap://{USER}@127.0.0.1:{self.port}/INBOX"

    def deliver(self, raw: bytes, *, delivered_to: str) -> None:
        """Leaves a message in the mailbox as a mail server's local delivery does."""
        with self._session() as imap:
            imap.append("INBOX", None, None, f"Delivered-To: {delivered_to}\r\n".encode() + raw)

    def count(self) -> int:
        with self._session() as imap:
            status, data = imap.select("INBOX")
            assert status == "OK", data
            return int(data[0])

    @contextmanager
    def _session(self) -> Iterator[imaplib.IMAP4]:
        with imaplib.IMAP4("127.0.0.1", self.port, timeout=10) as imap:
            imap.login(USER, PASSWORD)
            yield imap


@contextmanager
def imap_server() -> Iterator[Mailbox]:
    assert Path(DOVECOT).exists(), "Dovecot is not installed: `make test` installs Debian's dovecot-imapd"
    # Short (the control sockets' paths have a length limit) and open to the mailbox's user.
    base = Path(tempfile.mkdtemp(prefix="dovecot-"))
    base.chmod(0o755)
    (base / "mail").mkdir(mode=0o777)
    (base / "mail").chmod(0o777)
    port = free_port()
    config = base / "dovecot.conf"
    config.write_text(CONFIG.format(base=base, password=PASSWORD, uid=MAIL_UID, port=port))
    process = subprocess.Popen([DOVECOT, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(port, process, base)
        yield Mailbox(port)
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(base, ignore_errors=True)


def _wait_for(port: int, process: subprocess.Popen, base: Path) -> None:
    for _ in range(100):
        if process.poll() is not None:
            log = base / "dovecot.log"
            raise AssertionError(f"Dovecot stopped: {log.read_text() if log.exists() else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("Dovecot did not start listening")
