"""Runs the lab: N AI-only games per lens in worker processes, then writes the report folder.

Every lens plays the same seeds (1..N from --seed), so a difference between lenses is the
lens's doing. Games are dealt out seed by seed, lens by lens, so partial progress is balanced.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from game.lab import worker
from game.lab.progress import Progress
from game.lab.report import aggregate, charts, markdown


@dataclass
class LabOptions:
    scenario: str
    games: int
    lenses: list[str]
    rules_root: Path
    mod_dirs: list[Path] = field(default_factory=list)
    workers: int = 0  # 0: one per CPU
    turns: int | None = None  # None: play until the game ends
    seed: int = 1
    out: Path = Path("lab-report")
    command: str = ""


@dataclass
class LabResult:
    out: Path
    results: list[dict]
    failed: list[dict]


def jobs_for(opts: LabOptions) -> list[dict]:
    return [{"lens": lens, "seed": opts.seed + i, "scenario": opts.scenario, "turns": opts.turns}
            for i in range(opts.games) for lens in opts.lenses]


def workers_for(opts: LabOptions, jobs: int) -> int:
    wanted = opts.workers if opts.workers > 0 else (os.cpu_count() or 1)
    return max(1, min(wanted, jobs))


def play_all(opts: LabOptions, rules, stream: TextIO | None = None) -> list[dict]:
    jobs = jobs_for(opts)
    progress = Progress(len(jobs), opts.lenses, stream)
    results: list[dict] = []
    count = workers_for(opts, len(jobs))
    if count == 1:  # no child processes: simpler to debug, and the rules are already loaded
        worker._rules = rules
        for job in jobs:
            results.append(worker.play_game(job))
            progress.update(results[-1])
    else:
        ctx = multiprocessing.get_context("spawn")  # fork is unsafe with threads and absent on Windows
        args = (str(opts.rules_root), [str(m) for m in opts.mod_dirs])
        with ctx.Pool(count, initializer=worker.init_worker, initargs=args) as pool:
            for result in pool.imap_unordered(worker.play_game, jobs):
                results.append(result)
                progress.update(result)
    progress.finish()
    order = {lens: i for i, lens in enumerate(opts.lenses)}
    return sorted(results, key=lambda r: (order.get(r["lens"], 99), r["seed"]))


def run_lab(opts: LabOptions, rules, stream: TextIO | None = None) -> LabResult:
    """Play every game and write report.md, results.json and the charts into opts.out."""
    started = time.monotonic()
    results = play_all(opts, rules, stream)
    failed = [r for r in results if "error" in r]
    out = opts.out
    out.mkdir(parents=True, exist_ok=True)
    stats = aggregate(results, opts.lenses)
    good = [r for r in results if "error" not in r]
    dates = max((r["dates"] for r in good), key=len, default=[])
    doctrines = sorted(rules.doctrines)
    chart_files, note = charts(out, stats, doctrines, dates) if good else ([], "no game finished: no charts")
    meta = {
        "scenario": opts.scenario, "games": opts.games, "lenses": opts.lenses,
        "seeds": f"{opts.seed}–{opts.seed + opts.games - 1}" if opts.games > 1 else str(opts.seed),
        "turns": f"up to {opts.turns}" if opts.turns else "until each game ends",
        "dates": f"{dates[0]} to {dates[-1]} at the longest" if dates else "no turns",
        "fingerprint": rules.fingerprint, "layers": list(rules.layers),
        "when": time.strftime("%Y-%m-%d %H:%M"), "workers": workers_for(opts, len(results)),
        "seconds": time.monotonic() - started, "command": opts.command or "python main.py lab ...",
    }
    claim_names = {cid: c.name for cid, c in rules.claims.items()}
    doctrine_names = {d: rules.doctrines[d].name for d in doctrines}
    text = markdown(meta, stats, failed, claim_names, doctrine_names, chart_files, note)
    (out / "report.md").write_text(text, encoding="utf-8")
    (out / "results.json").write_text(json.dumps({"meta": meta, "games": results}, indent=1, sort_keys=True), encoding="utf-8")
    return LabResult(out, results, failed)


def default_out(scenario: str) -> Path:
    return Path("lab-reports") / f"{scenario}-{time.strftime('%Y%m%d-%H%M%S')}"


__all__ = ["LabOptions", "LabResult", "default_out", "run_lab"]
