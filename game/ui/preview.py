"""Previewed effects of a policy, action or crisis response, as short text for the player."""

from __future__ import annotations

import html


def _stat_name(rules, stat: str) -> str:
    key = stat.split(".", 1)[1] if stat.startswith(("world.", "movement.")) else stat
    d = rules.stats.get(key)
    if d is not None:
        return d.name
    m = getattr(rules, "movements", {}).get(key)
    if m is not None:
        return m.name
    return key.replace("_", " ")


def preview(session, effects, claims, actor: str, target: str | None = None, crisis=None,
            institution=None, scale: float = 1.0) -> list[str]:
    """What the effects would change now, without changing anything (times `scale`: an action
    others already took on the same target this turn has less effect, see
    game.sim.actions.crowd_scale)."""
    if not effects:
        return []
    try:
        from game.sim.effects import apply_effects
        from game.sim.scope import Scope

        kw = {}
        if target is not None and target in session.rows:
            kw["target"] = session.row(target)
        if crisis is not None:
            kw["crisis"] = crisis
            kw["location"] = session.row(crisis.location)
        if institution is not None:
            kw["institution"] = institution
        scope = Scope(session, session.row(actor), **kw)
        changes = apply_effects(session, tuple(effects), tuple(claims), scope, preview=True, scale=scale)
    except Exception:  # a preview must never break the screen; fall back to the rule text
        return [describe(session.rules, e) for e in effects]
    out = []
    for ch in changes:
        if ch.stat.startswith(("crisis.", "institution.")):
            who, stat = ("Crisis" if ch.stat.startswith("crisis.") else ch.who), ch.stat.split(".", 1)[1]
        else:
            who = "world" if ch.who == "world" else (session.info(ch.who).name if ch.who in session.rows else ch.who)
            stat = _stat_name(session.rules, ch.stat)
        good = (ch.amount < 0) == (ch.stat.split(".")[-1] in LOWER_IS_BETTER)
        out.append(("+ " if good else "- ") + f"{who}: {stat} {ch.amount:+.1f}")
    return out or ["no immediate change"]


LOWER_IS_BETTER = {"severity", "unrest", "debt", "polarisation", "corruption", "disorder", "threat", "inequality",
                   "divergence"}


def describe(rules, effect) -> str:
    to = "" if effect.to == "self" else f" ({effect.to})"
    return f"{_stat_name(rules, effect.stat)} {effect.add}{to}"


def preview_html(lines: list[str], limit: int = 8) -> str:
    out = []
    for line in lines[:limit]:
        # preview() marks each line "+ " (good for the actor) or "- " (bad); other lines are plain.
        colour = {"+ ": "#9be39b", "- ": "#ff8a7a"}.get(line[:2], "#e8e4d6")
        text = line[2:] if line[:2] in ("+ ", "- ") else line
        out.append(f"<font color='{colour}'>{html.escape(text)}</font>")
    if len(lines) > limit:
        out.append(f"… and {len(lines) - limit} more")
    return "<br>".join(out)
