"""The institutions screen offers resolutions that fit the body and the crisis: no peacekeeping
mandate against a populist surge; greyed with the session's reason what cannot pass now."""

from __future__ import annotations

import html

import pygame

from tests.ui.conftest import frames, key, new_game


def pairs(session, iid: str, target: str) -> set[tuple[str, str]]:
    from game.ui.screens.institutions import proposable

    return {(r.id, aim) for r, aim, _ in proposable(session, session.institution(iid), target)}


def test_only_resolutions_the_crisis_calls_for(app):
    new_game(app)  # Germany, 2024
    s = app.session
    surge = next(c for c in s.crises() if c.def_id == "populist_surge")
    war = next(c for c in s.crises() if c.def_id == "civil_war_famine" and c.location == "SDN")
    invasion = next(c for c in s.crises() if c.def_id == "invasion")
    # Nothing a body votes on is aimed at a populist surge: the country itself can still be condemned.
    for iid in ("un", "nato", "eu"):
        assert not {aim for _, aim in pairs(s, iid, surge.location)} & {surge.uid}, iid
    assert ("condemnation", surge.location) in pairs(s, "un", surge.location)
    # A famine war: humanitarian access (its responses put it to a vote); the UN has no peacekeeping power.
    assert ("aid", war.uid) in pairs(s, "un", "SDN") and ("peacekeeping", war.uid) not in pairs(s, "un", "SDN")
    # An invasion: NATO may authorise force, not send blue helmets.
    assert ("force", invasion.uid) in pairs(s, "nato", invasion.location)
    assert ("peacekeeping", invasion.uid) not in pairs(s, "nato", invasion.location)
    # Suspension is of a member of the body, not of an outsider.
    assert ("suspension", "FRA") in pairs(s, "eu", "FRA")
    assert ("suspension", "RUS") not in pairs(s, "eu", "RUS")


def test_the_propose_list_on_screen(app):
    from game.sim.commands import Propose

    world = new_game(app)
    s = app.session
    surge = next(c for c in s.crises() if c.def_id == "populist_surge")
    world.select(surge.location)
    key(app, pygame.K_i)
    app.top.on_button("show:un")
    frames(app)
    screen = app.top
    proposals = {b: c for b, c in screen.buttons.items() if c.startswith("propose:")}
    assert f"propose:condemnation:{surge.location}" in proposals.values()
    assert not [c for c in proposals.values() if c.endswith(f":{surge.uid}")], "a resolution on a populist surge"
    assert len(proposals) == len(pairs(s, "un", surge.location))
    for button, command in proposals.items():
        _, rid, aim = command.split(":")
        verdict = s.can(Propose("DEU", "un", rid, aim))
        assert button.is_enabled == bool(verdict), command
        if not verdict:
            assert html.escape(verdict.reason) in button.tool_tip_text
