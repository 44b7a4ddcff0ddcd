"""Pieces of the world screen: the top bar, the country panel, the crisis list, the news feed.

Every figure is a button: its tooltip says what fed it last turn and which claims are behind
it; clicking it opens the full breakdown with links into the codex.
"""

from __future__ import annotations

import html

import pygame
from pygame_gui.elements import UIPanel, UIScrollingContainer, UITextBox

from game.ui import hotseat
from game.ui.explain import explain_stat, fmt, motives_html

TOP_FIGURES = ("capital", "approval", "stability", "growth", "unrest")
SHORT_TOP = {"capital": "PC", "approval": "Appr", "stability": "Stab", "growth": "Grw", "unrest": "Unr"}
PANEL_FIGURES = ("democracy", "approval", "stability", "growth", "gdp", "debt", "military", "alignment",
                 "polarisation", "unrest", "legitimacy", "influence")
SHORT = {"democracy": "Democracy", "military": "Military", "polarisation": "Polarised", "legitimacy": "Standing"}
SCREENS = (("Policies", "policies", 76), ("Diplomacy", "diplomacy", 90), ("Institutions", "institutions", 98),
           ("Charts", "charts", 62), ("Codex", "codex", 60), ("Save", "save", 52), ("Menu", "menu", 56))


def top_bar(screen, w: int) -> UIPanel:
    """Date, your country's key figures and the screen buttons; figures are dropped, right to
    left, when the window is too narrow for all of them."""
    s, rules, me = screen.app.session, screen.app.session.rules, screen.app.seat
    bar = UIPanel(pygame.Rect(0, 0, w, 44), manager=screen.ui, container=screen.root)
    keys = screen.app.settings
    rx = w - sum(b[2] + 2 for b in SCREENS) - 2
    for text, cmd, bw in SCREENS:
        k = keys.key(cmd) if cmd != "menu" else "escape"
        screen.button((rx, 6, bw, 30), text, cmd, f"{text} ({k.upper()})", container=bar)
        rx += bw + 2
    limit = w - sum(b[2] + 2 for b in SCREENS) - 8
    x = 4
    screen.button((x, 6, 84, 30), s.date_text(), "report", "The turn report (R)", "#figure", container=bar)
    x += 86
    if me:
        screen.button((x, 6, 124, 30), s.info(me).name[:14], f"select:{me}", "Your country: show it on the map",
                      "#figure", container=bar)
        x += 126
    dis = s.table.world.get("disorder", 0.0)
    figures = [(stat, me) for stat in TOP_FIGURES if me and stat in rules.stats]
    for stat, code in figures:
        if x + 78 + 106 > limit:
            break
        text = f"{SHORT_TOP[stat]} {fmt(rules, stat, s.stat(code, stat)).replace(' ', '')}"
        screen.button((x, 6, 78, 30), text, f"explain:{stat}:{code}", explain_stat(s, code, stat), container=bar)
        x += 80
    screen.button((x, 6, 104, 30), f"Disorder {dis:.0f}", "explain:disorder:", explain_stat(s, None, "disorder"),
                  "#bad" if dis >= 60 else None, container=bar)
    return bar


def _header(app, code: str) -> str:
    s, rules = app.session, app.session.rules
    info, gov = s.info(code), s.government(code)
    doc = rules.doctrines.get(gov.doctrine)
    lines = [f"<b>{html.escape(gov.regime.capitalize())}</b> · {html.escape(doc.name if doc else gov.doctrine)}"]
    if info.leader:
        lines.append(f"Leader: {html.escape(info.leader)}")
    if gov.next_election is not None:
        lines.append(f"Next election in {max(0, gov.next_election - s.turn)} turns")
    who = "you" if code == app.seat else ("a human player" if s.is_human(code) else "the AI")
    lines.append(f"Played by {who}")
    return "<br>".join(lines)


def _details(app, code: str) -> str:
    """Below the figures: policies in force, and for an AI country what it did last turn and why."""
    s, rules = app.session, app.session.rules
    out = []
    if code != app.seat and app.seat:
        rel = s.table.relations[s.row(app.seat), s.row(code)]
        colour = "#9be39b" if rel > 10 else ("#ff8a7a" if rel < -10 else "#e8e4d6")
        out.append(f"Relations with you: <font color='{colour}'><b>{rel:+.0f}</b></font>")
    names = [rules.policies[p].name for p in hotseat.policies(app, code) if p in rules.policies]
    out.append("<b>Policies:</b> " + (html.escape(", ".join(names)) if names else "<i>none</i>"))
    if not s.is_human(code):
        motives = motives_html(s, code)
        none = "<i>nothing worth its capital</i>" if s.turn else "<i>no turn has been played yet</i>"
        out.append("<b>Last turn it chose:</b><br>" + (motives or none))
    return "<br>".join(out)


def country_panel(screen, rect: pygame.Rect, code: str | None) -> UIPanel:
    app = screen.app
    s, rules = app.session, app.session.rules
    panel = UIPanel(rect, manager=screen.ui, container=screen.root)
    if code is None:
        screen.label((8, 8, rect.w - 16, 24), "Click a country on the map", "#small", container=panel)
        return panel
    screen.label((8, 4, rect.w - 16, 26), s.info(code).name, "#heading", container=panel)
    head = UITextBox(_header(app, code), pygame.Rect(4, 30, rect.w - 12, -1), screen.ui, container=panel,
                     object_id="#card_text")
    y = 30 + head.rect.h + 2
    col_w = (rect.w - 14) // 2
    for i, stat in enumerate(f for f in PANEL_FIGURES if f in rules.stats):
        x = 4 + (i % 2) * (col_w + 2)
        text = f"{SHORT.get(stat, rules.stats[stat].name)}: {fmt(rules, stat, hotseat.stat(app, code, stat))}"
        screen.button((x, y, col_w, 25), text, f"explain:{stat}:{code}", explain_stat(s, code, stat), container=panel)
        if i % 2 == 1:
            y += 26
    y += 4
    bottom = rect.h - 6
    if code != app.seat and app.seat:
        bottom -= 34
        screen.button((4, bottom + 2, rect.w - 12, 30), "Diplomacy with " + s.info(code).name[:18], "diplomacy",
                      "Actions toward this country (D)", container=panel)
    if bottom - y > 24:
        UITextBox(_details(app, code), pygame.Rect(4, y, rect.w - 12, bottom - y), screen.ui, container=panel)
    return panel


def crisis_list(screen, rect: pygame.Rect) -> UIPanel:
    """The running crises, worst first, in a scrolling list; a tick marks the ones you answered."""
    s, app = screen.app.session, screen.app
    panel = UIPanel(rect, manager=screen.ui, container=screen.root)
    crises = sorted(s.crises(), key=lambda c: (-c.severity, c.uid))
    screen.label((8, 2, rect.w - 16, 24), f"Crises ({len(crises)})", "#heading", container=panel)
    scroll = UIScrollingContainer(pygame.Rect(2, 28, rect.w - 8, rect.h - 32), screen.ui, container=panel,
                                  allow_scroll_x=False)
    inner = rect.w - 8 - (22 if 28 * len(crises) > rect.h - 32 else 4)
    for i, c in enumerate(crises):
        cdef = s.rules.crises.get(c.def_id)
        name = cdef.name if cdef else c.def_id
        where = s.info(c.location).name if c.location in s.rows else c.location
        answered = any(t == s.turn and who == app.seat for t, who, _ in c.responses)
        text = _cut(f"{'✓ ' if answered else ''}{where} · {name}", max(10, (inner - 40) // 8))
        tip = (f"<b>{html.escape(name)}</b> in {html.escape(where)}, severity {c.severity:.0f}."
               f"<br>{html.escape(cdef.description if cdef else '')}<br>Click to respond.")
        screen.button((0, i * 28, inner, 26), f"{c.severity:>3.0f}  {text}", f"crisis:{c.uid}", tip,
                      "#crisis_hot" if c.severity >= 60 else "#left", container=scroll)
    scroll.set_scrollable_area_dimensions((inner, 28 * len(crises)))
    return panel


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def news_feed(screen, rect: pygame.Rect) -> UITextBox:
    """This turn's news (in hot-seat, without the other seats' choices), then earlier turns'."""
    app = screen.app
    s = app.session
    events = list(reversed(hotseat.visible_events(app))) + list(reversed(s.log[-60:]))
    lines = []
    for e in events[:40]:
        text = html.escape(e.text)
        lines.append(f"<b>{text}</b>" if app.seat in e.who else text)
    body = "<br>".join(lines) or "<i>No news yet.</i>"
    return UITextBox(f"<font color='#f0c060'><b>News</b></font><br>{body}", rect, screen.ui, container=screen.root)
