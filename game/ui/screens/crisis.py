"""The crisis dialog: the situation, and each response with its cost, previewed effects and claims.

A response the player cannot take now (not the crisis country, not a member of the body it
needs, too little capital) is greyed out, and its tooltip gives the session's reason.
"""

from __future__ import annotations

import html

import pygame

from game.ui.cards import CardColumn, text_box
from game.ui.explain import claim_links, claims_html
from game.ui.preview import preview, preview_html
from game.ui.screen import Screen


class CrisisScreen(Screen):
    backdrop = True

    def __init__(self, app, uid: str):
        super().__init__(app)
        self.uid = uid

    def build(self) -> None:
        from game.sim.commands import Respond

        w, h = self.size
        s, me = self.app.session, self.app.seat
        crisis = s.crisis(self.uid)
        if crisis is None:
            self.label((0, h // 2 - 20, w, 40), "That crisis is over.", "#heading")
            self.button((w // 2 - 80, h // 2 + 30, 160, 40), "Back", "back")
            return
        cdef = s.rules.crises[crisis.def_id]
        x0, bw = max(20, w // 2 - 480), min(960, w - 40)
        where = s.info(crisis.location).name
        phase = next((p.name for p in sorted(cdef.phases, key=lambda p: -p.above) if crisis.severity >= p.above), "")
        self.label((x0, 12, bw, 30), f"{cdef.name} — {where}", "#heading")
        parties = ", ".join(f"{role}: {s.info(c).name if c in s.rows else c}" for role, c in crisis.parties.items())
        body = [f"<b>Severity {crisis.severity:.0f}</b> · {html.escape(phase)} · running {s.turn - crisis.started} turns"
                + (f" · parties: {html.escape(parties)}" if parties else ""),
                html.escape(cdef.description)]
        if crisis.note:
            body.append(f"<i>{html.escape(crisis.note)}</i>")
        done = [r for t, c, r in crisis.responses if t == s.turn and c == me]
        if done:
            names = [next((x.name for x in cdef.responses if x.id == r), r) for r in done]
            body.append("<font color='#9be39b'>You responded this turn: " + html.escape(", ".join(names)) + "</font>")
        if cdef.claims:
            body.append("<b>Why it matters:</b><br>" + claims_html(s.rules, cdef.claims, 2))
        # A long situation text scrolls instead of pushing the responses away.
        top = text_box(self, "<br>".join(body), pygame.Rect(x0, 46, bw, 0), h // 3)
        y = 46 + top.rect.h + 6
        col = CardColumn(self, pygame.Rect(x0, y, bw, h - y - 60))
        have = s.stat(me, "capital") if me else 0
        for r in cdef.responses:
            ok, tip = self.gate(Respond(me, self.uid, r.id), f"Costs {r.cost:.0f} PC") if me else (False, None)
            lines = preview(s, r.effects, r.claims or cdef.claims, me, crisis=crisis) if me and ok else []
            text = [f"<b>{html.escape(r.name)}</b> · <font color='#f0c060'>{r.cost:.0f} PC</font> · "
                    f"{r.kind.replace('_', ' ')}", html.escape(r.description)]
            if r.resolution:
                res = s.rules.resolutions.get(r.resolution)
                text.append(f"<i>Puts {html.escape(res.name if res else r.resolution)} to a vote.</i>")
            if lines:
                text.append("<b>Effects now:</b> " + preview_html(lines, 5).replace("<br>", " · "))
            if not ok and tip:
                text.append(f"<i>{tip.split('<br>')[-1]}</i>")  # the reason, not the cost again
            links = claim_links(s.rules, r.claims, 3)
            if links:
                text.append("<font color='#9fb0c8'>Claims:</font> " + links)
            col.card("<br>".join(text), 0, [("Choose", f"respond:{r.id}", tip, ok)])
        self.button((x0, h - 52, 160, 40), "Back (Esc)", "back")
        self.label((x0 + 180, h - 50, 400, 36), f"Political capital: {have:.0f}", "#field")

    def on_button(self, command: str) -> None:
        name, _, arg = command.partition(":")
        if name == "respond":
            from game.sim.commands import Respond

            if self.app.report_result(self.app.session.submit(Respond(self.app.seat, self.uid, arg))):
                self.app.pop()
                return
            self.rebuild()
        else:
            self.app.pop()
