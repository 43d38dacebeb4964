"""The templates: Jinja with StrictUndefined, printing only Markdown the renderer escaped."""

from __future__ import annotations

from functools import cache

import jinja2

from ..markup.escape import Md


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
        loader=jinja2.PackageLoader("generator.render", "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        finalize=_finalize,
        # The templates are the package's own and do not change while it runs: without
        # this, every render would ask the file system whether its template had changed
        # (a stat or two per page, ten thousand source pages).
        auto_reload=False,
    )
    environment.filters["counted"] = counted
    return environment


def render_template(template: str, **context: object) -> str:
    """Render one template with its context (values are Md or int)."""
    return _environment().get_template(template).render(**context)
