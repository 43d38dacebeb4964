"""A Reference in four formats: plain text, BibTeX, RIS and CSL-JSON, every value escaped.

Curator text is one line in every format (white space runs, line breaks included, become one
space; other control characters go), so no value can end a RIS line or a BibTeX field early.
BibTeX counts braces even where a backslash precedes them: the characters TeX gives a
meaning to are written as the commands that print them, each with balanced braces.

The plain text follows one pattern, close to APA's for web pages: the item's author, title
(with its English title in brackets), who published it and when, its language, address, and
for a source the address of our verified copy. It is not run through a CSL processor: the
one there is for Python (citeproc-py) takes about 4 ms an entry, 80 s for a briefing of
10,000 sources; the CSL-JSON beside it is what a reference manager formats in any style.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from urllib.parse import quote

from ...model import Date
from ...model.iso import language_name
from .reference import Reference

_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffe\uffff]")
_POINT = re.compile(r"([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?")


@lru_cache(maxsize=4096)
def shown(date: Date) -> str:
    """A date as readers read it (dates repeat: the build's is on every citation)."""
    return date.display()


def one_line(value: str) -> str:
    """Curator text on one line: white space runs as one space, no control characters."""
    # Most values hold neither, and the two passes cost more than the value (about thirty
    # values a source page). Every white-space or control character but the space is
    # unprintable (tests/test_properties.py checks all of Unicode): a printable value
    # without two spaces in a row is one the passes would leave as it is.
    if value.isprintable() and "  " not in value:
        return value.strip()
    return _CONTROL.sub("", _SPACE.sub(" ", value)).strip()


def date_points(date: Date) -> list[list[int]]:
    """The known ends of a date as [year, month?, day?] lists: one, or two for an interval."""
    points = []
    for side in date.text.split("/"):
        match = _POINT.match(side)
        if match:
            points.append([int(part) for part in match.groups() if part])
    return points


# --- plain text ---------------------------------------------------------------------------


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def _title(ref: Reference) -> str:
    title = one_line(ref.title)
    if ref.described:
        return f"[{title}]"
    if ref.translated_title:
        return f"{title} [{one_line(ref.translated_title)}]"
    return title


def plain_text(ref: Reference) -> str:
    """The citation as one paragraph of plain text."""
    parts = [_sentence(one_line(ref.author))] if ref.author else []
    parts.append(_sentence(_title(ref)))
    built = f"build of {shown(ref.built)}" if ref.built else None
    if ref.copy is None:  # one of our pages or data sets: the site, the build
        site = one_line(ref.container or ref.publisher or "")
        parts.append(_sentence(", ".join(p for p in (site, built) if p)))
    else:  # a source: who published it, and when
        issued = shown(ref.issued) if ref.issued else "undated"
        published = ", ".join([one_line(ref.publisher), issued] if ref.publisher else [issued])
        parts.append(_sentence(published[:1].upper() + published[1:]))
    if ref.kind == "dataset":
        parts.append("Data set.")
    if ref.language and ref.language != "en":
        parts.append(f"In {language_name(ref.language)}.")
    if ref.url:
        accessed = f" (accessed {shown(ref.accessed)})" if ref.accessed else ""
        parts.append(one_line(ref.url) + accessed + ("." if ref.copy else ""))
    if ref.copy:
        where = ", ".join(p for p in (one_line(ref.site or ""), built) if p)
        parts.append(
            f"Verified copy: {where}: {ref.copy}" if where else f"Verified copy: {ref.copy}"
        )
    return " ".join(parts)


# --- BibTeX -------------------------------------------------------------------------------

_BIBTEX = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\textbraceleft{}",
        "}": r"\textbraceright{}",
        "$": r"\$",
        "&": r"\&",
        "%": r"\%",
        "#": r"\#",
        "_": r"\_",
        "^": r"\textasciicircum{}",
        "~": r"\textasciitilde{}",
        "<": r"\textless{}",
        ">": r"\textgreater{}",
        "|": r"\textbar{}",
        "@": r"{@}",
    }
)


# TeX joins some pairs of characters into one (-- an en dash, `` and '' curly quotes, ?` and
# !` inverted marks, ,, low quotes): an empty group between them keeps the characters typed.
_LIGATURE = re.compile(r"([-`',])(?=[-`',])|([?!])(?=`)")


# Any character that bibtex_text writes otherwise: TeX's specials and the ligatures' (the
# commands written for the specials hold none of the latter).
_BIBTEX_ANY = re.compile("[" + re.escape("".join(map(chr, _BIBTEX)) + "-`',?!") + "]")


def bibtex_text(value: str) -> str:
    """Curator text as a BibTeX field value: TeX's special characters printed, braces balanced."""
    text = one_line(value)
    # Most values hold none: one search, not the translation (a dict lookup a character,
    # in non-ASCII text) and a pass for ligatures, at ten values a source page.
    if _BIBTEX_ANY.search(text) is None:
        return text
    escaped = text.translate(_BIBTEX)
    return _LIGATURE.sub(lambda m: (m.group(1) or m.group(2)) + "{}", escaped)


def bibtex_url(url: str) -> str:
    """An address as a BibTeX url field: what could unbalance the field percent-encoded."""
    return quote(one_line(url), safe=";/?:@&=+,-_.!~*'()[]$#%")


def bibtex(ref: Reference) -> str:
    """The citation as one BibTeX entry (@misc, with biblatex's date, urldate and titleaddon)."""
    fields: list[tuple[str, str]] = []
    if ref.author:
        fields.append(("author", "{" + bibtex_text(ref.author) + "}"))
    fields.append(("title", "{" + bibtex_text(ref.title) + "}"))
    if ref.translated_title:
        fields.append(("titleaddon", bibtex_text(ref.translated_title)))
    if ref.container:
        fields.append(("organization", bibtex_text(ref.container)))
    if ref.publisher:
        fields.append(("publisher", bibtex_text(ref.publisher)))
    if ref.issued:
        fields.append(("year", str(ref.issued.earliest.year)))
        # biblatex reads EDTF dates; an open end is written empty there, not as `..`.
        fields.append(("date", ref.issued.text.replace("..", "")))
    if ref.language:
        fields.append(("language", bibtex_text(language_name(ref.language))))
    if ref.url:
        fields.append(("url", bibtex_url(ref.url)))
    if ref.accessed:
        fields.append(("urldate", ref.accessed.text.replace("..", "")))
    fields.extend(("note", bibtex_text(note)) for note in _notes(ref))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{ref.key},\n{body}\n}}"


def _notes(ref: Reference) -> list[str]:
    notes = []
    if ref.described:
        notes.append("Untitled; the title is a description")
    if ref.copy:
        built = f", build of {shown(ref.built)}" if ref.built else ""
        notes.append(f"Verified copy: {ref.site}{built}: {ref.copy}")
    elif ref.built:
        notes.append(f"Build of {shown(ref.built)}")
    return ["; ".join(notes)] if notes else []


# --- RIS ----------------------------------------------------------------------------------

_RIS_TYPES = {"webpage": "ELEC", "document": "GEN", "dataset": "DATA"}


def _ris_date(date: Date) -> str:
    point = date_points(date)[0]
    year, month, day = (point + [0, 0])[:3]
    return f"{year:04d}/{f'{month:02d}' if month else ''}/{f'{day:02d}' if day else ''}/"


def ris(ref: Reference) -> str:
    """The citation as one RIS record: TY first, ER last, one tag a line."""
    lines = [("TY", _RIS_TYPES[ref.kind])]
    if ref.author:
        lines.append(("AU", one_line(ref.author)))
    lines.append(("TI", one_line(ref.title)))
    if ref.translated_title:
        lines.append(("TT", one_line(ref.translated_title)))
    if ref.container:
        lines.append(("T2", one_line(ref.container)))
    if ref.publisher:
        lines.append(("PB", one_line(ref.publisher)))
    if ref.issued:
        lines.append(("PY", f"{ref.issued.earliest.year:04d}"))
        lines.append(("DA", _ris_date(ref.issued)))
    if ref.language:
        lines.append(("LA", language_name(ref.language)))
    if ref.url:
        lines.append(("UR", one_line(ref.url)))
    if ref.accessed:
        lines.append(("Y2", _ris_date(ref.accessed)))
    lines.extend(("N1", note) for note in _notes(ref))
    lines.append(("ID", ref.key))
    return "\n".join(f"{tag}  - {value}" for tag, value in lines) + "\nER  - "


# --- CSL-JSON -----------------------------------------------------------------------------


def _csl_date(date: Date) -> dict[str, object]:
    csl: dict[str, object] = {"date-parts": date_points(date)}
    if "~" in date.text or "%" in date.text:
        csl["circa"] = True
    return csl


def csl_item(ref: Reference) -> dict[str, object]:
    """The citation as a CSL-JSON item (the CSL 1.0.2 input schema)."""
    item: dict[str, object] = {"id": ref.key, "type": ref.kind, "title": one_line(ref.title)}
    if ref.translated_title:
        item["translated-title"] = one_line(ref.translated_title)
    if ref.author:
        item["author"] = [{"literal": one_line(ref.author)}]
    if ref.container:
        item["container-title"] = one_line(ref.container)
    if ref.publisher:
        item["publisher"] = one_line(ref.publisher)
    if ref.issued:
        item["issued"] = _csl_date(ref.issued)
    if ref.language:
        item["language"] = ref.language
    if ref.url:
        item["URL"] = one_line(ref.url)
    if ref.accessed:
        item["accessed"] = _csl_date(ref.accessed)
    if notes := _notes(ref):
        item["note"] = notes[0]
    return item


# The encoder of values: json.dumps given an option makes a new encoder every call.
_JSON_VALUE = json.JSONEncoder(ensure_ascii=False)


@cache
def _json_key(key: str) -> str:
    """A field's name as JSON, encoded once (every item has the same few)."""
    return json.dumps(key)


def csl_json(refs: list[Reference]) -> str:
    """CSL-JSON: an array of items, as reference managers import it, one field a line.

    Each value is encoded by json's C encoder, as json.dumps does; a date's parts stay on
    one line.
    """
    items = []
    for ref in refs:
        fields = ",\n".join(
            f"    {_json_key(k)}: {_JSON_VALUE.encode(v)}" for k, v in csl_item(ref).items()
        )
        items.append("  {\n" + fields + "\n  }")
    return "[\n" + ",\n".join(items) + "\n]" if items else "[]"
