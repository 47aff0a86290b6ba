"""Start the local server: listen on a socket of our own (so a busy port is a one-line error and ``--port 0`` picks a
free one), run uvicorn on it, open the browser at the link with the start's token."""

from __future__ import annotations

import contextlib
import socket
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import replace

from ..errors import E_PORT, GhostproofError
from .settings import LOOPBACK, ServeSettings

#: addresses that listen on every interface of the machine
WILDCARDS = ("0.0.0.0", "::")


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: any free one)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise GhostproofError(E_PORT, f"cannot listen on {host!r}: {exc.strerror}", hint="check --host") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise GhostproofError(
            E_PORT,
            f"cannot listen on {host}:{port} ({exc.strerror})",
            hint="another program uses it: choose another with --port, or --port 0 for any free one",
        ) from None
    sock.set_inheritable(True)
    return sock


def serve(
    settings: ServeSettings,
    *,
    open_browser: bool,
    note: Callable[[str], None],
    warn: Callable[[str], None],
) -> None:
    """Serve until Ctrl-C. ``note`` gets the link to open, ``warn`` what a person must know (a non-local address)."""
    import logging

    import uvicorn

    from .app import create_app
    from .work import Workers

    logging.getLogger("multipart").setLevel(logging.ERROR)  # a broken upload is answered; no log lines on the console
    sock = listen(settings.host, settings.port)
    settings = replace(settings, port=sock.getsockname()[1])
    if settings.host not in LOOPBACK:
        warn(
            f"ghostproof: warning: listening on {settings.host}, not only on this computer: anyone who can reach it "
            "and has the link (its token is the key) can use the page and upload files"
        )
    workers = Workers(settings.workers, settings.timeout)
    note("ghostproof: starting (the first start takes a few seconds) …")
    try:
        workers.start()  # here, not in uvicorn's start-up: a broken rule file is a one-line error, not a traceback
    except BaseException:
        sock.close()
        raise
    config = uvicorn.Config(
        create_app(settings, workers),
        log_level="warning",
        access_log=False,
        server_header=False,
        date_header=False,
        lifespan="on",
        timeout_graceful_shutdown=5,
        # a local page for one person: more open connections than this get "503" (a client that opens hundreds and
        # never finishes them cannot hold the server)
        limit_concurrency=64,
    )
    server = uvicorn.Server(config)
    url = settings.url()
    note(f"ghostproof: serving on {url}")
    note("ghostproof: open that link in your browser; press Ctrl-C here to stop")
    if open_browser:
        threading.Timer(1.0, _open, args=(url,)).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()


def _open(url: str) -> None:
    with contextlib.suppress(webbrowser.Error):  # no browser: the printed link still works
        webbrowser.open(url)
