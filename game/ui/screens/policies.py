"""Policies: the doctrine decks, enact or repeal with costs and previewed effects.

Buttons are enabled only when the session's dry run accepts the command; otherwise the
tooltip (and the card) say why: too little capital, requirements, the borrowing limit.
"""

from __future__ import annotations

import html

import pygame

from game.ui.cards import CardColumn
from game.ui.explain import claim_links
from game.ui.preview import describe, preview, preview_html
from game.ui.screen import Screen


class PoliciesScreen(Screen):
    def __init__(self, app):
        super().__init__(app)
        self.doctrine = app.session.government(app.seat).doctrine if app.seat else None

    def build(self) -> None:
        from game.sim.commands import ChangeDoctrine

        w, h = self.size
        s, me, rules = self.app.session, self.app.seat, self.app.session.rules
        gov = s.government(me)
        have = s.stat(me, "capital")
        self.label((20, 8, w - 40, 30), f"Policies — {s.info(me).name}, {rules.doctrines[gov.doctrine].name}", "#heading")
        self.label((20, 38, w - 40, 22), f"Political capital {have:.0f}. Policies of other doctrines cost more "
                   f"(at most {rules.settings.max_borrowed_policies} borrowed).", "#small")
        tab_w = min(360, (w - 40) // max(1, len(rules.doctrines)) - 4)
        x = 20
        for did, d in sorted(rules.doctrines.items(), key=lambda kv: kv[0] != gov.doctrine):
            mine = " (yours)" if did == gov.doctrine else ""
            self.button((x, 64, tab_w, 32), _cut(d.name, tab_w // 8 - len(mine)) + mine, f"tab:{did}",
                        html.escape(d.description), "#mode_on" if did == self.doctrine else None)
            x += tab_w + 4
        col = CardColumn(self, pygame.Rect(20, 104, w - 40, h - 104 - 60))
        for pid, p in rules.policies.items():
            if p.doctrine == self.doctrine:
                self._card(col, pid, p)
        self.button((20, h - 52, 160, 40), "Back (Esc)", "back")
        if self.doctrine != gov.doctrine:
            c = rules.settings.doctrine_change_cost
            ok, tip = self.gate(ChangeDoctrine(me, self.doctrine),
                                "Change your doctrine: policies from the old deck beyond the borrowing limit are dropped")
            self.button((200, h - 52, 320, 40), f"Adopt this doctrine ({c:.0f} PC)", f"doctrine:{self.doctrine}",
                        tip, enabled=ok)

    def _card(self, col: CardColumn, pid: str, p) -> None:
        from game.sim.commands import EnactPolicy, RepealPolicy
        from game.sim.handlers import policy_cost

        s, me, rules = self.app.session, self.app.seat, self.app.session.rules
        active = pid in s.government(me).policies
        cost = policy_cost(s, me, pid)
        if active:
            ok, tip = self.gate(RepealPolicy(me, pid), "Repeal it: its effects stop next turn")
        else:
            ok, tip = self.gate(EnactPolicy(me, pid), f"Costs {cost:.0f} PC now")
        lines = preview(s, p.on_enact, p.claims, me) if not active and ok else []
        text = [f"<b>{html.escape(p.name)}</b> · <font color='#f0c060'>{cost:.0f} PC</font>"
                + (f" · upkeep {p.upkeep:.0f}/turn" if p.upkeep else "")
                + (" · <font color='#9be39b'>IN FORCE</font>" if active else ""),
                html.escape(p.description)]
        if lines:
            text.append("<b>On enacting:</b> " + preview_html(lines, 5).replace("<br>", " · "))
        if p.per_turn:
            text.append("<b>Each turn:</b> " + html.escape(" · ".join(describe(rules, e) for e in p.per_turn[:4])))
        if p.requires not in (True, "true", 1):
            text.append(f"<font color='#9fb0c8'>Needs: {html.escape(str(p.requires))}</font>")
        if not ok and tip:
            text.append(f"<i>{tip.split('<br>')[-1]}</i>")  # the reason, not the cost again
        links = claim_links(rules, p.claims, 3)
        if links:
            text.append("<font color='#9fb0c8'>Claims:</font> " + links)
        label, command = ("Repeal", f"repeal:{pid}") if active else ("Enact", f"enact:{pid}")
        col.card("<br>".join(text), 0, [(label, command, tip, ok)], highlight=active)

    def on_button(self, command: str) -> None:
        from game.sim.commands import ChangeDoctrine, EnactPolicy, RepealPolicy

        name, _, arg = command.partition(":")
        s, me = self.app.session, self.app.seat
        if name == "tab":
            self.doctrine = arg
        elif name == "enact":
            self.app.report_result(s.submit(EnactPolicy(me, arg)))
        elif name == "repeal":
            self.app.report_result(s.submit(RepealPolicy(me, arg)))
        elif name == "doctrine":
            self.app.report_result(s.submit(ChangeDoctrine(me, arg)))
        else:
            self.app.pop()
            return
        self.rebuild()


def _cut(text: str, n: int) -> str:
    return text if len(text) <= max(4, n) else text[: max(4, n) - 1] + "…"
