"""Figures derived from the state each time they are needed: regime flags, blocs, crisis
pressure, sanctions leakage... Every name in game.rules.vocab.DERIVED is computed here, for
every country at once, as arrays."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from game.sim.session import Session

CREDO = {"liberal": 50.0, "transformative": 30.0, "mercantilist": 0.0, "sovereign": 40.0}


def alliance_effectiveness(inst, rules, table, leader_code: str | None) -> float:
    """How much an alliance can do: its power and legitimacy, hobbled without its strongest democracy."""
    if not inst.members:
        return 0.0
    base = inst.power * (0.5 + inst.legitimacy / 200.0)
    if leader_code is not None and leader_code not in inst.members:
        base *= 0.45  # nlio.leader-must-join: a league without its leading democracy
    return float(min(100.0, base))


def strongest_democracy(session: Session) -> str | None:
    """The democracy with the most output and arms (its absence hobbles an alliance); the
    first in code order on a tie."""
    t = session.table
    power = t.stats[:, t.stat_ids.index("gdp")] + 100 * t.stats[:, t.stat_ids.index("military")]
    best, best_val = None, -1.0
    for code, gov in session.governments():
        if gov.regime == "democracy":
            value = power.item(session.rows[code])
            if value > best_val:
                best, best_val = code, value
    return best


def _layout(rules) -> tuple[list[str], list[str], dict[str, int], list[str], dict[str, int]]:
    """The names country_env makes for a set of rules, spelt out once: doctrine flags, policy
    flags (and their row in one block), membership flags (likewise)."""
    found = rules.__dict__.get("_env_layout")  # kept on the (frozen) rules: it lives as long as they do
    if found is None:
        doctrines = [f"doctrine.{did}" for did in rules.doctrines]
        policies = [f"policy.{pid}" for pid in rules.policies]
        members = [f"member.{iid}" for iid in rules.institutions]
        found = (doctrines, policies, {pid: i for i, pid in enumerate(rules.policies)},
                 members, {iid: i for i, iid in enumerate(rules.institutions)})
        object.__setattr__(rules, "_env_layout", found)
    return found


def country_env(session: Session) -> dict[str, object]:
    """Every country name (bare) as an array over rows, plus world names as floats."""
    t = session.table
    rules = session.rules
    n = len(t.codes)
    env: dict[str, object] = {}
    for j, sid in enumerate(t.stat_ids):
        env[sid] = t.stats[:, j]
    for j, mid in enumerate(t.movement_ids):
        env[f"movement.{mid}"] = t.movements[:, j]
    doctrine_names, policy_names, policy_index, _, _ = _layout(rules)
    # Gathered in lists and made arrays once: element by element, NumPy costs more than the rest.
    regime: list[object] = [None] * n
    doctrine: list[object] = [None] * n
    since, election, gap_credo = [0.0] * n, [0.0] * n, [0.0] * n
    human = np.zeros(n)
    rows = session.rows
    turn = session.turn
    flags = np.zeros((len(policy_names), n))  # one row per policy: 1 where it is in force
    for code, gov in session.governments():
        r = rows[code]
        regime[r], doctrine[r] = gov.regime, gov.doctrine
        since[r] = gov.since
        election[r] = 1.0 if gov.next_election == turn else 0.0
        gap_credo[r] = CREDO.get(gov.doctrine, 25.0)
        for pid in gov.policies:
            i = policy_index.get(pid)
            if i is not None:
                flags[i, r] = 1.0
    for code in session.human_codes():
        human[rows[code]] = 1.0
    regimes = np.array(regime, dtype=object)
    env["is_democracy"] = (regimes == "democracy").astype(float)
    env["is_hybrid"] = (regimes == "hybrid").astype(float)
    env["is_autocracy"] = (regimes == "autocracy").astype(float)
    doctrines = np.array(doctrine, dtype=object)
    for did, name in zip(rules.doctrines, doctrine_names, strict=True):
        env[name] = (doctrines == did).astype(float)
    for i, name in enumerate(policy_names):
        env[name] = flags[i]
    gdp, mil, pop = env["gdp"], env["military"], env["population"]
    env["great_power"] = ((mil >= 45) | (gdp >= 2500)).astype(float)  # type: ignore[operator]
    env["nuclear"] = t.fixed["nuclear"]
    env["gdp_per_capita"] = np.asarray(gdp) / np.maximum(np.asarray(pop), 0.01)
    for key in ("refugees_in", "refugees_out", "suppression", "nearby_alliance"):
        env[key] = t.flows.get(key, np.zeros(n))
    env["election_due"] = np.array(election)
    env["years_in_power"] = (session.turn - np.array(since, dtype=float)) / 4.0
    env["human"] = human
    env["turn"] = float(session.turn)
    env["year"] = session.year_fraction()
    _institution_names(session, env, n)
    _crisis_names(session, env, n)
    _economy_names(session, env, n)
    env["credibility_gap"] = np.maximum(0.0, np.array(gap_credo) - np.asarray(env["deeds"]))
    violent = [f"movement.{m}" for m, d in rules.movements.items() if d.violent and f"movement.{m}" in env]
    env["insurgency"] = np.max([env[v] for v in violent], axis=0) if violent else np.zeros(n)
    adj = adjacency(session)
    env["hostile_neighbours"] = (adj & (t.relations < -40)).sum(axis=1).astype(float)
    env.update(world_env(session, env))
    return env


# Kept per session across turns (session.cache is emptied every turn): the neighbours never
# change in a game, and the trade matrix is rebuilt only when a deal is added.
_LASTING: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def lasting(session: Session) -> dict:
    """Lookups kept for the whole game (see _LASTING); callers check what they derive from."""
    found = _LASTING.get(session)
    if found is None:
        found = _LASTING[session] = {}
    return found


def adjacency(session: Session) -> np.ndarray:
    """(n, n) bool: land and sea neighbours (fixed for a game)."""
    cache = lasting(session)
    t = session.table
    found = cache.get("adjacency")
    if found is None or found[0] is not t.neighbours:
        n = len(t.codes)
        m = np.zeros((n, n), dtype=bool)
        for r, nbrs in enumerate(t.neighbours):
            m[r, nbrs] = True
        m.flags.writeable = False
        found = cache["adjacency"] = (t.neighbours, m)
    return found[1]


def neighbour_max(session: Session, values: np.ndarray) -> np.ndarray:
    """For every country, the largest of values over its neighbours and 0: the row maxima of
    where(adjacency, values, 0), without the (n, n) array."""
    cache = lasting(session)
    t = session.table
    found = cache.get("neighbour-runs")
    if found is None or found[0] is not t.neighbours:
        flat = np.array([o for nbrs in t.neighbours for o in nbrs], dtype=int)
        sizes = np.array([len(nbrs) for nbrs in t.neighbours], dtype=int)
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(int)
        found = cache["neighbour-runs"] = (t.neighbours, flat, starts[sizes > 0], np.flatnonzero(sizes > 0))
    _, flat, starts, some = found
    out = np.zeros(len(values))
    if len(flat):
        out[some] = np.maximum(np.maximum.reduceat(values[flat], starts), 0.0)
    return out


def trade_matrix(session: Session) -> np.ndarray:
    """(n, n) float 0/1: who has a trade deal with whom. The list of deals only ever grows by
    sorted insertion (game.sim.actions), so its length tells whether the matrix is current."""
    pairs = session.world.trade
    key = (id(pairs), len(pairs))
    cache = lasting(session)
    found = cache.get("trade")
    if found is None or found[0] != key or found[1] is not pairs:
        n = len(session.table.codes)
        rows = session.rows
        m = np.zeros((n, n))
        if pairs:
            a = np.fromiter((rows[x] for x, _ in pairs), dtype=int, count=len(pairs))
            b = np.fromiter((rows[y] for _, y in pairs), dtype=int, count=len(pairs))
            m[a, b] = m[b, a] = 1.0
        m.flags.writeable = False
        found = cache["trade"] = (key, pairs, m)
    return found[2]


def member_rows(session: Session, inst) -> np.ndarray:
    """Rows of an institution's members in good standing (cached until membership changes).
    Membership changes replace the lists (game.sim.actions), so the same two list objects of
    the same lengths mean the same members; otherwise their contents are compared."""
    members, suspended = inst.members, inst.suspended
    cached = session.cache.get(("members", inst.def_id))
    if cached is not None and cached[0] is members and cached[1] is suspended and cached[2] == (len(members), len(suspended)):
        return cached[4]
    key = (tuple(members), tuple(suspended))
    if cached is None or cached[3] != key:
        rows = np.array([session.rows[c] for c in members if c not in suspended], dtype=int)
    else:
        rows = cached[4]
    session.cache[("members", inst.def_id)] = (members, suspended, (len(members), len(suspended)), key, rows)
    return rows


def _institution_names(session: Session, env: dict, n: int) -> None:
    rules = session.rules
    count = np.zeros(n)
    demo, sov = np.zeros(n), np.zeros(n)
    permanent = np.zeros(n)
    alliance = np.zeros(n)
    leader = env["_leader"] = strongest_democracy(session)
    _, _, _, member_names, member_index = _layout(rules)
    flags = np.zeros((len(member_names), n))  # one row per institution: 1 for its members in good standing
    for i, name in enumerate(member_names):
        env[name] = flags[i]
    for inst in session.institutions():
        d = rules.institutions.get(inst.def_id)
        if d is None:
            continue
        flag = flags[member_index[inst.def_id]]
        eff = alliance_effectiveness(inst, rules, session.table, leader) if d.kind == "alliance" else 0.0
        rows = member_rows(session, inst)
        flag[rows] = 1.0
        count[rows] += 1
        if d.bloc == "democratic":
            demo[rows] = 1.0
        elif d.bloc == "sovereign":
            sov[rows] = 1.0
        if eff:
            alliance[rows] = np.maximum(alliance[rows], eff)
        for code in inst.permanent:
            permanent[session.rows[code]] = 1.0
    env["institutions"] = count
    env["democratic_bloc"], env["sovereign_bloc"] = demo, sov
    env["rival_blocs"] = demo * sov
    env["permanent_member"] = permanent
    env["alliance_strength"] = alliance


def _crisis_names(session: Session, env: dict, n: int) -> None:
    here, near, war, invaded = np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n)
    t = session.table
    for crisis in session.crises():
        r = session.row(crisis.location)
        here[r] = max(here[r], crisis.severity)
        if crisis.def_id in ("invasion", "civil_war_famine", "client_war_airpower", "insurgency"):
            war[r] = 1.0
            for role in ("aggressor", "patron"):
                if role in crisis.parties and crisis.parties[role] in session.rows:
                    war[session.row(crisis.parties[role])] = 1.0
        if crisis.def_id == "invasion":
            for o in t.neighbours[r]:
                invaded[o] = 1.0
    # The worst crisis next door (severities are >= 0, so non-neighbours' zeros never win).
    near = neighbour_max(session, here) if n else near
    # Allies of an invaded country feel it too (NATO after 2022).
    for inst in session.institutions():
        d = session.rules.institutions.get(inst.def_id)
        if d is None or d.kind != "alliance":
            continue
        rows = [session.row(c) for c in inst.members]
        if any(invaded[r] for r in rows):
            for r in rows:
                invaded[r] = 1.0
    env["crisis_here"], env["crisis_near"], env["at_war"], env["invaded_near"] = here, near, war, invaded


def _sanctioner_rows(session: Session, target: str, by: list[str]) -> list[int]:
    """Rows of the countries in a sanctions list, in its order. The lists are replaced, never
    changed in place (game.sim.actions), so each is read once; kept for the turn."""
    key = ("sanctioners", target)
    found = session.cache.get(key)
    if found is None or found[0] is not by or found[1] != len(by):
        rows = session.rows
        found = session.cache[key] = (by, len(by), [rows[c] for c in by if c in rows])
    return found[2]


def _economy_names(session: Session, env: dict, n: int) -> None:
    w = session.world
    gdp = np.asarray(env["gdp"])
    autoc = np.asarray(env["is_autocracy"])
    world_gdp = float(gdp.sum()) or 1.0
    sanctioned = np.zeros(n)
    rows = session.rows
    gdp_list = gdp.tolist()  # Python floats: the same sums as NumPy scalars, added in list order
    for target, by in w.sanctions.items():
        if target in rows and by:
            sanctioned[rows[target]] = sum([gdp_list[i] for i in _sanctioner_rows(session, target, by)]) / world_gdp
    # Counts of 0/1 flags: exact in floating point whatever the order of the sums.
    trade = trade_matrix(session)
    adj = adjacency(session)
    partners = trade.sum(axis=1)
    links = partners + adj.sum(axis=1)
    auto_links = trade @ autoc + adj @ autoc
    autocratic_trade = np.where(links > 0, auto_links / np.maximum(links, 1), 0.0)
    debt_auto = np.zeros(n)
    for lender, borrower, amount in w.loans:
        if lender in rows and autoc[rows[lender]]:
            debt_auto[rows[borrower]] += amount
    env["sanctioned"] = np.minimum(1.0, sanctioned)
    env["autocratic_trade"] = autocratic_trade
    # nlio.sanctions-evasion: sanctions leak through trade with autocratic partners.
    env["sanction_bite"] = env["sanctioned"] * (1.0 - 0.8 * autocratic_trade)
    env["partners"] = partners
    env["debt_to_autocracy"] = debt_auto


def world_env(session: Session, env: dict) -> dict[str, float]:
    t = session.table
    w = session.world
    out: dict[str, float] = {f"world.{k}": float(v) for k, v in t.world.items()}
    gdp, mil = np.asarray(env["gdp"]), np.asarray(env["military"])
    power = gdp / max(gdp.sum(), 1.0) + mil / max(mil.sum(), 1.0)
    out["world.hegemony"] = float(100.0 * power.max() / max(power.sum(), 1e-9)) if len(power) else 0.0
    out["world.vetoes"] = float(w.vetoes_last_turn)
    out["world.crises"] = float(len(session.crises()))
    out["world.recognition"] = 10.0 * len(w.recognitions) / max(len(t.codes), 1)
    out["world.democracies"] = float(100.0 * np.mean(env["is_democracy"])) if len(t.codes) else 0.0
    insts = [i for i in session.institutions() if i.members]
    out["world.institution_health"] = float(np.mean([(i.legitimacy + i.power) / 2 for i in insts])) if insts else 0.0
    alliance = [i for i in session.institutions() if i.def_id == "alliance_of_democracies"]
    leader = env.get("_leader")
    out["world.alliance"] = alliance_effectiveness(alliance[0], session.rules, t, leader) if alliance else 0.0
    return out
