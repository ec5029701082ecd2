"""Pages and API under load, against a bare Flask app under the same server settings (issue 14).

Starts `localize serve` (waitress, 2 workers x 8 threads) on a benchmark database (6 versions x 80
episodes, 90 days of views, a 40-cue track) and a bare Flask app answering a tiny JSON through the
same `localize.serving.serve_forever` with the same workers and threads. The same load generator
drives both: wrk (Debian's package) when it is on PATH, otherwise a small bundled asyncio client
(the script says which). For each request, at 8 and 32 connections, over ROUNDS rounds, the floor
(bare Flask) and the path (localize) alternate, each loaded on its own for SECONDS; the script
prints req/s, p50 and p99 of each and the median ratio bare/localize with its spread.

Run: .venv/bin/python benchmarks/http.py   (BENCH_DATABASE_URL=postgresql+psycopg://... for PostgreSQL;
BENCH_ROUNDS=5, BENCH_HTTP_SECONDS=2, BENCH_HTTP_ONLY=report to run the requests whose name has "report")
"""
from __future__ import annotations

import sys
from pathlib import Path

# This file is named http.py: its folder goes last on the path, or it would shadow the standard `http`.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE] + [str(HERE)]

import asyncio  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
import urllib.error  # noqa: E402
import urllib.request  # noqa: E402

from _setup import database_url  # noqa: E402
from _site import Servers, build, session_cookie  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
SECONDS = float(os.environ.get("BENCH_HTTP_SECONDS", "2"))
CONNECTIONS = tuple(int(c) for c in os.environ.get("BENCH_HTTP_CONNECTIONS", "8,32").split(","))
ONLY = os.environ.get("BENCH_HTTP_ONLY", "")
TRACK = "/api/v1/series/bench/versions/es-MX/episodes/1/subtitles/es-MX"

# (name, path, credentials, aim: bare/localize at most)
REQUESTS = [
    ("series list (token)", "/api/v1/series", "token", 1.7),
    ("version JSON (token)", "/api/v1/series/bench/versions/es-MX", "token", 1.7),
    ("40-cue track JSON", TRACK, "token", 2.0),
    ("40-cue track .vtt", TRACK + ".vtt", "token", 2.0),
    ("report JSON, all time", "/api/v1/series/bench/report", "token", 4.0),
    ("report JSON, one month", "/api/v1/series/bench/report?from=2026-03-01&to=2026-03-31", "token", 4.0),
    ("report JSON, If-None-Match", "/api/v1/series/bench/report", "etag", None),
    ("matrix page (lead, signed in)", "/series/bench", "cookie", 5.0),
    ("report page (lead, signed in)", "/series/bench/report", "cookie", 6.0),
]


# --- load generators ---------------------------------------------------------------------------

def run_wrk(port: int, path: str, headers: dict, connections: int, seconds: float) -> dict:
    args = ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{max(1, round(seconds))}s", "--latency"]
    for key, value in headers.items():
        args += ["-H", f"{key}: {value}"]
    out = subprocess.run(args + [f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True,
                         check=True, timeout=seconds + 60).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": _ms(lat.get("50", "0ms")), "p99": _ms(lat.get("99", "0ms")),
            "errors": errors + (int(bad.group(1)) if bad else 0)}


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_asyncio(port: int, path: str, headers: dict, connections: int, seconds: float) -> dict:
    """A small keep-alive HTTP/1.1 client: `connections` loops sending the request for `seconds`."""
    request = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
               + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n").encode()
    latencies: list[float] = []
    errors = 0

    async def one(deadline: float) -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while time.perf_counter() < deadline:
                start = time.perf_counter()
                writer.write(request)
                status_line = await reader.readline()
                status = int(status_line.split()[1])
                length, chunked = 0, False
                while True:
                    line = await reader.readline()
                    if line in (b"\r\n", b""):
                        break
                    name, _, value = line.decode("latin-1").partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                    elif name.lower() == "transfer-encoding" and "chunked" in value.lower():
                        chunked = True
                if chunked:
                    while True:
                        size = int((await reader.readline()).split(b";")[0], 16)
                        await reader.readexactly(size + 2)
                        if size == 0:
                            break
                elif length:
                    await reader.readexactly(length)
                latencies.append(time.perf_counter() - start)
                if status >= 400:
                    errors += 1
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            errors += 1
        finally:
            writer.close()

    async def main() -> float:
        start = time.perf_counter()
        await asyncio.gather(*(one(start + seconds) for _ in range(connections)))
        return time.perf_counter() - start

    elapsed = asyncio.run(main())
    latencies.sort()
    pick = (lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000) if latencies else (lambda q: 0.0)
    return {"rps": len(latencies) / elapsed, "p50": pick(0.5), "p99": pick(0.99), "errors": errors}


LOAD = run_wrk if shutil.which("wrk") else run_asyncio
GENERATOR = ("wrk (" + subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0].strip()
             + ")") if shutil.which("wrk") else "the bundled asyncio client (wrk is not on PATH)"


# --- the run -----------------------------------------------------------------------------------

def fetch(port: int, path: str, headers: dict) -> tuple[int, dict]:
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            response.read()
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers)


def main() -> None:
    url = database_url()
    site = build(url)
    results = []
    with Servers(url) as servers:
        cookie_name, _ = session_cookie(url, servers.secret, site["uid"], site["epoch"])
        for name, path, credentials, aim in REQUESTS:
            if ONLY and ONLY not in name:
                continue

            def headers(credentials=credentials, path=path) -> dict:
                if credentials == "cookie":  # signed now: the session's last use stays fresh
                    return {"Cookie": f"{cookie_name}={session_cookie(url, servers.secret, site['uid'], site['epoch'])[1]}"}
                base = {"Authorization": f"Bearer {site['token']}"}
                if credentials == "etag":
                    status, answer = fetch(servers.app_port, path, base)
                    base["If-None-Match"] = answer.get("ETag", '"none"')
                return base

            sent = headers()
            status, _ = fetch(servers.app_port, path, sent)
            expected = 304 if "If-None-Match" in sent and '"none"' not in sent["If-None-Match"] else 200
            if status != expected:
                raise SystemExit(f"{name}: {path} answered {status}, not {expected}")
            fetch(servers.app_port, path, sent)  # warm each worker's caches a little
            for connections in CONNECTIONS:
                app, bare = [], []
                for r in range(ROUNDS):
                    sent = headers()
                    order = ((bare, servers.bare_port, "/", {}), (app, servers.app_port, path, sent))
                    for sink, port, target, hdrs in (order if r % 2 == 0 else order[::-1]):
                        sink.append(LOAD(port, target, hdrs, connections, SECONDS))
                results.append((name, connections, app, bare, aim, status))
                _print_row(*results[-1])
    print()
    print(f"database: {url.split(':')[0]}; load generator: {GENERATOR}; {ROUNDS} rounds of {SECONDS:g} s each, "
          f"bare Flask and localize alternating; both under localize.serving.serve_forever, 2 workers x 8 threads")
    print(f"{'request':32}{'conns':>6}{'localize req/s':>24}{'p50/p99 ms':>15}{'bare req/s':>24}"
          f"{'bare/localize':>24}{'aim':>6}{'errors':>8}")
    for row in results:
        _print_row(*row)


def _print_row(name, connections, app, bare, aim, status) -> None:
    ratios = [b["rps"] / a["rps"] for a, b in zip(app, bare)]
    med = lambda key, rows: statistics.median(r[key] for r in rows)  # noqa: E731
    rps = [a["rps"] for a in app]
    brps = [b["rps"] for b in bare]
    errors = sum(a["errors"] for a in app) + sum(b["errors"] for b in bare)
    label = f"{name} [{status}]" if status != 200 else name
    print(f"{label:32}{connections:>6}{statistics.median(rps):>10,.0f} ({min(rps):,.0f}-{max(rps):,.0f})"
          f"{med('p50', app):>7.1f}/{med('p99', app):<7.1f}"
          f"{statistics.median(brps):>10,.0f} ({min(brps):,.0f}-{max(brps):,.0f})"
          f"{statistics.median(ratios):>10.2f}x ({min(ratios):.2f}-{max(ratios):.2f})"
          f"{(f'{aim:g}x' if aim else '-'):>6}{errors:>8}", flush=True)


if __name__ == "__main__":
    main()
