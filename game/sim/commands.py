"""Commands: everything a player or the AI can do, as frozen values. Every command comes
back as Ok or Rejected(reason); the AI, the UI, replays and tests all use these."""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass(frozen=True, slots=True)
class Command:
    country: str

    def to_json(self) -> dict:
        out: dict = {"type": type(self).__name__}
        for name in _field_names(type(self)):
            value = getattr(self, name)
            out[name] = list(value) if isinstance(value, tuple) else value
        return out


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """A command class's field names, looked up once (every accepted command is recorded)."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


@dataclass(frozen=True, slots=True)
class EnactPolicy(Command):
    policy: str


@dataclass(frozen=True, slots=True)
class RepealPolicy(Command):
    policy: str


@dataclass(frozen=True, slots=True)
class TakeAction(Command):
    """An action from rules/actions; target is a country code, an institution id or ""."""

    action: str
    target: str = ""


@dataclass(frozen=True, slots=True)
class ChangeDoctrine(Command):
    doctrine: str


@dataclass(frozen=True, slots=True)
class Respond(Command):
    """Answer a running crisis with one of its responses."""

    crisis: str
    response: str


@dataclass(frozen=True, slots=True)
class Propose(Command):
    institution: str
    resolution: str
    target: str  # country code or crisis uid


@dataclass(frozen=True, slots=True)
class CastVote(Command):
    proposal: str
    vote: str  # yes | no | abstain


@dataclass(frozen=True, slots=True)
class Found(Command):
    """Found a foundable institution with the founder's charter choices."""

    institution: str
    rule: str = "qualified_majority"
    min_democracy: int = 70
    powers: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class EndSeat(Command):
    """A human seat has finished its decisions for this turn."""


COMMANDS: dict[str, type[Command]] = {
    cls.__name__: cls
    for cls in (EnactPolicy, RepealPolicy, TakeAction, ChangeDoctrine, Respond, Propose, CastVote, Found, EndSeat)
}


def command_from_json(data: dict) -> Command:
    """Rebuild a command from its JSON form (replays); raises ValueError when malformed."""
    kind = data.get("type")
    cls = COMMANDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise ValueError(f"unknown command type {kind!r}")
    fields = {k: v for k, v in data.items() if k != "type"}
    if "powers" in fields and isinstance(fields["powers"], list):
        fields["powers"] = tuple(fields["powers"])
    try:
        return cls(**fields)
    except TypeError as exc:
        raise ValueError(f"bad {kind} command: {exc}") from None


@dataclass(frozen=True, slots=True)
class Ok:
    """The command was carried out."""

    message: str = ""

    def __bool__(self) -> bool:
        return True


@dataclass(frozen=True, slots=True)
class Rejected:
    """The command was not carried out; reason is for the player."""

    reason: str

    def __bool__(self) -> bool:
        return False


Result = Ok | Rejected
