"""The fast paths of the derived figures (game.sim.derive.country_env) give what the plain
formulas give, bit for bit, and their caches notice every change they are keyed on."""

from __future__ import annotations

import math

import numpy as np
import pytest

from game.sim import derive
from game.sim.derive import CREDO, alliance_effectiveness, country_env

# ---- the plain formulas: country_env as it was written before the fast paths --------------


def _plain_leader(session) -> str | None:
    t = session.table
    power = t.stats[:, t.stat_ids.index("gdp")] + 100 * t.stats[:, t.stat_ids.index("military")]
    best, best_val = None, -1.0
    for code, gov in session.governments():
        if gov.regime == "democracy":
            value = power.item(session.rows[code])
            if value > best_val:
                best, best_val = code, value
    return best


def plain_env(session) -> dict:
    t, rules, n = session.table, session.rules, len(session.table.codes)
    rows = session.rows
    env: dict = {}
    for j, sid in enumerate(t.stat_ids):
        env[sid] = t.stats[:, j]
    for j, mid in enumerate(t.movement_ids):
        env[f"movement.{mid}"] = t.movements[:, j]
    policy_index = {pid: i for i, pid in enumerate(rules.policies)}
    regime, doctrine = [None] * n, [None] * n
    since, election, gap_credo = [0.0] * n, [0.0] * n, [0.0] * n
    flags = np.zeros((len(rules.policies), n))
    for code, gov in session.governments():
        r = rows[code]
        regime[r], doctrine[r] = gov.regime, gov.doctrine
        since[r] = gov.since
        election[r] = 1.0 if gov.next_election == session.turn else 0.0
        gap_credo[r] = CREDO.get(gov.doctrine, 25.0)
        for pid in gov.policies:
            if pid in policy_index:
                flags[policy_index[pid], r] = 1.0
    human = np.zeros(n)
    for code in session.human_codes():
        human[rows[code]] = 1.0
    regimes, doctrines = np.array(regime, dtype=object), np.array(doctrine, dtype=object)
    for name in ("democracy", "hybrid", "autocracy"):
        env[f"is_{name}"] = (regimes == name).astype(float)
    for did in rules.doctrines:
        env[f"doctrine.{did}"] = (doctrines == did).astype(float)
    for i, pid in enumerate(rules.policies):
        env[f"policy.{pid}"] = flags[i]
    gdp, mil, pop = env["gdp"], env["military"], env["population"]
    env["great_power"] = ((mil >= 45) | (gdp >= 2500)).astype(float)
    env["nuclear"] = t.fixed["nuclear"]
    env["gdp_per_capita"] = gdp / np.maximum(pop, 0.01)
    for key in ("refugees_in", "refugees_out", "suppression", "nearby_alliance"):
        env[key] = t.flows.get(key, np.zeros(n))
    env["election_due"] = np.array(election)
    env["years_in_power"] = (session.turn - np.array(since, dtype=float)) / 4.0
    env["human"] = human
    env["turn"] = float(session.turn)
    env["year"] = session.year_fraction()
    adj = np.zeros((n, n), dtype=bool)
    for r, nbrs in enumerate(t.neighbours):
        adj[r, nbrs] = True
    # institutions
    leader = env["_leader"] = _plain_leader(session)
    count, demo, sov, permanent, alliance = (np.zeros(n) for _ in range(5))
    member_flags = np.zeros((len(rules.institutions), n))
    for i, iid in enumerate(rules.institutions):
        env[f"member.{iid}"] = member_flags[i]
    for inst in session.institutions():
        d = rules.institutions.get(inst.def_id)
        if d is None:
            continue
        eff = alliance_effectiveness(inst, rules, t, leader) if d.kind == "alliance" else 0.0
        members = np.array([rows[c] for c in inst.members if c not in inst.suspended], dtype=int)
        member_flags[list(rules.institutions).index(inst.def_id)][members] = 1.0
        count[members] += 1
        if d.bloc == "democratic":
            demo[members] = 1.0
        elif d.bloc == "sovereign":
            sov[members] = 1.0
        if eff:
            alliance[members] = np.maximum(alliance[members], eff)
        for code in inst.permanent:
            permanent[rows[code]] = 1.0
    env["institutions"], env["democratic_bloc"], env["sovereign_bloc"] = count, demo, sov
    env["rival_blocs"], env["permanent_member"], env["alliance_strength"] = demo * sov, permanent, alliance
    # crises
    here, war, invaded = np.zeros(n), np.zeros(n), np.zeros(n)
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
    for inst in session.institutions():
        d = rules.institutions.get(inst.def_id)
        if d is None or d.kind != "alliance":
            continue
        members = [rows[c] for c in inst.members]
        if any(invaded[r] for r in members):
            for r in members:
                invaded[r] = 1.0
    env["crisis_here"] = here
    env["crisis_near"] = np.where(adj, here[None, :], 0.0).max(axis=1) if n else np.zeros(n)
    env["at_war"], env["invaded_near"] = war, invaded
    # economy
    w = session.world
    autoc = env["is_autocracy"]
    world_gdp = float(gdp.sum()) or 1.0
    sanctioned = np.zeros(n)
    gdp_list = gdp.tolist()
    for target, by in w.sanctions.items():
        if target in rows and by:
            sanctioned[rows[target]] = sum([gdp_list[rows[c]] for c in by if c in rows]) / world_gdp
    trade = np.zeros((n, n))
    for a, b in w.trade:
        trade[rows[a], rows[b]] = trade[rows[b], rows[a]] = 1.0
    partners = trade.sum(axis=1)
    links = partners + adj.sum(axis=1)
    autocratic_trade = np.where(links > 0, (trade @ autoc + adj @ autoc) / np.maximum(links, 1), 0.0)
    debt_auto = np.zeros(n)
    for lender, borrower, amount in w.loans:
        if lender in rows and autoc[rows[lender]]:
            debt_auto[rows[borrower]] += amount
    env["sanctioned"] = np.minimum(1.0, sanctioned)
    env["autocratic_trade"] = autocratic_trade
    env["sanction_bite"] = env["sanctioned"] * (1.0 - 0.8 * autocratic_trade)
    env["partners"], env["debt_to_autocracy"] = partners, debt_auto
    env["credibility_gap"] = np.maximum(0.0, np.array(gap_credo) - env["deeds"])
    violent = [f"movement.{m}" for m, d in rules.movements.items() if d.violent and f"movement.{m}" in env]
    env["insurgency"] = np.max([env[v] for v in violent], axis=0) if violent else np.zeros(n)
    env["hostile_neighbours"] = (adj & (t.relations < -40)).sum(axis=1).astype(float)
    # world
    env.update({f"world.{k}": float(v) for k, v in t.world.items()})
    power = gdp / max(gdp.sum(), 1.0) + mil / max(mil.sum(), 1.0)
    env["world.hegemony"] = float(100.0 * power.max() / max(power.sum(), 1e-9)) if len(power) else 0.0
    env["world.vetoes"] = float(w.vetoes_last_turn)
    env["world.crises"] = float(len(session.crises()))
    env["world.recognition"] = 10.0 * len(w.recognitions) / max(n, 1)
    env["world.democracies"] = float(100.0 * np.mean(env["is_democracy"])) if n else 0.0
    insts = [i for i in session.institutions() if i.members]
    env["world.institution_health"] = float(np.mean([(i.legitimacy + i.power) / 2 for i in insts])) if insts else 0.0
    found = [i for i in session.institutions() if i.def_id == "alliance_of_democracies"]
    env["world.alliance"] = alliance_effectiveness(found[0], rules, t, leader) if found else 0.0
    return env


def assert_same_env(session) -> None:
    """country_env equals the plain formulas: the same names in the same order, and every
    value the same bits (dtype, shape, signed zeros and NaN included)."""
    got, want = country_env(session), plain_env(session)
    assert list(got) == list(want)
    for name, value in want.items():
        mine = got[name]
        if isinstance(value, np.ndarray):
            assert isinstance(mine, np.ndarray) and mine.dtype == value.dtype and mine.shape == value.shape, name
            assert mine.tobytes() == value.tobytes(), name
        else:
            assert type(mine) is type(value) and (mine == value or (mine != mine and value != value)), name


# ---- country_env against the plain formulas ------------------------------------------------


@pytest.mark.parametrize("scenario, seed, turns", [("2024", 1, 6), ("2019", 3, 4)])
def test_country_env_equals_the_plain_formulas_through_a_game(make_session, scenario, seed, turns):
    s = make_session(seed=seed, scenario=scenario)
    assert_same_env(s)
    for _ in range(turns):
        s.end_turn()
        assert_same_env(s)  # right after a turn: new policies, members, deals, sanctions, crises
    s.change_country(s.row("FRA"), "gdp", 10.0)  # a figure changes, nothing else
    assert_same_env(s)


def test_country_env_with_odd_governments_and_humans(make_session):
    s = make_session(seed=2, humans=("USA", "BRA"))
    govs = dict(s.governments())
    govs["FRA"].policies.append("no_such_policy")  # names the rules do not know: no flag
    govs["DEU"].doctrine = "no_such_doctrine"  # no doctrine flag, the default credo
    govs["ITA"].regime = "junta"  # no regime flag
    govs["JPN"].next_election = s.turn  # an election due
    govs["IND"].since = -7
    for code in ("CHN", "RUS"):
        govs[code].policies.clear()
    assert_same_env(s)


def test_country_env_when_no_government_holds_a_policy(make_session):
    s = make_session(seed=1)
    for _, gov in s.governments():
        gov.policies.clear()
    assert_same_env(s)


def test_strongest_democracy_ties_nan_and_none(make_session):
    s = make_session(seed=1)
    t = s.table
    gdp, mil = t.stat_ids.index("gdp"), t.stat_ids.index("military")
    democracies = [c for c, g in s.governments() if g.regime == "democracy"]
    a, b = democracies[0], democracies[-1]
    t.stats[:, gdp] = 10.0
    t.stats[:, mil] = 0.0
    assert_same_env(s)  # all tied: the first democracy in code order
    assert country_env(s)["_leader"] == a
    t.stats[s.row(a), gdp] = np.nan  # NaN never wins
    t.stats[s.row(b), gdp] = 50.0
    assert_same_env(s)
    assert country_env(s)["_leader"] == b
    t.stats[:, gdp] = -500.0  # nobody above -1: no leader
    assert_same_env(s)
    assert country_env(s)["_leader"] is None


def test_insurgency_keeps_nan_and_signed_zeros_as_np_max_does(make_session):
    s = make_session(seed=1)
    t = s.table
    violent = [j for j, m in enumerate(t.movement_ids) if s.rules.movements[m].violent]
    assert violent, "the base rules have violent movements"
    t.movements[:4, violent] = 0.0
    t.movements[0, violent[0]] = -0.0
    t.movements[1, violent[-1]] = -0.0
    t.movements[2, violent[0]] = np.nan
    t.movements[3, violent[-1]] = np.inf
    assert_same_env(s)


def test_crises_war_and_invasions_reach_allies(make_session):
    from game.sim.components import Crisis

    s = make_session(seed=1)
    s.activate()
    import esper

    esper.create_entity(Crisis("C9001", "invasion", "POL", 40.0, s.turn, parties={"aggressor": "RUS", "patron": "XXX"}))
    esper.create_entity(Crisis("C9002", "insurgency", "MLI", 25.0, s.turn))
    esper.create_entity(Crisis("C9003", "pandemic", "MLI", 60.0, s.turn))
    s.invalidate()
    assert_same_env(s)
    env = country_env(s)
    assert env["at_war"][s.row("RUS")] == 1.0 and env["crisis_here"][s.row("MLI")] == 60.0


def test_sanctions_sums_match_python_sum_with_signed_zeros_and_unknown_codes(make_session):
    s = make_session(seed=1)
    t, w = s.table, s.world
    gdp = t.stat_ids.index("gdp")
    codes = t.codes
    w.sanctions = {codes[0]: [codes[1], codes[2], "XXX"], codes[3]: ["XXX"], codes[4]: [],
                   "YYY": [codes[5]], codes[6]: list(codes[7:60])}
    t.stats[s.row(codes[1]), gdp] = -0.0
    t.stats[s.row(codes[2]), gdp] = -0.0
    t.stats[7:60, gdp] = np.random.default_rng(4).uniform(0, 3000, 53)
    assert_same_env(s)
    env = country_env(s)
    assert env["sanctioned"][s.row(codes[6])] > 0
    assert math.copysign(1.0, env["sanctioned"][s.row(codes[0])]) == 1.0  # Python's sum from 0 gives +0.0


# ---- the caches notice what they are keyed on ------------------------------------------------


def test_membership_figures_follow_changes_in_place_and_replaced(make_session):
    s = make_session(seed=1)
    inst = next(i for i in s.institutions() if len(i.members) > 3)
    first = country_env(s)
    assert_same_env(s)
    dropped = inst.members[-1]
    inst.members.remove(dropped)  # in place: the key copies the lists, so this is seen too
    s.invalidate()
    assert_same_env(s)
    assert country_env(s)[f"member.{inst.def_id}"][s.row(dropped)] == 0.0
    assert first[f"member.{inst.def_id}"][s.row(dropped)] == 1.0  # what was handed out is unchanged
    inst.suspended = [*inst.suspended, inst.members[0]]  # replaced, as the game does
    assert_same_env(s)
    inst.permanent = [*inst.permanent, inst.members[1]]
    assert_same_env(s)


def test_handed_out_figures_are_read_only(make_session):
    s = make_session(seed=1)
    env = country_env(s)
    for name in ("institutions", "democratic_bloc", "partners", next(n for n in env if n.startswith("member."))):
        with pytest.raises(ValueError):
            env[name][0] = 5.0


def test_sanctions_cache_follows_a_list_changed_in_place(make_session):
    s = make_session(seed=1)
    w = s.world
    target, by = next((t, by) for t, by in w.sanctions.items() if len(by) > 1) if w.sanctions else (None, None)
    if target is None:
        w.sanctions = {s.table.codes[0]: list(s.table.codes[1:4])}
        target, by = s.table.codes[0], w.sanctions[s.table.codes[0]]
    assert_same_env(s)
    by.append(next(c for c in s.table.codes if c not in by and c != target))
    assert_same_env(s)
    by.pop(0)
    assert_same_env(s)
    del w.sanctions[target]
    assert_same_env(s)


def test_trade_links_follow_a_new_deal(make_session):
    s = make_session(seed=1)
    assert_same_env(s)
    w = s.world
    pair = next([a, b] for a in s.table.codes for b in s.table.codes if a < b and [a, b] not in w.trade)
    w.trade.append(pair)
    w.trade.sort()
    assert_same_env(s)
    assert country_env(s)["partners"][s.row(pair[0])] >= 1.0


def test_lasting_keeps_one_dict_per_session(make_session):
    a, b = make_session(seed=1), make_session(seed=2)
    la, lb = derive.lasting(a), derive.lasting(b)
    assert la is not lb
    assert derive.lasting(a) is la and derive.lasting(b) is lb and derive.lasting(a) is la
