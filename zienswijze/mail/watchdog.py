"""Bounds a whole SMTP exchange in time, however slowly the server answers each step.

``timeout`` bounds each socket operation, not a conversation of many: a server answering every step
just in time could hold one message for minutes, longer than the dispatcher's lease. The watchdog
shuts the connection's socket once an exchange has run ``limit`` seconds, so the call blocked on it
fails. One thread watches every exchange of a dispatcher run in turn: a thread started per message cost the
dispatcher more than the database work it saved.
"""

from __future__ import annotations

import smtplib
import socket
import threading
import time
from contextlib import suppress
from types import TracebackType


class Watchdog:
    """Use as ``with Watchdog(limit) as watchdog:`` around a run, and ``with watchdog.watching(connection):``
    around each exchange; ``fired`` then says whether that exchange was cut off. Without a ``limit``
    nothing is watched and no thread runs."""

    def __init__(self, limit: float | None) -> None:
        self.limit = limit
        self.fired = False
        self._changed = threading.Condition()
        self._connection: smtplib.SMTP | None = None
        self._deadline: float | None = None
        self._idle = True
        self._stopped = False
        self._thread = None if limit is None else threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> Watchdog:
        if self._thread is not None:
            self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        with self._changed:
            self._stopped = True
            self._changed.notify()
        if self._thread is not None:
            self._thread.join()

    def watching(self, connection: smtplib.SMTP) -> _Exchange:
        return _Exchange(self, connection)

    def reason(self, error: BaseException | None) -> str:
        if self.fired:
            return f"no answer within {self.limit:g} s"
        return describe(error) if error is not None else ""

    def _arm(self, connection: smtplib.SMTP) -> None:
        with self._changed:
            self.fired = False
            if self.limit is not None:
                self._connection, self._deadline = connection, time.monotonic() + self.limit
                # A thread waiting for an earlier deadline finds this one when it wakes: no need to wake
                # it for every message.
                if self._idle:
                    self._changed.notify()

    def _disarm(self) -> None:
        with self._changed:
            self._connection, self._deadline = None, None

    def _watch(self) -> None:
        with self._changed:
            while not self._stopped:
                if self._deadline is None:
                    self._idle = True
                    self._changed.wait()
                    self._idle = False
                elif (left := self._deadline - time.monotonic()) > 0:
                    self._changed.wait(left)
                else:
                    self._cut()

    def _cut(self) -> None:
        self.fired, self._deadline = True, None
        sock = getattr(self._connection, "sock", None)
        if sock is not None:
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _Exchange:
    def __init__(self, watchdog: Watchdog, connection: smtplib.SMTP) -> None:
        self.watchdog, self.connection = watchdog, connection

    def __enter__(self) -> Watchdog:
        self.watchdog._arm(self.connection)
        return self.watchdog

    def __exit__(self, *exc_info: object) -> None:
        self.watchdog._disarm()


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}".rstrip(": ")
