"""Votes: who voted how on each resolution counted so far, vetoes marked, and why.

Large bodies have a hundred voters, so each vote lists the names per side and then the
motives grouped: "binding mandates cede sovereignty — 31 countries", with the claims linked.
"""

from __future__ import annotations

import html
import re

import pygame

from game.ui.cards import CardColumn
from game.ui.explain import claim_links
from game.ui.screen import Screen

COLOURS = {"yes": "#9be39b", "no": "#ff8a7a", "abstain": "#c8c8c8"}


def vote_html(session, event, me: str | None) -> str:
    s, rules = session, session.rules
    votes, motives = event.data.get("votes", {}), event.data.get("motives", {})
    vetoes = list(event.data.get("vetoed_by", ()))
    out = [f"<b>Turn {event.turn}: {html.escape(event.text)}</b>"]
    if vetoes:
        names = ", ".join(s.info(c).name for c in vetoes if c in s.rows)
        out.append(f"<font color='#ff8a7a'><b>VETO</b></font> by {html.escape(names)}")
    for side in ("yes", "no", "abstain"):
        who = sorted((c for c, v in votes.items() if v == side and c in s.rows), key=lambda c: (c != me, s.info(c).name))
        if not who:
            continue
        names = [("<b>" + html.escape(s.info(c).name) + "</b>") if c == me else html.escape(s.info(c).name)
                 for c in who[:24]]
        more = f" and {len(who) - 24} more" if len(who) > 24 else ""
        out.append(f"<font color='{COLOURS[side]}'>{side.capitalize()} ({len(who)})</font>: " + ", ".join(names) + more)
    reasons: dict[tuple[str, str], list[str]] = {}
    for code, m in sorted(motives.items()):
        if isinstance(m, dict) and m.get("why"):
            # "at odds with Russia (relations -30)": the same reason whatever the number
            why = re.sub(r"\s*\([^()]*\d[^()]*\)", "", str(m["why"]))
            reasons.setdefault((str(m.get("vote", "")), why), []).append(code)
    if reasons:
        out.append("<i>Why they voted so:</i>")
        for (side, why), codes in sorted(reasons.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:8]:
            m = motives[codes[0]]
            links = claim_links(rules, m.get("claims", ()), 2)
            who = html.escape(s.info(codes[0]).name) if len(codes) == 1 else f"{len(codes)} countries"
            out.append(f"• <font color='{COLOURS.get(side, '#e8e4d6')}'>{html.escape(side)}</font> — "
                       f"{html.escape(why)} ({who})" + (f" · {links}" if links else ""))
    return "<br>".join(out)


class VotesScreen(Screen):
    def build(self) -> None:
        w, h = self.size
        s = self.app.session
        self.label((20, 8, w - 40, 30), "Votes", "#heading")
        col = CardColumn(self, pygame.Rect(20, 44, w - 40, h - 44 - 60))
        events = [e for e in reversed(s.log) if e.kind == "resolution_voted"][:30]
        for e in events:
            col.card(vote_html(s, e, self.app.seat), 0, highlight=bool(e.data.get("vetoed_by")))
        if not events:
            col.card("<i>No resolution has been put to a vote yet. Propose one from Institutions (I).</i>")
        self.button((20, h - 52, 160, 40), "Back (Esc)", "back")

    def on_button(self, command: str) -> None:
        self.app.pop()
