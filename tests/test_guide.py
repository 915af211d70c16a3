"""The editor's guide cannot drift from the code: its examples are built, its error examples
print what it shows, and every command, option, plugin option, content field and error
message is documented in it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click
import pytest
from mkdocs.config import base
from mkdocs.config import config_options as c
from pydantic import BaseModel

from builder import chart_definitions, models
from builder.cli import main
from builder.plugin import DatelineConfig
from builder.records import inner_model
from tests.conftest import BAD_INPUTS, REPO, copy_project, run_dateline
from tests.guide import GUIDE, documented_messages, examples, inline_code

ERROR_EXAMPLES = examples("error-example")


@pytest.fixture(scope="module")
def guide_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's site with every example of the guide added, built."""
    project = copy_project(REPO, tmp_path_factory.mktemp("guide") / "project")
    for example in examples("example"):
        example.apply(project)
    result = run_dateline("build", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_the_guide_has_examples_of_every_kind_of_file() -> None:
    paths = {example.path for example in examples("example")}
    for folder in ("sources", "places", "claims", "parties", "data", "articles"):
        assert any(p.startswith(f"content/{folder}/") for p in paths), folder
    assert any(p.startswith("charts/") for p in paths)
    assert len(ERROR_EXAMPLES) >= 5


@pytest.mark.parametrize(
    ("page", "shows"),
    [
        ("sources/example-monitor/index.html", "Example Monitor"),
        ("sources/two-local-officials/index.html", "Two local officials"),
        ("places/jisr-al-shughur/index.html", "جسر الشغور"),
        ("places/jisr-al-shughur/index.html", "Jisr ash-Shughur"),
        ("places/jisr-al-shughur/index.html", "Shughur"),  # search spelling without "al-"
        ("claims/example-jisr-al-shughur-entered/index.html", "Speaking by telephone."),
        ("stories/example-jisr-al-shughur/index.html", "Opposition fighters reach Jisr"),
        ("stories/example-jisr-al-shughur/index.html", "Villages held by the opposition in Idlib"),
        ("stories/example-jisr-al-shughur/index.html", "Towns of Idlib in this story"),
        ("stories/example-corrected/index.html", "the monitor&#39;s count was three"),
        ("corrections/index.html", "Three villages reported taken"),
        ("provinces/idlib/index.html", "Jisr al-Shughur"),
    ],
)
def test_every_example_of_the_guide_is_built_into_the_site(
    guide_site: Path, page: str, shows: str
) -> None:
    assert shows in (guide_site / page).read_text(encoding="utf-8")


def test_the_guide_itself_is_published(guide_site: Path) -> None:
    for page in GUIDE.glob("*.md"):
        name = "" if page.stem == "index" else f"{page.stem}/"
        assert (guide_site / "guide" / name / "index.html").is_file(), page.name


@pytest.mark.parametrize("example", ERROR_EXAMPLES, ids=str)
def test_each_error_example_prints_what_the_guide_shows(example: Any, tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "project")
    example.apply(project)
    result = run_dateline("check", cwd=project)
    assert result.returncode == 1
    assert result.stdout == example.expected_output


def printed_errors() -> list[str]:
    """`field: message` of every error the bad-input cases and the guide's examples print."""
    lines = [
        line
        for case in BAD_INPUTS.iterdir()
        for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    ]
    lines += [line for e in ERROR_EXAMPLES for line in (e.expected_output or "").splitlines()]
    located = re.compile(r"^\S+:\d+: (.+)$")
    return [m.group(1) for line in lines if (m := located.match(line))]


def test_every_error_message_is_explained_in_the_guide() -> None:
    patterns = documented_messages()
    assert len(patterns) > 30
    unexplained = [e for e in printed_errors() if not any(p.fullmatch(e) for p in patterns)]
    assert unexplained == []


def test_every_command_and_option_is_documented() -> None:
    documented = inline_code(GUIDE / "reference.md")
    missing = []
    for name, command in sorted(main.commands.items()):
        if f"dateline {name}" not in documented:
            missing.append(f"dateline {name}")
        for parameter in command.params:
            if not isinstance(parameter, click.Option):
                continue
            for flag in parameter.opts:
                if not any(re.match(rf"{re.escape(flag)}(\s|$)", code) for code in documented):
                    missing.append(f"dateline {name} {flag}")
    assert missing == []


def test_every_kind_dateline_new_makes_is_documented() -> None:
    documented = " ".join(inline_code(GUIDE / "reference.md"))
    new = main.commands["new"]
    kinds = next(p for p in new.params if p.name == "kind").type
    assert isinstance(kinds, click.Choice)
    for kind in kinds.choices:
        assert f"dateline new {kind}" in documented


def option_names(schema: base.PlainConfigSchema, prefix: str = "") -> list[str]:
    """Every option, a sub-option as `licence.name`."""
    names = []
    for name, option in schema:
        names.append(prefix + name)
        if isinstance(option, c.SubConfig):
            names += option_names(option.config_class._schema, f"{prefix}{name}.")
    return names


def test_every_plugin_option_is_documented() -> None:
    documented = inline_code(GUIDE / "reference.md")
    options = option_names(DatelineConfig._schema)
    assert {"content_dir", "licence", "licence.url"} <= set(options)
    assert [name for name in options if name not in documented] == []


# Which guide page documents which content file type.
CONTENT_TYPES: dict[str, list[type[BaseModel]]] = {
    "sources.md": [models.Source],
    "places.md": [models.Place],
    "claims.md": [models.Claim],
    "data.md": [models.Party, models.AreaCount, models.ControlChange],
    "charts.md": list(chart_definitions.CHART_MODELS.values()),
    "stories.md": [models.Article],
    "corrections.md": [models.Correction],
}


def field_names(model: type[BaseModel]) -> set[str]:
    """The model's field names and those of every model nested in it."""
    names = set()
    for name, field in model.model_fields.items():
        names.add(name)
        if (inner := inner_model(field.annotation)) is not None:
            names |= field_names(inner)
    return names


@pytest.mark.parametrize("page", sorted(CONTENT_TYPES))
def test_every_content_field_is_documented_on_its_page(page: str) -> None:
    documented = inline_code(GUIDE / page)
    fields = set().union(*(field_names(model) for model in CONTENT_TYPES[page]))
    assert sorted(fields - documented) == []


def test_every_content_model_has_its_guide_page() -> None:
    covered = {model for group in CONTENT_TYPES.values() for model in group}
    content_models = {
        models.Party,
        models.Source,
        models.Place,
        models.Claim,
        models.AreaCount,
        models.ControlChange,
        models.Article,
        *chart_definitions.CHART_MODELS.values(),
    }
    assert content_models <= covered
