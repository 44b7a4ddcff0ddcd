"""Tooltips that explain numbers: what fed a figure this turn, and the claims behind it."""

from __future__ import annotations

import html

KINDS = ("dynamics", "policies", "doctrines", "actions", "crises", "institutions", "resolutions", "movements")


def rule_claims(rules, rule_id: str) -> tuple[str, tuple[str, ...]]:
    """The display name and claims of a rule id, whatever kind it is (dynamics, policies...)."""
    for d in rules.dynamics:
        if d.id == rule_id:
            return d.name, tuple(d.claims)
    for kind in KINDS[1:]:
        found = getattr(rules, kind, {}).get(rule_id)
        if found is not None:
            return found.name, tuple(getattr(found, "claims", ()))
    if "." in rule_id:  # e.g. "crisis.sudan_war" or "policy.x": try the last part
        return rule_claims(rules, rule_id.rsplit(".", 1)[-1]) if rule_id.rsplit(".", 1)[-1] != rule_id else (rule_id, ())
    return rule_id.replace("_", " "), ()


def fmt(rules, stat: str, value: float) -> str:
    d = rules.stats.get(stat)
    if d is None:
        return f"{value:.0f}"
    unit = f" {d.unit}" if d.unit and d.unit not in ("%",) else d.unit
    return f"{value:.{d.decimals}f}{unit}"


def contributions(session, code: str | None, stat: str) -> list[tuple[str, float]]:
    """(rule id, change this turn) for one country (or the world when code is None)."""
    out = []
    for entry in session.breakdown.get(stat, ()):
        try:
            rule_id, change = entry[0], entry[1]
        except (TypeError, IndexError):
            continue
        if hasattr(change, "__len__") and code is not None:
            try:
                value = float(change[session.row(code)])
            except (IndexError, KeyError, TypeError):
                continue
        else:
            try:
                value = float(change)
            except TypeError:
                continue
        if abs(value) >= 0.005:
            out.append((str(rule_id), value))
    return sorted(out, key=lambda x: -abs(x[1]))


def explain_stat(session, code: str | None, stat: str, limit: int = 6) -> str:
    """HTML for a tooltip: the figure, what it means, what moved it, which claims."""
    rules = session.rules
    d = rules.stats.get(stat)
    name = d.name if d else stat
    value = session.stat(code, stat) if code else session.table.world.get(stat, 0.0)
    lines = [f"<b>{html.escape(name)}: {html.escape(fmt(rules, stat, value))}</b>"]
    if d is not None:
        lines.append(f"<i>{html.escape(d.description)}</i>")
    parts = contributions(session, code, stat)
    claims: list[str] = []
    if parts:
        lines.append("<b>What fed it this turn:</b>")
        for rule_id, change in parts[:limit]:
            rname, rclaims = rule_claims(rules, rule_id)
            colour = "#9be39b" if change > 0 else "#ff8a7a"
            lines.append(f"<font color='{colour}'>{change:+.1f}</font> {html.escape(rname)}")
            claims.extend(c for c in rclaims if c not in claims)
        if len(parts) > limit:
            lines.append(f"… and {len(parts) - limit} smaller effects")
    else:
        lines.append("Nothing changed it this turn.")
    if claims:
        lines.append("<b>Claims behind it</b> (see the Codex, C):")
        for cid in claims[:4]:
            c = rules.claims.get(cid)
            lines.append(f"• {html.escape(c.name if c else cid)}")
    return "<br>".join(lines)


def claims_html(rules, claim_ids, limit: int = 4) -> str:
    out = []
    for cid in list(claim_ids)[:limit]:
        c = rules.claims.get(cid)
        if c is not None:
            out.append(f"• <b>{html.escape(c.name)}</b> — {html.escape(c.text)}")
    return "<br>".join(out)
