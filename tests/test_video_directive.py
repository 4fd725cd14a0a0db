"""The video directive: a local poster and the link until a click; nothing from another host
before that; YouTube addresses become a youtube-nocookie player on click; QR code in print."""

from __future__ import annotations

from pathlib import Path

import pytest

from tipcourse.course import Course
from tipcourse.publish.build import build_edition
from tipcourse.sphinx.video import DEFAULT_VIDEO_URL, youtube_embed

from helpers import copy_minibook, sphinx_site

YOUTUBE_URL = "https://www.youtube.com/watch?v=AbCdEf12345"
PAGE = """# The video lesson

Watch it together.

```{video}
:title: The video for this lesson
```
"""


def video_book(tmp_path: Path, url: str | None, more: str = "") -> Course:
    """The fixture book with a video on the teacher guide page; the address (if given) and any
    other video settings go into the school settings."""
    root = copy_minibook(tmp_path)
    (root / "teacher_guide/index.md").write_text(PAGE, encoding="utf-8")
    if url or more:
        address = f'  address: "{url}"\n' if url else ""
        (root / "school.yml").write_text(f"video:\n{address}{more}", encoding="utf-8")
    return Course(root)


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://www.youtube.com/watch?v=AbCdEf12345",
         "https://www.youtube-nocookie.com/embed/AbCdEf12345?autoplay=1&rel=0"),
        ("https://youtu.be/AbCdEf12345?t=90",
         "https://www.youtube-nocookie.com/embed/AbCdEf12345?autoplay=1&rel=0&start=90"),
        ("https://www.youtube.com/embed/AbCdEf12345",
         "https://www.youtube-nocookie.com/embed/AbCdEf12345?autoplay=1&rel=0"),
        ("https://m.youtube.com/watch?v=AbCdEf12345&start=30",
         "https://www.youtube-nocookie.com/embed/AbCdEf12345?autoplay=1&rel=0&start=30"),
        (DEFAULT_VIDEO_URL, None),
        ("https://www.youtube.com/", None),
        ("https://example.org/watch?v=AbCdEf12345", None),
    ],
)
def test_only_youtube_addresses_get_a_player(url: str, embed: str | None) -> None:
    assert youtube_embed(url) == embed


def test_default_address_is_a_link_to_the_teaching_guide(tmp_path: Path) -> None:
    course = video_book(tmp_path, None)
    site = sphinx_site(course, "teacher")
    html = (site / "teacher_guide/index.html").read_text(encoding="utf-8")
    assert f'href="{DEFAULT_VIDEO_URL}"' in html
    assert "The video for this lesson" in html
    assert "data-embed" not in html and "<iframe" not in html
    assert 'class="video-qr"' in html  # printed with a QR code
    # The script and styles come only with a video.
    assert "video-embed.js" in html
    chapter = (site / "book/chapter.html").read_text(encoding="utf-8")
    assert "video-embed" not in chapter


def test_a_bad_address_fails_the_build(tmp_path: Path) -> None:
    from tipcourse.errors import BuildError

    course = video_book(tmp_path, "www.example.org/video")
    with pytest.raises(BuildError) as info:
        build_edition(course, "teacher")
    assert info.value.one_line().startswith("school.yml:2: video.address: should be an address")


def test_figcaption_is_the_figures_last_child(tmp_path: Path) -> None:
    import re

    site = build_edition(video_book(tmp_path, None), "teacher").site
    html = (site / "teacher_guide/index.html").read_text(encoding="utf-8")
    (figure,) = re.findall(r'<figure class="video-embed">.*?</figure>', html, re.S)
    # HTML allows figcaption only as the first or last child of its figure.
    assert figure.count("<figcaption") == 1
    assert re.search(r"</figcaption>\s*</figure>$", figure)


PAUSES = """\
  length: "6:40"
  pauses:
    - at: "1:15"
      prompt: means
    - at: "5:02"
      prompt: help
"""


def test_recorded_length_and_pause_times_are_shown(tmp_path: Path) -> None:
    page = PAGE + "\n```{video-pauses}\n```\n"
    course = video_book(tmp_path, None, PAUSES)
    (course.root / "teacher_guide/index.md").write_text(page, encoding="utf-8")
    html = (build_edition(course, "teacher").site / "teacher_guide/index.html").read_text()
    assert "Length: 6:40" in html and "the video is 6:40 long" in html
    rows = html[html.index('class="video-pauses'):].split("</table>")[0]
    assert rows.count("<tr") == 3  # the header and the two recorded pauses, no invented one
    assert "1:15" in rows and "5:02" in rows and "How is the person tricked" in rows
    assert "Who around the person could notice" in rows and "______" not in rows


def test_without_recorded_times_every_prompt_has_a_blank(tmp_path: Path) -> None:
    course = video_book(tmp_path, None)
    (course.root / "teacher_guide/index.md").write_text(PAGE + "\n```{video-pauses}\n```\n")
    html = (build_edition(course, "teacher").site / "teacher_guide/index.html").read_text()
    rows = html[html.index('class="video-pauses'):].split("</table>")[0]
    assert rows.count("______") == 5 and "write the times when you preview" in rows


@pytest.fixture(scope="module")
def youtube_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    course = video_book(tmp_path_factory.mktemp("video"), YOUTUBE_URL)
    return sphinx_site(course, "teacher")


@pytest.fixture
def browser(chromium_browser):  # noqa: ANN001, ANN201
    # The run's one Chromium (tests/browser.py): a second Playwright in the same thread fails.
    return chromium_browser


@pytest.mark.browser
def test_nothing_remote_loads_before_the_click(youtube_site: Path, browser) -> None:
    from browser import open_page, served

    with served(youtube_site) as base, open_page(browser, base + "teacher_guide/index.html") as (
        page, visit
    ):
        assert visit.external_requests == []
        assert page.locator("iframe").count() == 0
        play = page.get_by_role("link", name="Play the video")
        assert play.is_visible()
        assert page.locator(".video-poster").is_visible()
        assert page.get_by_text("The video for this lesson").is_visible()
        # Clicking swaps in the privacy-enhanced player (its request is blocked by open_page).
        play.click()
        frame = page.locator(".video-stage iframe")
        frame.wait_for()
        src = frame.get_attribute("src") or ""
        assert src.startswith("https://www.youtube-nocookie.com/embed/AbCdEf12345")
        assert frame.get_attribute("title") == "The video for this lesson"
        assert all("youtube-nocookie.com" in url for url in visit.external_requests)
        assert visit.console_errors == [] or all(
            "youtube-nocookie" in e or "ERR_BLOCKED" in e for e in visit.console_errors
        )


@pytest.mark.browser
def test_print_shows_the_address_and_qr_code(youtube_site: Path, browser) -> None:
    from browser import open_page, served

    with served(youtube_site) as base, open_page(browser, base + "teacher_guide/index.html") as (
        page, visit
    ):
        assert not page.locator(".video-qr").is_visible()
        page.emulate_media(media="print")
        assert page.locator(".video-qr").is_visible()
        assert not page.locator(".video-poster").is_visible()
        assert page.get_by_text(f"type the address to watch: {YOUTUBE_URL}").is_visible()
        assert visit.external_requests == []
