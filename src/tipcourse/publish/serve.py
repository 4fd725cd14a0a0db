"""Serve a built edition on the loopback interface (a classroom machine, a quick look).

The standard library's threaded HTTP server is enough for static files on one machine;
for many students, copy the folder to any static host. Like such a host, it sends text files
(pages, stylesheets, scripts, SVG) gzip-compressed to a browser that accepts it, so that page
weights and Lighthouse figures measured against it are the ones students will get.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
from pathlib import Path
from typing import Any

from tipcourse.languages import LANGUAGES

# What a static host compresses: text. Images and fonts are compressed already.
COMPRESSIBLE = {".html", ".css", ".js", ".svg", ".json", ".xml", ".txt", ".map", ".ipynb"}
_cache: dict[tuple[str, float, int], bytes] = {}


def _gzipped(path: str, stat: os.stat_result) -> bytes:
    key = (path, stat.st_mtime, stat.st_size)
    if key not in _cache:
        with open(path, "rb") as f:
            _cache[key] = gzip.compress(f.read(), compresslevel=6, mtime=0)
    return _cache[key]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self) -> Any:
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            index = os.path.join(path, "index.html")
            if self.path.split("?", 1)[0].endswith("/") and os.path.isfile(index):
                path = index
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and os.path.isfile(path) and Path(path).suffix in COMPRESSIBLE):
            return super().send_head()
        stat = os.stat(path)
        body = _gzipped(path, stat)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        # A folder without index.html is "not found", as on a static host: no file listing.
        self.send_error(http.server.HTTPStatus.NOT_FOUND)
        return None

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        """A missing page gets the site's own 404 page (with the course's look and a way
        back), not the standard library's."""
        page = self.not_found_page()
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


    def not_found_page(self) -> Path:
        return Path(self.directory) / "404.html"


class EditionHandler(QuietHandler):
    """Serves one edition in every built language from ``_build/site/`` (so that the
    language switcher's links work): ``/<lang>/<edition>/…``; ``/`` leads to the first
    language's; the other edition is not found."""

    edition = "student"
    home = "en"

    def _allowed(self) -> bool:
        parts = self.path.split("?", 1)[0].split("/")
        return len(parts) > 2 and parts[2] == self.edition and parts[1] in LANGUAGES

    def send_head(self) -> Any:
        if self.path.split("?", 1)[0] in ("", "/"):
            self.send_response(http.server.HTTPStatus.FOUND)
            self.send_header("Location", f"/{self.home}/{self.edition}/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if not self._allowed():
            self.send_error(http.server.HTTPStatus.NOT_FOUND)
            return None
        return super().send_head()

    def not_found_page(self) -> Path:
        return Path(self.directory) / self.home / self.edition / "404.html"


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


def make_edition_server(sites: Path, edition: str, lang: str, host: str = "127.0.0.1",
                        port: int = 0) -> http.server.HTTPServer:
    """A server for one edition in every language built under ``sites`` (``_build/site``)."""
    handler_class = type("Handler", (EditionHandler,), {"edition": edition, "home": lang})
    handler = functools.partial(handler_class, directory=str(sites))
    return SiteServer((host, port), handler)


def serve(sites: Path, edition: str, lang: str, *, port: int = 8000,
          host: str = "127.0.0.1") -> None:
    server = make_edition_server(sites, edition, lang, host, port)
    address = f"http://{host}:{server.server_address[1]}/{lang}/{edition}/"
    print(f"serving the {edition} edition at {address} (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
