"""Scenarios: the world at a start date, with real approximate figures."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from game.rules.models.base import Model, Ref, RuleDef

Region = Literal["north_america", "latin_america", "europe", "eurasia", "central_asia", "middle_east",
                 "north_africa", "sub_saharan_africa", "south_asia", "east_asia", "southeast_asia", "oceania"]


class Quarter(Model):
    year: int = Field(ge=1990, le=2100, description="Year.")
    quarter: int = Field(ge=1, le=4, description="Quarter 1-4.")


class CountryStart(Model):
    """A country at the start of a scenario (figures for that year, see rules/SOURCES.md)."""

    id: Ref = Field(description="ISO 3166-1 alpha-3 code, as on the map.")
    name: str = Field(description="Display name.")
    region: Region = Field(description="World region.")
    leader: str | None = Field(None, description="Head of government at the start.")
    population: float = Field(gt=0, description="Population, millions.")
    gdp: float = Field(gt=0, description="Nominal GDP, USD billions.")
    growth: float = Field(ge=-50, le=50, description="Real GDP growth, % per year.")
    debt: float = Field(ge=0, le=400, description="Government debt, % of GDP.")
    defence: float = Field(ge=0, le=40, description="Military spending, % of GDP.")
    military: float = Field(ge=0, le=100, description="Military strength index 0-100.")
    nuclear: bool = Field(False, description="Has nuclear weapons.")
    democracy: float = Field(ge=0, le=100, description="Democracy index 0-100.")
    regime: Literal["democracy", "hybrid", "autocracy"] = Field(description="Regime type.")
    doctrine: Ref = Field(description="Doctrine id.")
    approval: float = Field(ge=0, le=100, description="Government approval 0-100.")
    stability: float = Field(ge=0, le=100, description="Political stability 0-100.")
    polarisation: float = Field(ge=0, le=100, description="Polarisation 0-100.")
    corruption: float = Field(ge=0, le=100, description="Corruption 0-100 (higher is worse).")
    trade: float = Field(ge=0, le=500, description="Trade openness, % of GDP.")
    alignment: float = Field(ge=-100, le=100, description="-100 the autocratic axis, +100 the democratic camp.")
    next_election: Quarter | None = Field(None, description="Next national election, for states that hold competitive ones.")
    term: int | None = Field(None, ge=1, le=10, description="Years between elections.")
    movements: dict[Ref, float] = Field(description="Movement id -> strength 0-100.")


class StartMembership(Model):
    id: Ref = Field(description="Institution id.")
    members: tuple[Ref, ...] | Literal["all"] = Field(description="Member country ids, or all.")
    except_: tuple[Ref, ...] = Field((), alias="except", description="With all: countries left out.")
    permanent: tuple[Ref, ...] = Field((), description="Permanent members (with the veto where the charter gives it).")
    suspended: tuple[Ref, ...] = Field((), description="Members suspended at the start.")

    model_config = Model.model_config | {"populate_by_name": True}


class StartRelation(Model):
    a: Ref = Field(description="First country id.")
    b: Ref = Field(description="Second country id.")
    value: float = Field(ge=-100, le=100, description="Relations -100..100.")


class StartSanctions(Model):
    target: Ref = Field(description="Sanctioned country.")
    by: tuple[Ref, ...] = Field((), description="Sanctioning countries.")
    institution: Ref | None = Field(None, description="The body whose regime it is; its members join `by`.")


class StartCrisis(Model):
    type: Ref = Field(description="Crisis type id.")
    location: Ref = Field(description="Country id.")
    severity: float = Field(ge=0, le=100, description="Severity 0-100.")
    parties: dict[str, Ref] = Field(default_factory=dict, description="Role -> country id.")
    note: str | None = Field(None, description="What was happening, for the news feed.")


class WorldStart(Model):
    disorder: float = Field(ge=0, le=100, description="World disorder 0-100.")
    intervention_norm: float = Field(ge=0, le=100, description="Strength of the norm of humanitarian intervention.")


class ScenarioDef(RuleDef):
    description: str = Field(description="For the new-game screen.")
    start_year: int = Field(ge=1990, le=2100, description="Start year.")
    start_quarter: int = Field(ge=1, le=4, description="Start quarter.")
    order_phase: Literal["bipolar", "unipolar", "limits", "disorder"] = Field(description="The liberal order's phase at the start.")
    world: WorldStart = Field(description="World figures at the start.")
    countries: tuple[CountryStart, ...] = Field(min_length=1, description="Every country.")
    institutions: tuple[StartMembership, ...] = Field((), description="Starting memberships.")
    relations: tuple[StartRelation, ...] = Field((), description="Notable relations.")
    sanctions: tuple[StartSanctions, ...] = Field((), description="Sanctions in force.")
    crises: tuple[StartCrisis, ...] = Field((), description="Crises running at the start.")
    indicted: tuple[Ref, ...] = Field((), description="Countries whose leader an international court has indicted at the start.")
