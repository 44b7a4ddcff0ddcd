"""Figures derived from the state each time they are needed: regime flags, blocs, crisis
pressure, sanctions leakage... Every name in game.rules.vocab.DERIVED is computed here, for
every country at once, as arrays."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, NamedTuple

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


class _Layout(NamedTuple):
    """The names country_env makes for a set of rules, and where each comes from."""

    doctrine_names: list[str]
    doctrine_index: dict[str, int]  # doctrine -> its row in the doctrine block (see _layout)
    credo: np.ndarray  # by the same rows: the credo of the doctrine (CREDO, 25 by default)
    policy_names: list[str]
    policy_index: dict[str, int]  # policy -> its row in the policy block
    member_names: list[str]
    member_index: dict[str, int]  # institution -> its row in the membership block
    violent: list[str]  # movement.* names of the violent movements, in rule order


def _layout(rules) -> _Layout:
    """The names country_env makes for a set of rules, spelt out once."""
    found = rules.__dict__.get("_env_layout")  # kept on the (frozen) rules: it lives as long as they do
    if found is None:
        # The rules' doctrines first, then those only CREDO knows; the row after them stands for
        # any other (no flag, the default credo).
        doctrines = [*rules.doctrines, *(d for d in CREDO if d not in rules.doctrines)]
        found = _Layout([f"doctrine.{did}" for did in rules.doctrines], {did: i for i, did in enumerate(doctrines)},
                        np.array([CREDO.get(d, 25.0) for d in doctrines] + [25.0]),
                        [f"policy.{pid}" for pid in rules.policies], {pid: i for i, pid in enumerate(rules.policies)},
                        [f"member.{iid}" for iid in rules.institutions], {iid: i for i, iid in enumerate(rules.institutions)},
                        [f"movement.{m}" for m, d in rules.movements.items() if d.violent])
        object.__setattr__(rules, "_env_layout", found)
    return found


def _columns(session: Session) -> dict[str, np.ndarray]:
    """Every stat and movement column, by name, as views of the live arrays (so they always show
    the current figures). Kept while the table holds the same two arrays under the same names:
    a view stays a view of its array for as long as both live (the cache holds both)."""
    t = session.table
    cache = lasting(session)
    found = cache.get("columns")
    if (found is None or found[0] is not t.stats or found[1] is not t.movements
            or found[2] != t.stat_ids or found[3] != t.movement_ids):
        views = {sid: t.stats[:, j] for j, sid in enumerate(t.stat_ids)}
        views.update((f"movement.{mid}", t.movements[:, j]) for j, mid in enumerate(t.movement_ids))
        found = cache["columns"] = (t.stats, t.movements, list(t.stat_ids), list(t.movement_ids), views)
    return found[4]


def _government_rows(session: Session) -> tuple[list, np.ndarray]:
    """The Government objects in code order and the row of each. session.governments() builds
    its list once for a game (countries never come or go) and session.rows is set once, so the
    two objects themselves are the key."""
    govs = session.governments()
    cache = lasting(session)
    found = cache.get("government-rows")
    if found is None or found[0] is not govs or found[1] is not session.rows or found[2] != len(govs):
        rows = session.rows
        found = cache["government-rows"] = (govs, rows, len(govs), [g for _, g in govs],
                                            np.array([rows[c] for c, _ in govs], dtype=int))
    return found[3], found[4]


REGIMES = {"democracy": 0, "hybrid": 1, "autocracy": 2}  # rows of the regime block (3: any other)


class _GovernmentFigures(NamedTuple):
    regimes: np.ndarray  # (4, n): democracy, hybrid, autocracy, any other regime
    democracies: np.ndarray  # positions in session.governments() of the democracies, in code order
    doctrines: np.ndarray  # one row per doctrine of _layout, and one for any other
    gap_credo: np.ndarray
    policies: np.ndarray  # (policies + 1, n): the last row for a policy the rules do not know
    election_due: np.ndarray
    years_in_power: np.ndarray


def _government_figures(session: Session, layout: _Layout, n: int) -> _GovernmentFigures:
    """The figures that follow from the governments: each field read for every government in
    one pass, and the flags set in blocks (a row per regime, doctrine or policy) by one fancy
    assignment each. (Kept between calls, they would rarely be current: between two calls in a
    turn some government nearly always changes, and comparing all of them costs about as much
    as this.)"""
    govs, where = _government_rows(session)
    turn = session.turn
    regime = np.array([REGIMES.get(g.regime, 3) for g in govs], dtype=int)
    regimes = np.zeros((len(REGIMES) + 1, n))
    regimes[regime, where] = 1.0
    doctrine = np.array([layout.doctrine_index.get(g.doctrine, -1) for g in govs], dtype=int)
    doctrines = np.zeros((len(layout.credo), n))
    doctrines[doctrine, where] = 1.0
    held = [(r, g.policies) for r, g in zip(where.tolist(), govs, strict=True) if g.policies]
    policies = np.zeros((len(layout.policy_names) + 1, n))  # one row per policy: 1 where it is in force
    policies[[layout.policy_index.get(pid, -1) for _, pids in held for pid in pids],
             [r for r, pids in held for _ in pids]] = 1.0
    return _GovernmentFigures(
        regimes, np.flatnonzero(regime == 0), doctrines, _scatter(n, where, layout.credo[doctrine]), policies,
        _scatter(n, where, [1.0 if g.next_election == turn else 0.0 for g in govs]),
        (turn - _scatter(n, where, [g.since for g in govs])) / 4.0)


def _strongest(session: Session, democracies: np.ndarray) -> str | None:
    """strongest_democracy(session), given the democracies' positions in session.governments():
    the first of the largest values above -1 (NaN never wins), as its loop picks them."""
    t = session.table
    power = t.stats[:, t.stat_ids.index("gdp")] + 100 * t.stats[:, t.stat_ids.index("military")]
    values = power[_government_rows(session)[1][democracies]]
    above = values > -1.0
    if not above.any():
        return None
    return session.governments()[democracies[np.argmax(np.where(above, values, -np.inf))]][0]


def country_env(session: Session) -> dict[str, object]:
    """Every country name (bare) as an array over rows, plus world names as floats."""
    t = session.table
    rules = session.rules
    n = len(t.codes)
    env: dict[str, object] = dict(_columns(session))
    layout = _layout(rules)
    govs = _government_figures(session, layout, n)
    env["is_democracy"], env["is_hybrid"], env["is_autocracy"] = govs.regimes[0], govs.regimes[1], govs.regimes[2]
    env.update(zip(layout.doctrine_names, govs.doctrines, strict=False))  # the spare rows stay out
    env.update(zip(layout.policy_names, govs.policies, strict=False))
    gdp, mil, pop = env["gdp"], env["military"], env["population"]
    env["great_power"] = ((mil >= 45) | (gdp >= 2500)).astype(float)  # type: ignore[operator]
    env["nuclear"] = t.fixed["nuclear"]
    env["gdp_per_capita"] = np.asarray(gdp) / np.maximum(np.asarray(pop), 0.01)
    for key in ("refugees_in", "refugees_out", "suppression", "nearby_alliance"):
        env[key] = t.flows.get(key, np.zeros(n))
    env["election_due"] = govs.election_due
    env["years_in_power"] = govs.years_in_power
    human = np.zeros(n)
    for code in session.human_codes():
        human[session.rows[code]] = 1.0
    env["human"] = human
    env["turn"] = float(session.turn)
    env["year"] = session.year_fraction()
    insts = session.institutions()
    members = _memberships(session, insts, n)
    env["_leader"] = _strongest(session, govs.democracies)
    _institution_names(session, env, n, insts, members)
    _crisis_names(session, env, n, members)
    _economy_names(session, env, n)
    env["credibility_gap"] = np.maximum(0.0, govs.gap_credo - np.asarray(env["deeds"]))
    violent = [env[name] for name in layout.violent if name in env]
    env["insurgency"] = _row_max(violent) if violent else np.zeros(n)
    env["hostile_neighbours"] = _neighbour_count(session, t.relations, -40)
    env.update(world_env(session, env))
    return env


def _scatter(n: int, where: np.ndarray, values) -> np.ndarray:
    """(n,) floats: values at the rows where, 0 elsewhere."""
    out = np.zeros(n)
    out[where] = values
    return out


def _row_max(arrays: list) -> np.ndarray:
    """A new array of the element-wise maxima, taken in list order: what np.max(arrays, axis=0)
    gives (NumPy reduces along that axis one array after the other), without stacking them."""
    out = np.array(arrays[0], dtype=float)
    for a in arrays[1:]:
        np.maximum(out, a, out=out)
    return out


# Kept per session across turns (session.cache is emptied every turn): the neighbours never
# change in a game, and the trade matrix is rebuilt only when a deal is added.
_LASTING: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LAST: list = [None, None]  # a weak reference to the session last asked for, and its lookups


def lasting(session: Session) -> dict:
    """Lookups kept for the whole game (see _LASTING); callers check what they derive from.
    A turn asks many times, nearly always for the same session: that one is answered without
    a weak reference made and looked up each time (a dead session's reference never matches)."""
    ref, found = _LAST
    if ref is not None and ref() is session:
        return found
    found = _LASTING.get(session)
    if found is None:
        found = _LASTING[session] = {}
    _LAST[:] = [weakref.ref(session), found]
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


def _neighbour_pairs(session: Session) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The True cells of the adjacency matrix: their flat indices, rows and columns (row by
    row), and each row's count of neighbours. Kept with the matrix they come from."""
    adj = adjacency(session)
    cache = lasting(session)
    found = cache.get("neighbour-pairs")
    if found is None or found[0] is not adj:
        flat = np.flatnonzero(adj)
        found = cache["neighbour-pairs"] = (adj, flat, flat // adj.shape[1], flat % adj.shape[1], adj.sum(axis=1))
    return found[1:]


def _neighbour_count(session: Session, relations: np.ndarray, below: float) -> np.ndarray:
    """(n,) floats: how many neighbours each country has with relations below `below`, as
    (adjacency & (relations < below)).sum(axis=1) counts them, from the neighbour cells only."""
    flat, rows, _, _ = _neighbour_pairs(session)
    return np.bincount(rows, weights=np.take(relations, flat) < below, minlength=len(relations))


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


def _trade_links(session: Session) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """What _economy_names needs of the trade matrix and the adjacency matrix together: each
    country's trade partners; the rows and columns of the cells of both matrices, one after the
    other (a pair that both trades and borders appears twice, as trade @ x + adj @ x counts it);
    which countries have any link; and the link counts floored at 1. Kept with the two matrices
    they come from (trade_matrix makes a new one when the deals change)."""
    trade = trade_matrix(session)
    flat, adj_rows, adj_cols, adj_count = _neighbour_pairs(session)
    cache = lasting(session)
    found = cache.get("trade-links")
    if found is None or found[0] is not trade or found[1] is not flat:
        n = trade.shape[0]
        cells = np.flatnonzero(trade)
        partners = trade.sum(axis=1)
        links = partners + adj_count
        found = cache["trade-links"] = (trade, flat, partners, np.concatenate((cells // n, adj_rows)),
                                        np.concatenate((cells % n, adj_cols)), links > 0, np.maximum(links, 1))
        for a in found[2:]:
            a.flags.writeable = False
    return found[2:]


def member_rows(session: Session, inst) -> np.ndarray:
    """Rows of an institution's members in good standing (cached until membership changes).
    Membership changes replace the lists (game.sim.actions), so the same two list objects of
    the same lengths mean the same members; otherwise their contents are compared. The cache
    holds the two lists, so neither can be freed and its id reused while it is kept."""
    members, suspended = inst.members, inst.suspended
    cache = lasting(session)
    cached = cache.get(("members", inst.def_id))
    if cached is not None and cached[0] is members and cached[1] is suspended and cached[2] == (len(members), len(suspended)):
        return cached[4]
    key = (tuple(members), tuple(suspended))
    if cached is None or cached[3] != key:
        rows = np.array([session.rows[c] for c in members if c not in suspended], dtype=int)
    else:
        rows = cached[4]
    cache[("members", inst.def_id)] = (members, suspended, (len(members), len(suspended)), key, rows)
    return rows


def _memberships(session: Session, insts: list, n: int) -> tuple:
    """The figures that follow from who belongs where alone: the membership flags (one row per
    institution of the rules), the count of institutions, the blocs, permanent seats, and the
    alliances (their positions in insts, the rows of their members in good standing and of
    all their members).

    Keyed on the institutions' ids, members, suspended members and permanent members, copied
    into tuples and compared whole, so any change to any of them (a list replaced or changed in
    place, an institution founded or dissolved) is a miss; the rules and the country rows are
    fixed for a session and checked by identity. The arrays are read-only: every country_env
    hands out the same ones until the key changes."""
    rules = session.rules
    key = tuple((i.def_id, tuple(i.members), tuple(i.suspended), tuple(i.permanent)) for i in insts)
    cache = lasting(session)
    found = cache.get("memberships")
    if found is not None and found[0] is rules and found[1] is session.rows and found[2] == key:
        return found[3]
    layout = _layout(rules)
    flags = np.zeros((len(layout.member_names), n))  # one row per institution: 1 for its members in good standing
    count, demo, sov, permanent = np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n)
    alliances = []
    for k, inst in enumerate(insts):
        d = rules.institutions.get(inst.def_id)
        if d is None:
            continue
        rows = np.array([session.rows[c] for c in inst.members if c not in inst.suspended], dtype=int)
        flags[layout.member_index[inst.def_id]][rows] = 1.0
        count[rows] += 1
        if d.bloc == "democratic":
            demo[rows] = 1.0
        elif d.bloc == "sovereign":
            sov[rows] = 1.0
        if d.kind == "alliance":
            alliances.append((k, rows, [session.rows[c] for c in inst.members]))
        for code in inst.permanent:
            permanent[session.rows[code]] = 1.0
    figures = (flags, count, demo, sov, demo * sov, permanent, alliances)
    for a in figures[:-1]:
        a.flags.writeable = False
    cache["memberships"] = (rules, session.rows, key, figures)
    return figures


def _institution_names(session: Session, env: dict, n: int, insts: list, members: tuple) -> None:
    rules = session.rules
    flags, count, demo, sov, rivals, permanent, alliances = members
    env.update(zip(_layout(rules).member_names, flags, strict=True))
    leader = env["_leader"]
    alliance = np.zeros(n)
    for k, rows, _ in alliances:
        eff = alliance_effectiveness(insts[k], rules, session.table, leader)
        if eff:
            alliance[rows] = np.maximum(alliance[rows], eff)
    env["institutions"] = count
    env["democratic_bloc"], env["sovereign_bloc"] = demo, sov
    env["rival_blocs"] = rivals
    env["permanent_member"] = permanent
    env["alliance_strength"] = alliance


def _crisis_names(session: Session, env: dict, n: int, members: tuple) -> None:
    here, near, war, invaded = np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n)
    t = session.table
    rows = session.rows
    for crisis in session.crises():
        r = rows[crisis.location]
        here[r] = max(here[r], crisis.severity)
        if crisis.def_id in ("invasion", "civil_war_famine", "client_war_airpower", "insurgency"):
            war[r] = 1.0
            for role in ("aggressor", "patron"):
                if role in crisis.parties and crisis.parties[role] in rows:
                    war[rows[crisis.parties[role]]] = 1.0
        if crisis.def_id == "invasion":
            for o in t.neighbours[r]:
                invaded[o] = 1.0
    # The worst crisis next door (severities are >= 0, so non-neighbours' zeros never win).
    near = neighbour_max(session, here) if n else near
    # Allies of an invaded country feel it too (NATO after 2022); with no invasion, nobody does.
    if invaded.any():
        for _, _, every in members[-1]:
            if invaded[every].any():
                invaded[every] = 1.0
    env["crisis_here"], env["crisis_near"], env["at_war"], env["invaded_near"] = here, near, war, invaded


def _sanctions(session: Session, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The sanctioned countries' rows and, for each, a row of indices into the GDP with a zero
    appended (index n): the zero, the sanctioners in list order, then zeros to fill the row.
    Keyed on the targets and a tuple copy of every sanctions list, compared whole, so any change
    is a miss; the country rows are fixed for a session and checked by identity."""
    sanctions = session.world.sanctions
    key = (list(sanctions), list(map(tuple, sanctions.values())))
    cache = lasting(session)
    found = cache.get("sanctions")
    if found is None or found[0] is not session.rows or found[1] != key:
        rows = session.rows
        picked = [(rows[t], [rows[c] for c in by if c in rows]) for t, by in sanctions.items() if t in rows and by]
        gather = np.full((len(picked), 1 + max((len(by) for _, by in picked), default=0)), n, dtype=int)
        for i, (_, by) in enumerate(picked):
            gather[i, 1:1 + len(by)] = by
        found = cache["sanctions"] = (session.rows, key, np.array([t for t, _ in picked], dtype=int), gather)
    return found[2], found[3]


def _economy_names(session: Session, env: dict, n: int) -> None:
    w = session.world
    gdp = np.asarray(env["gdp"])
    autoc = np.asarray(env["is_autocracy"])
    world_gdp = float(gdp.sum()) or 1.0
    # The share of world GDP sanctioning each target, summed as Python's sum() adds floats: one
    # after the other in list order from 0.0. np.cumsum adds along a row the same way, and the
    # zeros that fill a row change no sum (a sum from +0.0 is never -0.0).
    targets, gather = _sanctions(session, n)
    sanctioned = np.zeros(n)
    sanctioned[targets] = np.cumsum(np.append(gdp, 0.0)[gather], axis=1)[:, -1] / world_gdp
    rows = session.rows
    # Counts of 0/1 flags: exact in floating point whatever the order of the sums, so the
    # autocratic links (trade @ autoc + adjacency @ autoc) are summed over the two matrices'
    # cells at once.
    partners, link_rows, link_cols, linked, links = _trade_links(session)
    auto_links = np.bincount(link_rows, weights=autoc[link_cols], minlength=n)
    autocratic_trade = np.where(linked, auto_links / links, 0.0)
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
    # np.mean without its Python wrapper: the same sum (np.add.reduce) divided by the count.
    democracies = env["is_democracy"]
    out["world.democracies"] = float(100.0 * (np.add.reduce(democracies) / democracies.size)) if len(t.codes) else 0.0
    health = [(i.legitimacy + i.power) / 2 for i in session.institutions() if i.members]
    out["world.institution_health"] = float(np.add.reduce(np.array(health, dtype=float)) / len(health)) if health else 0.0
    alliance = [i for i in session.institutions() if i.def_id == "alliance_of_democracies"]
    leader = env.get("_leader")
    out["world.alliance"] = alliance_effectiveness(alliance[0], session.rules, t, leader) if alliance else 0.0
    return out
