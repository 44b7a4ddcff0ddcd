"""The mod manager: enable, order, and the errors of broken mods."""

from __future__ import annotations

import html

import pygame
from pygame_gui.elements import UITextBox

from game.paths import mods_dir
from game.ui.cards import CardColumn
from game.ui.screen import Screen


def installed_mods():
    from game.rules.mods import read_manifest

    folder = mods_dir()
    found = []
    for sub in sorted(folder.iterdir()) if folder.is_dir() else ():
        if sub.is_dir():
            info, problems = read_manifest(sub)
            found.append((sub.name, info, problems))
    return found


class ModsScreen(Screen):
    def build(self) -> None:
        w, h = self.size
        st = self.app.settings
        self.label((20, 8, w - 40, 30), f"Mods — folder: {mods_dir()}", "#heading")
        mods = installed_mods()
        order = [m for m in st.mods] + [name for name, _, _ in mods if name not in st.mods]
        col = CardColumn(self, pygame.Rect(20, 44, min(900, w - 40), h - 44 - 200))
        for name in order:
            entry = next((m for m in mods if m[0] == name), None)
            if entry is None:
                continue
            _, info, problems = entry
            on = name in st.mods
            text = (f"<b>{html.escape(info.name if info else name)}</b> {html.escape(info.version if info else '')}"
                    f" · {'<font color=#9be39b>enabled</font>' if on else 'disabled'}<br>"
                    f"{html.escape(info.description if info else '')}")
            if problems:
                text += "<br><font color='#ff8a7a'>" + "<br>".join(
                    html.escape(f"{p.file}:{p.line}: {p.path}: {p.message}") for p in problems[:3]) + "</font>"
            col.card(text, 110, [("Disable" if on else "Enable", f"toggle:{name}", None, info is not None),
                                 ("Load earlier", f"up:{name}", None, on)], highlight=on)
        if not mods:
            col.card("<i>No mods installed. A mod is a folder with a mod.yaml manifest; put it in the folder above.</i>", 60)
        problems = self.app.mod_problems
        text = ("<b>Problems from the last load:</b><br>" + "<br>".join(
            html.escape(f"{p.file}:{p.line}: {p.path}: {p.message}") for p in problems[:30])) if problems else \
            "<i>The enabled mods loaded cleanly.</i>"
        UITextBox(text, pygame.Rect(20, h - 150, min(900, w - 40), 92), self.ui, container=self.root)
        self.button((20, h - 52, 160, 40), "Back (Esc)", "back")
        self.button((190, h - 52, 220, 40), "Apply and reload rules", "apply",
                    "Reload the rules with these mods (a running game keeps its rules)")

    def on_button(self, command: str) -> None:
        st = self.app.settings
        name, _, arg = command.partition(":")
        if name == "toggle":
            st.mods = [m for m in st.mods if m != arg] if arg in st.mods else [*st.mods, arg]
        elif name == "up" and arg in st.mods:
            i = st.mods.index(arg)
            if i > 0:
                st.mods[i - 1], st.mods[i] = st.mods[i], st.mods[i - 1]
        elif name == "apply":
            self.app.reload_rules()
            ok = self.app.rules is not None
            self.app.toast("Rules reloaded" if ok else "The rules did not load", bad=not ok)
        else:
            self.app.pop()
            return
        self.app.save_settings()
        self.rebuild()
