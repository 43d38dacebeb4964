"""Reference data from ISO standards: countries (3166-1) and languages (639), named in English."""

from __future__ import annotations

import re
from functools import cache

import pycountry

COUNTRY_CODE = re.compile(r"[A-Z]{2}")


@cache
def country_name(code: str) -> str | None:
    """Name the ISO 3166-1 country with this alpha-2 code as readers know it, if there is one."""
    if not COUNTRY_CODE.fullmatch(code):
        return None
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return None
    return str(getattr(country, "common_name", None) or country.name)


def lookup_country(written: str) -> str | None:
    """Return the alpha-2 code of the country a name or code means (`Kazakhstan`, `KAZ`)."""
    try:
        return str(pycountry.countries.lookup(written.strip()).alpha_2)
    except LookupError:
        return None


@cache
def language(primary: str) -> str | None:
    """Name the ISO 639 language with this 2- or 3-letter code (`pl`), if there is one."""
    field = "alpha_2" if len(primary) == 2 else "alpha_3"
    found = pycountry.languages.get(**{field: primary.lower()})
    return None if found is None else str(found.name)


def language_name(tag: str) -> str:
    """Name a BCP 47 language tag in English: `pl` -> `Polish`; an unknown tag as written."""
    return language(tag.split("-")[0]) or tag
