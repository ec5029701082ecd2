"""A small HTTP server on 127.0.0.1 that speaks LibreTranslate's /translate protocol, for tests."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# LibreTranslate's request fields: q, source, target, format, api_key (query string or form body).


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        fields = {k: v[0] for k, v in {**parse_qs(parts.query), **parse_qs(body)}.items()}
        self.server.requests.append((parts.path, fields))
        if parts.path != "/translate":
            return self._send(404, {"error": "Not Found"})
        if self.server.required_key and fields.get("api_key") != self.server.required_key:
            return self._send(403, {"error": "Invalid API key"})
        if not fields.get("q"):
            return self._send(400, {"error": "Invalid request: missing q parameter"})
        return self._send(200, {"translatedText": f"[{fields['target']}] {fields['q']}"})

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
        self.server.required_key = required_key
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def requests(self):
        return self.server.requests

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
