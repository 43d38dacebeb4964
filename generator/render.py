"""Render stage: turn the corpus into a map of page path -> Markdown text."""

from __future__ import annotations

from functools import cache

import jinja2
import pycountry

from . import mdtext
from .corpus import Corpus, PairView
from .dates import Date
from .highlight import render_source_text
from .mdtext import Md
from .model import Claim, Source, pair_slug
from .quotes import cut_word
from .summary import summary_markdown

# Folders under docs/ that the generator owns, and the home page it writes.
OWNED_DIRS = ("pairs", "sources", "actors")
HOME = "index.md"


def _finalize(value: object) -> object:
    # Every printed value must already be escaped Markdown: a raw str here is a bug.
    if isinstance(value, Md | int):
        return value
    raise TypeError(f"template printed unescaped {type(value).__name__}: {value!r:.80}")


def counted(number: int, singular: str, plural: str | None = None) -> Md:
    """'1 claim', '2 claims': a count with its noun (templates hold the nouns, not curators)."""
    noun = singular if number == 1 else (plural or singular + "s")
    return Md(f"{number} {noun}")


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        finalize=_finalize,
    )
    environment.filters["counted"] = counted
    return environment


def _render(template: str, **context: object) -> str:
    return _environment().get_template(template).render(**context)


@cache
def language_name(tag: str) -> str:
    """Name a BCP 47 language tag in English: `pl` -> `Polish`."""
    primary = tag.split("-")[0].lower()
    field = "alpha_2" if len(primary) == 2 else "alpha_3"
    found = pycountry.languages.get(**{field: primary})
    return found.name if found is not None else tag


def date_text(date: Date | None) -> Md:
    """Show a date for readers, or say it is undated."""
    return mdtext.text(date.display()) if date is not None else Md("undated")


class Renderer:
    """Render every page of the briefing from one corpus."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    def actor_name(self, actor_id: str) -> Md:
        return mdtext.text(self.corpus.actor(actor_id).name)

    def pair_title(self, view: PairView) -> Md:
        a, b = view.pair
        return Md(f"{self.actor_name(a)} – {self.actor_name(b)}")

    def topic_names(self, topic_ids: tuple[str, ...]) -> Md:
        """Name topics as readers look for them: in alphabetical order of their names."""
        names = sorted((self.corpus.topics[t].name for t in topic_ids), key=str.casefold)
        return mdtext.join([mdtext.text(name) for name in names], ", ")

    def source_title(self, source: Source) -> Md:
        """The source's own title, marked with its language (it is in the source's language)."""
        if not source.title:
            return mdtext.text(source.label)
        return Md(f'<span lang="{source.language}">{mdtext.text(source.title)}</span>')

    def source_citation(self, source: Source) -> Md:
        """Name a source as a footnote does: title, publisher, date, language."""
        if source.title:
            head = Md(f"*{self.source_title(source)}*")
            if source.title_en:
                head = Md(f"{head} ({mdtext.text(source.title_en)})")
        else:
            head = Md(f"Untitled ({mdtext.text(source.id)})")
            if source.title_en:
                head = Md(f"{head}: {mdtext.text(source.title_en)}")
        bits = [head]
        # What the source does not say is said too: a reader weighs an unknown publisher.
        bits.append(mdtext.text(source.publisher) if source.publisher else Md("no publisher"))
        published = source.published
        bits.append(Md(f"published {date_text(published)}") if published else Md("no date"))
        bits.append(mdtext.text(f"{language_name(source.language)} ({source.language})"))
        return mdtext.join(bits, ", ")

    def quote_markup(self, claim: Claim) -> Md:
        """Print the quoted passages in their language, marked with the lang attribute."""
        source = self.corpus.sources[claim.source_id]
        parts = []
        for q in claim.quotes:
            # Where a quote cuts a word, the rest of it is shown in brackets, set apart.
            head, tail = cut_word(source.text, q.start, q.end)
            before = (
                Md(f'<span class="quote-cut">&#91;{mdtext.text(head)}&#93;</span>') if head else ""
            )
            after = (
                Md(f'<span class="quote-cut">&#91;{mdtext.text(tail)}&#93;</span>') if tail else ""
            )
            parts.append(
                Md(f'<q lang="{source.language}">{before}{mdtext.text(q.text)}{after}</q>')
            )
        return mdtext.join(parts, " … ")

    def translation_markup(self, claim: Claim) -> Md | None:
        if claim.translation:
            return Md(f"“{mdtext.text(claim.translation)}”")
        texts = [mdtext.text(q.translation) for q in claim.quotes if q.translation]
        return Md(f"“{mdtext.join(texts, '” … “')}”") if texts else None

    def claim_date_text(self, claim: Claim, source: Source) -> Md:
        """Show when the event happened; failing that, when its source was published."""
        if claim.date is not None:
            return date_text(claim.date)
        if source.published is not None:
            return Md(f"undated (source published {date_text(source.published)})")
        return Md("undated")

    def claim_view(self, claim: Claim) -> dict[str, object]:
        source = self.corpus.sources[claim.source_id]
        return {
            "id": Md(claim.id),
            "date": self.claim_date_text(claim, source),
            "topic": mdtext.text(self.corpus.topics[claim.topic].name),
            "statement": mdtext.text(claim.statement),
            "citation": self.source_citation(source),
            "quote": self.quote_markup(claim),
            "translation": self.translation_markup(claim),
            "passage": Md(f"../sources/{source.id}.md#{claim.id}"),
        }

    def summary_markup(self, view: PairView) -> Md | None:
        if view.summary is None:
            return None
        out = []
        for part in view.summary.parts:
            if part.claim_id:
                out.append(Md(f"[^{part.claim_id}]"))
            else:
                out.append(summary_markdown(part.markdown))
        return mdtext.join(out)

    def footnote_order(self, view: PairView) -> list[Claim]:
        """The claims the page cites, in order of first citation: the summary's, then the list's.

        Python-Markdown numbers footnotes in the order their definitions appear, so the
        definitions follow the order of the marks; a claim of another pair that the summary
        cites gets its footnote here too.
        """
        cited = [p.claim_id for p in view.summary.parts if p.claim_id] if view.summary else []
        order = dict.fromkeys([*cited, *(c.id for c in view.claims)])
        return [self.corpus.claims[claim_id] for claim_id in order]

    def pair_row(self, view: PairView, prefix: str) -> dict[str, object]:
        return {
            "title": self.pair_title(view),
            "link": Md(f"{prefix}pairs/{pair_slug(view.pair)}.md"),
            "claims": len(view.claims),
            "sources": len(view.source_ids),
            "latest": date_text(view.last),
            "topics": self.topic_names(view.topic_ids),
        }

    def date_span(self, view: PairView, undated: int) -> Md:
        """Say when a pair's claims are dated: `dated 2011 to 2024 (2 undated)`, `none dated`."""
        if view.first is None or view.last is None:
            return Md("none dated" if len(view.claims) > 1 else "undated")
        first, last = date_text(view.first), date_text(view.last)
        span = Md(f"dated {first}" if first == last else f"dated {first} to {last}")
        return Md(f"{span} ({undated} undated)") if undated else span

    def pair_page(self, view: PairView) -> str:
        undated = sum(1 for c in view.claims if self.corpus.claim_date(c) is None)
        a, b = view.pair
        names = f"{self.corpus.actor(a).name} – {self.corpus.actor(b).name}"
        return _render(
            "pair.md.j2",
            page_title=mdtext.front_matter_title(names),
            title=self.pair_title(view),
            actors=[(self.actor_name(a), Md(f"../actors/{a}.md")) for a in view.pair],
            summary=self.summary_markup(view),
            claims=[self.claim_view(c) for c in view.claims],
            notes=[self.claim_view(c) for c in self.footnote_order(view)],
            claim_count=len(view.claims),
            source_count=len(view.source_ids),
            dates=self.date_span(view, undated),
            topics=self.topic_names(view.topic_ids),
        )

    def source_page(self, source: Source) -> str:
        claims = self.corpus.claims_by_source.get(source.id, ())
        pairs = sorted({c.pair for c in claims})
        return _render(
            "source.md.j2",
            page_title=mdtext.front_matter_title(source.label),
            title=mdtext.text(source.label),
            title_lang=Md(source.language if source.title else ""),
            fields=self.source_fields(source),
            pairs=[
                (
                    Md(f"{self.actor_name(a)} – {self.actor_name(b)}"),
                    Md(f"../pairs/{pair_slug((a, b))}.md"),
                )
                for a, b in pairs
            ],
            claim_count=len(claims),
            lang=Md(source.language),
            text=render_source_text(source.text, claims),
        )

    def source_fields(self, source: Source) -> list[tuple[Md, Md]]:
        rows: list[tuple[str, Md]] = []
        if source.title:
            rows.append(("Title", self.source_title(source)))
        for label, value in (
            ("English title", source.title_en),
            ("Publisher", source.publisher),
            ("Author", source.author),
        ):
            if value:
                rows.append((label, mdtext.text(value)))
        rows.append(
            ("Language", mdtext.text(f"{language_name(source.language)} ({source.language})"))
        )
        rows.append(
            (
                "Published",
                date_text(source.published) if source.published else Md("not stated in the source"),
            )
        )
        if source.url:
            rows.append(("Address", Md(f"<{mdtext.url(source.url)}>")))
        if source.accessed:
            rows.append(("Accessed", date_text(source.accessed)))
        if source.note:
            rows.append(("Curator's note", mdtext.text(source.note)))
        rows.append(("Document", mdtext.text(f"{source.id} ({source.text_path})")))
        return [(Md(label), value) for label, value in rows]

    def actor_page(self, actor_id: str) -> str:
        actor = self.corpus.actor(actor_id)
        partners = []
        for view in self.corpus.pairs_by_actor[actor_id]:
            other = view.pair[1] if view.pair[0] == actor_id else view.pair[0]
            row = self.pair_row(view, "../")
            row["partner"] = self.actor_name(other)
            partners.append(row)
        partners.sort(key=lambda row: str(row["partner"]).casefold())
        return _render(
            "actor.md.j2",
            page_title=mdtext.front_matter_title(actor.name),
            title=mdtext.text(actor.name),
            kind=Md("Country" if actor.kind == "country" else "Organisation"),
            code=Md(actor.id),
            aliases=mdtext.text(", ".join(actor.aliases)) if actor.aliases else None,
            partners=partners,
        )

    def index_pages(self) -> dict[str, str]:
        corpus = self.corpus
        # Readers look pairs up by name, not by id.
        by_name = sorted(corpus.pairs, key=lambda v: (self.pair_title(v).casefold(), v.pair))
        home_rows = [self.pair_row(v, "") for v in by_name]
        rows = [self.pair_row(v, "../") for v in by_name]
        actors = sorted(
            (
                (self.actor_name(a), Md(f"{a}.md"), len(v), sum(len(p.claims) for p in v))
                for a, v in corpus.pairs_by_actor.items()
            ),
            key=lambda row: row[0].casefold(),
        )
        sources = [
            (
                self.source_title(s),
                Md(f"{s.id}.md"),
                mdtext.text(language_name(s.language)),
                date_text(s.published),
                len(corpus.claims_by_source.get(s.id, ())),
            )
            for s in corpus.sources.values()
        ]
        counts = {
            "pairs": len(corpus.pairs),
            "claims": len(corpus.claims),
            "sources": len(corpus.sources),
            "actors": len(corpus.pairs_by_actor),
        }
        return {
            HOME: _render("home.md.j2", rows=home_rows, **counts),
            "pairs/index.md": _render("pairs.md.j2", rows=rows, **counts),
            "actors/index.md": _render("actors.md.j2", rows=actors, **counts),
            "sources/index.md": _render("sources.md.j2", rows=sources, **counts),
        }


def render_pages(corpus: Corpus) -> dict[str, str]:
    """Render every generated page; keys are paths relative to docs/."""
    renderer = Renderer(corpus)
    pages = renderer.index_pages()
    taken = {path.casefold() for path in pages}

    def add(path: str, page: str) -> None:
        # Validation keeps ids from naming one page twice (sources/index.md), also on a
        # disk that ignores case: a second page on a path is a bug, never an overwrite.
        if path.casefold() in taken:
            raise AssertionError(f"two pages on one path: {path}")
        taken.add(path.casefold())
        pages[path] = page

    for view in corpus.pairs:
        add(f"pairs/{pair_slug(view.pair)}.md", renderer.pair_page(view))
    for source in corpus.sources.values():
        add(f"sources/{source.id}.md", renderer.source_page(source))
    for actor_id in corpus.pairs_by_actor:
        add(f"actors/{actor_id}.md", renderer.actor_page(actor_id))
    return dict(sorted(pages.items()))
