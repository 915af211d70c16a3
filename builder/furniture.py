"""What the theme shows around every page's content: the footer's links and, on the 404 page,
the latest stories.

The theme's templates (`builder/overrides/`) read these as `dateline_footer`,
`dateline_latest` and `dateline_licence`: the plugin gives them to MkDocs' template
environment (`on_env`), and `dateline generate` writes them into the standalone project's
`extra:` settings, so a build without the plugin shows the same frame. They are worked out
once per build from the files the site has, not by each page's template: a footer that
looked its pages up among all the site's files would cost each of 10,000 pages a walk over
10,000 files.

The claims index, out of the readers' navigation, is linked from the footer too ("All
claims"), so that it is reached without search. The footer links only pages the site has:
a site made by `dateline init` has an about page and no methodology or editors' guide
until the newsroom writes them. The guide is linked from the footer ("For editors") and
kept out of the readers' navigation (`not_in_nav` in mkdocs.yml).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from builder.render.links import CLAIMS, CORRECTIONS, FEED, page_url, story_page
from builder.render.settings import SiteSettings
from builder.validate import Story
from builder.wording import human_date

LATEST = 5
GUIDE = "guide/index.md"
# The footer's pages, in order, each shown when the site has it.
FOOTER_PAGES = (
    ("about.md", "About"),
    ("methodology.md", "Methodology"),
    (CORRECTIONS, "Corrections"),
    (CLAIMS, "All claims"),
)


# A footer link: `title`, `url` from the site's root (for the theme's `url` filter to make
# relative) and `kind` ("page", "feed" or "editors"). A latest story: `headline`, `url`,
# `date` and `date_text`. Plain dicts: the theme's templates read them.
Link = dict[str, str]


def footer_links(pages: Collection[str], directory_urls: bool) -> list[Link]:
    """The footer's links, given the source paths of the site's pages (docs-relative)."""
    links = [
        dict(title=title, url=page_url(path, directory_urls), kind="page")
        for path, title in FOOTER_PAGES
        if path in pages
    ]
    links.append(dict(title="Feed", url=FEED, kind="feed"))
    if GUIDE in pages:
        links.append(dict(title="For editors", url=page_url(GUIDE, directory_urls), kind="editors"))
    return links


def latest_stories(stories: Sequence[Story], directory_urls: bool) -> list[Link]:
    """The newest stories (the content keeps them newest first), as the 404 page lists them."""
    return [
        dict(
            headline=story.article.headline,
            url=page_url(story_page(story.article.slug or ""), directory_urls),
            date=story.article.published.isoformat(),
            date_text=human_date(story.article.published),
        )
        for story in stories[:LATEST]
    ]


def template_values(
    pages: Collection[str], stories: Sequence[Story], settings: SiteSettings
) -> dict[str, object]:
    """Everything the theme's templates read, by the name they read it under."""
    return {
        "dateline_footer": footer_links(pages, settings.directory_urls),
        "dateline_latest": latest_stories(stories, settings.directory_urls),
        "dateline_licence": {"name": settings.licence.name, "url": settings.licence.url},
    }
