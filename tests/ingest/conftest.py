"""A threaded HTTP server on 127.0.0.1 serving canned responses, so URL and feed tests never touch the internet."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass
class LocalServer:
    """Register ``routes[path] = Route(...)``; ``requests`` records (path, headers) of each GET."""

    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str = b"", status: int = 200, **headers: str) -> str:
        """Serve ``body`` at ``path``; header names use underscores (``content_type=``).

        ``content_length=""`` sends no Content-Length, so the body runs until the connection closes.
        """
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(status, {k.replace("_", "-"): v for k, v in headers.items()}, data)
        return self.url(path)


def _handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.requests.append((self.path, dict(self.headers.items())))
            route = server.routes.get(self.path, Route(404, {"Content-Type": "text/plain"}, b"not found"))
            self.send_response(route.status)
            for key, value in route.headers.items():
                if value:  # an empty value means "do not send this header"
                    self.send_header(key, value)
            if not any(k.lower() == "content-length" for k in route.headers):
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client stopped at its cap
                self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
            return

    return Handler


@pytest.fixture()
def http_server() -> Iterator[LocalServer]:
    """A fresh server per test on an ephemeral port; shut down when the test ends."""
    local = LocalServer(base="")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(local))
    httpd.daemon_threads = True
    local.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield local
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)
