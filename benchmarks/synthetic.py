"""A synthetic corpus shaped like the one the briefing is built for, for benchmarks.

At 10,000 documents: about 11 KB of text each (110 MB in all), 100,000 claims on 1,128 pairs
of 48 actors (44 countries, 4 organisations), a few pairs documented hundreds of times and
most a few dozen, dates of every precision FORMAT.md allows, six languages, a vocabulary of
a few thousand words with diacritics used as often as real words are (Zipf). The same seed
gives the same corpus, byte for byte.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

COUNTRIES = [
    "KZ",
    "TR",
    "UA",
    "RU",
    "CN",
    "US",
    "IL",
    "ZA",
    "KR",
    "TJ",
    "IR",
    "DE",
    "FR",
    "GB",
    "IN",
    "PK",
    "UZ",
    "KG",
    "AZ",
    "GE",
    "AM",
    "BY",
    "PL",
    "JP",
    "BR",
    "EG",
    "SA",
    "AE",
    "QA",
    "IQ",
    "SY",
    "AF",
    "MN",
    "KP",
    "IT",
    "ES",
    "SE",
    "FI",
    "NO",
    "RO",
    "HU",
    "CZ",
    "RS",
    "GR",
]
ORGANISATIONS = {
    "CSTO": "Collective Security Treaty Organization",
    "NATO": "North Atlantic Treaty Organization",
    "SCO": "Shanghai Cooperation Organisation",
    "EAEU": "Eurasian Economic Union",
}
ACTORS = COUNTRIES + list(ORGANISATIONS)
TOPICS = {
    "arms-transfer": "Arms transfers",
    "co-production": "Co-production",
    "maintenance": "Maintenance and modernisation",
    "training": "Training",
    "agreement": "Agreements",
    "membership": "Membership",
    "conflict": "Conflict",
    "diplomacy": "Diplomacy and alignment",
    "market-competition": "Competition",
    "corruption": "Corruption and tension",
}
LANGUAGES = ("pl", "pl", "ru", "tl", "kk", "uk", "en")
SYLLABLES = [
    "ka",
    "za",
    "ch",
    "sta",
    "n",
    "tu",
    "r",
    "cja",
    "dro",
    "n",
    "umo",
    "wa",
    "pro",
    "duk",
    "dos",
    "ta",
    "szko",
    "le",
    "nie",
    "współ",
    "pra",
    "ca",
    "re",
    "gion",
    "mi",
    "nis",
    "ter",
    "stwo",
    "obro",
    "na",
    "tech",
    "no",
    "lo",
    "gia",
    "zakł",
    "ad",
    "li",
    "nia",
    "mon",
    "taż",
    "ser",
    "wis",
    "pań",
    "ńst",
    "ło",
    "ęż",
    "ść",
    "źd",
    "ąb",
    "óm",
    "kaz",
    "ah",
    "ро",
    "сс",
    "ия",
    "қа",
    "зақ",
    "ба",
    "ла",
    "na",
    "ng",
    "mga",
    "sa",
    "ang",
]


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: dict[str, None] = {}
    while len(words) < size:
        words["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))] = None
    return list(words)


def _date(rng: random.Random) -> str | None:
    year = rng.randrange(1991, 2025)
    roll = rng.random()
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    if roll < 0.10:
        return None
    if roll < 0.50:
        return f"{year}"
    if roll < 0.70:
        return f"{year}-{month:02d}"
    if roll < 0.82:
        return f"{year}-{month:02d}-{day:02d}"
    if roll < 0.88:
        return f"{year}{rng.choice('~?%')}"
    if roll < 0.95:
        return f"{year}/{min(year + rng.randint(1, 6), 2025)}"
    return rng.choice([f"{year}/..", f"../{year}", f"{year}-{month:02d}~/.."])


def make_corpus(root: Path, documents: int, per_document: int, seed: int = 0) -> int:
    """Write a synthetic seeds/ tree under root; return the number of claims."""
    rng = random.Random(seed)
    seeds = root / "seeds"
    for sub in ("documents", "annotations"):
        (seeds / sub).mkdir(parents=True)
    (seeds / "topics.yml").write_text(
        "".join(f"{t}:\n  name: {n}\n" for t, n in TOPICS.items()), "utf-8"
    )
    (seeds / "actors.yml").write_text(
        "".join(f"{i}:\n  name: {n}\n  kind: organization\n" for i, n in ORGANISATIONS.items()),
        "utf-8",
    )
    words = _vocabulary(rng, 4000)
    # Zipf: the k-th most common word is used about 1/k as often as the first.
    cumulative = list(itertools.accumulate(1 / (k + 1) for k in range(len(words))))
    # A few actors are in more of the news: the most-documented pair gets about 500 claims,
    # six times the median, as in the corpus the issue measured.
    weights = [1 / (k + 1) ** 0.35 for k in range(len(ACTORS))]
    topics = list(TOPICS)

    def sentence(label: str) -> str:
        chosen = rng.choices(words, cum_weights=cumulative, k=rng.randint(10, 18))
        chosen[0] = chosen[0].capitalize()
        return " ".join(chosen) + f" {label}."

    claims = 0
    for d in range(documents):
        quoted = [sentence(f"{d}-{i}") for i in range(per_document)]
        filler = [sentence(f"{d}/{i}") for i in range(per_document * 8)]
        paragraphs = []
        for i in range(per_document):
            paragraphs.append(" ".join([*filler[i * 8 : i * 8 + 3], quoted[i], filler[i * 8 + 3]]))
            paragraphs.append(" ".join(filler[i * 8 + 4 : i * 8 + 8]))
        (seeds / f"documents/doc-{d:05d}.txt").write_text("\n\n".join(paragraphs) + "\n", "utf-8")
        language = LANGUAGES[d % len(LANGUAGES)]
        published = f"{rng.randrange(1995, 2025)}-{rng.randint(1, 12):02d}"
        lines = [
            f"source:\n  title: Dokument {d} {words[d % 500]}\n  title_en: Document {d}\n"
            f"  language: {language}\n  publisher: Publisher {d % 97}\n"
            f"  published: '{published}'\n",
            "claims:\n",
        ]
        for i in range(per_document):
            a, b = rng.choices(ACTORS, weights=weights, k=2)
            while b == a:
                b = rng.choices(ACTORS, weights=weights)[0]
            date = _date(rng)
            lines.append(
                f"  - id: c-{d}-{i}\n    pair: [{a}, {b}]\n    topic: {rng.choice(topics)}\n"
                + (f"    date: '{date}'\n" if date else "")
                + f"    statement: Statement {i} of document {d} about {a} and {b}.\n"
                f'    quote: "{quoted[i]}"\n    translation: An English rendering of it.\n'
            )
            claims += 1
        (seeds / f"annotations/doc-{d:05d}.yml").write_text("".join(lines), "utf-8")
    return claims
