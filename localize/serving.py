"""`localize serve`: waitress in a few worker processes sharing one listening socket.

Why waitress: it reads each request whole (headers and body, spooled to disk when large) in an
event loop before a thread runs the app. A client that sends its headers or its body slowly holds
a connection, not a worker thread and never a database transaction; under gunicorn's sync
workers two such clients stalled every request for the whole timeout. Connections idle longer
than `channel_timeout` are closed. In production put a reverse proxy (nginx) in front for TLS,
as the README says; this server stays safe without one.

Each worker is a forked process with its own app and database pool (no connection crosses a
fork); the parent restarts a worker that dies and stops them all on SIGTERM or SIGINT.

Metrics: before forking, PROMETHEUS_MULTIPROC_DIR names a fresh folder of this instance (unless it
is already set) where every worker keeps its counters, so /metrics adds up all of them
(localize.app.metrics). With LOCALIZE_LOG_FORMAT=json the app writes the access log (it knows the
endpoint and the user) and the text line below is left out.
"""
from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import sys
import tempfile
import time
from typing import Callable

log = logging.getLogger("localize.serve")

CHANNEL_TIMEOUT_S = 30       # an idle (or trickling) connection is closed after this long
CONNECTION_LIMIT = 1000      # open connections per worker before new ones wait in the backlog
THREADS = 8                  # app threads per worker: requests in flight at once


def access_logged(app):
    """One line per request on stdout: method, path, status, duration."""
    def logged(environ, start_response):
        started = time.perf_counter()
        status_holder = []

        def capture(status, headers, exc_info=None):
            status_holder.append(status.split(" ", 1)[0])
            return start_response(status, headers, exc_info)
        try:
            return app(environ, capture)
        finally:
            ms = (time.perf_counter() - started) * 1000
            print(f'{environ.get("REMOTE_ADDR", "-")} "{environ["REQUEST_METHOD"]} '
                  f'{environ.get("PATH_INFO", "")}" {status_holder[0] if status_holder else "-"} {ms:.1f}ms',
                  flush=True)
    return logged


def _serve_one(app_factory: Callable, sock: socket.socket, threads: int) -> None:
    from waitress import serve
    app = app_factory()
    body_limit = max(app.config["MAX_CONTENT_LENGTH"], app.config.get("MAX_VIEWS_UPLOAD", 0)) + 64 * 1024
    wsgi = app if app.config.get("LOG_FORMAT") == "json" else access_logged(app)
    serve(wsgi, sockets=[sock], threads=threads, connection_limit=CONNECTION_LIMIT,
          channel_timeout=CHANNEL_TIMEOUT_S, cleanup_interval=5, asyncore_use_poll=True,
          max_request_body_size=body_limit, ident="localize", _quiet=True)


def serve_forever(app_factory: Callable, host: str, port: int, *, workers: int = 2, threads: int = THREADS) -> None:
    """Listen on host:port and serve with `workers` processes until SIGTERM or SIGINT."""
    sock = socket.create_server((host, port), backlog=2048)
    metrics_dir = None
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        metrics_dir = tempfile.mkdtemp(prefix="localize-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    try:
        _serve_workers(app_factory, sock, workers, threads)
    finally:
        if metrics_dir:
            shutil.rmtree(metrics_dir, ignore_errors=True)


def _serve_workers(app_factory: Callable, sock: socket.socket, workers: int, threads: int) -> None:
    if workers <= 1:
        _serve_one(app_factory, sock, threads)
        return
    children: set[int] = set()
    stopping = False

    def spawn() -> None:
        pid = os.fork()
        if pid == 0:  # the worker: default signal handling, its own app
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            try:
                _serve_one(app_factory, sock, threads)
            finally:
                os._exit(0)
        children.add(pid)

    def stop(signum, _frame) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(workers):
        spawn()
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:
            continue
        children.discard(pid)
        if not stopping:
            print(f"worker {pid} exited ({status}); starting another", file=sys.stderr, flush=True)
            spawn()
    sock.close()
