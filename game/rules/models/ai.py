"""AI personalities and difficulty levels: data the AI reads; they never change the rules."""

from __future__ import annotations

from pydantic import Field

from game.rules.models.base import Condition, RuleDef, condition


class PersonalityDef(RuleDef):
    description: str = Field(description="How this kind of leader behaves.")
    weights: dict[str, float] = Field(default_factory=dict, description="Multipliers on action tags, on top of the doctrine's weights.")
    risk: float = Field(0.5, ge=0, le=1, description="Appetite for risky actions.")
    applies: Condition = condition("country", "Countries that get this personality at the start (the first match wins).", default=False)


class DifficultyDef(RuleDef):
    description: str = Field(description="What changes at this level.")
    ai_actions: int = Field(3, ge=0, le=20, description="Most actions an AI takes per turn.")
    noise: float = Field(0.3, ge=0, le=5, description="Randomness in AI scoring (higher = sloppier).")
    foresight: float = Field(1.0, ge=0, le=3, description="How much the AI weighs what an action sets up for later.")
