"""A generated page: front matter over HTML, headings with the ids Python-Markdown gives,
page meta escaped for themes that print it as it is, and JSON safe inside a script."""

from __future__ import annotations

import json

import yaml

from builder.render.page import Page, front_matter, json_for_script, render_page

MARKDOWN = '---\ntitle: North\n---\n\n<h1 id="north">North</h1>\n'


def test_a_page_keeps_its_front_matter_apart_from_its_html() -> None:
    page = Page.of("provinces/north.md", MARKDOWN)
    assert page.front_matter == "---\ntitle: North\n---\n"
    assert page.html == '\n<h1 id="north">North</h1>\n'
    assert page.markdown == MARKDOWN
    bare = Page.of("stories/a.md", "<p>No front matter</p>\n")
    assert (bare.front_matter, bare.html) == ("", "<p>No front matter</p>\n")


def test_page_meta_is_escaped_html_text_in_yaml() -> None:
    meta = yaml.safe_load(str(front_matter(title='Hama & "Homs" <b>', description="It's")))
    assert meta == {"title": "Hama &amp; &#34;Homs&#34; &lt;b&gt;", "description": "It&#39;s"}


def test_tags_are_hidden_plain_and_once_each_and_search_can_be_left_out() -> None:
    meta = yaml.safe_load(
        str(
            front_matter(
                title="Hama",
                searchable=False,
                tags=["Hama", "<Hama>", "Ma'arrat  al-Numan", "Hama", "حماة", "&"],
            )
        )
    )
    assert meta == {
        "title": "Hama",
        "tags": ["Hama", "Maarrat al-Numan", "حماة"],
        "hide": ["tags"],
        "search": {"exclude": True},
    }


def test_headings_get_the_ids_python_markdown_gives_each_once() -> None:
    page = render_page(
        "claims/index.md",
        "index.md.j2",
        title="Claims",
        intro="Every claim.",
        groups=[
            {"title": "2 December 2024", "items": [{"name": "A", "href": "a/"}]},
            {"title": "2 December 2024", "items": [{"name": "B", "href": "b/"}]},
            {"title": "Hama & Homs", "items": []},
        ],
    )
    assert page.headings == (
        ("2-december-2024", "2 December 2024"),
        ("2-december-2024_1", "2 December 2024"),
        ("hama-homs", "Hama &amp; Homs"),
    )
    assert '<h2 id="2-december-2024_1">2 December 2024</h2>' in page.html
    assert '<h2 id="hama-homs">Hama &amp; Homs</h2>' in page.html


def test_json_in_a_script_cannot_close_it_or_open_a_comment() -> None:
    data = {"headline": "</script><!-- & -->"}
    text = json_for_script(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data
