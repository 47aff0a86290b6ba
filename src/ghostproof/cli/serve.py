"""``ghostproof serve`` on the command line."""

from __future__ import annotations

from typing import Annotated

import typer

from ..commands.base import Console, Outcome
from . import options as opt


def serve(
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port to listen on (0: any free one).", show_default=True)
    ] = 8765,
    host: Annotated[
        str,
        opt.option("--host", help="Address to listen on (default 127.0.0.1: this computer only; others warn)."),
    ] = "127.0.0.1",
    no_browser: Annotated[bool, opt.option("--no-browser", help="Only print the link; do not open a browser.")] = False,
    lang: Annotated[
        opt.LangOpt | None, opt.option("--lang", help="Page language when the browser does not say (en or de).")
    ] = None,
) -> None:
    """Open ghostproof as a page in your browser, on this computer; nothing leaves it.

    Example: ghostproof serve
    """
    from ..web.server import serve as run_server
    from ..web.settings import ServeSettings

    def start(console: Console) -> Outcome:
        settings = ServeSettings(host=host, port=port, lang=opt.code(lang))
        run_server(settings, open_browser=not no_browser, note=console.note, warn=console.warn)
        return Outcome()

    opt.run(start)


def register(app: typer.Typer) -> None:
    app.command(short_help="Open ghostproof in your browser (this computer only).")(serve)
