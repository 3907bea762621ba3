"""``serve``: the translator's workbench, a local web editor over the catalogs."""

from __future__ import annotations

from pathlib import Path

import click

from commands.options import pass_project
from commands.output import InputError, echo
from pipeline import bulk
from pipeline.workspace.project import Project


@click.command()
@click.option("--lang", "codes", multiple=True, metavar="LANG", help="Show only these languages (default: every one).")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port; 0 picks a free one."
)
@click.option("--no-browser", is_flag=True, help="Only print the URL; do not open a browser.")
@click.option(
    "--compendium",
    "compendia",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="A .po, .mo or .tmx file of known translations the suggestions also come from; repeatable.",
)
@pass_project
def serve(project: Project, codes: tuple[str, ...], port: int, no_browser: bool, compendia: tuple[Path, ...]) -> None:
    """Open the translator's workbench: a local web editor over the project's catalogs.

    Listens on 127.0.0.1 only and prints one line with the URL to open (it carries a fresh
    random token). Saves go to the same .po files, one entry at a time. Ctrl+C stops it.
    """
    import errno
    import socket
    import threading
    import webbrowser

    import uvicorn

    from pipeline.operations.memory import check_compendia
    from pipeline.workbench import app as workbench_app
    from pipeline.workbench import security

    bulk.keep_collecting()  # a server runs long: the collector as usual (see bulk.frozen_survivors)
    shown = tuple(project.target(code).code for code in codes)
    check_compendia(project, compendia)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as exc:
        sock.close()
        reason = "is in use" if exc.errno == errno.EADDRINUSE else f"cannot be used: {exc.strerror}"
        raise InputError(f"port {port} {reason}; choose another with --port N (or --port 0 for a free one)") from None
    sock.listen(128)
    actual = sock.getsockname()[1]
    token = security.new_token()
    application = workbench_app.create_app(
        project, token, actual, shown, warm=True, compendia=compendia, long_lived=True
    )
    url = f"http://127.0.0.1:{actual}/?token={token}"
    server = uvicorn.Server(uvicorn.Config(application, log_level="warning", lifespan="off"))
    echo(f"workbench: {url}  (Ctrl+C stops it)")
    if not no_browser:
        threading.Timer(0.5, webbrowser.open, (url,)).start()
    try:
        server.run(sockets=[sock])  # Ctrl+C: uvicorn finishes the requests in flight (a save included), then stops
    except KeyboardInterrupt:  # uvicorn re-raises the signal once it has shut down: a normal end
        pass
    finally:
        sock.close()
