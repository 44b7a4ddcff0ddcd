"""Diplomacy, crises, institutions (apply, propose, vote, found with the charter editor) and the
votes screen, driven through posted events and asserted on the session."""

from __future__ import annotations

import pygame

from tests.ui.conftest import click, click_at, end_turn, frames, key, new_game, visible


def test_diplomacy_action_toward_the_selected_country(app):
    world = new_game(app)
    s = app.session
    click_at(app, world.map.label_pos("FRA"))
    assert world.selected == "FRA"
    key(app, pygame.K_d)
    from game.ui.screens.diplomacy import DiplomacyScreen

    screen = app.top
    assert isinstance(screen, DiplomacyScreen) and screen.target == "FRA"
    before = s.table.relations[s.row("DEU"), s.row("FRA")]
    button = visible(screen, "act:improve_relations")[0]
    click(app, button)
    assert s.commands[-1][-1] == {"type": "TakeAction", "country": "DEU", "action": "improve_relations", "target": "FRA"}
    assert s.table.relations[s.row("DEU"), s.row("FRA")] > before
    # Done once this turn: the session now refuses it, and the button says so.
    again = app.top.find("act:improve_relations")
    assert not again.is_enabled and "already done this turn" in again.tool_tip_text


def test_buttons_are_greyed_with_the_sessions_reason(app):
    """A response only the crisis country can take does not look available to others."""
    from game.sim.commands import Respond
    from game.ui.screens.crisis import CrisisScreen

    new_game(app)
    s = app.session
    crisis = next(c for c in s.crises() if c.location == "UKR")
    app.push(CrisisScreen(app, crisis.uid))
    frames(app)
    for r in s.rules.crises[crisis.def_id].responses:
        button = app.top.find(f"respond:{r.id}")
        verdict = s.can(Respond("DEU", crisis.uid, r.id))
        assert button.is_enabled == bool(verdict), r.id
        if not verdict:
            assert verdict.reason in button.tool_tip_text
    assert not app.top.find("respond:mobilise").is_enabled  # Ukraine's own call, not Germany's


def test_opening_every_screen_changes_nothing(app):
    """The dry runs behind the greyed buttons must never change the game."""
    from game.ui.screens import open_screen
    from game.ui.screens.crisis import CrisisScreen

    world = new_game(app)
    s = app.session
    world.select("USA")
    digest, events = s.state_hash(), len(s.events)
    for name in ("policies", "diplomacy", "institutions"):
        open_screen(app, name, "USA")
        frames(app)
        for tab in [c for c in app.top.buttons.values() if c.startswith(("tab:", "show:"))][:4]:
            app.top.on_button(tab)
            frames(app, 1)
        app.pop()
    for crisis in s.crises()[:3]:
        app.push(CrisisScreen(app, crisis.uid))
        frames(app, 1)
        app.pop()
    assert s.state_hash() == digest and len(s.events) == events and s.commands == [[]]


def test_apply_to_an_institution(app):
    from game.sim.commands import TakeAction

    new_game(app)
    s = app.session
    key(app, pygame.K_i)
    screen = app.top
    iid = next(i.def_id for i in s.institutions() if s.can(TakeAction("DEU", "apply_membership", i.def_id)))
    screen.on_button(f"show:{iid}")
    frames(app)
    click(app, app.top.find("act:apply_membership"))
    assert "DEU" in s.institution(iid).members
    leave = next(a.id for a in s.rules.actions.values() if a.kind == "leave")
    assert app.top.find(f"act:{leave}") is not None  # the same place now offers to leave


def test_propose_vote_and_see_the_count(app):
    world = new_game(app)
    s = app.session
    world.select("RUS")
    key(app, pygame.K_i)
    app.top.on_button("show:un")
    frames(app)
    click(app, visible(app.top, "propose:condemnation:RUS")[0])
    proposal = next(p for p in s.proposals() if p.resolution == "condemnation" and p.target == "RUS")
    assert proposal.proposer == "DEU" and proposal.votes["DEU"] == "yes"  # a proposer votes for it
    assert not app.top.find(f"vote:{proposal.uid}:yes").is_enabled  # already cast
    click(app, app.top.find(f"vote:{proposal.uid}:abstain"))
    assert proposal.votes["DEU"] == "abstain"
    click(app, app.top.find(f"vote:{proposal.uid}:yes"))
    assert proposal.votes["DEU"] == "yes"
    key(app, pygame.K_ESCAPE)
    end_turn(app)
    voted = [e for e in s.log if e.kind == "resolution_voted" and e.data.get("resolution") == "condemnation"]
    assert voted and voted[-1].data["votes"]["DEU"] == "yes"
    assert any(isinstance(m, dict) and m.get("why") for m in voted[-1].data["motives"].values())
    from game.ui.screens.votes import VotesScreen, vote_html

    click(app, app.top.find("votes"))  # from the turn report
    assert isinstance(app.top, VotesScreen)
    page = vote_html(s, voted[-1], "DEU")
    assert "Why they voted so" in page and "<b>Germany</b>" in page


def test_found_the_alliance_with_the_charter_editor(app):
    new_game(app)
    s = app.session
    s.table.stats[s.row("DEU"), s.table.stat_ids.index("capital")] = 60
    key(app, pygame.K_i)
    app.top.on_button("show:alliance_of_democracies")
    frames(app)
    screen = app.top
    click(app, screen.find("rule:majority"))
    click(app, app.top.find("power:force"))  # withhold the use of force
    click(app, app.top.find("mindem:10"))
    start = app.top.charter["min_democracy"]
    click(app, app.top.find("found"))
    inst = s.institution("alliance_of_democracies")
    assert inst is not None and inst.founder == "DEU" and "DEU" in inst.members
    assert inst.charter["rule"] == "majority" and inst.charter["min_democracy"] == start
    assert "force" not in inst.charter["powers"] and "sanctions" in inst.charter["powers"]
    assert s.stat("DEU", "capital") < 60
    assert app.top.find("found") is None  # the screen now shows the body, not the editor
