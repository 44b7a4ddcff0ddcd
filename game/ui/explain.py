"""Explaining numbers: what fed a figure this turn, which rules did it and the claims behind them.

The simulation keeps `session.breakdown` after each turn: stat -> [(source id, change)], where a
source is a dynamic id, "capital_income", or "doctrine:<id>", "policy:<id>",
"institution:<id>", "movement:<id>", and a change is a per-country array or one number.
Tooltips cannot be clicked, so they summarise and say "click"; the explain screen and every
other text box carry `<a href='claim:ID'>` links into the codex.
"""

from __future__ import annotations

import html

_DYNAMICS: dict[int, tuple[object, dict]] = {}  # id(rules) -> (rules, dynamics by id)


def dynamics_by_id(rules) -> dict:
    found = _DYNAMICS.get(id(rules))
    if found is None or found[0] is not rules:  # an id can be reused once a ruleset is freed
        if len(_DYNAMICS) > 4:
            _DYNAMICS.clear()
        found = _DYNAMICS[id(rules)] = (rules, {d.id: d for d in rules.dynamics})
    return found[1]


KIND_OF_SOURCE = {"doctrine": ("doctrines", "Doctrine"), "policy": ("policies", "Policy"),
                  "institution": ("institutions", "Member of"), "movement": ("movements", "Movement")}


def source_of(rules, source: str) -> tuple[str, tuple[str, ...], str]:
    """(display name, claims, what kind of rule) for a breakdown source id."""
    if source == "capital_income":
        return "Income from approval, stability and regime", (), "settings"
    prefix, _, ident = source.partition(":")
    if ident and prefix in KIND_OF_SOURCE:
        table, label = KIND_OF_SOURCE[prefix]
        rule = getattr(rules, table, {}).get(ident)
        if rule is not None:
            return f"{label}: {rule.name}", tuple(rule.claims), prefix
        return f"{label}: {ident}", (), prefix
    d = dynamics_by_id(rules).get(source)
    if d is not None:
        return d.name, tuple(d.claims), "dynamic"
    return rule_claims(rules, source)[0], rule_claims(rules, source)[1], "rule"


def rule_claims(rules, rule_id: str) -> tuple[str, tuple[str, ...]]:
    """The display name and claims of a rule id of any kind (used for events and old sources)."""
    d = dynamics_by_id(rules).get(rule_id)
    if d is not None:
        return d.name, tuple(d.claims)
    for kind in ("policies", "doctrines", "actions", "crises", "institutions", "resolutions", "movements"):
        found = getattr(rules, kind, {}).get(rule_id)
        if found is not None:
            return found.name, tuple(getattr(found, "claims", ()))
    return rule_id.replace("_", " "), ()


def breakdown_keys(rules, stat: str) -> tuple[str, ...]:
    """Where a figure's changes are filed: world figures as world.<id>, movements as movement.<id>."""
    if stat.startswith(("world.", "movement.")):
        return (stat,)
    d = rules.stats.get(stat)
    if d is not None and d.scope == "world":
        return (f"world.{stat}", stat)
    if stat in getattr(rules, "movements", {}):
        return (f"movement.{stat}",)
    return (stat,)


def contributions(session, code: str | None, stat: str) -> list[tuple[str, float]]:
    """(source id, change this turn) for one country (or the world when code is None), biggest
    first; the same source filed twice is summed."""
    sums: dict[str, float] = {}
    row = session.row(code) if code is not None and code in session.rows else None
    for key in breakdown_keys(session.rules, stat):
        for entry in session.breakdown.get(key, ()):
            try:
                source, change = str(entry[0]), entry[1]
            except (TypeError, IndexError):
                continue
            try:
                value = float(change[row]) if hasattr(change, "__len__") and row is not None else float(change)
            except (TypeError, IndexError, ValueError):
                continue
            sums[source] = sums.get(source, 0.0) + value
    return sorted(((s, v) for s, v in sums.items() if abs(v) >= 0.005), key=lambda x: (-abs(x[1]), x[0]))


def fmt(rules, stat: str, value: float) -> str:
    d = rules.stats.get(stat)
    if d is None:
        return f"{value:.0f}"
    unit = f" {d.unit}" if d.unit and d.unit not in ("%",) else d.unit
    return f"{value:.{d.decimals}f}{unit}"


def stat_value(session, code: str | None, stat: str) -> float:
    if code:
        return session.stat(code, stat)
    return float(session.table.world.get(stat.removeprefix("world."), 0.0))


def stat_name(rules, stat: str) -> str:
    key = stat.split(".", 1)[1] if stat.startswith(("world.", "movement.")) else stat
    d = rules.stats.get(key) or getattr(rules, "movements", {}).get(key)
    return d.name if d is not None else key.replace("_", " ")


def _change(value: float) -> str:
    colour = "#9be39b" if value > 0 else "#ff8a7a"
    return f"<font color='{colour}'>{value:+.2f}</font>" if abs(value) < 0.1 else \
        f"<font color='{colour}'>{value:+.1f}</font>"


def explain_stat(session, code: str | None, stat: str, limit: int = 5) -> str:
    """HTML for a tooltip: the figure, what it means, what moved it, and the claims behind it."""
    rules = session.rules
    d = rules.stats.get(stat)
    lines = [f"<b>{html.escape(stat_name(rules, stat))}: {html.escape(fmt(rules, stat, stat_value(session, code, stat)))}</b>"]
    if d is not None:
        lines.append(f"<i>{html.escape(d.description)}</i>")
    parts = contributions(session, code, stat)
    claims: list[str] = []
    if parts:
        lines.append("<b>Last turn:</b>")
        for source, change in parts[:limit]:
            name, rclaims, _ = source_of(rules, source)
            lines.append(f"{_change(change)} {html.escape(name)}")
            claims.extend(c for c in rclaims if c not in claims)
        if len(parts) > limit:
            lines.append(f"… and {len(parts) - limit} more")
    else:
        lines.append("No rule changed it last turn." if session.turn else "Nothing has changed it yet: end a turn.")
    if claims:
        names = [rules.claims[c].name for c in claims[:3] if c in rules.claims]
        lines.append("<b>Claims:</b> " + html.escape("; ".join(names)))
    lines.append("<font color='#f0c060'>Click for every source, the claims and the codex.</font>")
    return "<br>".join(lines)


def claim_links(rules, claim_ids, limit: int = 6) -> str:
    """Claim names as links into the codex."""
    out = [f"<a href='claim:{html.escape(c)}'>{html.escape(rules.claims[c].name)}</a>"
           for c in list(dict.fromkeys(claim_ids))[:limit] if c in rules.claims]
    return "; ".join(out)


def claims_html(rules, claim_ids, limit: int = 4) -> str:
    """Each claim linked, with the game's paraphrase."""
    out = []
    for cid in list(claim_ids)[:limit]:
        c = rules.claims.get(cid)
        if c is not None:
            out.append(f"• <a href='claim:{html.escape(cid)}'>{html.escape(c.name)}</a> — {html.escape(c.text)}")
    return "<br>".join(out)


def explain_page(session, code: str | None, stat: str) -> str:
    """The full breakdown for the explain screen: every source, its rule kind, its claims as links."""
    rules = session.rules
    d = rules.stats.get(stat)
    who = session.info(code).name if code else "the world"
    out = [f"<font color='#f0c060'><b>{html.escape(stat_name(rules, stat))} of {html.escape(who)}: "
           f"{html.escape(fmt(rules, stat, stat_value(session, code, stat)))}</b></font>"]
    if d is not None:
        out.append(f"<i>{html.escape(d.description)}</i>")
    parts = contributions(session, code, stat)
    out.append("")
    if not parts:
        out.append("No rule changed it last turn." if session.turn else "Nothing has changed it yet: end a turn "
                   "and this page lists every rule that moved it, with the claims behind each.")
    else:
        total = sum(v for _, v in parts)
        out.append(f"<b>What changed it last turn</b> (net {total:+.2f}; the turn's events, such as policies "
                   "enacted or crisis responses, come on top):")
        for source, change in parts:
            name, rclaims, kind = source_of(rules, source)
            links = claim_links(rules, rclaims, 4)
            desc = ""
            dyn = dynamics_by_id(rules).get(source)
            if dyn is not None:
                desc = f"<br>   <font color='#9fb0c8'>{html.escape(dyn.description)}</font>"
            out.append(f"{_change(change)}  <b>{html.escape(name)}</b> <font color='#9fb0c8'>({kind})</font>{desc}"
                       + (f"<br>   claims: {links}" if links else ""))
    return "<br>".join(out)


def motives_html(session, code: str, limit: int = 4) -> str:
    """What an AI country did last turn and why, with the claims as links."""
    rules = session.rules
    motives = (getattr(session, "last_motives", None) or session.motives or {}).get(code, ())
    out = []
    for m in list(motives)[:limit]:
        why = html.escape(str(m.get("why", "")))
        target = m.get("target")
        tname = f" → {html.escape(session.info(target).name)}" if target in session.rows else ""
        links = claim_links(rules, m.get("claims", ()), 2)
        out.append(f"• {why}{tname}" + (f" <font color='#9fb0c8'>({links})</font>" if links else ""))
    return "<br>".join(out)
