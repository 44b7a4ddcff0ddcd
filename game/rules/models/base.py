"""The base of every rule model: strict, frozen, documented."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"


class Model(BaseModel):
    """Strict: unknown keys are errors, and a loaded rule cannot be changed."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


@dataclass(frozen=True)
class ExprField:
    """Marks a field as a rule expression, compiled at load time in the given scope.

    scope: which names it may use (see game.rules.vocab); condition: True for yes/no tests.
    """

    scope: str
    condition: bool = False


Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=64)]
Ref = Annotated[str, Field(min_length=1, max_length=64)]
ClaimIds = Annotated[
    tuple[Ref, ...],
    Field(description="Ids of the claims (rules/claims.yaml) this rule encodes."),
]

# Numbers or expression text. Conditions also take true/false.
Formula = str | float | int
Condition = str | bool | float | int


def formula(scope: str, description: str, default: object = ...) -> object:
    return Field(default, description=description, json_schema_extra={"x-expr": scope})


def condition(scope: str, description: str, default: object = True) -> object:
    return Field(default, description=description, json_schema_extra={"x-expr": scope, "x-condition": True})


class RuleDef(Model):
    """A rule with a stable id (used in saves and mods), a display name and the claims it encodes."""

    id: Id = Field(description="Stable identifier, used by saves, mods and references. Never rename.")
    name: str = Field(min_length=1, max_length=80, description="Name shown to players.")
    claims: ClaimIds = ()
