"""Content pasted from hostile pages is shown as text and never runs: every text field and
the story body carry script, attribute-breaking and template payloads; the built pages are
opened in Chromium and nothing may execute."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, sync_playwright

from tests.conftest import FIXTURES, copy_project
from tests.sites import build, served
from tests.test_browser import CHROMIUM_FLAGS, chromium_path

PAYLOAD = (
    '<script>window.__pwned = 1</script>"><img src=x onerror="window.__pwned = 2">'
    "</script><!-- {{ 7*7 }} {% if true %}jinja{% endif %}"
)
PAGES = [
    "stories/villages-taken/",
    "places/village-a/",
    "provinces/north/",
    "sources/outlet/",
    "claims/villages-taken/",
    "timeline/2024-12/",
    "data/",
    "",
    "stories/",
]


def hostile(project: Path) -> Path:
    """The minimal fixture with the payload in every text field it has."""
    content = project / "content"

    def rewrite(path: Path, change: object) -> None:
        data = yaml.safe_load(path.read_text())
        change(data)  # type: ignore[operator]
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))

    def sources(data: list[dict[str, object]]) -> None:
        data[0]["name"] = f"Outlet {PAYLOAD}"
        data[0]["description"] = PAYLOAD

    def places(data: list[dict[str, object]]) -> None:
        data[2]["name"] = {"en": f"Village A {PAYLOAD}", "ar": f"القرية {PAYLOAD}"}
        data[2]["aliases"] = [f"Alias {PAYLOAD}"]

    def claims(data: list[dict[str, object]]) -> None:
        for claim in data:
            claim["text"] = f"{claim['text']} {PAYLOAD}"
            claim["note"] = PAYLOAD
        data[1]["attributions"][0]["note"] = PAYLOAD  # type: ignore[index]

    def parties(data: list[dict[str, object]]) -> None:
        data[0]["name"] = f"Opposition {PAYLOAD}"

    def chart(data: dict[str, object]) -> None:
        data.update(
            title=f"Chart {PAYLOAD}",
            subtitle=PAYLOAD,
            notes=PAYLOAD,
            annotations=[{"date": "2024-12-02", "text": PAYLOAD}],
        )

    rewrite(content / "sources.yml", sources)
    rewrite(content / "places.yml", places)
    rewrite(content / "claims" / "claims.yml", claims)
    rewrite(content / "parties.yml", parties)
    rewrite(project / "charts" / "north-areas.yml", chart)
    story = content / "articles" / "villages-taken.md"
    _, front, body = story.read_text().split("---\n", 2)
    meta = yaml.safe_load(front)
    meta.update(
        headline=f"Headline {PAYLOAD}",
        standfirst=PAYLOAD,
        byline=[PAYLOAD],
        based_on=[
            {"source": "outlet", "title": PAYLOAD, "byline": PAYLOAD, "published": "2024-12-02"}
        ],
        corrections=[{"date": "2024-12-04", "text": PAYLOAD}],
    )
    story.write_text(
        "---\n"
        + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        + "---\n"
        + body
        + f"\n{PAYLOAD}\n\n## {PAYLOAD}\n\n- {PAYLOAD}\n"
    )
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = hostile(copy_project(FIXTURES / "minimal", tmp_path_factory.mktemp("h") / "p"))
    with served(build(project)) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_injected_script_runs_and_the_text_shows_literally(
    browser: Browser, site: str, path: str
) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(site + path, wait_until="networkidle")
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.locator("img[src='x']").count() == 0
    if path != "data/":  # the data page shows schemas, not content
        text = page.locator("body").inner_text()
        assert "window.__pwned = 1" in text and "{{ 7*7 }}" in text and "49" not in text
    page.close()


def test_the_page_title_keeps_the_payload_as_text(browser: Browser, site: str) -> None:
    page = browser.new_page()
    page.goto(site + "stories/villages-taken/")
    assert page.title() == f"Headline {PAYLOAD} - Fixture"
    injected = "[...document.scripts].filter(s => s.textContent.trim().startsWith('window.'))"
    assert page.evaluate(f"{injected}.length") == 0
    page.close()
