"""Actions between states, as data: costs, preconditions, effects."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from game.rules.models.base import Condition, Formula, Ref, RuleDef, condition, formula
from game.rules.models.effects import Effect

ActionKind = Literal[
    "effects", "trade_deal", "sanction", "lift_sanctions", "arms", "loan", "recognise",
    "aid", "apply", "leave", "found", "propose", "suppress", "change_doctrine",
]


class ActionDef(RuleDef):
    """Something a country can do on its turn. `kind` picks the built-in handler that adds
    the structural part (a trade link, a loan, a membership); effects are the rest."""

    description: str = Field(description="What it does, for players.")
    category: Literal["diplomacy", "economy", "military", "institutions", "domestic", "influence"] = Field(description="Which tab shows it.")
    kind: ActionKind = Field("effects", description="The built-in part of the action.")
    target: Literal["none", "country", "institution"] = Field("country", description="What it is aimed at.")
    cost: Formula = formula("action", "Political capital.")
    requires: Condition = condition("action", "When it can be taken (self.*, target.*).")
    effects: tuple[Effect, ...] = Field((), description="Effects when taken.")
    movement: Ref | None = Field(None, description="For suppress: the movement it acts on.")
    tags: tuple[str, ...] = Field((), description="Tags the AI uses to value it.")
    ai_value: Formula = formula("action", "How much an AI wants it, before doctrine weights.", default=0)
