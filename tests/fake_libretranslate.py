"""A small HTTP server on 127.0.0.1 that speaks LibreTranslate's real /translate protocol, for tests.

POST /translate takes a JSON or form body (or a query string) with q, source, target, format and
api_key; q is one string or an array of them, and translatedText answers in the same shape.
GET /languages lists what it translates. Its errors are LibreTranslate's: 400 {"error": ...} for a
missing q or an unsupported language, 403 for a bad api_key when one is required, 429
{"error": "Too many requests ..."} and 500 on demand (`fail_next(n, status)`). Every request is
counted in `requests` as (path, fields) so tests can assert batching and caching.
"""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LANGUAGES = ("ar", "de", "en", "es", "fr", "it", "ja", "ko", "pt", "ru", "zh", "zt")
ERRORS = {429: "Too many requests: slow down (1 per 1 minute)", 500: "Internal server error",
          503: "Service unavailable"}


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        parts = urlsplit(self.path)
        self.server.requests.append((parts.path, {}))
        if parts.path != "/languages":
            return self._send(404, {"error": "Not Found"})
        return self._send(200, [{"code": c, "name": c, "targets": list(LANGUAGES)} for c in LANGUAGES])

    def do_POST(self):
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        fields = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if (self.headers.get("Content-Type") or "").startswith("application/json"):
            try:
                payload = json.loads(body or "{}")
            except ValueError:
                return self._send(400, {"error": "Invalid JSON"})
            fields.update(payload if isinstance(payload, dict) else {})
        else:
            fields.update({k: v if len(v) > 1 else v[0] for k, v in parse_qs(body).items()})
        with self.server.lock:
            self.server.requests.append((parts.path, fields))
            failure = self.server.failures.pop(0) if self.server.failures else None
        if parts.path != "/translate":
            return self._send(404, {"error": "Not Found"})
        if failure:
            return self._send(failure, {"error": ERRORS.get(failure, "Error")})
        if self.server.required_key and fields.get("api_key") != self.server.required_key:
            return self._send(403, {"error": "Invalid API key"})
        q = fields.get("q")
        if not q:
            return self._send(400, {"error": "Invalid request: missing q parameter"})
        for field in ("source", "target"):
            if fields.get(field) not in LANGUAGES and not (field == "source" and fields.get(field) == "auto"):
                return self._send(400, {"error": f"{fields.get(field)} is not supported"})
        target = fields["target"]
        if isinstance(q, list):
            return self._send(200, {"translatedText": [self.server.translate(t, target) for t in q]})
        return self._send(200, {"translatedText": self.server.translate(q, target)})

    def _send(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class FakeLibreTranslate:
    def __init__(self, required_key: str | None = None):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.requests = []
        self.server.failures = []
        self.server.lock = threading.Lock()
        self.server.required_key = required_key
        self.server.translate = lambda text, target: f"[{target}] {text}"
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def requests(self):
        return self.server.requests

    def translations(self):
        """The /translate requests, each as the list of texts it asked for."""
        return [f["q"] if isinstance(f.get("q"), list) else [f.get("q")]
                for path, f in self.requests if path == "/translate"]

    def fail_next(self, count: int, status: int = 429) -> None:
        """Answer the next `count` translate requests with `status` (429, 500, 503) instead."""
        with self.server.lock:
            self.server.failures.extend([status] * count)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
