"""Every kind of rule, keyed by the top-level list key its files use.

A rule file is `format: 1` plus exactly one of these keys holding a list of entries.
This registry is explicit on purpose: adding a kind means adding a line here.
"""

from __future__ import annotations

from pydantic import BaseModel

from game.rules.models.action import ActionDef
from game.rules.models.ai import DifficultyDef, PersonalityDef
from game.rules.models.crisis import CrisisDef, ResponseDef
from game.rules.models.doctrine import DoctrineDef, PolicyDef
from game.rules.models.dynamic import DynamicDef
from game.rules.models.effects import Effect
from game.rules.models.institution import InstitutionDef, ResolutionDef
from game.rules.models.movement import MovementDef
from game.rules.models.scenario import CountryStart, ScenarioDef
from game.rules.models.world import ClaimDef, LensDef, SettingsDef, StatDef, VictoryDef

FORMAT_VERSION = 1

KINDS: dict[str, type[BaseModel]] = {
    "claims": ClaimDef,
    "stats": StatDef,
    "settings": SettingsDef,
    "doctrines": DoctrineDef,
    "policies": PolicyDef,
    "institutions": InstitutionDef,
    "resolutions": ResolutionDef,
    "movements": MovementDef,
    "crises": CrisisDef,
    "actions": ActionDef,
    "dynamics": DynamicDef,
    "lenses": LensDef,
    "victories": VictoryDef,
    "personalities": PersonalityDef,
    "difficulties": DifficultyDef,
    "scenarios": ScenarioDef,
}

__all__ = [
    "FORMAT_VERSION", "KINDS", "ActionDef", "ClaimDef", "CountryStart", "CrisisDef", "DifficultyDef",
    "DoctrineDef", "DynamicDef", "Effect", "InstitutionDef", "LensDef", "MovementDef", "PersonalityDef",
    "PolicyDef", "ResolutionDef", "ResponseDef", "ScenarioDef", "SettingsDef", "StatDef", "VictoryDef",
]
