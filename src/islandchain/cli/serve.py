"""``islandchain serve``: the page, on this computer only (127.0.0.1)."""

from __future__ import annotations

import click

__all__ = ["serve"]

#: The page listens on the loopback interface only: nobody else on the network reaches it.
HOST = "127.0.0.1"


@click.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="The port on 127.0.0.1 (0: any free port, printed when the page is ready).",
)
@click.option("--no-cross-check", is_flag=True, help="Skip re-measuring on the GSHHG coastline.")
def serve(port: int, no_cross_check: bool) -> None:
    """Serve the page at http://127.0.0.1:PORT/ (Ctrl-C stops it).

    Paste an article, upload a .txt, .toml, .geojson, .kml, .kmz, .gpx or .csv
    file, or type one claim; the page marks each statement in the text with its
    verdict, shows the table, the map and the places to check, lets you correct a
    misread place or figure and check again, and downloads the claims file, the
    verdicts (CSV, JSON) and the map (HTML, PNG). It works with no network and
    listens on 127.0.0.1 only.
    """
    import socket

    import uvicorn

    from ..app import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise click.BadParameter(
            f"cannot listen on {HOST}:{port} ({exc.strerror}); choose another port",
            param_hint="'--port'",
        ) from None
    config = uvicorn.Config(
        create_app(cross_check=not no_cross_check),
        log_level="warning",
        access_log=False,
        server_header=False,
        # Ctrl-C or SIGTERM stops it within seconds, even with a long check under way.
        timeout_graceful_shutdown=5,
    )
    click.echo(f"islandchain page: http://{HOST}:{sock.getsockname()[1]}/ (Ctrl-C stops it)")
    uvicorn.Server(config).run(sockets=[sock])
