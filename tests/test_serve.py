"""`tipcourse serve` serves a built edition on 127.0.0.1 only."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tipcourse.course import Course
from tipcourse.publish.build import build

from helpers import copy_minibook


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_shows_the_built_student_edition(tmp_path: Path) -> None:
    course = Course(copy_minibook(tmp_path))
    build(course, ["student"])
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tipcourse.cli", "serve", "--edition", "student",
         "--port", str(port)],
        cwd=course.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        body = ""
        for _ in range(50):
            try:
                # The address leads to the edition's first language.
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                    body = r.read().decode()
                    assert r.url.endswith("/en/student/")
                break
            except OSError:
                time.sleep(0.2)
        assert "Fixture course" in body
        # Listening on the loopback address only, not on every interface (Linux: the kernel's
        # socket table gives the bound address in hex, 0100007F being 127.0.0.1).
        table = Path("/proc/net/tcp")
        if table.exists():
            listening = [line.split()[1] for line in table.read_text().splitlines()[1:]
                         if line.split()[3] == "0A"]
            assert f"0100007F:{port:04X}" in listening
            assert f"00000000:{port:04X}" not in listening
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_says_when_the_edition_is_not_built(tmp_path: Path) -> None:
    root = copy_minibook(tmp_path)
    result = subprocess.run([sys.executable, "-m", "tipcourse.cli", "serve"], cwd=root,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "this edition is not built" in result.stderr and "tipcourse build" in result.stderr


def test_serve_sends_text_compressed_like_a_static_host(tmp_path: Path) -> None:
    import gzip
    import threading

    from tipcourse.publish.serve import make_server

    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>" + "words " * 2000)
    (tmp_path / "mark.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    server = make_server(tmp_path)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        request = urllib.request.Request(base, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=5) as r:
            assert r.headers["Content-Encoding"] == "gzip"
            assert r.headers["Content-Type"].startswith("text/html")
            raw = r.read()
        assert len(raw) < 1000
        assert gzip.decompress(raw).decode().endswith("words ")
        with urllib.request.urlopen(base + "index.html", timeout=5) as r:
            assert r.headers["Content-Encoding"] is None  # a client that did not ask
            assert r.read().decode().endswith("words ")
        request = urllib.request.Request(base + "mark.png", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=5) as r:
            assert r.headers["Content-Encoding"] is None  # images are sent as they are
    finally:
        server.shutdown()
        server.server_close()
