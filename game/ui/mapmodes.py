"""Map modes: how each country is coloured, and the legend that explains it."""

from __future__ import annotations

from collections.abc import Callable

Colour = tuple[int, int, int]
Legend = list[tuple[Colour, str]]

MODES = ("regime", "doctrine", "alignment", "stability", "disorder", "crises")
MODE_NAMES = {"regime": "Regime", "doctrine": "Doctrine", "alignment": "Alignment",
              "stability": "Stability", "disorder": "Disorder", "crises": "Crises"}

# Two palettes: the usual one and one safe for red-green colour blindness (blue-orange).
RAMPS = {
    False: {"good": [(170, 60, 50), (210, 160, 70), (80, 150, 90)],
            "diverge": [(190, 70, 60), (150, 150, 140), (70, 120, 200)],
            "heat": [(60, 90, 80), (210, 170, 60), (190, 50, 40)]},
    True: {"good": [(200, 110, 20), (220, 200, 140), (40, 110, 190)],
           "diverge": [(200, 110, 20), (160, 160, 160), (40, 110, 190)],
           "heat": [(70, 110, 170), (230, 190, 110), (190, 90, 10)]},
}
REGIMES_NORMAL = {"democracy": (70, 130, 200), "hybrid": (200, 170, 80), "autocracy": (180, 70, 60)}
REGIMES_CB = {"democracy": (40, 110, 190), "hybrid": (220, 200, 140), "autocracy": (200, 110, 20)}


def lerp(a: Colour, b: Colour, t: float) -> Colour:
    t = min(1.0, max(0.0, t))
    return (int(a[0] + (b[0] - a[0]) * t), int(a[1] + (b[1] - a[1]) * t), int(a[2] + (b[2] - a[2]) * t))


def ramp(stops: list[Colour], t: float) -> Colour:
    t = min(1.0, max(0.0, t))
    if t < 0.5:
        return lerp(stops[0], stops[1], t * 2)
    return lerp(stops[1], stops[2], (t - 0.5) * 2)


def _scale(session, stat: str, kind: str, cb: bool, lo: float, hi: float,
           labels: tuple[str, str, str]) -> tuple[dict[str, Colour], Legend]:
    stops = RAMPS[cb][kind]
    out = {}
    for code in session.table.codes:
        out[code] = ramp(stops, (session.stat(code, stat) - lo) / (hi - lo))
    return out, [(stops[0], labels[0]), (stops[1], labels[1]), (stops[2], labels[2])]


def regime(session, cb: bool):
    pal = REGIMES_CB if cb else REGIMES_NORMAL
    out = {}
    for code, gov in session.governments():
        base = pal.get(gov.regime, (120, 120, 120))
        # Shade by the democracy index so the map shows degrees, not only three boxes.
        shade = 0.75 + 0.25 * session.stat(code, "democracy") / 100.0
        out[code] = tuple(min(255, int(c * shade)) for c in base)
    return out, [(pal[k], k.capitalize()) for k in ("democracy", "hybrid", "autocracy")]


def doctrine(session, cb: bool):
    docs = session.rules.doctrines
    out = {code: tuple(docs[g.doctrine].colour) if g.doctrine in docs else (120, 120, 120)
           for code, g in session.governments()}
    return out, [(tuple(d.colour), d.name) for d in docs.values()]


def alignment(session, cb: bool):
    return _scale(session, "alignment", "diverge", cb, -100, 100, ("Autocratic axis", "Non-aligned", "Democratic camp"))


def stability(session, cb: bool):
    return _scale(session, "stability", "good", cb, 0, 100, ("Fragile", "Middling", "Stable"))


def disorder(session, cb: bool):
    return _scale(session, "unrest", "heat", cb, 0, 100, ("Calm", "Restive", "In turmoil"))


def crises(session, cb: bool):
    stops = RAMPS[cb]["heat"]
    worst: dict[str, float] = {}
    for c in session.crises():
        worst[c.location] = max(worst.get(c.location, 0.0), c.severity)
        for party in c.parties.values() if isinstance(c.parties, dict) else ():
            if isinstance(party, str) and party in session.rows:
                worst[party] = max(worst.get(party, 0.0), c.severity * 0.5)
    quiet = (52, 62, 74)
    out = {code: ramp(stops, 0.35 + worst[code] / 150) if code in worst else quiet for code in session.table.codes}
    return out, [(quiet, "No crisis"), (ramp(stops, 0.4), "Party / mild"), (stops[2], "Severe crisis")]


BUILDERS: dict[str, Callable] = {"regime": regime, "doctrine": doctrine, "alignment": alignment,
                                 "stability": stability, "disorder": disorder, "crises": crises}


def colours_for(mode: str, session, colourblind: bool = False) -> tuple[dict[str, Colour], Legend]:
    return BUILDERS[mode](session, colourblind)
