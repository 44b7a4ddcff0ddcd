"""Why a command was refused, in words a player reads.

A rule's `requires` is an expression ("is_democracy and democracy >= 60 and
target.is_democracy"). When it fails, the player should not see that source text: they should
see which parts failed, what each part asks for, and where they stand now ("your Democracy
index is at least 60 (now 45)"). This module walks the expression's tree (the same tree the
whitelisting compiler accepted; nothing is eval'd), evaluates each part of an `and` on its
own, and phrases the failed ones with the names the rules give their figures, institutions,
doctrines and policies. It works for any rule, a mod's included.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from game.sim.session import Session

# Flags (0 or 1) that read as a state of being: name -> what "you are ..." says.
_FLAGS = {
    "is_democracy": "a democracy",
    "is_hybrid": "a hybrid regime",
    "is_autocracy": "an autocracy",
    "great_power": "a great power",
    "nuclear": "nuclear-armed",
    "permanent_member": "a permanent member of a council",
    "at_war": "at war",
    "democratic_bloc": "in a democratic bloc",
    "sovereign_bloc": "in a sovereign bloc",
    "rival_blocs": "in rival blocs at once",
    "election_due": "facing an election this turn",
    "invaded_near": "next to an invasion",
    "nearby_alliance": "next to a growing alliance",
}

# Computed figures: name -> label (the rules' own figures use their names from stats.yaml).
_FIGURES = {
    "gdp_per_capita": "GDP per person (thousand $)",
    "sanctioned": "sanctioned share of world output",
    "debt_to_autocracy": "debt to autocracies (% of GDP)",
    "alliance_strength": "strongest alliance",
    "autocratic_trade": "trade with autocracies (share)",
    "sanction_bite": "sanctions' bite",
    "institutions": "number of memberships",
    "partners": "number of trade deals",
    "hostile_neighbours": "number of hostile neighbours",
    "years_in_power": "years in power",
    "credibility_gap": "gap between words and deeds",
    "crisis_here": "worst crisis at home",
    "crisis_near": "worst crisis next door",
    "refugees_in": "refugee arrivals (% of people)",
    "refugees_out": "people fleeing (% of people)",
    "insurgency": "strongest insurgency",
}

# Idioms the rule files use, by their source text (as ast.unparse writes it).
_IDIOMS = {
    "location.gdp == gdp": "the crisis is in your country",
    "location.population == population": "",  # the same test as the line above; said once
    "location.gdp != gdp": "the crisis is abroad",
    "alignment * target.alignment < -400": "you and they stand in opposing camps",
}

_OPS = {ast.GtE: "at least", ast.Gt: "above", ast.LtE: "at most", ast.Lt: "below", ast.Eq: "exactly", ast.NotEq: "not"}
_NEGATED = {ast.GtE: "below", ast.Gt: "at most", ast.LtE: "above", ast.Lt: "at least", ast.Eq: "not", ast.NotEq: "exactly"}


def needs(session: Session, what: str, raw: str | float | int | bool, scope: Mapping[str, object]) -> str:
    """The refusal sentence for `what` whose condition `raw` is false in `scope`."""
    if not isinstance(raw, str):
        return f"{what} is not available"
    try:
        tree = ast.parse(raw.strip(), mode="eval").body
    except SyntaxError:  # the rules were checked at load; keep the game going regardless
        return f"{what} needs: {raw}"
    parts = _Phrases(session, scope).failed(tree)
    return f"{what} needs: {'; '.join(parts) if parts else raw}"


class _Phrases:
    def __init__(self, session: Session, scope: Mapping[str, object]):
        self.session, self.rules, self.scope = session, session.rules, scope

    def holds(self, node: ast.expr) -> bool:
        try:
            return bool(self.rules.expr(ast.unparse(node)).scalar(self.scope))
        except Exception:  # noqa: BLE001 - an explanation must never turn a refusal into a crash
            return False

    def failed(self, node: ast.expr) -> list[str]:
        """Phrases for the parts of `node` that do not hold."""
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
            out: list[str] = []
            for part in node.values:
                if not self.holds(part):
                    out += [p for p in self.failed(part) if p not in out]
            return out
        phrase = self.say(node)
        return [phrase] if phrase else []

    def say(self, node: ast.expr, negate: bool = False) -> str:
        """What must be true for `node` to hold (or, with negate, to fail)."""
        src = ast.unparse(node)
        if src in _IDIOMS and not negate:
            return _IDIOMS[src]
        if isinstance(node, ast.BoolOp):
            joined = [self.say(v, negate) for v in node.values]
            joined = [j for j in joined if j]
            either = isinstance(node.op, ast.Or) != negate
            return ("either " + " or ".join(joined)) if either and len(joined) > 1 else " and ".join(joined)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return self.say(node.operand, not negate)
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            return self.compare(node.left, node.ops[0], node.comparators[0], negate)
        if isinstance(node, (ast.Name, ast.Attribute)):
            return self.flag(src, negate)
        return ("not " if negate else "") + src

    def flag(self, name: str, negate: bool) -> str:
        who, field = self.owner(name)
        verb = {"you": "you are", "they": "they are"}.get(who, f"{who} is")
        if negate:
            verb += " not"
        prefix, _, rest = field.partition(".")
        if prefix == "member" and rest:
            inst = self.rules.institutions.get(rest)
            return f"{verb} a member of {inst.name if inst else rest}"
        if prefix == "doctrine" and rest:
            d = self.rules.doctrines.get(rest)
            follows = {"you": "you follow", "they": "they follow"}.get(who, f"{who} follows")
            if negate:
                follows = {"you": "you do not follow", "they": "they do not follow"}.get(who, f"{who} does not follow")
            return f"{follows} {d.name if d else rest}"
        if prefix == "policy" and rest:
            p = self.rules.policies.get(rest)
            has = {"you": "you have", "they": "they have"}.get(who, f"{who} has")
            return f"{has}{' not' if negate else ''} {p.name if p else rest} in force"
        return f"{verb} {_FLAGS.get(field, field.replace('_', ' '))}"

    def owner(self, name: str) -> tuple[str, str]:
        """(whose, field): 'you' for the actor's own figures, 'they' for target.*, and so on."""
        for prefix, who in (("target.", "they"), ("location.", "the crisis country"), ("world.", "the world"),
                            ("crisis.", "the crisis"), ("institution.", "the institution")):
            if name.startswith(prefix):
                return who, name[len(prefix):]
        return "you", name

    def label(self, node: ast.expr) -> str:
        """A figure's name as a player reads it, or a number."""
        if _constant(node):
            return _number(ast.literal_eval(node))
        src = ast.unparse(node)
        if isinstance(node, (ast.Name, ast.Attribute)):
            if src == "relation":
                return "relations between you"
            who, field = self.owner(src)
            stat = self.rules.stats.get(field)
            name = stat.name if stat is not None else _FIGURES.get(field, field.replace("_", " "))
            if name[1:2].islower():  # "Military strength" reads as "your military strength"; "GDP" stays
                name = name[0].lower() + name[1:]
            possessive = {"you": "your", "they": "their", "the world": "world"}.get(who, f"{who}'s")
            return f"{possessive} {name}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "abs" and node.args:
            return f"the size of {self.label(node.args[0])}"
        if isinstance(node, ast.BinOp):
            op = {ast.Mult: "x", ast.Div: "/", ast.Add: "+", ast.Sub: "-"}.get(type(node.op), "?")
            return f"{self.label(node.left)} {op} {self.label(node.right)}"
        return src

    def compare(self, left: ast.expr, op: ast.cmpop, right: ast.expr, negate: bool) -> str:
        word = (_NEGATED if negate else _OPS).get(type(op), "compared with")
        bound = _symmetric(left, op, right)
        if bound is not None and not negate:  # abs(x) < 30: "x between -30 and 30"
            left, text = left.args[0], f"{self.label(left.args[0])} between -{bound} and {bound}"  # type: ignore[attr-defined]
        else:
            text = f"{self.label(left)} {word} {self.label(right)}"
        now = [self.value(left)] + ([] if _constant(right) else [self.value(right)])
        if None in now:
            return text
        return f"{text} (now {' against '.join(now)})"  # type: ignore[arg-type]

    def value(self, node: ast.expr) -> str | None:
        try:
            return _number(self.rules.expr(ast.unparse(node)).scalar(self.scope))
        except Exception:  # noqa: BLE001 - see holds()
            return None


def _constant(node: ast.expr) -> bool:
    """A plain number in the rule, also a negative one (-10 parses as minus applied to 10)."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, ast.Constant)


def _symmetric(left: ast.expr, op: ast.cmpop, right: ast.expr) -> str | None:
    """The bound of `abs(x) < c` (or <=), else None."""
    if (isinstance(left, ast.Call) and isinstance(left.func, ast.Name) and left.func.id == "abs" and left.args
            and isinstance(op, (ast.Lt, ast.LtE)) and _constant(right)):
        return _number(ast.literal_eval(right))
    return None


def _number(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    return f"{x:,.0f}" if abs(x) >= 10 or x == int(x) else f"{x:.2f}".rstrip("0").rstrip(".")
