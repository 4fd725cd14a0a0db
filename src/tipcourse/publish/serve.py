"""Serve a built edition on the loopback interface (a classroom machine, a quick look).

The standard library's threaded HTTP server is enough for static files on one machine;
for many students, copy the folder to any static host.
"""

from __future__ import annotations

import functools
import http.server
import os
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        # A folder without index.html is "not found", as on a static host: no file listing.
        self.send_error(http.server.HTTPStatus.NOT_FOUND)
        return None

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        """A missing page gets the site's own 404 page (with the course's look and a way
        back), not the standard library's."""
        page = Path(self.directory) / "404.html"
        if code != http.server.HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that drops a connection mid-response (a page closed while it loads) is
        # normal; anything else is still reported.
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def make_server(site: Path, host: str = "127.0.0.1", port: int = 0) -> http.server.HTTPServer:
    handler = functools.partial(QuietHandler, directory=str(site))
    return SiteServer((host, port), handler)


def serve(site: Path, *, port: int = 8000, host: str = "127.0.0.1") -> None:
    server = make_server(site, host, port)
    print(f"serving {site} at http://{host}:{server.server_address[1]}/ (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
