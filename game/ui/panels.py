"""Pieces of the world screen: the top bar, the country panel, the crisis list, the news feed."""

from __future__ import annotations

import html

import pygame
from pygame_gui.elements import UIButton, UIPanel, UITextBox

from game.ui.explain import explain_stat, fmt

TOP_FIGURES = ("capital", "approval", "stability", "growth", "unrest")
PANEL_FIGURES = ("democracy", "approval", "stability", "growth", "gdp", "debt", "military", "alignment",
                 "polarisation", "unrest", "legitimacy", "influence")

SHORT = {"democracy": "Democracy", "military": "Military", "polarisation": "Polarised", "legitimacy": "Standing"}


def top_bar(screen, w: int) -> UIPanel:
    """Date, your country's key figures (each with a tooltip that explains it) and the screen buttons."""
    s, rules, me = screen.app.session, screen.app.session.rules, screen.app.seat
    bar = UIPanel(pygame.Rect(0, 0, w, 44), manager=screen.ui, container=screen.root)
    x = 4
    screen.button((x, 6, 84, 30), s.date_text(), "report", "The turn report (R)", "#figure", container=bar)
    x += 86
    if me:
        screen.button((x, 6, 124, 30), s.info(me).name[:14], f"select:{me}", "Your country: show it on the map",
                      "#figure", container=bar)
        x += 126
        for stat in TOP_FIGURES:
            if stat not in rules.stats:
                continue
            short = {"capital": "PC", "approval": "Appr", "stability": "Stab", "growth": "Grw", "unrest": "Unr"}[stat]
            text = f"{short} {fmt(rules, stat, s.stat(me, stat)).replace(' ', '')}"
            screen.button((x, 6, 78, 30), text, f"explain:{stat}", explain_stat(s, me, stat), container=bar)
            x += 80
    dis = s.table.world.get("disorder", 0.0)
    screen.button((x, 6, 104, 30), f"Disorder {dis:.0f}", "explain:disorder", explain_stat(s, None, "disorder"),
                  "#bad" if dis >= 60 else None, container=bar)
    keys = screen.app.settings
    right = [("Policies", "policies", 76), ("Diplomacy", "diplomacy", 90), ("Institutions", "institutions", 98),
             ("Charts", "charts", 62), ("Codex", "codex", 60), ("Save", "save", 52), ("Menu", "menu", 56)]
    rx = w - sum(b[2] + 2 for b in right) - 2
    for text, cmd, bw in right:
        k = keys.key(cmd) if cmd != "menu" else "escape"
        screen.button((rx, 6, bw, 30), text, cmd, f"{text} ({k.upper()})", container=bar)
        rx += bw + 2
    return bar


def country_panel(screen, rect: pygame.Rect, code: str | None) -> UIPanel:
    s = screen.app.session
    rules = s.rules
    panel = UIPanel(rect, manager=screen.ui, container=screen.root)
    if code is None:
        screen.label((8, 8, rect.w - 16, 24), "Click a country on the map", "#small", container=panel)
        return panel
    info, gov = s.info(code), s.government(code)
    screen.label((8, 4, rect.w - 16, 26), info.name, "#heading", container=panel)
    doc = rules.doctrines.get(gov.doctrine)
    lines = [f"<b>{html.escape(gov.regime.capitalize())}</b> · {html.escape(doc.name if doc else gov.doctrine)}"]
    if info.leader:
        lines.append(f"Leader: {html.escape(info.leader)}")
    if gov.next_election is not None:
        lines.append(f"Next election in {max(0, gov.next_election - s.turn)} turns")
    who = "you" if code == screen.app.seat else ("a human player" if s.is_human(code) else "the AI")
    lines.append(f"Played by {who}")
    if gov.policies:
        names = [rules.policies[p].name for p in gov.policies if p in rules.policies]
        lines.append("<i>Policies:</i> " + html.escape(", ".join(names[:5])))
    UITextBox("<br>".join(lines), pygame.Rect(4, 30, rect.w - 8, 96), screen.ui, container=panel)
    y = 128
    col_w = (rect.w - 12) // 2
    for i, stat in enumerate(f for f in PANEL_FIGURES if f in rules.stats):
        x = 4 + (i % 2) * (col_w + 2)
        text = f"{SHORT.get(stat, rules.stats[stat].name)}: {fmt(rules, stat, s.stat(code, stat))}"
        screen.button((x, y, col_w, 26), text, f"explain:{stat}:{code}", explain_stat(s, code, stat),
                      container=panel)
        if i % 2 == 1:
            y += 27
    y += 32
    if code != screen.app.seat and screen.app.seat:
        rel = s.table.relations[s.row(screen.app.seat), s.row(code)]
        screen.label((8, y, rect.w - 16, 20), f"Relations with you: {rel:+.0f}", "#small", container=panel)
        y += 22
        screen.button((4, y, rect.w - 8, 30), "Diplomacy with " + info.name[:16], "diplomacy",
                      "Actions toward this country (D)", container=panel)
    return panel


def crisis_list(screen, rect: pygame.Rect) -> UIPanel:
    s = screen.app.session
    panel = UIPanel(rect, manager=screen.ui, container=screen.root)
    crises = s.crises()
    screen.label((8, 2, rect.w - 16, 24), f"Crises ({len(crises)})", "#heading", container=panel)
    y = 28
    for c in sorted(crises, key=lambda c: -c.severity):
        if y + 28 > rect.h:
            break
        cdef = s.rules.crises.get(c.def_id)
        name = cdef.name if cdef else c.def_id
        where = s.info(c.location).name if c.location in s.rows else c.location
        answered = any(t == s.turn and who == screen.app.seat for t, who, _ in c.responses)
        tick = "✓ " if answered else ""
        b = UIButton(pygame.Rect(4, y, rect.w - 8, 26), f"{tick}{name[:20]} · {where[:12]} {c.severity:.0f}",
                     screen.ui, container=panel,
                     tool_tip_text=f"<b>{html.escape(name)}</b> in {html.escape(where)}, severity {c.severity:.0f}."
                                   f"<br>{html.escape(cdef.description if cdef else '')}<br>Click to respond.")
        screen.buttons[b] = f"crisis:{c.uid}"
        y += 28
    return panel


def news_feed(screen, rect: pygame.Rect) -> UITextBox:
    s = screen.app.session
    events = list(s.events) + [e for e in reversed(s.log) if e not in s.events]
    lines = []
    for e in events[:40]:
        mine = screen.app.seat in e.who
        text = html.escape(e.text)
        lines.append(f"<b>{text}</b>" if mine else text)
    body = "<br>".join(lines) or "<i>No news yet.</i>"
    return UITextBox(f"<font color='#f0c060'><b>News</b></font><br>{body}", rect, screen.ui, container=screen.root)
