"""JSON Schemas (draft-07, which yaml-language-server reads) for every kind of rule file,
generated from the pydantic models so they can never drift from what the loader accepts."""

from __future__ import annotations

import json
from pathlib import Path

from game.rules.models import FORMAT_VERSION, KINDS

DRAFT = "http://json-schema.org/draft-07/schema#"


def _fix_refs(node: object) -> object:
    if isinstance(node, dict):
        return {("definitions" if k == "$defs" else k): _fix_refs(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_fix_refs(v) for v in node]
    if isinstance(node, str) and node.startswith("#/$defs/"):
        return "#/definitions/" + node[len("#/$defs/"):]
    return node


def file_schema(kind: str) -> dict:
    model = KINDS[kind]
    item = _fix_refs(model.model_json_schema(ref_template="#/definitions/{model}", by_alias=True))
    definitions = item.pop("definitions", {})
    definitions[model.__name__] = item
    return {
        "$schema": DRAFT,
        "title": f"World Orders rules: {kind}",
        "description": f"A rule file holding {kind}. Generated from game/rules/models; do not edit by hand.",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", kind],
        "properties": {
            "format": {"const": FORMAT_VERSION, "description": "Rules format version."},
            kind: {"type": "array", "items": {"$ref": f"#/definitions/{model.__name__}"}},
            **({"remove": {"type": "object", "description": "Mods only: kind -> ids to remove."}} if kind != "claims" else {}),
        },
        "definitions": definitions,
    }


def render_all() -> dict[str, str]:
    """File name -> JSON text for every kind."""
    return {f"{kind}.schema.json": json.dumps(file_schema(kind), indent=2, sort_keys=True) + "\n" for kind in KINDS}


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_all().items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
