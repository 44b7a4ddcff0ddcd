"""Charters that enforce their criteria suspend members who fall below them (nlio.membership-standards)
and reinstate them when they recover; strong insurgent movements set off crises (mgo.uncivil-society)."""

from __future__ import annotations

from game.sim.systems.crises import spawn_from_movements
from game.sim.systems.standards import enforce_standards


def test_backsliding_member_is_suspended_and_later_reinstated(make_session):
    s = make_session(seed=1)
    eu = s.institution("eu")
    assert "HUN" in eu.members and "HUN" not in eu.suspended
    row = s.row("HUN")
    s.change_country(row, "democracy", 40 - s.stat("HUN", "democracy"))
    s.invalidate()
    enforce_standards(s)
    assert "HUN" not in eu.suspended  # on probation first
    s.world.turn += 8
    enforce_standards(s)
    assert "HUN" in eu.suspended
    assert any(e.kind == "suspended" and e.who == ("HUN",) for e in s.events)
    s.change_country(row, "democracy", 75 - s.stat("HUN", "democracy"))
    s.change_country(row, "corruption", 30 - s.stat("HUN", "corruption"))
    s.invalidate()
    enforce_standards(s)
    assert "HUN" not in eu.suspended


def test_members_meeting_the_criteria_are_left_alone(make_session):
    from game.sim.systems.standards import meets_criteria

    s = make_session(seed=1)
    eu = s.institution("eu")
    for _ in range(3):
        enforce_standards(s)
        s.world.turn += 8
    enforce_standards(s)
    ok = meets_criteria(s, eu)
    assert [c for c in eu.suspended if ok[s.row(c)]] == []
    assert [c for c in eu.members if not ok[s.row(c)]] == eu.suspended


def test_a_strong_violent_movement_sets_off_its_crisis(make_session, rules):
    s = make_session(seed=2)
    counts = {}
    for c in s.crises():
        counts[c.def_id] = counts.get(c.def_id, 0) + 1
    mid, spawn = next((m, sp) for m, d in sorted(rules.movements.items()) for sp in d.spawns
                      if d.violent and counts.get(sp.crisis, 0) < rules.crises[sp.crisis].trigger.max_active)
    t = s.table
    j = t.movement_ids.index(mid)
    eligible = s.rules.expr(s.rules.crises[spawn.crisis].trigger.when)(s.env())
    code = next(c for c in t.codes if eligible[s.row(c)] and not any(cr.location == c for cr in s.crises()))
    t.movements[:, :] = 0.0  # only this movement, in this country, is strong
    t.movements[s.row(code), j] = 100.0
    before = len([c for c in s.crises() if c.def_id == spawn.crisis and c.location == code])
    for _ in range(200):  # chance per turn is small; the session RNG decides, deterministically
        spawn_from_movements(s)
        if len([c for c in s.crises() if c.def_id == spawn.crisis and c.location == code]) > before:
            break
    assert len([c for c in s.crises() if c.def_id == spawn.crisis and c.location == code]) == before + 1


def test_spawns_respect_where_the_crisis_can_strike(make_session, rules):
    s = make_session(seed=2)
    t = s.table
    spawning = [(m, sp) for m, d in rules.movements.items() for sp in d.spawns]
    for mid, _ in spawning:
        t.movements[:, t.movement_ids.index(mid)] = 100.0
    spawned = 0
    for _ in range(30):
        s.invalidate()
        eligible = {sp.crisis: rules.expr(rules.crises[sp.crisis].trigger.when)(s.env()) for _, sp in spawning}
        seen = len(s.events)
        spawn_from_movements(s)
        for e in s.events[seen:]:
            if e.kind == "crisis_started":
                spawned += 1
                assert eligible[e.data["type"]][s.row(e.who[0])], e.text
    assert spawned > 0


def test_council_seats_are_limited_and_rotate(make_session):
    from game.sim.commands import TakeAction
    from game.sim.systems.standards import rotate_seats

    s = make_session(seed=1)
    council = s.institution("unsc")
    elected = [c for c in council.members if c not in council.permanent]
    apply = next(a for a, d in sorted(s.rules.actions.items()) if d.kind == "apply")
    for code in ("BRA", "ARG"):
        s.change_country(s.row(code), "capital", 60)
    assert len(council.members) == 14  # Malta's seat: Malta is not on the 1:110m map
    assert s.submit(TakeAction("BRA", apply, "unsc"))
    refused = s.can(TakeAction("ARG", apply, "unsc"))
    assert not refused and "no free seat" in refused.reason
    for _ in range(4):
        rotate_seats(s)
        s.world.turn += 1
    rotate_seats(s)
    left_first = [c for c in elected if c not in council.members]
    assert 0 < len(left_first) < len(elected)  # staggered: about half rotate out first
    assert set(council.permanent) <= set(council.members)
    assert s.can(TakeAction("ARG", apply, "unsc"))
