"""Actors by id: countries known from ISO 3166-1 without declaration, declared organisations."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from ..problems import Location
from .iso import country_name


@dataclass(frozen=True, slots=True)
class Actor:
    """A country (ISO 3166-1 alpha-2) or a declared organisation."""

    id: str
    name: str
    kind: str  # "country" or "organization"
    aliases: tuple[str, ...] = ()
    loc: Location | None = None


@cache
def iso_country(code: str) -> Actor | None:
    """Return the ISO 3166-1 country with this alpha-2 code, named as readers know it."""
    name = country_name(code)
    return None if name is None else Actor(code, name, "country")


class ActorRegistry:
    """Look actors up by id: declared ones first, then ISO 3166 countries."""

    def __init__(self, declared: dict[str, Actor], complete: bool = True) -> None:
        self._declared = MappingProxyType(dict(declared))
        # False when seeds/actors.yml could not be read: an id missing from it may be
        # declared there, so it is not reported as unknown until the file is fixed.
        self.complete = complete

    @property
    def declared(self) -> MappingProxyType[str, Actor]:
        """The actors seeds/actors.yml declares (organisations, and renamed countries)."""
        return self._declared

    def is_unknown(self, actor_id: str) -> bool:
        """Say whether an id is surely unknown: not a country, and not declared."""
        return self.complete and self.get(actor_id) is None

    def get(self, actor_id: str) -> Actor | None:
        """Return the actor with this id, or None if it is unknown."""
        return self._declared.get(actor_id) or iso_country(actor_id)
