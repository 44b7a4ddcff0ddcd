"""The codex: every claim, the game's paraphrase, its source, and the rules that encode it."""

from __future__ import annotations

import html

import pygame
import pygame_gui
from pygame_gui.elements import UISelectionList, UITextBox, UITextEntryLine

from game.ui.screen import Screen

ESSAYS = {"nlio": "Towards a New Liberal International Order (2024)",
          "mgo": "Sakwa, four models of globalism (2019)"}


class CodexScreen(Screen):
    def __init__(self, app, claim: str | None = None):
        super().__init__(app)
        self.claim = claim
        self.search = ""
        self.items: dict[str, str] = {}

    def build(self) -> None:
        w, h = self.size
        rules = self.app.rules
        self.label((20, 8, 400, 30), f"Codex — {len(rules.claims)} claims", "#heading")
        self.search_box = UITextEntryLine(pygame.Rect(20, 44, 340, 30), self.ui, container=self.root,
                                          placeholder_text="Search claims…")
        self.search_box.set_text(self.search)
        q = self.search.lower()
        self.items = {f"{c.name} [{c.source.essay}]": cid for cid, c in rules.claims.items()
                      if not q or q in c.name.lower() or q in c.text.lower() or q in cid}
        if self.claim is None and self.items:
            self.claim = next(iter(self.items.values()))
        sel = next((k for k, v in self.items.items() if v == self.claim), None)
        self.list = UISelectionList(pygame.Rect(20, 78, 340, h - 78 - 60), list(self.items), self.ui,
                                    container=self.root, default_selection=sel)
        UITextBox(self.page(), pygame.Rect(370, 44, w - 390, h - 44 - 60), self.ui, container=self.root)
        self.button((20, h - 52, 160, 40), "Back (Esc)", "back")

    def page(self) -> str:
        rules = self.app.rules
        c = rules.claims.get(self.claim or "")
        if c is None:
            return "<i>No claim matches.</i>"
        out = [f"<font size=5 color='#f0c060'><b>{html.escape(c.name)}</b></font>",
               f"<font color='#9fb0c8'>{html.escape(c.id)} · {html.escape(ESSAYS.get(c.source.essay, c.source.essay))}, "
               f"section {html.escape(c.source.section)}</font>", "",
               f"<b>The claim:</b> {html.escape(c.text)}", "",
               f"<b>In play:</b> {html.escape(c.codex)}"]
        if c.contests and c.contests in rules.claims:
            other = rules.claims[c.contests]
            out += ["", f"<b>Contested by:</b> {html.escape(other.name)} — {html.escape(other.text)}"]
            lens_lines = [f"{html.escape(lens.name)}: ×{lens.weights.get(c.id, 1.0):.2f}" for lens in rules.lenses.values()]
            if lens_lines:
                out.append("<i>Theory lenses weigh it:</i> " + " · ".join(lens_lines))
        cited = rules.cited_by.get(c.id, ())
        out += ["", f"<b>Rules that encode it ({len(cited)}):</b>"]
        for kind, ident in cited:
            obj = getattr(rules, kind, {})
            name = obj.get(ident).name if hasattr(obj, "get") and obj.get(ident) is not None else ident
            out.append(f"• {html.escape(kind)}: {html.escape(name)} <font color='#9fb0c8'>({html.escape(rules.where(kind, ident))})</font>")
        if not cited:
            out.append("<i>No rule cites it yet.</i>")
        return "<br>".join(out)

    def handle(self, event) -> bool:
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.ui_element is self.list:
            self.claim = self.items.get(event.text, self.claim)
            self.rebuild()
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.search_box:
            self.search = event.text
            self.claim = None
            self.rebuild()
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.search_box:
            self.search = event.text
            q = self.search.lower()
            rules = self.app.rules
            self.items = {f"{c.name} [{c.source.essay}]": cid for cid, c in rules.claims.items()
                          if not q or q in c.name.lower() or q in c.text.lower() or q in cid}
            self.list.set_item_list(list(self.items))
            return True
        return super().handle(event)

    def on_button(self, command: str) -> None:
        self.app.pop()
