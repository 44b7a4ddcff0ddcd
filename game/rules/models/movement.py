"""Ground-floor movements: strength per country, what grows them, what they push for."""

from __future__ import annotations

from pydantic import Field

from game.rules.models.base import Model, Ref, RuleDef
from game.rules.models.effects import Effect


class MovementSpawn(Model):
    """A crisis the movement can set off when strong."""

    crisis: Ref = Field(description="Crisis type id.")
    above: float = Field(60.0, description="Strength above which it can happen.")
    chance: float = Field(0.05, ge=0, le=1, description="Chance per turn while above.")


class MovementDef(RuleDef):
    description: str = Field(description="Who they are and what they want.")
    colour: tuple[int, int, int] = Field(description="RGB colour in charts.")
    violent: bool = Field(False, description="Violent movements threaten the state and can spawn crises.")
    pushes: tuple[Effect, ...] = Field((), description="Effects each turn on the country, scaled by strength/100.")
    spawns: tuple[MovementSpawn, ...] = Field((), description="Crises it can set off.")
    suppressible: bool = Field(True, description="Sovereigntist states can suppress it.")
