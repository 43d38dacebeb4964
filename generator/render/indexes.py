"""The lists of pairs and actors: small pages, each list filterable in the browser.

The list of pairs is split by actor: pairs/index.md names every actor, and
pairs/index/<actor-id>.md lists that actor's pairs (a pair is on the lists of both its
actors). `index` is no actor id (INDEX is reserved), and pair pages are named `A-B`, so
the folder pairs/index/ holds no other page.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..markup import escape
from ..markup.escape import Md
from .common import Names, PairRow
from .environment import render_template
from .home import top_pairs

PAIRS_INDEX = "pairs/index.md"
ACTORS_INDEX = "actors/index.md"
# How many of the most-documented pairs the list of pairs shows before its list of actors.
TOP_PAIRS = 25


def pairs_of_actor_path(actor_id: str) -> str:
    """The page listing one actor's pairs."""
    return f"pairs/index/{actor_id}.md"


@dataclass(frozen=True, slots=True)
class ActorRow:
    """An actor in a list of actors: name, link, kind, and its numbers of partners and claims."""

    name: Md
    link: Md
    kind: Md
    partners: int
    claims: int


def _actor_rows(names: Names, link: str) -> list[ActorRow]:
    """Every actor with claims, by name; `link` is its page's path with `{id}` for the id."""
    corpus = names.corpus
    rows = [
        (
            corpus.actor(actor_id).name.casefold(),
            ActorRow(
                name=names.actor_name(actor_id),
                link=Md(link.format(id=actor_id)),
                kind=Md("Country" if corpus.actor(actor_id).kind == "country" else "Organisation"),
                partners=len(views),
                claims=sum(len(v.claims) for v in views),
            ),
        )
        for actor_id, views in corpus.pairs_by_actor.items()
    ]
    return [row for _, row in sorted(rows, key=lambda r: (r[0], str(r[1].link)))]


def pairs_index(names: Names) -> str:
    """The list of pairs: the most-documented ones, then every actor's list of pairs."""
    corpus = names.corpus
    return render_template(
        "pairs.md.j2",
        pairs=len(corpus.pairs),
        claims=len(corpus.claims),
        rows=top_pairs(names, "../", TOP_PAIRS),
        actors=_actor_rows(names, "index/{id}.md"),
    )


def pairs_of_actor(names: Names, actor_id: str) -> str:
    """One actor's pairs, by the partner's name."""
    corpus = names.corpus
    rows: list[tuple[str, PairRow]] = []
    for view in corpus.pairs_by_actor[actor_id]:
        other = view.pair[1] if view.pair[0] == actor_id else view.pair[0]
        row = names.pair_row(view, "../../")
        rows.append((corpus.actor(other).name.casefold(), row))
    rows.sort(key=lambda r: (r[0], str(r[1].link)))
    views = corpus.pairs_by_actor[actor_id]
    return render_template(
        "pairs_of_actor.md.j2",
        page_title=escape.front_matter_title(f"Pairs with {corpus.actor(actor_id).name}"),
        name=names.actor_name(actor_id),
        actor_link=Md(f"../../actors/{actor_id}.md"),
        claims=sum(len(v.claims) for v in views),
        rows=[row for _, row in rows],
    )


def actors_index(names: Names) -> str:
    """The list of actors, by name."""
    return render_template(
        "actors.md.j2",
        actors=len(names.corpus.pairs_by_actor),
        rows=_actor_rows(names, "{id}.md"),
    )


def index_paths(names: Names) -> tuple[str, ...]:
    """The paths of `index_pages`, in its order, without rendering them."""
    return (
        PAIRS_INDEX,
        ACTORS_INDEX,
        *(pairs_of_actor_path(actor_id) for actor_id in names.corpus.pairs_by_actor),
    )


def index_pages(names: Names) -> dict[str, str]:
    """Render the lists of pairs (with each actor's) and of actors."""
    pages = {PAIRS_INDEX: pairs_index(names), ACTORS_INDEX: actors_index(names)}
    for actor_id in names.corpus.pairs_by_actor:
        pages[pairs_of_actor_path(actor_id)] = pairs_of_actor(names, actor_id)
    return pages
