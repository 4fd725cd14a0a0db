"""``make bench``: the course's speed and weight figures, printed and written to
``_build/bench.json``.

- clean build of both editions (in a fresh copy of the course, so notebooks execute and
  nothing is reused), then a no-change rebuild;
- first-visit transfer of each edition's landing page in Chromium (uncompressed bytes,
  requests);
- data load time, cold and warm, and PDF times.

Targets: clean build < 60 s, no-change rebuild < 10 s, landing page < 600 KB.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from tipcourse.course import Course
from tipcourse.data import bench_load
from tipcourse.publish.browser import in_own_thread
from tipcourse.publish.build import EDITIONS, build
from tipcourse.publish.pdf import bench as bench_pdf

COPY_IGNORE = shutil.ignore_patterns("_build", ".venv", ".git", "node_modules", "__pycache__",
                                     ".pytest_cache", ".ruff_cache", ".hypothesis")


def _timed(fn: Any, *args: Any, **kwargs: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return round(time.perf_counter() - start, 2), value


def bench_build(course: Course) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="tipcourse-bench-") as tmp:
        root = Path(tmp) / "course"
        shutil.copytree(course.root, root, ignore=COPY_IGNORE)
        (root / "node_modules").symlink_to(course.root / "node_modules")
        copy = Course(root)
        clean, _ = _timed(build, copy)
        rebuild, _ = _timed(build, copy)
    return {"clean_build_s": clean, "no_change_rebuild_s": rebuild}


def bench_landing_pages(course: Course) -> dict[str, dict[str, Any]]:
    from tipcourse.publish.browser import chromium, served, visit

    figures: dict[str, dict[str, Any]] = {}
    with chromium() as browser:
        for edition in EDITIONS:
            site = course.site_dir(edition)
            if not (site / "index.html").is_file():
                build(course, [edition])
            with served(site) as base:
                page = visit(browser, base + "index.html")
            figures[edition] = {
                "bytes": page.bytes,
                "kb": round(page.bytes / 1000, 1),
                "requests": len(page.requests),
                "external_requests": len(page.blocked),
            }
    return figures


def main() -> int:
    course = Course.here()
    results: dict[str, Any] = {}
    results["build"] = bench_build(course)
    print(f"clean build, both editions: {results['build']['clean_build_s']} s (target < 60 s)")
    rebuild = results["build"]["no_change_rebuild_s"]
    print(f"no-change rebuild:          {rebuild} s (target < 10 s)")
    results["landing_page"] = in_own_thread(bench_landing_pages, course)
    for edition, page in results["landing_page"].items():
        print(f"{edition} landing page:       {page['kb']} KB in {page['requests']} requests "
              f"(target < 600 KB)")
    results["data_load"] = bench_load()
    print(f"data load: {results['data_load']}")
    results["pdf"] = bench_pdf(course)
    print(f"PDFs: {results['pdf']}")
    from tipcourse.publish import student_install

    with tempfile.TemporaryDirectory(prefix="tipcourse-student-") as tmp:
        results["student_install"] = student_install.bench(course.root, Path(tmp) / "env")
    size = results["student_install"]
    print(f"student install (pip install tipcourse): {size['site_packages_mb']} MB of "
          f"site-packages; {size['without_jupyter_mb']} MB without Jupyter's own "
          "(target < 250 MB)")
    from tipcourse.slides.build import bench as bench_slides

    results["slides"] = bench_slides(course)
    slowest = max(results["slides"].values())
    print(f"lesson decks (HTML + .pptx): slowest {slowest} s (target < 2 s): "
          f"{results['slides']}")
    out = course.build_dir / "bench.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {out.relative_to(course.root)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
