"""The mod manager: enable, order, and the errors of broken mods (which the game switched off)."""

from __future__ import annotations

import html

import pygame
from pygame_gui.elements import UITextBox

from game.paths import mods_dir
from game.ui.cards import CardColumn
from game.ui.screen import Screen


def installed_mods():
    """(folder name, manifest info or None, manifest problems) for every folder in the mods folder."""
    from game.rules.mods import read_manifest

    folder = mods_dir()
    found = []
    for sub in sorted(folder.iterdir()) if folder.is_dir() else ():
        if sub.is_dir():
            info, problems = read_manifest(sub)
            found.append((sub.name, info, problems))
    return found


def problem_line(p) -> str:
    return html.escape(f"{p.file}:{p.line}: {p.path}: {p.message}")


class ModsScreen(Screen):
    def build(self) -> None:
        w, h = self.size
        st = self.app.settings
        self.label((20, 8, w - 40, 30), "Mods", "#heading")
        intro = UITextBox(f"Folder: <b>{html.escape(str(mods_dir()))}</b><br>A mod is a folder with a mod.yaml "
                          "manifest; later mods override earlier ones. Mods are data only: no code runs from a mod.",
                          pygame.Rect(20, 40, min(1000, w - 40), -1), self.ui, container=self.root,
                          object_id="#card_text")
        top = 40 + intro.rect.h + 4
        mods = installed_mods()
        loaded = {m.folder.name: m for m in getattr(self.app.rules_result, "mods", ())}
        order = [m for m in st.mods] + [name for name, _, _ in mods if name not in st.mods]
        col = CardColumn(self, pygame.Rect(20, top, min(1000, w - 40), h - top - 160))
        for name in order:
            entry = next((m for m in mods if m[0] == name), None)
            if entry is None:
                continue
            _, info, problems = entry
            on = name in st.mods
            state = loaded.get(name)
            broken = on and state is not None and not state.enabled
            status = ("<font color='#ff8a7a'>switched off: it does not load</font>" if broken else
                      "<font color='#9be39b'>enabled</font>" if on else "disabled")
            text = [f"<b>{html.escape(info.name if info else name)}</b> {html.escape(info.version if info else '')}"
                    f" · {status}", html.escape(info.description if info else "")]
            shown = list(problems) + (list(state.problems) if state is not None else [])
            if shown:
                text.append("<font color='#ff8a7a'>" + "<br>".join(problem_line(p) for p in shown[:4]) + "</font>"
                            + (f"<br>… and {len(shown) - 4} more" if len(shown) > 4 else ""))
            col.card("<br>".join(text), 0, [("Disable" if on else "Enable", f"toggle:{name}", None, info is not None),
                                            ("Load earlier", f"up:{name}", "Earlier mods are overridden by later ones",
                                             on and st.mods.index(name) > 0)], highlight=on and not broken)
        if not mods:
            col.card("<i>No mods installed. Put a mod's folder in the folder above, then come back here.</i>")
        problems = self.app.mod_problems
        text = ("<b>Problems from the last load:</b><br>" + "<br>".join(problem_line(p) for p in problems[:30])) \
            if problems else "<i>The enabled mods loaded cleanly.</i>"
        UITextBox(text, pygame.Rect(20, h - 150, min(1000, w - 40), 92), self.ui, container=self.root)
        self.button((20, h - 52, 160, 40), "Back (Esc)", "back")
        self.button((190, h - 52, 260, 40), "Apply and reload rules (F9)", "apply",
                    "Load the rules with these mods; a running game moves onto them")

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
            from game.ui import rulesource

            self.app.save_settings()
            rulesource.hot_reload(self.app)
            if self.app.top is self:
                self.rebuild()
            return
        else:
            self.app.pop()
            return
        self.app.save_settings()
        self.rebuild()
