from __future__ import annotations

from builder.body import BodyRenderer, parse_body, render_body

BODY = """Intro with [a claim](claim:first) and
a [second](claim:second) on the next line.

```chart areas
```

```places
```

```python
print("code stays code")
```
"""


def test_references_and_directives_carry_their_file_line() -> None:
    body, errors = parse_body(BODY, "story.md", first_line=20)
    assert errors == []
    assert [(r.kind, r.target, r.line) for r in body.references] == [
        ("claim", "first", 20),
        ("claim", "second", 21),
        ("chart", "areas", 23),
    ]
    assert [(d.name, d.argument, d.line) for d in body.directives] == [
        ("chart", "areas", 23),
        ("places", "", 26),
    ]


def test_render_resolves_directives_and_claim_links() -> None:
    body, _ = parse_body(BODY, "story.md", first_line=1)
    html = render_body(
        body,
        BodyRenderer(
            directive_html=lambda d: f"<div data-directive='{d.name}'></div>",
            reference_href=lambda kind, target: f"#{kind}-{target}",
        ),
    )
    assert '<a href="#claim-first" class="dl-ref dl-ref-claim">a claim</a>' in html
    assert "<div data-directive='chart'></div>" in html
    assert '<code class="language-python">print(&quot;code stays code&quot;)' in html


def test_raw_html_in_a_body_is_shown_as_text() -> None:
    body, _errors = parse_body(
        '<script>alert(1)</script>\n\nHi <img src=x onerror="x()">', "s.md", 1
    )
    html = render_body(body, BodyRenderer(lambda d: "", lambda k, t: ""))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_links_outside_the_allow_list_are_errors_and_never_rendered() -> None:
    text = (
        "[a](javascript:alert(1)) [b](JaVaScRiPt:x) [c](data:text/html,x) [d](https://ok.example)"
    )
    body, errors = parse_body(text, "s.md", 3)
    assert [e.message for e in errors] == [
        f"link scheme {s!r} is not allowed (allowed: http, https, mailto, claim, place, source)"
        for s in ("javascript", "JaVaScRiPt", "data")
    ]
    html = render_body(body, BodyRenderer(lambda d: "", lambda k, t: ""))
    assert "javascript" not in html.lower() and "data:text" not in html
    assert '<a href="https://ok.example">d</a>' in html


def test_directive_mistakes() -> None:
    _, errors = parse_body("```chart\n```\n\n```places extra\n```\n", "s.md", 1)
    assert [str(e) for e in errors] == [
        "s.md:1: body: a chart directive needs a chart id: ```chart <id>```",
        "s.md:4: body: the places directive takes no argument, got 'extra'",
    ]


def test_images_are_refused() -> None:
    _, errors = parse_body("Text\n![x](https://elsewhere.example/x.png)\n", "s.md", 5)
    assert [str(e) for e in errors] == [
        "s.md:6: body: images are not supported in story bodies; use a chart directive"
    ]


def test_a_parsed_body_renders_the_same_for_every_page_that_shows_it() -> None:
    # Parsed bodies are cached and shared between builds: rendering must not change them.
    text = "The count [rose](claim:hama-areas) and [fell](place:hama).\n"
    first = parse_body(text, "a.md", 5)[0]
    assert parse_body(text, "a.md", 5)[0] is first
    one = render_body(first, BodyRenderer(lambda d: "", lambda kind, target: f"/{kind}/{target}"))
    other = render_body(first, BodyRenderer(lambda d: "", lambda kind, target: f"../{target}"))
    assert 'href="/claim/hama-areas" class="dl-ref dl-ref-claim"' in one
    assert 'href="../hama-areas" class="dl-ref dl-ref-claim"' in other
