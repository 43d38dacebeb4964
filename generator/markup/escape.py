"""Markdown escaping: every curator string reaches the page as the characters typed."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from urllib.parse import quote


class Md(str):
    """Markdown that is safe to print as it is: escaped text or markup we wrote ourselves."""

    __slots__ = ()


# Characters that start inline syntax in Python-Markdown or its extensions (emphasis, code,
# links, footnotes, attribute lists, raw HTML, entities, tables, pymdownx marks, math).
_INLINE = {c: f"&#{ord(c)};" for c in "\\`*_{}[]<>|~^=$#!+"}
_INLINE["&"] = "&amp;"
_INLINE["<"] = "&lt;"
_INLINE[">"] = "&gt;"
# One pass of the regular-expression engine finds them: str.translate with a table of
# strings looks every character of non-ASCII text up in a dict, ten times slower.
_SPECIAL = re.compile("[" + re.escape("".join(_INLINE)) + "]")
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+*:>=#])")
_SPACE = re.compile(r"\s+")
# A run of white space that is not one plain space: replacing only these leaves the engine
# nothing to do for most text (a sub that matches every space copies the text piece by piece).
# The pattern starts with one character class, not a choice of two (`[^\S ]\s*| \s+`), so
# the engine skips to the next white space in a quick loop: under half the time on a source
# text. After it, `(?<! )` lets a run of one character through if that is not a space.
_SPACE_RUN = re.compile(r"\s(?:(?<! )|\s)\s*")
# The same runs, but never a "\n" nor across one: on pieces of text without line breaks,
# joined by "\n", it finds what _SPACE_RUN finds in each piece alone (`inline_space_lines`).
_SPACE_RUN_IN_LINE = re.compile(r"[^\S\n](?:(?<! )|[^\S\n])[^\S\n]*")
# Python-Markdown's footnotes extension (on for hand-written pages; the pair pages write their
# notes as HTML, markup/footnotes.py) moves its notes onto the first text holding its marker
# ("///Footnotes Go Here///"), replacing that element: no curator text may hold three slashes
# in a row, so none can move notes or swallow its own paragraph.
FOOTNOTES_MARKER = "///Footnotes Go Here///"


def no_marker(text: str) -> str:
    """Break every run of three slashes, so text never holds the footnotes marker."""
    return text.replace("///", "//&#47;")


def inline_space(value: str) -> str:
    """Text on one line: every run of white space one space (`\\s+` -> ` `), fast."""
    return _SPACE_RUN.sub(" ", value)


def inline_space_lines(value: str) -> str:
    """`inline_space` of each "\\n"-separated piece of `value` alone, the "\\n"s kept.

    One call for many pieces of text: join them with "\\n" (none may hold one), fold, split.
    A run of white space at the end of one piece and the start of the next stays two runs.
    """
    # Most text has no white space but single spaces: two quick scans say so in half the
    # time the pattern takes. isprintable is false for every white-space character but the
    # space, "\n" included, hence the replace (tests/test_properties.py checks all Unicode).
    if "  " not in value and value.replace("\n", " ").isprintable():
        return value
    return _SPACE_RUN_IN_LINE.sub(" ", value)


def inline(value: str) -> Md:
    """Escape plain text for an inline position, on one line, keeping its edge spaces."""
    return Md(no_marker(_SPECIAL.sub(_replace, inline_space(value))))


def _replace(match: re.Match[str]) -> str:
    return _INLINE[match.group()]


def text(value: str) -> Md:
    """Escape plain text for an inline position, on one line, without edge spaces."""
    return Md(inline(value).strip())


def block(value: str) -> Md:
    """Escape plain text that starts a line, so it cannot open a list, quote or heading."""
    escaped = inline(value)
    m = _BLOCK_START.match(escaped)
    if m is None:
        return escaped
    if m.group(1) is not None:
        mark = m.group(2)
        return Md(f"{m.group(1)}&#{ord(mark)};{escaped[m.end() :]}")
    return Md(f"&#{ord(escaped[0])};{escaped[1:]}")


def front_matter_title(value: str) -> Md:
    """Make a page title for front matter that no theme template can turn into markup.

    Material prints the title through Jinja's striptags, which un-escapes entities, into
    <title>; an escaped "&lt;/title&gt;" would come out as a real end tag. So angle brackets
    become look-alike guillemets here, and the value is a JSON string (valid YAML).
    """
    clean = _SPACE.sub(" ", value).strip().replace("&", "&amp;")
    return Md(json.dumps(clean.replace("<", "‹").replace(">", "›"), ensure_ascii=False))


def url(value: str) -> Md:
    """Percent-encode a validated http(s) URL so it cannot end a Markdown link early."""
    return Md(quote(value, safe=";/?:@&=+,-_.!~*#%"))


def join(parts: Sequence[str], separator: str = "") -> Md:
    """Join pieces that are already Markdown."""
    assert all(isinstance(part, Md) for part in parts)
    return Md(separator.join(parts))
