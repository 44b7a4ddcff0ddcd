"""Diminishing returns within a turn (game.sim.actions.taken_this_turn): the n-th country to take
the same action against the same target in one turn gets 1/n of its effects; the count starts
again every turn, survives a save and load in the middle of a turn, and an action at home
counts only the actor's own repeats."""

from __future__ import annotations

from game.sim.commands import EndSeat, Ok, TakeAction
from game.sim.save import load_session, save_session

DONORS = ("USA", "GBR", "FRA", "DEU")


def _ready(make_session):
    s = make_session(seed=1, humans=DONORS + ("CAN",))
    for code in DONORS + ("CAN",):
        s.change_country(s.row(code), "capital", 60)
    # Two countries on good terms with each donor, so the action's condition holds for all.
    for code in DONORS + ("CAN",):
        for other in ("BRA", "KEN"):
            s.change_relation(s.row(code), s.row(other), 50 - float(s.table.relations[s.row(code), s.row(other)]))
    return s


def _gain(s, code: str, target: str) -> float:
    before = float(s.table.relations[s.row(code), s.row(target)])
    result = s.submit(TakeAction(code, "improve_relations", target))
    assert isinstance(result, Ok), result
    return float(s.table.relations[s.row(code), s.row(target)]) - before


def test_the_same_action_on_the_same_target_gives_less_each_time(make_session):
    s = _ready(make_session)
    gains = [_gain(s, code, "BRA") for code in DONORS]
    first = gains[0]
    assert first > 0
    for n, gain in enumerate(gains):
        assert abs(gain - first / (1 + n)) < 1e-9, (n, gains)
    # Another target is a fresh count, and so is another action against the same target.
    assert abs(_gain(s, "CAN", "KEN") - first) < 1e-9


def test_the_count_starts_again_next_turn(make_session):
    s = _ready(make_session)
    first = [_gain(s, code, "BRA") for code in DONORS[:2]]
    for code in DONORS + ("CAN",):
        s.submit(EndSeat(code))
    s.end_turn()
    for code in DONORS[:2]:
        s.change_country(s.row(code), "capital", 60)
        s.change_relation(s.row(code), s.row("BRA"), 50 - float(s.table.relations[s.row(code), s.row("BRA")]))
    again = [_gain(s, code, "BRA") for code in DONORS[:2]]
    assert abs(again[0] - first[0]) < 1e-9 and abs(again[1] - first[1]) < 1e-9, (first, again)


def test_a_game_loaded_mid_turn_keeps_counting(make_session, rules, tmp_path):
    s = _ready(make_session)
    first = _gain(s, "USA", "BRA")
    _gain(s, "GBR", "BRA")
    path = tmp_path / "mid.save"
    save_session(s, path)
    loaded = load_session(rules, path)
    try:
        assert abs(_gain(loaded, "FRA", "BRA") - first / 3) < 1e-9
        # ...and the session it was saved from counts the same.
        assert abs(_gain(s, "FRA", "BRA") - first / 3) < 1e-9
        assert loaded.state_hash() == s.state_hash()
    finally:
        loaded.close()


def test_actions_at_home_count_per_country(make_session):
    """Every government can address its own nation in the same turn at full strength: the
    target of an action at home is the actor itself."""
    s = make_session(seed=1, humans=("DEU", "FRA"))
    gains = []
    for code in ("DEU", "FRA"):
        s.change_country(s.row(code), "capital", 60)
        s.change_country(s.row(code), "polarisation", 40 - s.stat(code, "polarisation"))
        before = s.stat(code, "approval")
        assert isinstance(s.submit(TakeAction(code, "address_the_nation")), Ok)
        gains.append(s.stat(code, "approval") - before)
    assert gains[0] > 0 and abs(gains[0] - gains[1]) < 1e-9, gains


def test_preview_shows_the_share_a_crowd_leaves(make_session):
    """The diplomacy screen's preview scales effects as take() will (game.ui.preview)."""
    from game.sim.actions import crowd_scale
    from game.sim.commands import TakeAction
    from game.ui.preview import preview

    s = make_session()
    a = s.rules.actions["improve_relations"]
    alone = preview(s, a.effects, a.claims, "FRA", target="USA", scale=crowd_scale(s, a.id, "USA"))
    assert s.submit(TakeAction("DEU", a.id, "USA"))
    assert crowd_scale(s, a.id, "USA") == 0.5
    second = preview(s, a.effects, a.claims, "FRA", target="USA", scale=crowd_scale(s, a.id, "USA"))
    assert alone != second and "+4.0" in " ".join(second) and "+8.0" in " ".join(alone)
