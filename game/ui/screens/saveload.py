"""Save and load: named slots with date, country and a thumbnail, and the autosaves.

A save that does not load is named in one line, and the newest autosave that does is offered
in its place (game.sim.autosave.load_or_fallback through game.ui.saves.load_game).
"""

from __future__ import annotations

import datetime as dt
import html
import os

import pygame
from pygame_gui.elements import UITextEntryLine

from game.ui import saves
from game.ui.cards import CardColumn
from game.ui.screen import Screen


def load_slot(app, slot: saves.Slot) -> bool:
    """Load a slot and play it; True when it loaded. A damaged slot: the newest autosave that
    loads is offered in a dialog (nothing is replaced until the player takes it)."""
    if app.rules is None:
        app.toast("The rules did not load; fix them first", bad=True)
        return False
    running = app.session
    try:
        loaded = saves.load_game(app.rules, slot)
    except saves.SaveUnavailable as exc:
        if running is not None:
            running.activate()
        app.toast(_short(str(exc)), bad=True)
        return False
    if loaded.fell_back:
        if running is not None:
            running.activate()  # the running game stays the game until the offer is taken
        app.push(DamagedSaveScreen(app, slot, loaded))
        return False
    app.start_session(loaded.session)
    app.dirty = False
    app.toast(f"Loaded {slot.name}")
    return True


def _short(line: str) -> str:
    """A save problem's line with the saves folders left out (the file name is enough)."""
    from game.paths import saves_dir

    for folder in (saves.autosave_folder(), saves_dir()):
        line = line.replace(f"{folder}{os.sep}", "")
    return line


class DamagedSaveScreen(Screen):
    """The chosen save does not load: the reason in one line, and the newest autosave that
    does, offered in its place."""

    backdrop = True

    def __init__(self, app, slot: saves.Slot, loaded: saves.Loaded):
        super().__init__(app)
        self.slot, self.loaded = slot, loaded

    def build(self) -> None:
        w, h = self.size
        box = pygame.Rect(0, 0, min(760, w - 40), 210)
        box.center = (w // 2, h // 2)
        from pygame_gui.elements import UIPanel

        panel = UIPanel(box, manager=self.ui, container=self.root)
        bw = box.w - 4
        s, path = self.loaded.session, self.loaded.path
        names = ", ".join(s.info(c).name for c in s.human_codes())
        self.label((16, 12, bw - 32, 28), f"{self.slot.name} cannot be loaded", "#heading", container=panel)
        self.label((16, 46, bw - 32, 22), _short(self.loaded.problems[0]), "#small_left", container=panel)
        if len(self.loaded.problems) > 1:
            self.label((16, 68, bw - 32, 22), f"({len(self.loaded.problems) - 1} more damaged save(s) skipped)",
                       "#small_left", container=panel)
        self.label((16, 96, bw - 32, 24), f"The newest save that loads: {path.stem} — {names}, {s.date_text()}",
                   "#small_left", container=panel)
        self.button((16, 146, 220, 40), "Load that instead", "fallback", f"Load {path.name}", "#primary",
                    container=panel)
        self.button((250, 146, 140, 40), "Cancel", "cancel", "Keep the saves as they are (Esc)", container=panel)

    def on_button(self, command: str) -> None:
        app, loaded = self.app, self.loaded
        if command == "fallback" and loaded.session is not None:
            session, loaded.session = loaded.session, None
            app.start_session(session)
            app.dirty = False
            app.toast(f"Loaded {loaded.path.stem}")
            return
        self.on_escape()

    def on_escape(self) -> None:
        if self.loaded.session is not None:
            self.loaded.session.close()
            self.loaded.session = None
            if self.app.session is not None:
                self.app.session.activate()
        self.app.pop()


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
        named = saves.list_slots()
        autos = [] if self.saving else saves.list_autosaves()
        self.slots = named + autos
        col = CardColumn(self, pygame.Rect(20, y, min(900, w - 40), h - y - 60))
        if autos:
            col.heading("Saved games")
        for slot in named:
            panel = col.card(self._text(slot), 100,
                             [("Overwrite" if self.saving else "Load", f"{'over' if self.saving else 'load'}:{slot.name}",
                               None, True), ("Delete", f"delete:{slot.name}", None, True)])
            self._thumb(panel, slot)
        if not named:
            col.card("<i>No saved games yet.</i>", 50)
        if autos:
            keep = self.app.rules.settings.autosave_keep if self.app.rules is not None else len(autos)
            col.heading(f"Autosaves (one per turn, the newest {keep} kept)")
            for slot in autos:
                col.card(self._text(slot), 0, [("Load", f"load:{slot.name}", f"Load {slot.path.name}", True)])
        self.button((20, h - 52, 160, 40), "Back (Esc)", "back")

    @staticmethod
    def _text(slot: saves.Slot) -> str:
        when = dt.datetime.fromtimestamp(slot.saved_at).strftime("%Y-%m-%d %H:%M") if slot.saved_at else ""
        what = " · ".join(html.escape(x) for x in (slot.country, slot.date) if x) or "<i>no description (damaged?)</i>"
        scenario = f" · scenario {html.escape(slot.scenario)}" if slot.scenario else ""
        return (f"<b>{html.escape(slot.name)}</b><br>{what}{scenario}<br>"
                f"<font color='#9fb0c8'>{'autosaved' if slot.auto else 'saved'} {when}</font>")

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
