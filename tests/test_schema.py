from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from builder.schema import SCHEMAS, editor_settings, schemas
from tests.conftest import REPO, run_dateline


def as_editor_sees(value: Any) -> Any:
    """YAML as a YAML 1.2 language server reads it: dates stay text."""
    if isinstance(value, dict):
        return {k: as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def test_the_committed_schemas_and_editor_settings_are_current() -> None:
    for name, schema in schemas().items():
        assert json.loads((REPO / "schemas" / f"{name}.schema.json").read_text()) == schema, name
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text())
    assert settings["yaml.schemas"] == editor_settings("schemas")["yaml.schemas"]


@pytest.mark.parametrize("name", [name for name, (_, files) in SCHEMAS.items() if files])
def test_our_own_content_passes_its_schema(name: str) -> None:
    validator = jsonschema.Draft202012Validator(schemas()[name])
    files = [path for pattern in SCHEMAS[name][1] for path in REPO.glob(pattern)]
    assert files
    for path in files:
        data = as_editor_sees(yaml.safe_load(path.read_text()))
        assert [e.message for e in validator.iter_errors(data)] == [], path


def test_a_mistake_is_flagged_where_the_editor_types_it() -> None:
    validator = jsonschema.Draft202012Validator(schemas()["sources"])
    errors = list(validator.iter_errors([{"id": "x", "name": "X", "kind": "ministry", "nmae": 1}]))
    assert {tuple(e.absolute_path) for e in errors} >= {(0, "kind"), (0,)}
    chart = jsonschema.Draft202012Validator(schemas()["chart"])
    assert not list(chart.iter_errors({"kind": "locator-map", "title": "T", "places": ["a"]}))
    assert list(chart.iter_errors({"kind": "pie", "title": "T"}))


def test_dateline_schema_writes_the_files(tmp_path: Path) -> None:
    result = run_dateline("schema", "--out", "editor-schemas", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "editor-schemas").iterdir()) == sorted(
        f"{name}.schema.json" for name in SCHEMAS
    )
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text())
    assert "./editor-schemas/sources.schema.json" in settings["yaml.schemas"]
