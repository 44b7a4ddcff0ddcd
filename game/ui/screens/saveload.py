"""Save and load: named slots with date, country and a thumbnail."""

from __future__ import annotations

import datetime as dt
import html

import pygame
from pygame_gui.elements import UITextEntryLine

from game.ui import saves
from game.ui.cards import CardColumn
from game.ui.screen import Screen


def load_slot(app, slot: saves.Slot) -> bool:
    if app.rules is None:
        app.toast("The rules did not load; fix them first", bad=True)
        return False
    try:
        session = saves.load_game(app.rules, slot)
    except saves.SaveUnavailable as exc:
        app.toast(str(exc), bad=True)
        return False
    app.start_session(session)
    app.dirty = False
    app.toast(f"Loaded {slot.name}")
    return True


class SaveLoadScreen(Screen):
    def __init__(self, app, saving: bool):
        super().__init__(app)
        self.saving = saving and app.session is not None
        self.thumbs: dict[str, pygame.Surface] = {}
        self.name_box: UITextEntryLine | None = None

    def build(self) -> None:
        w, h = self.size
        self.label((20, 8, 400, 30), "Save game" if self.saving else "Load game", "#heading")
        y = 44
        if self.saving:
            s = self.app.session
            self.name_box = UITextEntryLine(pygame.Rect(20, y, 360, 34), self.ui, container=self.root)
            self.name_box.set_text(saves.slot_name(f"{'_'.join(s.human_codes())}_{s.date_text()}"))
            self.button((390, y, 160, 34), "Save", "save", "Save to this name", "#primary")
            y += 44
        self.slots = saves.list_slots()
        col = CardColumn(self, pygame.Rect(20, y, min(900, w - 40), h - y - 60))
        self.card_y: list[tuple[int, saves.Slot]] = []
        for slot in self.slots:
            when = dt.datetime.fromtimestamp(slot.saved_at).strftime("%Y-%m-%d %H:%M") if slot.saved_at else ""
            text = (f"<b>{html.escape(slot.name)}</b><br>{html.escape(slot.country)} · {html.escape(slot.date)} · "
                    f"scenario {html.escape(slot.scenario)}<br><font color='#9fb0c8'>saved {when}</font>")
            buttons = [("Overwrite" if self.saving else "Load", f"{'over' if self.saving else 'load'}:{slot.name}", None, True),
                       ("Delete", f"delete:{slot.name}", None, True)]
            panel = col.card(text, 100, buttons)
            self._thumb(panel, slot)
        if not self.slots:
            col.card("<i>No saved games yet.</i>", 50)
        self.button((20, h - 52, 160, 40), "Back (Esc)", "back")

    def _thumb(self, panel, slot: saves.Slot) -> None:
        from pygame_gui.elements import UIImage

        if slot.thumbnail.exists():
            try:
                img = pygame.image.load(str(slot.thumbnail))
            except pygame.error:
                return
            img = pygame.transform.smoothscale(img, (150, max(1, int(150 * img.get_height() / img.get_width()))))
            r = panel.get_container().get_rect()
            UIImage(pygame.Rect(r.w - 310, 6, img.get_width(), min(86, img.get_height())), img, self.ui,
                    container=panel)

    def on_button(self, command: str) -> None:
        name, _, arg = command.partition(":")
        slot = next((s for s in self.slots if s.name == arg), None)
        if name in ("save", "over"):
            target = arg if name == "over" else (self.name_box.get_text() if self.name_box else "save")
            try:
                thumb = self.app.stack[-2].__dict__.get("map") if len(self.app.stack) > 1 else None
                surface = thumb.render() if thumb is not None else self.app.thumbnail()
                saves.save_game(self.app.session, target, surface)
            except saves.SaveUnavailable as exc:
                self.app.toast(str(exc), bad=True)
                return
            self.app.dirty = False
            self.app.toast(f"Saved {saves.slot_name(target)}")
            self.app.pop()
        elif name == "load" and slot is not None:
            load_slot(self.app, slot)
        elif name == "delete" and slot is not None:
            saves.delete_slot(slot)
            self.rebuild()
        else:
            self.app.pop()
