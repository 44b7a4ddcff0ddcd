"""Plain-data components. No behaviour here: processors and handlers act on them.

Per-country figures live in arrays (see Table) so the systems can compute every country at
once; entities carry the structure: who governs, which doctrine, which institutions, crises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from dataclasses import dataclass as component

import numpy as np


@component(slots=True)
class CountryInfo:
    """Who a country is. `row` is its row in the Table arrays."""

    code: str
    name: str
    region: str
    row: int
    leader: str | None = None


@component(slots=True)
class Government:
    """How a country is ruled and by what doctrine."""

    regime: str  # democracy | hybrid | autocracy
    doctrine: str
    policies: list[str] = field(default_factory=list)
    next_election: int | None = None  # turn number
    term: int | None = None  # turns between elections
    since: int = 0  # turn the current government took office
    personality: str = "pragmatist"


@component(slots=True)
class Seat:
    """A human player's seat. Countries without one are played by the AI."""

    player: int
    name: str = ""


@component(slots=True)
class Institution:
    """An institution in the world: members, standing, and the charter as founded."""

    def_id: str
    members: list[str] = field(default_factory=list)
    permanent: list[str] = field(default_factory=list)
    suspended: list[str] = field(default_factory=list)
    legitimacy: float = 50.0
    power: float = 50.0
    ignored: int = 0
    founder: str | None = None
    founded_turn: int = 0
    charter: dict = field(default_factory=dict)  # founder's choices: rule, threshold, veto, min_democracy, powers


@component(slots=True)
class Proposal:
    """A resolution put to an institution's vote, counted in the resolution phase."""

    uid: str
    institution: str
    resolution: str
    proposer: str
    target: str  # country code or crisis uid
    turn: int
    votes: dict = field(default_factory=dict)  # country -> yes | no | abstain
    motives: dict = field(default_factory=dict)  # country -> why it voted so


@component(slots=True)
class Crisis:
    """A running crisis."""

    uid: str
    def_id: str
    location: str
    severity: float
    started: int
    parties: dict = field(default_factory=dict)
    attention: float = 0.0  # attention received in the current turn
    last_attention: float = 0.0
    protection: float = 0.0
    forces: float = 0.0
    diverted: float = 0.0
    vetoed: bool = False
    mandate: bool = False
    note: str = ""
    responses: list = field(default_factory=list)  # [turn, country, response id]


@dataclass(slots=True)
class Table:
    """The numbers of the world, one row per country (codes sorted), as arrays."""

    codes: list[str]
    stat_ids: list[str]
    movement_ids: list[str]
    stats: np.ndarray  # (countries, stats)
    movements: np.ndarray  # (countries, movements)
    relations: np.ndarray  # (countries, countries), symmetric
    world: dict[str, float]
    neighbours: list[list[int]]
    fixed: dict[str, np.ndarray] = field(default_factory=dict)  # figures that never change (nuclear)
    flows: dict[str, np.ndarray] = field(default_factory=dict)  # figures of this turn only (refugees)


@component(slots=True)
class WorldState:
    """Everything about the world that is not a country, institution or crisis."""

    table: Table
    turn: int = 0
    start_year: int = 2024
    start_quarter: int = 3
    end_year: int = 2040
    trade: list = field(default_factory=list)  # sorted [a, b] pairs with a trade deal
    sanctions: dict = field(default_factory=dict)  # target -> sorted list of sanctioners
    loans: list = field(default_factory=list)  # [lender, borrower, amount % of borrower GDP]
    recognitions: list = field(default_factory=list)  # sorted [a, b] pairs
    indicted: list = field(default_factory=list)  # countries whose leader a court has indicted
    cooldowns: dict = field(default_factory=dict)  # "crisis:country" -> turn it may strike again
    counters: dict = field(default_factory=dict)
    next_uid: int = 1
    vetoes_last_turn: int = 0
    outcome: dict | None = None
