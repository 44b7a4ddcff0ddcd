"""Institutions, their charters, and the resolutions they can pass."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from game.rules.models.base import Condition, Model, Ref, RuleDef, condition
from game.rules.models.effects import Effect

Power = Literal[
    "sanctions", "peacekeeping", "arrest_warrant", "tribunal", "loans", "force",
    "aid", "condemnation", "suspension", "recognition",
]


class Criterion(Model):
    """One test an applicant (and a member, if enforced) must pass."""

    when: Condition = condition("country", "The test, on the applicant's figures.")
    text: str = Field(description="The criterion as players read it.")


class DecisionRule(Model):
    """How an institution decides."""

    rule: Literal["unanimity", "consensus", "majority", "qualified_majority", "weighted"] = Field(
        description="unanimity: every member yes; consensus: no member against; majority: over half; qualified_majority: at least `threshold` of members; weighted: at least `threshold` of the weight.")
    threshold: float = Field(0.5, gt=0, le=1, description="Share of votes (or weight) needed, for qualified and weighted rules.")
    weight: Literal["equal", "gdp", "population"] = Field("equal", description="What a vote weighs under the weighted rule.")
    veto: Literal["none", "permanent", "all"] = Field("none", description="Who can veto: nobody, the permanent members, or every member.")


class CharterOption(Model):
    """A choice the founder of a foundable institution makes in the charter editor."""

    min_democracy: tuple[int, int] = Field((50, 90), description="Range the founder may set for the democracy-index entry criterion.")
    rules: tuple[str, ...] = Field(("majority", "qualified_majority", "unanimity"), description="Decision rules the founder may choose.")
    powers: tuple[Power, ...] = Field((), description="Powers the founder may grant.")


class InstitutionDef(RuleDef):
    """An international institution: its charter as data."""

    description: str = Field(description="What the body is and does.")
    kind: Literal["universal", "council", "court", "rights", "economic", "alliance", "bloc", "forum", "lender"] = Field(description="What kind of body it is (for the map and the AI).")
    bloc: Literal["democratic", "sovereign", "nonaligned", "none"] = Field("none", description="Which camp the body belongs to; rival blocs' bodies are costly to hold together.")
    criteria: tuple[Criterion, ...] = Field((), description="What an applicant must meet.")
    enforce_criteria: bool = Field(False, description="Members who fall below the criteria can be suspended.")
    decision: DecisionRule = Field(description="How it decides.")
    powers: tuple[Power, ...] = Field((), description="What its resolutions can do.")
    binding: bool = Field(False, description="Solidarist (binding, enforceable) rather than pluralist (consensual, non-interfering).")
    non_interference: bool = Field(False, description="Its charter forbids acting against members' internal affairs; it shields members' leaders.")
    open_to_all: bool = Field(False, description="Any state may join without a vote.")
    seats: int | None = Field(None, ge=1, description="Most members it can have (permanent members included); null for no limit.")
    seat_term: int | None = Field(None, ge=1, description="Turns an elected (non-permanent) member keeps its seat before it rotates out; null for no rotation.")
    join_cost: float = Field(5.0, ge=0, description="Political capital to apply.")
    exit_cost: float = Field(10.0, ge=0, description="Political capital to leave.")
    exit_effects: tuple[Effect, ...] = Field((), description="What leaving does to the leaver.")
    member_effects: tuple[Effect, ...] = Field((), description="Effects each turn on every member.")
    legitimacy: float = Field(50.0, ge=0, le=100, description="Starting legitimacy (0-100).")
    power: float = Field(50.0, ge=0, le=100, description="Starting power (0-100).")
    foundable: bool = Field(False, description="Not in the world at the start; a player can found it.")
    found_cost: float = Field(30.0, ge=0, description="Political capital to found it.")
    found_requires: Condition = condition("country", "Who can found it.", default=False)
    charter_options: CharterOption | None = Field(None, description="What the founder may choose.")
    colour: tuple[int, int, int] = Field((120, 140, 170), description="RGB colour on the map and charts.")


class ResolutionDef(RuleDef):
    """A kind of resolution an institution with the matching power can vote on."""

    description: str = Field(description="What passing it does.")
    power: Ref = Field(description="The institution power needed to propose it.")
    target: Literal["country", "crisis"] = Field(description="What it is aimed at.")
    binding: bool = Field(True, description="A binding mandate (sovereigntists resist these).")
    cost: float = Field(4.0, ge=0, description="Political capital to propose.")
    requires: Condition = condition("action", "Only proposable when this holds.")
    on_pass: tuple[Effect, ...] = Field((), description="Effects when it passes.")
    on_veto: tuple[Effect, ...] = Field((), description="Effects when a veto kills it (on the vetoer as self).")
    on_fail: tuple[Effect, ...] = Field((), description="Effects when it is voted down without a veto.")
