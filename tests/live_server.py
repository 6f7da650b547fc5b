"""The application served by Werkzeug's real server on a free port, in a thread."""

from __future__ import annotations

import threading
from collections.abc import Callable

from werkzeug.serving import make_server


def serve(app) -> tuple[str, Callable[[], None]]:
    """The base URL and a function that stops the server.

    Stopping waits for the requests still being answered (a browser's last autosave, say): one left
    running would write to the database while the next test empties it, or after its engine is gone.
    """
    server = make_server("127.0.0.1", 0, app, threaded=True)
    server.daemon_threads = False  # so that server_close() joins the request threads (socketserver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        thread.join()
        server.server_close()

    return f"http://127.0.0.1:{server.server_port}", stop
