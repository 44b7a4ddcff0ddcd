"""Effects: what a policy, action, crisis or response changes, as data."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from game.rules.models.base import Formula, Model, formula

Who = Literal["self", "target", "location", "neighbours", "members", "world"]


class Effect(Model):
    """Adds the value of a formula to one figure.

    `stat` is a country stat id (approval, growth...), `movement.<id>`, `relation` (between
    the acting country and its target), `world.<stat>`, `crisis.severity`/`crisis.access`...,
    or `institution.legitimacy`/`institution.power`. `to` says which countries a country
    figure applies to.
    """

    stat: str = Field(min_length=1, max_length=64, description="The figure to change.")
    add: Formula = formula("effect", "Amount added (an expression; negative to lower).")
    to: Who = Field("self", description="Which countries: self, target, location (of the crisis), neighbours (of the target/location), members (of the institution), or world.")
    note: str | None = Field(None, max_length=160, description="Optional explanation shown in tooltips.")
