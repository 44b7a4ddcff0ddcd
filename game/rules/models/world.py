"""Claims, stats, world settings, theory lenses and victory paths."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from game.rules.models.base import Condition, Formula, Id, Model, Ref, RuleDef, condition, formula


class ClaimSource(Model):
    essay: Literal["nlio", "mgo"] = Field(description="nlio: Towards a New Liberal International Order (2024); mgo: Sakwa's four models of globalism (2019).")
    section: str = Field(min_length=1, max_length=80, description="Section of the essay the claim comes from.")


class ClaimDef(Model):
    """A claim of the essays, in the game's own words."""

    id: Id = Field(description="The ledger id of the claim.")
    name: str = Field(min_length=1, max_length=80, description="Short title.")
    text: str = Field(min_length=1, description="The game's paraphrase of the claim.")
    source: ClaimSource = Field(description="Where the claim comes from.")
    contests: Ref | None = Field(None, description="A claim of the other essay this one pulls against.")
    codex: str = Field(min_length=1, description="What the claim means in play, for the codex.")


class StatDef(RuleDef):
    """A figure every country (scope country) or the world (scope world) carries."""

    scope: Literal["country", "world"] = Field("country", description="Who carries the figure.")
    description: str = Field(description="What the figure means, for tooltips.")
    min: float = Field(0.0, description="Lowest value; changes are clamped.")
    max: float = Field(100.0, description="Highest value; changes are clamped.")
    default: float = Field(0.0, description="Value when a scenario does not set it.")
    unit: str = Field("", max_length=16, description="Unit shown after the number.")
    decimals: int = Field(0, ge=0, le=3, description="Decimals shown to players.")


class SettingsDef(RuleDef):
    """Numbers the turn structure needs. One entry, id `default`."""

    end_year: int = Field(2040, ge=2020, le=2100, description="The game ends after the last quarter of this year.")
    disorder_collapse: float = Field(100.0, description="World disorder at which everyone loses.")
    capital_income: Formula = formula("country", "Political capital a country earns each turn.")
    capital_cap: float = Field(60.0, ge=1, description="Political capital cannot be banked above this.")
    max_borrowed_policies: int = Field(2, ge=0, le=10, description="How many policies a state may borrow from other doctrines.")
    doctrine_change_cost: float = Field(25.0, ge=0, description="Capital to change doctrine by choice.")
    ai_actions_per_turn: int = Field(3, ge=0, le=20, description="Most actions an AI country takes in one turn (difficulty may change it).")
    autosave_keep: int = Field(5, ge=1, le=100, description="Autosaves kept by default.")


class LensDef(RuleDef):
    """A theory lens: how strongly each claim acts. 1 is neutral, 0 switches a claim off."""

    description: str = Field(description="What the lens believes, for the new-game screen.")
    weights: dict[Ref, float] = Field(default_factory=dict, description="Claim id -> multiplier applied to every effect of rules citing it.")


class VictoryDef(RuleDef):
    """A way to win: checked for every country at the end of each turn from the given year."""

    doctrine: Ref | None = Field(None, description="Only countries of this doctrine can win this way (null: any).")
    description: str = Field(description="What the player must achieve, for the codex and setup screen.")
    from_year: int = Field(2030, description="Not checked before this year.")
    when: Condition = condition("victory", "True when the country has won.", default=False)
    score: str | float | int = formula("victory", "Score toward this victory, 0-100, shown as progress.", default=0)
