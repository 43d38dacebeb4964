"""Actors: ISO 3166 countries known without declaration, organisations from actors.yml."""

from __future__ import annotations

import re
from functools import cache
from types import MappingProxyType

import pycountry

from .load import YamlFile
from .model import Actor
from .problems import Problem
from .schema import check_schema
from .yamltree import Mapping, Scalar, Sequence, scalar_text

COUNTRY_CODE = re.compile(r"[A-Z]{2}")
ACTOR_ID = re.compile(r"[A-Z][A-Z0-9]{1,15}")
# Codes people write that ISO 3166-1 spells otherwise.
COMMON_MISTAKES = {"UK": "GB", "EL": "GR"}


@cache
def iso_country(code: str) -> Actor | None:
    """Return the ISO 3166-1 country with this alpha-2 code, named as readers know it."""
    if not COUNTRY_CODE.fullmatch(code):
        return None
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return None
    name = getattr(country, "common_name", None) or country.name
    return Actor(code, name, "country")


class ActorRegistry:
    """Look actors up by id: declared ones first, then ISO 3166 countries."""

    def __init__(self, declared: dict[str, Actor], complete: bool = True) -> None:
        self._declared = MappingProxyType(dict(declared))
        # False when seeds/actors.yml could not be read: an id missing from it may be
        # declared there, so it is not reported as unknown until the file is fixed.
        self.complete = complete

    def is_unknown(self, actor_id: str) -> bool:
        """Say whether an id is surely unknown: not a country, and not declared."""
        return self.complete and self.get(actor_id) is None

    def get(self, actor_id: str) -> Actor | None:
        """Return the actor with this id, or None if it is unknown."""
        return self._declared.get(actor_id) or iso_country(actor_id)

    def suggest(self, written: str) -> str | None:
        """Guess the actor id meant by a miswritten one: `kz`, `KAZ`, `Kazakhstan`, `UK`."""
        upper = written.strip().upper()
        if upper != written and self.get(upper) is not None:
            return upper
        if upper in COMMON_MISTAKES:
            return COMMON_MISTAKES[upper]
        for actor in self._declared.values():
            if written.casefold() in (actor.name.casefold(), *map(str.casefold, actor.aliases)):
                return actor.id
        try:
            country = pycountry.countries.lookup(written.strip())
        except LookupError:
            return None
        return str(country.alpha_2)

    def unknown_message(self, actor_id: str) -> str:
        """Explain why an id names no actor, with the id probably meant."""
        guess = self.suggest(actor_id)
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
    is_country = iso_country(key.value) is not None
    if kind == "country" and not is_country:
        problems.append(
            Problem(
                key.loc,
                "unknown-country",
                f"'{key.value}' is not an ISO 3166-1 alpha-2 country code; "
                "for an organisation add 'kind: organization'",
            )
        )
        return None
    if kind == "organization" and is_country:
        problems.append(
            Problem(
                key.loc,
                "organization-is-country",
                f"'{key.value}' is the ISO 3166-1 code of "
                f"{iso_country(key.value).name}; give the organisation "  # type: ignore[union-attr]
                "another id",
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
                    "invalid-id",
                    "'INDEX' is reserved: its page, actors/INDEX.md, would be the list of "
                    "all actors (actors/index.md) on a disk that ignores case; choose another id",
                )
            )
        elif isinstance(value, Mapping) and ACTOR_ID.fullmatch(key.value):
            actor = _declare(key, value, problems)
            if actor is not None:
                declared[actor.id] = actor
    return ActorRegistry(declared)
