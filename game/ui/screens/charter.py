"""The charter editor for a foundable institution (the Alliance of Democracies): decision rule,
entry bar and powers, then Found (greyed out with the reason while the session would refuse)."""

from __future__ import annotations

import html

import pygame
from pygame_gui.elements import UIScrollingContainer

from game.ui.cards import text_box
from game.ui.explain import claim_links


def charter_state(screen, d) -> dict:
    """The founder's choices so far, kept on the screen between rebuilds."""
    opts = d.charter_options
    return screen.__dict__.setdefault("charter", {
        "rule": opts.rules[0] if opts and opts.rules else "qualified_majority",
        "min_democracy": int(sum(opts.min_democracy) / 2) if opts else 70,
        "powers": list(opts.powers) if opts else [],
    })


def found_command(screen, d):
    from game.sim.commands import Found

    state = charter_state(screen, d)
    order = d.charter_options.powers if d.charter_options else tuple(state["powers"])
    powers = tuple(p for p in order if p in state["powers"])  # in the charter's order, whatever the clicks
    return Found(screen.app.seat, d.id, state["rule"], int(state["min_democracy"]), powers)


def charter_editor(screen, d, rect: pygame.Rect) -> None:
    """The founder's choices in a scrolling area; Found stays at the bottom, always in reach."""
    s, me = screen.app.session, screen.app.seat
    opts = d.charter_options
    state = charter_state(screen, d)
    links = claim_links(s.rules, d.claims, 4)
    intro = text_box(screen, f"<b>Found {html.escape(d.name)}</b><br>{html.escape(d.description)}<br>"
                     f"Costs <font color='#f0c060'>{d.found_cost:.0f} PC</font> (you have {s.stat(me, 'capital'):.0f})."
                     f" Needs: {html.escape(str(d.found_requires))}"
                     + (f"<br><font color='#9fb0c8'>Claims:</font> {links}" if links else ""),
                     pygame.Rect(rect.x, rect.y, rect.w, 0), rect.h // 3)
    top = rect.y + intro.rect.h + 8
    bottom = rect.bottom - 52
    area = UIScrollingContainer(pygame.Rect(rect.x, top, rect.w, bottom - top - 6), screen.ui,
                                container=screen.root, allow_scroll_x=False)
    y = _options(screen, area, opts, state, rect.w - 24) if opts is not None else 0
    area.set_scrollable_area_dimensions((rect.w - 24, y))
    ok, tip = screen.gate(found_command(screen, d), "Found it with this charter")
    screen.button((rect.x, bottom, 280, 40), f"Found it ({d.found_cost:.0f} PC)", "found", tip, "#primary",
                  enabled=ok)
    if not ok and tip:
        from game.ui.screens.institutions import _plain

        screen.label((rect.x + 290, bottom, rect.w - 290, 40), _plain(tip), "#small_left")


def _options(screen, area, opts, state: dict, width: int) -> int:
    """Decision rule, entry bar and powers, laid out in columns; returns the height used."""
    cols = max(1, min(4, width // 190))
    y = 0
    screen.label((0, y, width, 24), "Decision rule", "#section", container=area)
    y += 26
    for i, rule in enumerate(opts.rules):
        screen.button(((i % cols) * 190, y + (i // cols) * 34, 184, 30), rule.replace("_", " "), f"rule:{rule}",
                      None, "#mode_on" if state["rule"] == rule else None, container=area)
    y += 34 * ((len(opts.rules) + cols - 1) // cols) + 8
    lo, hi = opts.min_democracy
    screen.label((0, y, width, 24), f"Entry: democracy index at least {state['min_democracy']} "
                 f"(between {lo} and {hi})", "#section", container=area)
    y += 26
    for i, step in enumerate((-10, -5, 5, 10)):
        screen.button((i * 64, y, 60, 30), f"{step:+d}", f"mindem:{step}", container=area)
    y += 42
    screen.label((0, y, width, 24), "Powers (click to grant or withhold)", "#section", container=area)
    y += 26
    for i, power in enumerate(opts.powers):
        on = power in state["powers"]
        screen.button(((i % cols) * 190, y + (i // cols) * 34, 184, 30), ("✓ " if on else "") + power.replace("_", " "),
                      f"power:{power}", None, "#mode_on" if on else None, container=area)
    return y + 34 * ((len(opts.powers) + cols - 1) // cols)


def charter_command(screen, parts: list[str]) -> None:
    d = screen.app.session.rules.institutions[screen.current]
    opts = d.charter_options
    state = charter_state(screen, d)
    if parts[0] == "rule":
        state["rule"] = parts[1]
    elif parts[0] == "mindem" and opts is not None:
        lo, hi = opts.min_democracy
        state["min_democracy"] = min(hi, max(lo, state["min_democracy"] + int(parts[1])))
    elif parts[0] == "power":
        ps = state["powers"]
        if parts[1] in ps:
            ps.remove(parts[1])
        else:
            ps.append(parts[1])
    elif parts[0] == "found":
        screen.app.report_result(screen.app.session.submit(found_command(screen, d)))
