"""Every rule model is strict and documented: the schemas and the codex rely on it."""

from __future__ import annotations

import typing

from pydantic import BaseModel

from game.rules.models import KINDS
from game.rules.mods import Manifest


def models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in models_in(arg)]


def all_models() -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []
    todo = [*KINDS.values(), Manifest]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.append(model)
        for info in model.model_fields.values():
            todo += models_in(info.annotation)
    return seen


def test_every_field_has_a_description():
    missing = [f"{m.__name__}.{name}" for m in all_models() for name, info in m.model_fields.items() if not info.description]
    assert missing == []


def test_every_model_forbids_unknown_keys_and_is_frozen():
    for model in all_models():
        assert model.model_config.get("extra") == "forbid", model.__name__
        assert model.model_config.get("frozen") is True, model.__name__


def test_rule_kinds_have_stable_ids_and_names():
    for kind, model in KINDS.items():
        assert "id" in model.model_fields and "name" in model.model_fields, kind
        if kind != "claims":
            assert "claims" in model.model_fields, kind
    assert len(all_models()) > len(KINDS)
