"""The names a rule expression may use, by scope.

Bare names are figures of the country the rule is about (the actor, for actions and
responses). Prefixed names reach other things: `target.` the target country, `location.` a
crisis's country, `world.` world figures, `crisis.` the crisis, `institution.` the body.
Stats, movements, doctrines, institutions and policies come from the rules themselves, so a
mod that adds a stat can use it at once. DERIVED lists the figures the simulation computes
each turn; every one of them is filled in by game.sim.derive.
"""

from __future__ import annotations

from collections.abc import Iterable

DERIVED: dict[str, str] = {
    "is_democracy": "1 for democracies, else 0.",
    "is_hybrid": "1 for hybrid regimes, else 0.",
    "is_autocracy": "1 for autocracies, else 0.",
    "permanent_member": "1 for a permanent member of a council with permanent seats.",
    "great_power": "1 when military strength >= 45 or GDP >= 2,500 bn.",
    "nuclear": "1 for nuclear-armed states.",
    "gdp_per_capita": "GDP per person, thousand USD.",
    "refugees_in": "Refugees arriving this turn, % of population.",
    "refugees_out": "People fleeing this turn, % of population.",
    "crisis_here": "Highest severity of crises located in the country (0-100).",
    "crisis_near": "Highest severity of crises in neighbouring countries (0-100).",
    "at_war": "1 when the country is a party to an invasion or civil war.",
    "invaded_near": "1 when a neighbour or an ally is being invaded.",
    "sanctioned": "Share (0-1) of world GDP that sanctions the country.",
    "autocratic_trade": "Share (0-1) of the country's trade with autocracies.",
    "sanction_bite": "How much sanctions hurt after leakage through autocratic partners (0-1).",
    "institutions": "Number of institutions the country belongs to.",
    "democratic_bloc": "1 when a member of a democratic-bloc institution.",
    "sovereign_bloc": "1 when a member of a sovereign-bloc institution.",
    "rival_blocs": "1 when a member of both democratic-bloc and sovereign-bloc institutions.",
    "alliance_strength": "Effectiveness (0-100) of the country's strongest alliance.",
    "nearby_alliance": "1 when an alliance grows on the country's border this turn.",
    "debt_to_autocracy": "Debt owed to autocratic lenders, % of GDP.",
    "partners": "Number of trade deals.",
    "hostile_neighbours": "Number of neighbours with relations below -40.",
    "election_due": "1 when the country holds an election this turn.",
    "years_in_power": "Years since the government last changed.",
    "credibility_gap": "Distance between stated doctrine and deeds (0-100).",
    "suppression": "Movement suppression this turn (0-100).",
    "insurgency": "Strength of the strongest violent movement (0-100).",
    "human": "1 for countries led by a human player.",
    "turn": "Turns played.",
    "year": "Current year (with quarters as fractions).",
}

WORLD_DERIVED: dict[str, str] = {
    "world.vetoes": "Vetoes cast last turn.",
    "world.crises": "Running crises.",
    "world.hegemony": "Share (0-100) of world power held by the strongest state.",
    "world.recognition": "Pairs of rival states that recognise each other, per 10 states.",
    "world.democracies": "Share (0-100) of states that are democracies.",
    "world.institution_health": "Mean of legitimacy and power over existing institutions (0-100).",
    "world.alliance": "Effectiveness of the Alliance of Democracies (0 when not founded).",
}

CRISIS_NAMES: dict[str, str] = {
    "crisis.severity": "Severity 0-100.",
    "crisis.turns": "Turns since it started.",
    "crisis.attention": "Attention it got last turn.",
    "crisis.access": "Safe passage for aid (0-1): falls with fighting and the season.",
    "crisis.protection": "Protection for aid convoys (0-100).",
    "crisis.forces": "Friendly military presence on the ground (0-100).",
    "crisis.diverted": "Share of aid diverted by factions last turn (0-1).",
    "crisis.vetoed": "1 when a resolution on it has been vetoed.",
    "crisis.mandate": "1 when a council mandate covers it.",
    "crisis.patron_strength": "Military strength of the outside power backing a side.",
    "crisis.aggressor_permanent": "1 when the aggressor (or its patron) holds a permanent veto.",
    "crisis.winter": "1 in the rainy or winter quarter when access is worst.",
    "crisis.coalition": "Doctrines other than the responder's that already chose the same response this turn (0-3).",
}

INSTITUTION_NAMES: dict[str, str] = {
    "institution.legitimacy": "Legitimacy 0-100.",
    "institution.power": "Power 0-100.",
    "institution.members": "Number of members.",
    "institution.universality": "Members as a share (0-1) of all states.",
    "institution.leader_in": "1 when the strongest democracy is a member.",
    "institution.ignored": "Rulings ignored so far.",
    "institution.mercantilist_leader": "1 when its strongest member follows mercantilist nationalism.",
}

PREFIXED = ("target.", "location.")


def country_names(stats: Iterable[str], movements: Iterable[str], doctrines: Iterable[str],
                  institutions: Iterable[str], policies: Iterable[str]) -> set[str]:
    names = set(stats) | set(DERIVED)
    names |= {f"movement.{m}" for m in movements}
    names |= {f"doctrine.{d}" for d in doctrines}
    names |= {f"member.{i}" for i in institutions}
    names |= {f"policy.{p}" for p in policies}
    return names


def scope_names(scope: str, country: set[str], world_stats: Iterable[str]) -> set[str]:
    """All names allowed in an expression of the given scope."""
    world = {f"world.{w}" for w in world_stats} | set(WORLD_DERIVED)
    names = country | world
    if scope in ("action", "response", "effect"):
        names |= {f"target.{n}" for n in country} | {"relation"}
    if scope in ("crisis", "response", "effect"):
        names |= {f"location.{n}" for n in country} | set(CRISIS_NAMES)
    if scope in ("action", "effect"):
        names |= set(INSTITUTION_NAMES)
    if scope == "effect":
        names |= {"strength"}
    return names
