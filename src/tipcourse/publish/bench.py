"""``make bench``: the course's speed and weight figures, printed and written to
``_build/bench.json``.

- clean build of both editions (in a fresh copy of the course, so notebooks execute and
  nothing is reused), then a no-change rebuild;
- first-visit transfer of each edition's landing page in Chromium (uncompressed bytes,
  requests);
- data load time, cold and warm, and PDF times;
- Lighthouse (npm ``lighthouse``, pinned in package.json; mobile preset, the system Chromium)
  on the student landing page, a chapter and a notebook, served compressed by
  ``tipcourse serve``'s server as a static host would: the four category scores beside the
  page's transferred weight.

Targets: clean build < 60 s, no-change rebuild < 10 s; transferred on a first visit, the
landing page < 300 KB and a chapter < 350 KB; Lighthouse mobile performance >= 0.95,
accessibility, best practices and SEO = 1.0.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from tipcourse.course import Course
from tipcourse.data import bench_load
from tipcourse.languages import LANGUAGES
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
        every, _ = _timed(build, copy, languages=LANGUAGES)  # English is built: +es, +fr
        every_rebuild, _ = _timed(build, copy, languages=LANGUAGES)
    return {"clean_build_s": clean, "no_change_rebuild_s": rebuild,
            "all_languages_s": round(clean + every, 2),
            "all_languages_ratio": round((clean + every) / clean, 2),
            "all_languages_rebuild_s": every_rebuild}


def chapter_text(page: Path) -> str:
    """The prose a student reads in a built chapter: paragraphs and list items, without
    headings, figures, tables, quizzes, notes and code (each ends a sentence)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one("main article") or soup.select_one("main") or soup
    for element in main.select("pre, code, script, style, table, figure, nav, .tc-quiz, "
                               ".tc-fact-notes-section, .headerlink, h1, h2, h3, h4"):
        element.decompose()
    blocks = [" ".join(b.get_text(" ").split()) for b in main.select("p, li")]
    return " ".join(b if b.endswith((".", "!", "?", ":")) else b + "." for b in blocks if b)


def bench_reading(course: Course) -> dict[str, dict[str, float]]:
    """Reading ease of each chapter of each built translation (lang -> chapter -> ease)."""
    from tipcourse.readability import reading_ease

    figures: dict[str, dict[str, float]] = {}
    for lang in LANGUAGES[1:]:
        book = course.site_dir("student", lang) / "book"
        figures[lang] = {page.stem: round(reading_ease(chapter_text(page), lang), 1)
                         for page in sorted(book.glob("0*.html"))}
    return figures


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


# The pages Lighthouse measures (student edition) and the weight each must stay under.
LIGHTHOUSE_PAGES = {
    "landing page": ("index.html", 300_000),
    "chapter 1": ("book/01-what-is-trafficking.html", 350_000),
    "notebook 1": ("notebooks/01-how-many-detected.html", 350_000),
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}


def lighthouse_command(course: Course) -> list[str] | None:
    program = course.root / "node_modules" / ".bin" / "lighthouse"
    return [str(program)] if program.is_file() else None


def run_lighthouse(command: list[str], url: str, chrome: str) -> dict[str, Any]:
    """One Lighthouse run (mobile preset): category scores and the bytes transferred."""
    done = subprocess.run(
        [*command, url, "--output=json", "--output-path=stdout", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chrome}, timeout=300,
    )
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines()
        raise RuntimeError(lines[-1] if lines else f"lighthouse exited {done.returncode}")
    report = json.loads(done.stdout)
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    audits = report["audits"]
    failed = sorted(
        key for key, audit in audits.items()
        if audit.get("score") is not None and audit["score"] < 0.9
        and audit.get("scoreDisplayMode") in {"binary", "numeric", "metricSavings"}
    )
    return {
        **scores,
        "transfer_bytes": int(audits["total-byte-weight"]["numericValue"]),
        "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
        "below_0.9": failed,
    }


def bench_lighthouse(course: Course) -> dict[str, dict[str, Any]]:
    from tipcourse.publish.browser import find_chromium, served

    command = lighthouse_command(course)
    if command is None:
        raise RuntimeError("Lighthouse is not installed: run `make setup`")
    site = course.site_dir("student")
    if not (site / "index.html").is_file():
        build(course, ["student"])
    chrome = find_chromium()
    figures: dict[str, dict[str, Any]] = {}
    with served(site) as base:
        for name, (page, limit) in LIGHTHOUSE_PAGES.items():
            figures[name] = {**run_lighthouse(command, base + page, chrome), "limit": limit}
    return figures


def print_lighthouse(figures: dict[str, dict[str, Any]]) -> None:
    print(f"{'Lighthouse, mobile':20} {'KB sent':>8} {'perf':>5} {'a11y':>5} {'b.p.':>5} "
          f"{'SEO':>5} {'LCP s':>6}")
    for name, f in figures.items():
        weight = f"{f['transfer_bytes'] / 1000:.0f}/{f['limit'] // 1000}"
        print(f"{name:20} {weight:>8} {f['performance']:>5.2f} {f['accessibility']:>5.2f} "
              f"{f['best-practices']:>5.2f} {f['seo']:>5.2f} {f['lcp_s']:>6}")
        missed = [c for c in CATEGORIES if (f[c] or 0) < TARGETS[c]]
        if missed or f["transfer_bytes"] >= f["limit"]:
            print(f"  below target: {', '.join(missed) or 'weight'}; audits under 0.9: "
                  f"{', '.join(f['below_0.9']) or 'none'}")
    print("targets: weight under the limit (KB), perf >= 0.95, a11y, b.p. and SEO = 1.00")


def main(argv: list[str] | None = None) -> int:
    import sys

    course = Course.here()
    results: dict[str, Any] = {}
    if (sys.argv[1:] if argv is None else argv) == ["lighthouse"]:
        # `python -m tipcourse.bench lighthouse`: only the Lighthouse figures, on the built site.
        print_lighthouse(bench_lighthouse(course))
        return 0
    results["build"] = bench_build(course)
    print(f"clean build, both editions: {results['build']['clean_build_s']} s (target < 60 s)")
    rebuild = results["build"]["no_change_rebuild_s"]
    print(f"no-change rebuild:          {rebuild} s (target < 10 s)")
    b = results["build"]
    print(f"all three languages, clean: {b['all_languages_s']} s, "
          f"{b['all_languages_ratio']}x English (target <= 3x)")
    print(f"all three, no-change:       {b['all_languages_rebuild_s']} s (target < 10 s)")
    build(course, languages=LANGUAGES)
    results["reading"] = bench_reading(course)
    for lang, chapters in results["reading"].items():
        print(f"reading ease, {lang} chapters: "
              + ", ".join(f"{name[:2]} {ease:g}" for name, ease in chapters.items())
              + " (target >= 60)")
    results["landing_page"] = in_own_thread(bench_landing_pages, course)
    for edition, page in results["landing_page"].items():
        print(f"{edition} landing page:       {page['kb']} KB in {page['requests']} requests "
              f"(target < 600 KB)")
    results["lighthouse"] = bench_lighthouse(course)
    print_lighthouse(results["lighthouse"])
    results["data_load"] = bench_load()
    print(f"data load: {results['data_load']}")
    results["pdf"] = bench_pdf(course)
    print(f"PDFs: {results['pdf']}")
    from tipcourse.publish.dist import bench as bench_dist

    results["dist"] = bench_dist(course)
    print(f"student zip:                {results['dist']['student_zip_mb']} MB (target < 25 MB)")
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
