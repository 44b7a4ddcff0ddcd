"""Coverage of the claims ledger: every claim is in the rules, cited by a rule, and has a
behaviour test named after it (test_<id with dots and dashes as underscores>)."""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from pathlib import Path

import pytest
import yaml

import tests.claims
from game.rules.checks import walk

ROOT = Path(__file__).resolve().parents[2]
# The ledger lives with the design documents, outside the repository; the rules' own copy of
# the ids (rules/claims.yaml) stands in where it is not available.
LEDGER = ROOT.parent / "shared" / "claims" / "ledger.yaml"


def ledger_ids() -> list[str] | None:
    if not LEDGER.is_file():
        return None
    return [c["id"] for c in yaml.safe_load(LEDGER.read_text(encoding="utf-8"))["claims"]]


def rule_claim_ids() -> list[str]:
    data = yaml.safe_load((ROOT / "rules" / "claims.yaml").read_text(encoding="utf-8"))
    return [c["id"] for c in data["claims"]]


CLAIMS = ledger_ids() or rule_claim_ids()


def claim_test_name(claim: str) -> str:
    return "test_" + re.sub(r"[.\-]", "_", claim)



@functools.cache
def behaviour_tests() -> dict[str, str]:
    """test function name -> module, over every module of this package."""
    found: dict[str, str] = {}
    for info in pkgutil.iter_modules(tests.claims.__path__):
        if not info.name.startswith("test_") or info.name in ("test_coverage", "test_removal"):
            continue
        module = importlib.import_module(f"tests.claims.{info.name}")
        for name, obj in vars(module).items():
            if name.startswith("test_") and callable(obj) and getattr(obj, "__module__", "") == module.__name__:
                found[name] = info.name
    return found


def test_the_ledger_has_88_claims():
    assert len(CLAIMS) == 88 and len(set(CLAIMS)) == 88


def test_every_ledger_claim_is_in_the_rules(rules):
    ledger = ledger_ids()
    if ledger is None:
        pytest.skip(f"no ledger at {LEDGER}")
    missing = [c for c in ledger if c not in rules.claims]
    assert not missing, f"ledger claims missing from rules/claims.yaml: {missing}"
    extra = [c for c in rules.claims if c not in ledger]
    assert not extra, f"rules/claims.yaml has claims the ledger lacks: {extra}"


def test_every_claim_is_cited_by_a_rule(rules):
    uncited = [c for c in CLAIMS if not [k for k, _ in rules.cited_by.get(c, ()) if k != "claims"]]
    assert not uncited, f"claims no rule cites: {uncited}"


def test_every_cited_id_exists(rules):
    kinds = ("doctrines", "policies", "institutions", "resolutions", "movements", "crises", "actions",
             "victories", "personalities", "difficulties", "scenarios")
    cited: set[str] = set()
    for kind in kinds:
        for obj in getattr(rules, kind).values():
            for loc, value in walk(obj):
                if loc and loc[-1] == "claims" and isinstance(value, tuple):
                    cited |= set(value)
    for d in rules.dynamics:
        cited |= set(d.claims)
    cited |= set(rules.settings.claims)
    for lens in rules.lenses.values():
        cited |= set(lens.weights)
    unknown = sorted(cited - set(rules.claims))
    assert not unknown, f"rules cite claims that do not exist: {unknown}"
    assert len(cited) >= 80, "the walk should find the citations"


@pytest.mark.parametrize("claim", CLAIMS)
def test_every_claim_has_a_behaviour_test(claim):
    tests_ = behaviour_tests()
    assert claim_test_name(claim) in tests_, f"no {claim_test_name(claim)} in tests/claims/"


def test_no_behaviour_test_is_named_after_a_claim_that_does_not_exist():
    names = {claim_test_name(c) for c in CLAIMS}
    strays = [n for n in behaviour_tests() if n.startswith(("test_nlio_", "test_mgo_")) and n not in names]
    assert not strays, strays
