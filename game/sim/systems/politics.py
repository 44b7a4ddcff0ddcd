"""Elections in democracies, the fall of governments, regime drift, and how the game ends."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from game.sim.scope import Scope

if TYPE_CHECKING:
    from game.sim.session import Session

WIN_APPROVAL = 43.0  # with the noise below, a government at 43% approval wins about half its elections
REGIME_NAMES = {"democracy": "a democracy", "hybrid": "a hybrid regime", "autocracy": "an autocracy"}


def pulled_doctrine(session: Session, code: str) -> str:
    """Which doctrine the street pulls a new government toward (mgo.anti-immigrant-pull...)."""
    gov = session.government(code)
    nativist = session.stat(code, "movement.nativist")
    green = session.stat(code, "movement.climate") + session.stat(code, "movement.civil_society") / 2
    if nativist >= 45 and gov.doctrine != "mercantilist":
        return "mercantilist"
    if green >= 70 and gov.doctrine not in ("transformative", "liberal"):
        return "transformative"
    if gov.regime == "democracy" and gov.doctrine == "sovereign":
        return "liberal"
    return gov.doctrine


def hold_elections(session: Session) -> None:
    from game.sim.handlers import switch_doctrine

    turn = session.turn
    for code, gov in session.governments():
        if gov.next_election != turn or gov.regime == "autocracy":
            continue
        gov.next_election = session.turn + (gov.term or 16)
        session.world.counters["elections"] = session.world.counters.get("elections", 0) + 1
        approval = session.stat(code, "approval")
        score = approval + session.rng.gauss(0.0, 6.0)
        name = session.info(code).name
        if score >= WIN_APPROVAL:
            session.emit("election", f"{name}: the government is re-elected (approval {approval:.0f}).", (code,), ("nlio.democracy-resilient",), won=True)
            continue
        if session.is_human(code):
            end_game(session, None, f"{name}'s government lost the election (approval {approval:.0f}%)", loser=code)
            session.emit("election", f"{name}: you lose the election (approval {approval:.0f}).", (code,), (), won=False)
            return
        gov.since = session.turn
        session.change_country(session.row(code), "approval", 55.0 - approval)
        session.emit("election", f"{name}: the government loses the election (approval {approval:.0f}).", (code,), ("mgo.civil-society-matters",), won=False)
        new = pulled_doctrine(session, code)
        if new != gov.doctrine:
            switch_doctrine(session, code, new, "a new government", ("mgo.anti-immigrant-pull",) if new == "mercantilist" else ())


def topple(session: Session, code: str, why: str) -> None:
    """Protests or a coup bring a government down."""
    from game.sim.handlers import switch_doctrine

    name = session.info(code).name
    if session.is_human(code):
        end_game(session, None, f"{name}'s government fell ({why})", loser=code)
        return
    gov = session.government(code)
    gov.since = session.turn
    row = session.row(code)
    session.change_country(row, "unrest", -40)
    session.change_country(row, "approval", 50 - session.stat(code, "approval"))
    session.emit("government_fell", f"{name}: the government falls ({why}).", (code,), ("mgo.pre-empt-colour-revolutions",))
    session.world.counters["governments_fallen"] = session.world.counters.get("governments_fallen", 0) + 1
    new = pulled_doctrine(session, code)
    if new != gov.doctrine:
        switch_doctrine(session, code, new, "after the fall of the government")


def regime_drift(session: Session) -> None:
    """Regimes follow the democracy index, with a margin so they do not flicker."""
    for code, gov in session.governments():
        d = session.stat(code, "democracy")
        new = gov.regime
        if gov.regime == "democracy" and d < 55:
            new = "hybrid"
        elif gov.regime == "hybrid" and d >= 65:
            new = "democracy"
        elif gov.regime == "hybrid" and d < 25:
            new = "autocracy"
        elif gov.regime == "autocracy" and d >= 40:
            new = "hybrid"
        if new != gov.regime:
            old, gov.regime = gov.regime, new
            if new != "autocracy" and gov.next_election is None:
                gov.next_election, gov.term = session.turn + 8, 16
            session.invalidate()
            session.emit("regime_changed", f"{session.info(code).name} is now {REGIME_NAMES[new]} (was {REGIME_NAMES[old]}).", (code,), ("nlio.freedom-recession",), old=old, new=new)


def end_game(session: Session, winner: str | None, reason: str, loser: str | None = None, victory: str | None = None) -> None:
    if session.world.outcome is None:
        session.world.outcome = {"winner": winner, "reason": reason, "loser": loser, "victory": victory, "turn": session.turn}
        session.emit("game_over", reason, tuple(c for c in (winner, loser) if c), ())


def victory_scores(session: Session) -> dict[str, dict[str, float]]:
    """victory id -> {country: score 0-100} for countries of its doctrine."""
    out: dict[str, dict[str, float]] = {}
    for vid, v in session.rules.victories.items():
        scores: dict[str, float] = {}
        for code, gov in session.governments():
            if v.doctrine is not None and gov.doctrine != v.doctrine:
                continue
            scope = Scope(session, session.row(code))
            scores[code] = float(np.clip(session.rules.expr(v.score).scalar(scope), 0, 100))
        out[vid] = scores
    return out


def check_ending(session: Session) -> None:
    if session.world.outcome is not None:
        return
    w = session.world
    if w.table.world.get("disorder", 0) >= session.rules.settings.disorder_collapse:
        end_game(session, None, "World disorder reached its maximum: the order collapsed and everyone loses")
        return
    year = session.year_fraction()
    humans = session.human_codes()
    for vid, v in sorted(session.rules.victories.items()):
        if year < v.from_year:
            continue
        for code, gov in session.governments():
            if v.doctrine is not None and gov.doctrine != v.doctrine:
                continue
            if humans and code not in humans:
                continue
            if bool(session.rules.expr(v.when).scalar(Scope(session, session.row(code)))):
                end_game(session, code, f"{session.info(code).name} wins: {v.name}", victory=vid)
                return
    year_now, quarter = session.date()
    if year_now > w.end_year or (year_now == w.end_year and quarter == 4):
        scores = victory_scores(session)
        best = max(((s, c, vid) for vid, sc in scores.items() for c, s in sc.items() if not humans or c in humans), default=None)
        if best is None:
            end_game(session, None, f"The game reached the end of {w.end_year} without a winner")
        else:
            s, c, vid = best
            end_game(session, c, f"Time ran out in {w.end_year}: {session.info(c).name} leads on points ({session.rules.victories[vid].name}, {s:.0f}/100)", victory=vid)
