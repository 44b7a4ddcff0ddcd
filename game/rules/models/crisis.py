"""Crisis types: how they start, where, how they grow, what can be done, how they end."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from game.rules.models.base import Condition, Formula, Model, Ref, RuleDef, condition, formula
from game.rules.models.effects import Effect


class Trigger(Model):
    """When a new crisis of this type starts, and where."""

    when: Condition = condition("country", "Countries where it can start.", default=False)
    chance: Formula = formula("country", "Chance per turn (0-1) in each such country.")
    severity: Formula = formula("country", "Starting severity 0-100.", default=30)
    max_active: int = Field(3, ge=0, description="At most this many running at once.")
    cooldown: int = Field(8, ge=0, description="Turns before it can strike the same country again.")
    roles: dict[str, Literal["self", "strongest_neighbour", "hostile_neighbour", "patron", "lender", "indicted_visitor"]] = Field(default_factory=dict, description="How the parties of a new crisis are chosen.")


class Phase(Model):
    name: str = Field(description="Phase name shown to players.")
    above: float = Field(ge=0, le=100, description="The crisis is in this phase from this severity up.")


class Spillover(Model):
    """A crisis that a severe one can spread into."""

    crisis: Ref = Field(description="Crisis type id it spawns.")
    above: float = Field(60.0, description="Severity above which it can spill.")
    chance: Formula = formula("crisis", "Chance per turn.", default=0.1)
    where: Literal["location", "neighbour", "trade_partner", "far_democracy"] = Field("neighbour", description="Where the new crisis strikes.")


class ResponseDef(RuleDef):
    """What a country can do about a running crisis."""

    description: str = Field(description="The option, for the crisis dialog.")
    kind: Literal["aid", "protect_aid", "peacekeeping", "military_aid", "airstrikes", "arm_faction", "sanctions", "mediation", "condemn", "arrest", "ignore", "domestic", "relief", "regime_change", "deterrence"] = Field(description="What kind of response this is (drives the AI and special handling).")
    cost: float = Field(ge=0, description="Political capital.")
    requires: Condition = condition("response", "Who can choose it.")
    effects: tuple[Effect, ...] = Field((), description="Effects when chosen (crisis.severity changes the crisis).")
    attention: float = Field(1.0, ge=0, description="Attention it gives the crisis (slows escalation).")
    resolution: Ref | None = Field(None, description="A resolution it proposes instead of acting directly (e.g. a peacekeeping mandate).")
    tags: tuple[str, ...] = Field((), description="Tags the AI uses.")


class CrisisDef(RuleDef):
    description: str = Field(description="What the crisis is.")
    category: Literal["conflict", "humanitarian", "political", "economic", "global", "legal"] = Field(description="For the crisis list and map icons.")
    trigger: Trigger = Field(description="How it starts.")
    phases: tuple[Phase, ...] = Field(description="Named phases by severity, lowest first.")
    escalation: Formula = formula("crisis", "Severity added each turn (before attention).")
    attention_relief: float = Field(6.0, ge=0, description="Severity removed per point of attention this turn.")
    per_turn: tuple[Effect, ...] = Field((), description="Effects each turn, usually scaled by crisis.severity.")
    spillovers: tuple[Spillover, ...] = Field((), description="Crises it can spread into.")
    responses: tuple[ResponseDef, ...] = Field(min_length=3, description="What countries can do.")
    ends_below: float = Field(5.0, ge=0, description="It ends when severity falls to this.")
    max_turns: int = Field(40, ge=1, description="It ends (frozen) after this many turns.")
    on_end: tuple[Effect, ...] = Field((), description="Effects when it ends (on the location as self).")
