"""Dynamics: the systems of the world as data. Each turn, every dynamic adds its formula to
one figure of every country where its condition holds."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from game.rules.models.base import Condition, Formula, RuleDef, condition, formula

SystemName = Literal["economy", "military", "society", "movements", "diplomacy", "world"]


class DynamicDef(RuleDef):
    system: SystemName = Field(description="Which system runs it (order: economy, military, society, movements, diplomacy, world).")
    description: str = Field(description="What it models, for tooltips.")
    stat: str = Field(min_length=1, description="The figure it changes: a country stat, movement.<id>, or world.<stat>.")
    when: Condition = condition("country", "Countries it applies to (ignored for world figures).")
    add: Formula = formula("country", "Amount added each turn.")
