"""The four globalisms and their policy decks."""

from __future__ import annotations

from pydantic import Field

from game.rules.models.base import Condition, Formula, Ref, RuleDef, condition, formula
from game.rules.models.effects import Effect


class DoctrineDef(RuleDef):
    """A doctrine of world order: a state has one, with its deck of policies."""

    description: str = Field(description="The doctrine's view of world order, for players.")
    colour: tuple[int, int, int] = Field(description="RGB colour on the doctrine map mode.")
    borrow_cost: float = Field(1.5, ge=1, description="Cost multiplier when another doctrine's state enacts one of these policies.")
    victory: Ref | None = Field(None, description="The victory path of this doctrine.")
    ai_weights: dict[str, float] = Field(default_factory=dict, description="How much an AI of this doctrine values each action tag.")
    per_turn: tuple[Effect, ...] = Field((), description="Effects every turn on states of this doctrine.")


class PolicyDef(RuleDef):
    """A policy a state can enact: a one-off cost, an upkeep, and effects while in force."""

    doctrine: Ref = Field(description="The doctrine whose deck holds this policy.")
    description: str = Field(description="What the policy does, in plain words.")
    cost: float = Field(ge=0, description="Political capital to enact.")
    upkeep: float = Field(0.0, ge=0, description="Political capital each turn while in force.")
    requires: Condition = condition("country", "Only a state meeting this can enact it.")
    on_enact: tuple[Effect, ...] = Field((), description="Effects once, when enacted.")
    per_turn: tuple[Effect, ...] = Field((), description="Effects each turn while in force.")
    excludes: tuple[Ref, ...] = Field((), description="Policies that cannot be in force at the same time.")
    tags: tuple[str, ...] = Field((), description="Tags the AI uses to value the policy.")
    ai_value: Formula = formula("country", "Extra value an AI sees in this policy.", default=0)
