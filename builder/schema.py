"""JSON Schema for every kind of content file, from the same models that validate it, so an
editor's YAML language server completes fields and flags mistakes as they type."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from builder.chart_definitions import CHART_MODELS
from builder.models import Article, Claim, Party, Place, Source

# Which files each schema is for, relative to the project (the globs the editor wiring uses).
SCHEMAS: dict[str, tuple[Any, list[str]]] = {
    "parties": (list[Party], ["content/parties.yml", "content/parties/*.yml"]),
    "sources": (list[Source], ["content/sources.yml", "content/sources/*.yml"]),
    "places": (list[Place], ["content/places.yml", "content/places/*.yml"]),
    "claims": (list[Claim], ["content/claims/*.yml"]),
    "chart": (None, ["charts/*.yml"]),
    "article": (Article, []),  # front matter: for editors whose tools read it
}


def schemas() -> dict[str, dict[str, Any]]:
    made = {}
    for name, (model, _) in SCHEMAS.items():
        made[name] = _chart_schema() if name == "chart" else TypeAdapter(model).json_schema()
        made[name]["title"] = f"Dateline {name}"
        made[name]["$comment"] = (
            "Written by `dateline schema` from Dateline's content models: do not edit; "
            "run it again after upgrading Dateline."
        )
    return made


def _chart_schema() -> dict[str, Any]:
    """One of the chart kinds, told apart by `kind`; the id is the file name, not a field."""
    kinds, shared = [], {}
    for model in CHART_MODELS.values():
        schema = model.model_json_schema()
        shared.update(schema.pop("$defs", {}))  # their "#/$defs/..." refs point at the root
        schema["properties"].pop("id", None)
        schema["required"] = [field for field in schema.get("required", []) if field != "id"]
        kinds.append(schema)
    return {"oneOf": kinds, "$defs": shared}


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / f"{name}.schema.json"
        path.write_text(json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
        written.append(path)
    return written


def editor_settings(folder: str) -> dict[str, Any]:
    """`yaml.schemas` for VS Code's YAML extension (and other YAML language server clients)."""
    return {
        "yaml.schemas": {
            f"./{folder}/{name}.schema.json": files for name, (_, files) in SCHEMAS.items() if files
        }
    }
