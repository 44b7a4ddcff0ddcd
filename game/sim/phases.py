"""The turn, as four processors in one explicit order: crises, decisions, resolution, report.

A session starts by running the crises phase of its first turn. end_turn() then runs
decisions, resolution and report for the current turn, advances the date, and runs the next
turn's crises phase, so a human always decides knowing this turn's news.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import esper

from game.sim.systems.crises import evolve_crises, trigger_crises
from game.sim.systems.dynamics import run_accounting, run_dynamics, run_standing_effects
from game.sim.systems.politics import check_ending, hold_elections, regime_drift
from game.sim.systems.standards import enforce_standards, rotate_seats
from game.sim.systems.votes import count_votes

if TYPE_CHECKING:
    from game.sim.session import Session, TurnReport

SYSTEMS = ("economy", "military", "society", "movements", "diplomacy", "world")


class CrisesPhase(esper.Processor):
    """News and crises: new crises trigger from conditions."""

    def process(self, session: Session) -> None:
        trigger_crises(session)


class DecisionsPhase(esper.Processor):
    """Every AI country decides (humans decided before End Turn); then every vote is cast."""

    def process(self, session: Session) -> None:
        from game.ai import decide_all

        decide_all(session)


class ResolutionPhase(esper.Processor):
    """Votes are counted, then the systems run in order."""

    def process(self, session: Session) -> None:
        # The votes see the figures the decisions left (worked out afresh after them) and mark
        # them stale only when an outcome changes the world's structure.
        count_votes(session)
        # Figures are live arrays; the derived ones (blocs, crisis pressure...) are refreshed
        # between stages rather than after every single change.
        with session.hold_env():
            for system in SYSTEMS:
                run_dynamics(session, system)
            run_standing_effects(session)
        session.invalidate()
        run_accounting(session)
        with session.hold_env():
            evolve_crises(session)
            hold_elections(session)
            regime_drift(session)
            enforce_standards(session)
            rotate_seats(session)
        session.invalidate()


class ReportPhase(esper.Processor):
    """The turn report: the ending is checked and the turn recorded with its state hash."""

    def process(self, session: Session) -> None:
        check_ending(session)


PHASES: tuple[type[esper.Processor], ...] = (CrisesPhase, DecisionsPhase, ResolutionPhase, ReportPhase)


def start_turn(session: Session) -> None:
    session.events = []
    session.acted = set()
    session.seats_done = set()
    session.motives = {}
    session.cache.clear()
    session.invalidate()
    if session.world.outcome is None:
        # Held: the crises see the figures of the turn's start; a crisis that starts marks the
        # derived figures stale, and only then are they worked out again for the decisions.
        with session.hold_env():
            CrisesPhase().process(session)


def run_turn(session: Session) -> TurnReport:
    from game.sim.history import record_turn
    from game.sim.session import TurnReport

    started = time.perf_counter()
    w = session.world
    if w.outcome is not None:
        return TurnReport(w.turn, session.state_hash(), [], 0.0)
    w.vetoes_last_turn = 0
    session.breakdown = {}  # kept after the turn, so tooltips can say what fed each figure
    for phase in (DecisionsPhase, ResolutionPhase, ReportPhase):
        phase().process(session)
    events = list(session.events)
    w.turn += 1
    session.table.flows.pop("nearby_alliance", None)
    session.log.extend(events)
    session.commands.append([])
    start_turn(session)
    # The crises phase of the new turn belongs to its news; its events open the next report.
    digest = session.state_hash()
    ms = (time.perf_counter() - started) * 1000.0
    record_turn(session, digest, ms)
    return TurnReport(w.turn - 1, digest, events + list(session.events), ms)
