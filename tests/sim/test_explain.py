"""Refusals read as sentences with the player's own figures, never as rule source text."""

from __future__ import annotations

from game.sim.commands import EnactPolicy, Found, Respond, TakeAction


def test_failed_parts_only_with_current_values(make_session):
    s = make_session()
    # China meets none of "is_democracy and democracy >= 60 and target.is_democracy"'s first
    # two parts; the USA is a democracy, so the third part is not listed.
    res = s.can(TakeAction("CHN", "democracy_summit", "USA"))
    assert not res
    democracy = round(s.stat("CHN", "democracy"))
    assert res.reason == f"Invite to a summit for democracy needs: you are a democracy; your democracy index at least 60 (now {democracy})"
    assert "is_democracy" not in res.reason and ">=" not in res.reason


def test_target_figures_and_negative_bounds(make_session):
    s = make_session()
    res = s.can(TakeAction("USA", "arms_sale", "RUS"))
    assert not res
    rel = round(float(s.table.relations[s.row("USA"), s.row("RUS")]))
    assert res.reason.endswith(f"relations between you above 0 (now {rel})")
    res = s.can(TakeAction("DEU", "democracy_promotion", "FRA"))
    assert not res and "their democracy index below 70 (now" in res.reason


def test_or_and_membership_and_idioms(make_session):
    s = make_session()
    res = s.can(TakeAction("DEU", "hedge_between_camps", "FRA"))
    assert not res
    assert "either you are a member of Non-Aligned Movement or your alignment between -30 and 30 (now" in res.reason
    war = next(c for c in s.crises() if c.location == "UKR")
    res = s.can(Respond("DEU", war.uid, "mobilise"))
    assert not res and res.reason.endswith("needs: the crisis is in your country")


def test_policies_and_founding_explain_too(make_session):
    s = make_session()
    res = s.can(EnactPolicy("DEU", "sov_lending_standards"))
    assert not res and res.reason == "Clean lending standards needs: you have Infrastructure lending abroad in force"
    res = s.can(Found("CHN", "alliance_of_democracies"))
    assert not res and res.reason.startswith("founding Alliance of Democracies needs: you are a democracy;")
