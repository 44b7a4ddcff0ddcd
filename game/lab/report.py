"""The lab report: per-lens statistics from the game summaries, as Markdown plus PNG charts."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

OUTCOME_KINDS = ("victory", "points", "collapse", "no winner", "unfinished")
OUTCOME_NAMES = {"victory": "won outright", "points": "won on points", "collapse": "order collapsed",
                 "no winner": "no winner", "unfinished": "unfinished (turn limit)"}
REGIME_NAMES = {"democracy": "democracies", "hybrid": "hybrid regimes", "autocracy": "autocracies"}


@dataclass
class LensStats:
    lens: str
    games: list[dict]
    outcomes: Counter = field(default_factory=Counter)
    winners: Counter = field(default_factory=Counter)  # doctrine -> games won
    countries: Counter = field(default_factory=Counter)  # winning country -> games won
    series: dict[str, list[float]] = field(default_factory=dict)  # figure -> mean per turn
    claims: Counter = field(default_factory=Counter)  # claim -> times cited, all games
    counters: dict[str, float] = field(default_factory=dict)  # counter -> mean per game
    regimes: dict[str, float] = field(default_factory=dict)  # regime -> mean countries at the end

    @property
    def n(self) -> int:
        return len(self.games)

    def final(self, figure: str) -> list[float]:
        return [g["series"][figure][-1] for g in self.games if g["series"][figure]]

    def peak(self, figure: str) -> list[float]:
        return [max(g["series"][figure]) for g in self.games if g["series"][figure]]


def mean_series(games: list[dict], figure: str) -> list[float]:
    """Mean over the games still running at each turn (games that ended early drop out)."""
    longest = max((len(g["series"][figure]) for g in games), default=0)
    out = []
    for i in range(longest):
        vals = [g["series"][figure][i] for g in games if i < len(g["series"][figure])]
        out.append(round(statistics.fmean(vals), 3))
    return out


def aggregate(results: list[dict], lenses: list[str]) -> dict[str, LensStats]:
    stats = {}
    for lens in lenses:
        games = [r for r in results if r.get("lens") == lens and "error" not in r]
        s = LensStats(lens, games)
        for g in games:
            s.outcomes[g["outcome"]["kind"]] += 1
            if g["outcome"]["doctrine"]:
                s.winners[g["outcome"]["doctrine"]] += 1
                s.countries[g["outcome"]["winner"]] += 1
            s.claims.update(g["claims"])
        for figure in ("disorder", "democracy", "crises"):
            s.series[figure] = mean_series(games, figure)
        keys = sorted({k for g in games for k in g["counters"]})
        s.counters = {k: statistics.fmean(g["counters"].get(k, 0) for g in games) for k in keys} if games else {}
        regimes = sorted({k for g in games for k in g["regimes"]})
        s.regimes = {k: statistics.fmean(g["regimes"].get(k, 0) for g in games) for k in regimes} if games else {}
        stats[lens] = s
    return stats


def _ms(values: list[float]) -> str:
    if not values:
        return "–"
    if len(values) == 1:
        return f"{values[0]:.1f}"
    return f"{statistics.fmean(values):.1f} ± {statistics.stdev(values):.1f}"


def _table(head: list[str], rows: list[list[object]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join(" --- " for _ in head) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out + [""]


def charts(out: Path, stats: dict[str, LensStats], doctrines: list[str], dates: list[str]) -> tuple[list[str], str]:
    """Draw the PNG charts; (file names, "" or why there are none)."""
    try:
        from game.ui import charts_png
    except ImportError as exc:  # pygame missing: the report still says everything in tables
        return [], f"charts not drawn ({exc})"
    made = []
    for figure, title, label, rng in (("disorder", "World disorder over time (mean of games)", "disorder (0-100)", None),
                                      ("democracy", "Democracy index over time (mean over countries and games)", "democracy index (0-100)", None),
                                      ("crises", "Running crises over time (mean of games)", "crises", None)):
        charts_png.line_chart(out / f"{figure}.png", title, {lens: s.series[figure] for lens, s in stats.items()},
                              dates, label, rng)
        made.append(f"{figure}.png")
    groups = [*doctrines, "collapse", "no winner"]
    values = {lens: [float(s.winners.get(d, 0)) for d in doctrines] + [float(s.outcomes["collapse"]),
                                                                      float(s.outcomes["no winner"] + s.outcomes["unfinished"])]
              for lens, s in stats.items()}
    charts_png.bar_chart(out / "winners.png", "Winners by doctrine (games)", groups, values, "games", integer=True)
    made.append("winners.png")
    return made, ""


def markdown(meta: dict, stats: dict[str, LensStats], failed: list[dict], claim_names: dict[str, str],
             doctrine_names: dict[str, str], chart_files: list[str], chart_note: str) -> str:
    lenses = list(stats)
    doctrines = list(doctrine_names)
    lines = [f"# Lab report: scenario {meta['scenario']}, lenses {', '.join(lenses)}", ""]
    lines += [f"- Games: {meta['games']} per lens, AI only, the same seeds for every lens ({meta['seeds']}), "
              f"so differences come from the lens, not the dice.",
              f"- Turns: {meta['turns']} ({meta['dates']}).",
              f"- Rules: fingerprint `{meta['fingerprint']}`, layers {', '.join(meta['layers'])}.",
              f"- Run: {meta['when']}, {meta['workers']} worker process(es), {meta['seconds']:.0f} s.",
              f"- Reproduce: `{meta['command']}`", ""]
    if chart_note:
        lines += [f"_{chart_note}_", ""]
    lines += ["## Outcomes per lens", ""]
    lines += _table(["lens", "games", *(OUTCOME_NAMES[k] for k in OUTCOME_KINDS)],
                    [[lens, s.n, *(s.outcomes.get(k, 0) for k in OUTCOME_KINDS)] for lens, s in stats.items()])
    lines += ["## Winners by doctrine", "", "Games won by a country of each doctrine (its doctrine when the game ended).", ""]
    lines += _table(["lens", *(doctrine_names[d] for d in doctrines), "winning countries"],
                    [[lens, *(s.winners.get(d, 0) for d in doctrines),
                      ", ".join(f"{c} ×{n}" for c, n in sorted(s.countries.items(), key=lambda kv: (-kv[1], kv[0]))) or "–"]
                     for lens, s in stats.items()])
    if "winners.png" in chart_files:
        lines += ["![Winners by doctrine](winners.png)", ""]
    lines += ["## Disorder over time", ""]
    lines += _table(["lens", "start", "end (mean ± sd)", "peak (mean ± sd)"],
                    [[lens, _ms([g["series"]["disorder"][0] for g in s.games]), _ms(s.final("disorder")), _ms(s.peak("disorder"))]
                     for lens, s in stats.items()])
    if "disorder.png" in chart_files:
        lines += ["![Disorder over time](disorder.png)", ""]
    lines += ["## Democracy index", "", "Mean democracy index over all countries; regimes counted at the end.", ""]
    regimes = sorted({r for s in stats.values() for r in s.regimes}, key=lambda r: (list(REGIME_NAMES).index(r) if r in REGIME_NAMES else 9, r))
    lines += _table(["lens", "start", "end (mean ± sd)", *(f"{REGIME_NAMES.get(r, r)} at end" for r in regimes)],
                    [[lens, _ms([g["series"]["democracy"][0] for g in s.games]), _ms(s.final("democracy")),
                      *(f"{s.regimes.get(r, 0):.1f}" for r in regimes)] for lens, s in stats.items()])
    if "democracy.png" in chart_files:
        lines += ["![Democracy index over time](democracy.png)", ""]
    lines += ["## Crises", "", "Per game (mean).", ""]
    keys = [("crises_started", "crises started"), ("crises_resolved", "resolved"), ("resolutions_voted", "resolutions voted"),
            ("vetoes", "vetoes"), ("elections", "elections"), ("governments_fallen", "governments fallen"),
            ("doctrine_changed", "doctrine changes")]
    lines += _table(["lens", *(name for _, name in keys), "running at the end"],
                    [[lens, *(f"{s.counters.get(k, 0):.1f}" for k, _ in keys), _ms(s.final("crises"))] for lens, s in stats.items()])
    if "crises.png" in chart_files:
        lines += ["![Running crises over time](crises.png)", ""]
    lines += claims_section(stats, claim_names)
    if failed:
        lines += ["## Games that failed", ""]
        for r in failed:
            first = r["error"].strip().splitlines()[-1] if r.get("error") else "?"
            lines += [f"- {r['lens']} seed {r['seed']}: {first}"]
        lines += [""]
    return "\n".join(lines)


def claims_section(stats: dict[str, LensStats], claim_names: dict[str, str], top: int = 15) -> list[str]:
    """Which claims fired most: how often each was cited by the game's events, per game."""
    total: Counter = Counter()
    for s in stats.values():
        for claim, n in s.claims.items():
            total[claim] += n / max(1, s.n)
    ranked = [c for c, _ in sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
    lines = ["## Claims that fired most", "",
             "Times per game the events of a game cited each claim (crises, responses, votes, elections...), "
             f"the {len(ranked)} most cited over all lenses.", ""]
    rows = [[f"`{c}`", claim_names.get(c, ""), *(f"{s.claims.get(c, 0) / max(1, s.n):.1f}" for s in stats.values())] for c in ranked]
    return lines + _table(["claim", "name", *stats], rows)
