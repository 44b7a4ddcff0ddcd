"""The turn report: what happened and why, with the claims behind each event linked to the codex.

Your country first (your figures and what moved them, then what concerned you), then crises,
votes and politics; the hundred routine moves of the AI countries are folded into counts, except
the ones aimed at you, which are listed.
"""

from __future__ import annotations

import html
from collections import Counter

import pygame
from pygame_gui.elements import UITextBox

from game.ui.explain import claim_links, contributions
from game.ui.screen import Screen

GROUPS = (("Crises", ("crisis",)), ("Votes and institutions", ("resolution", "institution", "veto")),
          ("Politics", ("election", "regime", "doctrine", "coup", "protest", "game_over", "government")))
FIGURES = ("capital", "approval", "stability", "growth", "unrest")


def heading(text: str) -> str:
    return f"<font color='#f0c060'><b>{html.escape(text)}</b></font>"


def line(rules, event) -> str:
    links = claim_links(rules, event.claims, 2)
    return f"• {html.escape(event.text)}" + (f" <font color='#9fb0c8'>— why:</font> {links}" if links else "")


def report_html(session, me: str | None, events: list) -> str:
    s, rules = session, session.rules
    out: list[str] = []
    if me:
        out.append(heading(f"{s.info(me).name}") + " <i>(click a figure for everything that moved it)</i>")
        figures = []
        for stat in FIGURES:
            if stat in rules.stats:
                change = sum(v for _, v in contributions(s, me, stat))
                figures.append(f"<a href='explain:{stat}:{me}'>{html.escape(rules.stats[stat].name)}</a> "
                               f"{s.stat(me, stat):.1f} ({change:+.1f})")
        out.append(" · ".join(figures))
        out += [line(rules, e) for e in events if me in e.who][:30]
    rest = [e for e in events if me not in e.who and e.kind != "crisis_response"]
    for name, prefixes in GROUPS:
        found = [e for e in rest if e.kind.startswith(prefixes)]
        if found:
            out.append(heading(name))
            out += [line(rules, e) for e in found[:30]]
            if len(found) > 30:
                out.append(f"… and {len(found) - 30} more")
    responses = responses_by_crisis(s, [e for e in events if e.kind == "crisis_response" and me not in e.who])
    others = [e for e in rest if not e.kind.startswith(tuple(p for _, ps in GROUPS for p in ps))]
    if responses or others:
        out.append(heading("What the other countries did"))
        out += responses
        counts = Counter(kind_of(rules, e) for e in others)
        if counts:
            out.append("• " + " · ".join(f"{html.escape(what)} ×{n}" for what, n in counts.most_common(12)))
    return "<br>".join(out) or "<i>A quiet quarter.</i>"


def kind_of(rules, event) -> str:
    """What an event was, in a word or two, to count alike ones together."""
    action = rules.actions.get(event.data.get("action", "")) if event.kind == "action" else None
    return action.name if action is not None else event.kind.replace("_", " ").capitalize()


def responses_by_crisis(session, events: list) -> list[str]:
    """One line per crisis: how many answered it, and who."""
    by_crisis: dict[str, list[str]] = {}
    for e in events:
        by_crisis.setdefault(e.data.get("crisis", "?"), []).append(session.info(e.who[0]).name if e.who else "?")
    out = []
    for uid, names in sorted(by_crisis.items(), key=lambda kv: -len(kv[1]))[:12]:
        c = session.crisis(uid)
        what = f"{session.rules.crises[c.def_id].name} in {session.info(c.location).name}" if c else "a crisis now over"
        who = ", ".join(dict.fromkeys(names))
        out.append(f"• {html.escape(what)}: {len(names)} response{'s' if len(names) > 1 else ''} ({html.escape(who[:120])}"
                   f"{'…' if len(who) > 120 else ''})")
    return out


class ReportScreen(Screen):
    def build(self) -> None:
        w, h = self.size
        s, me = self.app.session, self.app.seat
        report = self.app.turn_report
        events = list(getattr(report, "events", None) or s.events)
        self.label((20, 8, w - 40, 30), f"Turn report — {s.date_text()}", "#heading")
        self.text = UITextBox(report_html(s, me, events), pygame.Rect(20, 44, w - 40, h - 44 - 60), self.ui,
                              container=self.root)
        self.button((20, h - 52, 160, 40), "Continue ⏎", "back", None, "#primary")
        self.button((190, h - 52, 160, 40), "Votes", "votes", "Who voted how, and why")
        self.button((360, h - 52, 160, 40), "Codex", "codex", "Every claim the rules encode (C)")

    def handle(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_SPACE):
            self.app.pop()
            return True
        return super().handle(event)

    def on_button(self, command: str) -> None:
        if command == "votes":
            from game.ui.screens.votes import VotesScreen

            self.app.push(VotesScreen(self.app))
        elif command == "codex":
            from game.ui.screens.codex import CodexScreen

            self.app.push(CodexScreen(self.app))
        else:
            self.app.pop()
