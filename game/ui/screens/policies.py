"""Policies: the doctrine decks, enact or repeal with costs and previewed effects."""

from __future__ import annotations

import html

from game.ui.cards import CardColumn
from game.ui.preview import describe, preview, preview_html
from game.ui.screen import Screen


class PoliciesScreen(Screen):
    def __init__(self, app):
        super().__init__(app)
        self.doctrine = app.session.government(app.seat).doctrine if app.seat else None

    def build(self) -> None:
        import pygame

        w, h = self.size
        s, me, rules = self.app.session, self.app.seat, self.app.session.rules
        gov = s.government(me)
        have = s.stat(me, "capital")
        self.label((20, 8, w - 40, 30), f"Policies — {s.info(me).name}, {rules.doctrines[gov.doctrine].name}", "#heading")
        self.label((20, 38, w - 40, 22), f"Political capital {have:.0f}. Policies of other doctrines cost more "
                   f"(at most {rules.settings.max_borrowed_policies} borrowed).", "#small")
        x = 20
        for did, d in sorted(rules.doctrines.items(), key=lambda kv: kv[0] != gov.doctrine):
            mine = " (yours)" if did == gov.doctrine else ""
            self.button((x, 64, 290, 32), d.name[:30] + mine, f"tab:{did}", html.escape(d.description),
                        "#mode_on" if did == self.doctrine else None)
            x += 294
        col = CardColumn(self, pygame.Rect(20, 104, w - 40, h - 104 - 60))
        from game.sim.handlers import policy_cost

        for pid, p in rules.policies.items():
            if p.doctrine != self.doctrine:
                continue
            active = pid in gov.policies
            cost = policy_cost(s, me, pid)
            lines = preview(s, p.on_enact, p.claims, me) if not active else []
            text = [f"<b>{html.escape(p.name)}</b> · <font color='#f0c060'>{cost:.0f} PC</font>"
                    + (f" · upkeep {p.upkeep:.0f}/turn" if p.upkeep else "")
                    + (" · <font color='#9be39b'>IN FORCE</font>" if active else ""),
                    html.escape(p.description)]
            if lines:
                text.append("<b>On enacting:</b> " + preview_html(lines, 5).replace("<br>", " · "))
            if p.per_turn:
                text.append("<b>Each turn:</b> " + html.escape(" · ".join(describe(rules, e) for e in p.per_turn[:4])))
            if p.requires not in (True, "true", 1):
                text.append(f"<i>Needs: {html.escape(str(p.requires))}</i>")
            if p.claims:
                text.append("<i>Claims: " + html.escape("; ".join(rules.claims[c].name for c in p.claims if c in rules.claims)) + "</i>")
            buttons = [("Repeal", f"repeal:{pid}", None, True)] if active else \
                [("Enact", f"enact:{pid}", None if cost <= have else f"Needs {cost:.0f} PC", cost <= have + 1e-9)]
            col.card("<br>".join(text), 146, buttons, highlight=active)
        self.button((20, h - 52, 160, 40), "Back (Esc)", "back")
        if self.doctrine != gov.doctrine:
            c = rules.settings.doctrine_change_cost
            self.button((200, h - 52, 320, 40), f"Adopt this doctrine ({c:.0f} PC)", f"doctrine:{self.doctrine}",
                        "Change your doctrine: policies from the old deck beyond the borrowing limit are dropped")

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
