"""Read seeds/actors.yml into the actor registry, and explain ids that name no actor."""

from __future__ import annotations

import re

from ..model import Actor, ActorRegistry, iso_country
from ..model.iso import lookup_country
from ..problems import Problem, codes
from .files import YamlFile
from .schema import check_schema
from .yamltree import Mapping, Scalar, Sequence, scalar_text

ACTOR_ID = re.compile(r"[A-Z][A-Z0-9]{1,15}")
# Codes people write that ISO 3166-1 spells otherwise.
COMMON_MISTAKES = {"UK": "GB", "EL": "GR"}


def suggest(actors: ActorRegistry, written: str) -> str | None:
    """Guess the actor id meant by a miswritten one: `kz`, `KAZ`, `Kazakhstan`, `UK`."""
    upper = written.strip().upper()
    if upper != written and actors.get(upper) is not None:
        return upper
    if upper in COMMON_MISTAKES:
        return COMMON_MISTAKES[upper]
    for actor in actors.declared.values():
        if written.casefold() in (actor.name.casefold(), *map(str.casefold, actor.aliases)):
            return actor.id
    return lookup_country(written)


def unknown_message(actors: ActorRegistry, actor_id: str) -> str:
    """Explain why an id names no actor, with the id probably meant."""
    guess = suggest(actors, actor_id)
    hint = f"did you mean {guess}? " if guess else ""
    return (
        f"actor '{actor_id}' is unknown: {hint}an actor id is an ISO 3166-1 alpha-2 "
        "country code in upper case (KZ, TR) or an id declared in seeds/actors.yml; "
        "fix the id or declare it there"
    )


def _aliases(node: object) -> tuple[str, ...]:
    if isinstance(node, Sequence):
        return tuple(item.value for item in node.items if isinstance(item, Scalar))
    return ()


def _declare(key: Scalar, value: Mapping, problems: list[Problem]) -> Actor | None:
    name = scalar_text(value.get("name"))
    kind = scalar_text(value.get("kind")) or "country"
    if name is None:
        return None
    country = iso_country(key.value)
    if kind == "country" and country is None:
        problems.append(
            Problem(
                key.loc,
                codes.UNKNOWN_COUNTRY,
                f"'{key.value}' is not an ISO 3166-1 alpha-2 country code; "
                "for an organisation add 'kind: organization'",
            )
        )
        return None
    if kind == "organization" and country is not None:
        problems.append(
            Problem(
                key.loc,
                codes.ORGANIZATION_IS_COUNTRY,
                f"'{key.value}' is the ISO 3166-1 code of {country.name}; give the "
                "organisation another id",
            )
        )
        return None
    return Actor(key.value, name, kind, _aliases(value.get("aliases")), key.loc)


def read_actors(file: YamlFile | None, problems: list[Problem]) -> ActorRegistry:
    """Build the actor registry from seeds/actors.yml (which may be absent)."""
    declared: dict[str, Actor] = {}
    if file is None:
        return ActorRegistry(declared)
    if file.root is None:
        return ActorRegistry(declared, complete=False)
    problems.extend(check_schema("actors", file.root))
    if not isinstance(file.root, Mapping):
        return ActorRegistry(declared, complete=False)
    for key, value in file.root.items:
        if key.value == "INDEX":
            problems.append(
                Problem(
                    key.loc,
                    codes.INVALID_ID,
                    "'INDEX' is reserved: its page, actors/INDEX.md, would be the list of "
                    "all actors (actors/index.md) on a disk that ignores case; choose another id",
                )
            )
        elif isinstance(value, Mapping) and ACTOR_ID.fullmatch(key.value):
            actor = _declare(key, value, problems)
            if actor is not None:
                declared[actor.id] = actor
    return ActorRegistry(declared)
