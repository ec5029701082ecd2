"""`localize serve --workers 2`: /metrics adds up every worker's counters; the JSON access log."""
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from localize import db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)  # a new connection: any worker may take it
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _health_count(text: str) -> float:
    return sum(s.value for family in text_string_to_metric_families(text) for s in family.samples
               if s.name == "localize_http_requests_total" and s.labels.get("endpoint") == "api.health"
               and s.labels.get("status") == "200")


def test_metrics_add_up_both_workers_and_the_access_log_is_json(sqlite_template, tmp_path):
    path = tmp_path / "serve.sqlite3"
    shutil.copy(sqlite_template, path)
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "LOCALIZE_METRICS_ALLOW": "127.0.0.1",
           "LOCALIZE_LOG_FORMAT": "json", "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)}
    log = tmp_path / "access.log"
    localize = Path(sys.executable).parent / "localize"
    with open(log, "wb") as out:
        proc = subprocess.Popen([str(localize), "serve", "--port", str(port), "--workers", "2", "--threads", "4"],
                                env=env, stdout=out, stderr=subprocess.DEVNULL)
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        sent = 0
        pids: set[str] = set()
        with ThreadPoolExecutor(max_workers=8) as pool:
            for _ in range(20):  # until both workers have answered (each keeps its own counter file)
                statuses = list(pool.map(lambda _: _get(port, "/api/v1/health")[0], range(16)))
                assert statuses == [200] * 16
                sent += 16
                pids = {f.stem.rsplit("_", 1)[1] for f in metrics_dir.glob("counter_*.db")}
                if len(pids) >= 2:
                    break
        assert len(pids) >= 2, "one worker answered every request"
        status, body = _get(port, "/metrics")
        assert status == 200
        assert _health_count(body.decode()) == sent  # every worker's requests, not only the scraping one's
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    health = [line for line in lines if line["path"] == "/api/v1/health"]
    assert len(health) == sent
    assert health[0].keys() == {"method", "path", "status", "duration_ms", "user_id", "remote_addr"}
    assert health[0]["status"] == 200 and health[0]["user_id"] is None and health[0]["remote_addr"] == "127.0.0.1"
    assert any(line["path"] == "/metrics" for line in lines)
    assert not any(line.startswith('127.0.0.1 "GET') for line in log.read_text().splitlines())  # no text lines


def test_serve_makes_its_own_metrics_folder_and_removes_it(sqlite_template, tmp_path):
    """Without PROMETHEUS_MULTIPROC_DIR, each `localize serve` gets a fresh folder, gone when it stops."""
    path = tmp_path / "serve.sqlite3"
    shutil.copy(sqlite_template, path)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "PROMETHEUS_MULTIPROC_DIR"}
    env.update({"DATABASE_URL": f"sqlite:///{path}", "LOCALIZE_METRICS_ALLOW": "127.0.0.1", "TMPDIR": str(tmp_path)})
    localize = Path(sys.executable).parent / "localize"
    proc = subprocess.Popen([str(localize), "serve", "--port", str(port), "--workers", "2"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        assert _get(port, "/api/v1/health")[0] == 200
        status, body = _get(port, "/metrics")
        assert status == 200 and _health_count(body.decode()) >= 1
        assert len(list(tmp_path.glob("localize-metrics-*"))) == 1
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert list(tmp_path.glob("localize-metrics-*")) == []
    db.get_engine(f"sqlite:///{path}").dispose()
