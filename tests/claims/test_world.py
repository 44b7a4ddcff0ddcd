"""Claims about world order (nlio part IV, mgo on hegemony, pluralism and co-management): each
test runs the world system, a shared challenge or the victory check in two worlds that differ in
the factor the claim is about."""

from __future__ import annotations

from game.sim.commands import Respond
from game.sim.systems.politics import check_ending
from tests.claims.builders import (
    act,
    crisis,
    env,
    found,
    fresh,
    get,
    put,
    put_world,
    respond,
    rich,
    standing,
    standing_of,
    system,
)

DEMOCRACIES = ["GBR", "FRA", "DEU", "JPN", "CAN", "ITA", "AUS", "NLD", "POL", "ESP"]


def test_mgo_yalta_pluralism(make_session):
    out = {}
    for recognised in (True, False):
        s = fresh(make_session)
        put_world(s, disorder=50, divergence=50)
        if recognised:
            for a, b in (("USA", "CHN"), ("USA", "RUS"), ("GBR", "CHN"), ("FRA", "RUS")):
                act(s, a, "mutual_recognition", b)
        system(s, "world", turns=2)
        flu = crisis(s, "pandemic", "BRA", 50)
        respond(s, "IND", flu, "cross_bloc_taskforce")
        out[recognised] = (s.table.world["disorder"], s.table.world["divergence"], 50 - flu.severity)
    assert out[True][0] < out[False][0] - 1, "rivals that recognise each other calm the world"
    assert out[True][1] < out[False][1]
    assert out[True][2] > out[False][2], "...and open room for diplomacy"


def test_mgo_supremacy_breeds_chaos(make_session):
    out = {}
    for usa, lens in (((60000, 100), "balanced"), ((9000, 50), "balanced"), ((60000, 100), "pluralist"),
                      ((60000, 100), "liberal")):
        s = fresh(make_session, lens=lens)
        put(s, "USA", gdp=usa[0], military=usa[1])
        put_world(s, disorder=40)
        hegemony = env(s, "world.hegemony")
        system(s, "world")
        out[(usa, lens)] = (hegemony, s.table.world["disorder"])
    top, low = out[((60000, 100), "balanced")], out[((9000, 50), "balanced")]
    assert top[0] > 20 > low[0] and top[1] > low[1] + 0.3, "a hegemon's bid for supremacy breeds chaos"
    assert out[((60000, 100), "pluralist")][1] > top[1] > out[((60000, 100), "liberal")][1], "the lens weighs it"


def test_mgo_legitimacy_power_balance(make_session):
    out = {}
    for health in ("balanced", 95, 5):
        s = fresh(make_session)
        level = 3 * env(s, "world.hegemony") if health == "balanced" else health
        standing_of(s, "*", legitimacy=level, power=level)
        put_world(s, disorder=40)
        system(s, "world")
        out[health] = s.table.world["disorder"]
    assert out[95] > out["balanced"] + 0.3 and out[5] > out["balanced"] + 0.3, "either imbalance breeds disorder"


def test_mgo_cross_order_coalitions(make_session):
    s = fresh(make_session)
    mixed = crisis(s, "pandemic", "BRA", 60)
    alike = crisis(s, "pandemic", "ARG", 60)
    respond(s, "USA", mixed, "cross_bloc_taskforce")
    respond(s, "USA", alike, "cross_bloc_taskforce")
    first = 60 - mixed.severity
    before = mixed.severity, alike.severity
    respond(s, "CHN", mixed, "cross_bloc_taskforce")  # a sovereigntist joins the liberal
    respond(s, "GBR", alike, "cross_bloc_taskforce")  # a liberal joins the liberal
    assert before[0] - mixed.severity > before[1] - alike.severity == first, "joint work across doctrines pays more"


def test_nlio_democracies_coordinate_challenges(make_session):
    s = fresh(make_session)
    found(s, "alliance_of_democracies", DEMOCRACIES + ["USA"])
    flu = crisis(s, "pandemic", "BRA", 60)
    respond(s, "USA", flu, "alliance_coordination")
    member = (60 - flu.severity) / s.rules.crises["pandemic"].responses[2].cost
    rich(s, "CHN")
    assert not s.submit(Respond("CHN", flu.uid, "alliance_coordination")), "the channel is for members"
    other = crisis(s, "pandemic", "ARG", 60)
    respond(s, "CHN", other, "fund_global_health")
    outsider = (60 - other.severity) / 5
    assert member > 2 * outsider, "members answer global challenges more cheaply"
    attack = crisis(s, "cyberattack", "DEU", 50)
    respond(s, "FRA", attack, "alliance_cyber_defence")
    assert attack.severity <= 40


def test_nlio_will_decides(make_session):
    calm = {}
    for strong, lens in ((True, "balanced"), (False, "balanced"), (True, "liberal"), (True, "pluralist")):
        s = fresh(make_session, lens=lens)
        if strong:
            inst = found(s, "alliance_of_democracies", DEMOCRACIES + ["USA"])
            inst.power = inst.legitimacy = 90
        put_world(s, disorder=50)
        system(s, "world")
        calm[(strong, lens)] = s.table.world["disorder"]
    assert calm[(True, "balanced")] < calm[(False, "balanced")] - 0.5, "an alliance with the will to act holds chaos down"
    assert calm[(True, "liberal")] < calm[(True, "balanced")] < calm[(True, "pluralist")], "the lens weighs it"
    wins = {}
    for power in (90, 20):
        s = fresh(make_session, humans=("USA",))
        inst = found(s, "alliance_of_democracies", DEMOCRACIES + ["USA"])
        inst.power = inst.legitimacy = power
        put(s, "USA", legitimacy=70, democracy=80)
        put_world(s, disorder=40)
        s.world.turn = 24  # Q3 2030
        check_ending(s)
        wins[power] = s.world.outcome
    assert wins[90] and wins[90]["winner"] == "USA" and wins[90]["victory"] == "liberal_alliance"
    assert wins[20] is None, "...an alliance without the will to act wins nothing"


def test_mgo_neo_revisionism(make_session):
    outcome = {}
    for recognised in (True, False):
        s = fresh(make_session, humans=("CHN",))
        put(s, "CHN", legitimacy=70, influence=60)
        put(s, "USA", gdp=14000, military=60)
        standing_of(s, "*", legitimacy=70, power=70)
        if recognised:
            rivals = [c for c in s.table.codes if get(s, c, "alignment") > 40][:20]
            s.world.recognitions = sorted(sorted(["CHN", c]) for c in rivals)
        s.world.turn = 24
        assert env(s, "world.hegemony") <= 14
        check_ending(s)
        outcome[recognised] = s.world.outcome
    assert outcome[True] and outcome[True]["victory"] == "sovereign_comanagement", "accepted as co-managers"
    assert outcome[False] is None, "...which needs the rivals' recognition"
    s = fresh(make_session)
    put_world(s, disorder=50)
    put(s, "CHN", influence=50, legitimacy=50)
    s.government("CHN").policies.append("sov_co_management")
    standing(s, turns=3)
    assert s.table.world["disorder"] < 50 and get(s, "CHN", "legitimacy") > 50


def test_mgo_lio_phases(make_session):
    old, new = make_session(scenario="2019"), make_session(scenario="2024")
    assert old.rules.scenarios["2019"].order_phase == "limits" and new.rules.scenarios["2024"].order_phase == "disorder"
    assert old.government("USA").doctrine == "mercantilist" and new.government("USA").doctrine == "liberal"
    assert old.table.world["disorder"] < new.table.world["disorder"], "the liberal order meets its limits, then disorder"
    old.end_turn()
    new.end_turn()
    assert old.table.world["disorder"] < new.table.world["disorder"], "the phases play differently"
