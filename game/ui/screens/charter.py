"""The charter editor for a foundable institution (the Alliance of Democracies)."""

from __future__ import annotations

import html

import pygame
from pygame_gui.elements import UITextBox


def charter_editor(screen, d, rect: pygame.Rect) -> None:
    s, me = screen.app.session, screen.app.seat
    opts = d.charter_options
    state = screen.__dict__.setdefault("charter", {
        "rule": opts.rules[0] if opts and opts.rules else "qualified_majority",
        "min_democracy": int(sum(opts.min_democracy) / 2) if opts else 70,
        "powers": list(opts.powers) if opts else [],
    })
    UITextBox(f"<b>Found {html.escape(d.name)}</b><br>{html.escape(d.description)}<br>"
              f"Costs <font color='#f0c060'>{d.found_cost:.0f} PC</font> (you have {s.stat(me, 'capital'):.0f}). "
              f"Needs: {html.escape(str(d.found_requires))}",
              pygame.Rect(rect.x, rect.y, rect.w, 110), screen.ui, container=screen.root)
    y = rect.y + 120
    if opts is not None:
        screen.label((rect.x, y, 300, 24), "Decision rule", "#figure")
        y += 26
        for i, rule in enumerate(opts.rules):
            screen.button((rect.x + i * 190, y, 184, 30), rule.replace("_", " "), f"rule:{rule}", None,
                          "#mode_on" if state["rule"] == rule else None)
        y += 40
        lo, hi = opts.min_democracy
        screen.label((rect.x, y, 460, 24), f"Entry: democracy index at least {state['min_democracy']} ({lo}-{hi})", "#figure")
        y += 26
        for i, step in enumerate((-10, -5, 5, 10)):
            screen.button((rect.x + i * 64, y, 60, 30), f"{step:+d}", f"mindem:{step}")
        y += 40
        screen.label((rect.x, y, 300, 24), "Powers (click to grant or withhold)", "#figure")
        y += 26
        for i, power in enumerate(opts.powers):
            on = power in state["powers"]
            screen.button((rect.x + (i % 4) * 190, y + (i // 4) * 34, 184, 30), ("✓ " if on else "  ") + power,
                          f"power:{power}", None, "#mode_on" if on else None)
        y += 34 * ((len(opts.powers) + 3) // 4) + 10
    screen.button((rect.x, y, 260, 40), f"Found {d.name[:22]}", "found", "Found it with this charter", "#primary")


def charter_command(screen, parts: list[str]) -> None:
    d = screen.app.session.rules.institutions[screen.current]
    opts = d.charter_options
    state = screen.__dict__.get("charter", {})
    if parts[0] == "rule":
        state["rule"] = parts[1]
    elif parts[0] == "mindem" and opts is not None:
        lo, hi = opts.min_democracy
        state["min_democracy"] = min(hi, max(lo, state["min_democracy"] + int(parts[1])))
    elif parts[0] == "power":
        ps = state["powers"]
        ps.remove(parts[1]) if parts[1] in ps else ps.append(parts[1])
    elif parts[0] == "found":
        from game.sim.commands import Found

        cmd = Found(screen.app.seat, d.id, state.get("rule", "qualified_majority"), int(state.get("min_democracy", 70)),
                    tuple(state.get("powers", ())))
        screen.app.report_result(screen.app.session.submit(cmd))
