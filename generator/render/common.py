"""What every page says the same way: names of actors, pairs, topics and sources, dates."""

from __future__ import annotations

from ..corpus import Corpus, PairView
from ..markup import escape
from ..markup.escape import Md
from ..model import Claim, Date, Source, pair_slug
from ..model.iso import language_name
from .quotes import quote_markup, translation_markup


def date_text(date: Date | None) -> Md:
    """Show a date for readers, or say it is undated."""
    return escape.text(date.display()) if date is not None else Md("undated")


def language_label(tag: str) -> Md:
    """`Polish (pl)`: a language by name, with its tag."""
    return escape.text(f"{language_name(tag)} ({tag})")


class Names:
    """Name the corpus's actors, pairs, topics and sources for readers, as Markdown."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    def actor_name(self, actor_id: str) -> Md:
        return escape.text(self.corpus.actor(actor_id).name)

    def pair_title(self, view: PairView) -> Md:
        a, b = view.pair
        return Md(f"{self.actor_name(a)} – {self.actor_name(b)}")

    def topic_names(self, topic_ids: tuple[str, ...]) -> Md:
        """Name topics as readers look for them: in alphabetical order of their names."""
        names = sorted((self.corpus.topics[t].name for t in topic_ids), key=str.casefold)
        return escape.join([escape.text(name) for name in names], ", ")

    def source_title(self, source: Source) -> Md:
        """The source's own title, marked with its language (it is in the source's language)."""
        if not source.title:
            return escape.text(source.label)
        return Md(f'<span lang="{source.language}">{escape.text(source.title)}</span>')

    def source_citation(self, source: Source) -> Md:
        """Name a source as a footnote does: title, publisher, date, language."""
        if source.title:
            head = Md(f"*{self.source_title(source)}*")
            if source.title_en:
                head = Md(f"{head} ({escape.text(source.title_en)})")
        else:
            head = Md(f"Untitled ({escape.text(source.id)})")
            if source.title_en:
                head = Md(f"{head}: {escape.text(source.title_en)}")
        bits = [head]
        # What the source does not say is said too: a reader weighs an unknown publisher.
        bits.append(escape.text(source.publisher) if source.publisher else Md("no publisher"))
        published = source.published
        bits.append(Md(f"published {date_text(published)}") if published else Md("no date"))
        bits.append(language_label(source.language))
        return escape.join(bits, ", ")

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
            "topic": escape.text(self.corpus.topics[claim.topic].name),
            "statement": escape.text(claim.statement),
            "citation": self.source_citation(source),
            "quote": quote_markup(claim, source),
            "translation": translation_markup(claim),
            "passage": Md(f"../sources/{source.id}.md#{claim.id}"),
        }

    def pair_row(self, view: PairView, prefix: str) -> dict[str, object]:
        return {
            "title": self.pair_title(view),
            "link": Md(f"{prefix}pairs/{pair_slug(view.pair)}.md"),
            "claims": len(view.claims),
            "sources": len(view.source_ids),
            "latest": date_text(view.last),
            "topics": self.topic_names(view.topic_ids),
        }
