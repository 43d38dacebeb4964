"""Citations in four formats, each read back by a tool that knows the format.

BibTeX parses with bibtexparser, every field as written; CSL-JSON validates against the CSL
input schema (tests/fixtures/csl/csl-data.json, see the README there) and a CSL processor
(citeproc-py) formats it; RIS has TY first, ER last, its tags, and rispy reads it.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import bibtexparser
import citeproc
import jsonschema
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatter
from citeproc.source.json import CiteProcJSON
from exports import EDITION, fixture_outputs, hostile_corpus, open_fixture
from hostile import HOSTILE, PAYLOADS
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from generator.model import Source, parse_date
from generator.render.addresses import Addresses
from generator.render.cite.formats import bibtex, csl_item, csl_json, one_line, plain_text, ris
from generator.render.cite.reference import Reference, page_reference, source_reference

CSL_SCHEMA = json.loads(
    (Path(__file__).parent / "fixtures" / "csl" / "csl-data.json").read_text("utf-8")
)
ADDRESSES = Addresses(EDITION.site_url)
RIS_LINE = re.compile(r"^[A-Z][A-Z0-9]  - ")


def references(tmp_path: Path) -> list[Reference]:
    """Every kind of reference, from the fixture corpus and the hostile one."""
    refs = []
    for corpus in (open_fixture(), hostile_corpus(tmp_path)):
        refs += [source_reference(EDITION, ADDRESSES, s) for s in corpus.sources.values()]
        refs += [
            page_reference(EDITION, ADDRESSES, f"actor-{a}", corpus.actor(a).name, f"actors/{a}/")
            for a in corpus.pairs_by_actor
        ]
    return list({r.key: r for r in refs}.values())  # both corpora name KZ


def hostile_source(tmp_path: Path) -> Source:
    return hostile_corpus(tmp_path).sources["evil"]


def _latex() -> LatexNodes2Text:
    """A LaTeX-to-text converter that also knows the text-mode commands the escaping uses."""
    printed = {
        "textless": "<",
        "textgreater": ">",
        "textbraceleft": "{",
        "textbraceright": "}",
        "textbackslash": "\\",
        "textbar": "|",
        "textasciicircum": "^",
        "textasciitilde": "~",
    }
    context = get_default_latex_context_db()
    context.add_context_category(
        "briefings", prepend=True, macros=[MacroTextSpec(k, v) for k, v in printed.items()]
    )
    return LatexNodes2Text(latex_context=context)


LATEX = _latex()


def latex_text(value: str) -> str:
    """What TeX prints of a BibTeX value (its grouping braces gone), white space as one space."""
    return " ".join(LATEX.latex_to_text(value).split())


# --- BibTeX -------------------------------------------------------------------------------


def test_bibtex_parses_with_every_field(tmp_path: Path) -> None:
    refs = references(tmp_path)
    library = bibtexparser.parse_string("\n\n".join(bibtex(r) for r in refs))
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    assert [e.key for e in library.entries] == [r.key for r in refs]
    for ref, entry in zip(refs, library.entries, strict=True):
        assert entry.entry_type == "misc"
        fields = entry.fields_dict
        # The title's outer braces keep its case; inside, TeX prints the curator's text.
        assert latex_text(fields["title"].value) == one_line(ref.title)
        if ref.url:
            assert fields["url"].value.startswith("https://")


def test_bibtex_keeps_hostile_text_as_text(tmp_path: Path) -> None:
    ref = source_reference(EDITION, ADDRESSES, hostile_source(tmp_path))
    entry = bibtexparser.parse_string(bibtex(ref)).entries[0]
    for name in ("author", "title", "titleaddon", "publisher"):
        value = entry.fields_dict[name].value
        assert value.count("{") == value.count("}"), name
        assert latex_text(value) == one_line(HOSTILE), name
    # A closing brace or a line break cannot end the field and start another.
    assert set(entry.fields_dict) == {
        "author",
        "title",
        "titleaddon",
        "publisher",
        "year",
        "date",
        "language",
        "url",
        "note",
    }


@pytest.mark.parametrize(
    "value", ["}, evil = {x", "a}\n@misc{b,\n", "\\}}}", "{{{", "% comment", "@"]
)
def test_bibtex_field_values_cannot_break_the_entry(value: str) -> None:
    ref = Reference("key", "webpage", value, author=value, url=f"https://x.org/{value}")
    library = bibtexparser.parse_string(bibtex(ref))
    assert not library.failed_blocks and len(library.entries) == 1
    entry = library.entries[0]
    assert set(entry.fields_dict) == {"author", "title", "url"}
    assert latex_text(entry.fields_dict["title"].value) == one_line(value)


# --- CSL-JSON -----------------------------------------------------------------------------


def test_csl_json_matches_the_csl_schema(tmp_path: Path) -> None:
    jsonschema.Draft7Validator.check_schema(CSL_SCHEMA)
    items = json.loads(csl_json(references(tmp_path)))
    errors = list(jsonschema.Draft7Validator(CSL_SCHEMA).iter_errors(items))
    assert not errors, errors[:3]
    outputs = fixture_outputs()
    assert not list(
        jsonschema.Draft7Validator(CSL_SCHEMA).iter_errors(json.loads(outputs["data/sources.json"]))
    )


def test_csl_json_holds_the_data(tmp_path: Path) -> None:
    source = hostile_source(tmp_path)
    item = csl_item(source_reference(EDITION, ADDRESSES, source))
    assert item["title"] == one_line(HOSTILE) and item["translated-title"] == one_line(HOSTILE)
    assert item["author"] == [{"literal": one_line(HOSTILE)}]
    assert item["issued"] == {"date-parts": [[2024]]} and item["language"] == "en"
    assert "https://briefings.example.org/sources/evil/" in str(item["note"])
    interval = csl_item(Reference("k", "webpage", "t", issued=parse_date("2021~/2022-03")))
    assert interval["issued"] == {"date-parts": [[2021], [2022, 3]], "circa": True}


def test_a_csl_processor_formats_our_csl_json(tmp_path: Path) -> None:
    """citeproc-py reads every item and its bibliography names the title and address."""
    style = Path(citeproc.__file__).parent / "data" / "styles" / "harvard-cite-them-right.csl"
    items = [csl_item(r) for r in references(tmp_path)[:6]]
    for item in items:  # citeproc-py 0.11 does not know CSL 1.0.2's translated-title yet
        item.pop("translated-title", None)
    source = CiteProcJSON(json.loads(json.dumps(items)))
    bibliography = CitationStylesBibliography(
        CitationStylesStyle(str(style), validate=False), source, citeproc_formatter.plain
    )
    for item in items:
        bibliography.register(Citation([CitationItem(str(item["id"]))]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(items)
    for item in items:
        assert any(str(item["title"]) in text for text in rendered), item["title"]
        if "URL" in item:
            assert any(str(item["URL"]) in text for text in rendered), item["URL"]


# --- RIS ----------------------------------------------------------------------------------


def test_ris_records_have_their_tags_in_order(tmp_path: Path) -> None:
    for ref in references(tmp_path):
        lines = ris(ref).split("\n")
        assert lines[0] in ("TY  - ELEC", "TY  - GEN"), lines[0]
        assert lines[-1] == "ER  - "
        assert all(RIS_LINE.match(line) for line in lines), lines
        tags = [line[:2] for line in lines]
        assert "TI" in tags and "ID" in tags and tags.count("TY") == 1 and tags.count("ER") == 1


def test_ris_reads_back_with_rispy(tmp_path: Path) -> None:
    refs = references(tmp_path)
    outputs = fixture_outputs()
    text = outputs["data/sources.ris"].decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    entries = rispy.loads("\n\n".join(ris(r) for r in refs))
    assert len(entries) == len(refs)
    for ref, entry in zip(refs, entries, strict=True):
        assert entry["title"] == one_line(ref.title)
        assert entry["id"] == ref.key


def test_ris_keeps_hostile_text_on_its_line(tmp_path: Path) -> None:
    evil = "line one\r\nER  - \nTY  - JOUR\u2028next\x00"
    ref = Reference("k", "webpage", evil, author=evil, publisher=evil)
    lines = ris(ref).split("\n")
    assert [line[:2] for line in lines] == ["TY", "AU", "TI", "PB", "ID", "ER"]
    assert rispy.loads(ris(ref))[0]["title"] == one_line(evil)


# --- plain text and the page --------------------------------------------------------------


def test_plain_text_names_title_site_address_and_build() -> None:
    ref = page_reference(EDITION, ADDRESSES, "pair-KZ-TR", "Kazakhstan – Türkiye", "pairs/KZ-TR/")
    assert plain_text(ref) == (
        "Kazakhstan – Türkiye. Briefings, build of 30 November 2026. "
        "https://briefings.example.org/pairs/KZ-TR/"
    )


def test_plain_text_of_a_source_cites_the_original_and_our_copy() -> None:
    source = open_fixture().sources["a1"]
    assert plain_text(source_reference(EDITION, ADDRESSES, source)) == (
        "Raport o współpracy [Report on cooperation]. Przegląd <Obronny> & Co, 1 December 2023. "
        "In Polish. https://example.org/raport?a=1&b=(2) (accessed 21 November 2026). "
        "Verified copy: Briefings, build of 30 November 2026: https://briefings.example.org/sources/a1/"
    )


def test_pages_show_each_format_escaped(tmp_path: Path) -> None:
    """On the page every format is HTML-escaped text in a code block, the payloads intact."""
    from generator.render import render_outputs

    corpus = hostile_corpus(tmp_path)
    page = render_outputs(corpus, EDITION)["sources/evil.md"].decode("utf-8")
    blocks = re.findall(r'<code class="language-(\w+)">(.*?)</code>', page, re.S)
    assert [lang for lang, _ in blocks] == ["text", "bibtex", "ris", "json"] * 2
    for _, block in blocks:
        assert "<" not in block and ">" not in block
    text = html.unescape(blocks[0][1])
    for payload in PAYLOADS:
        assert " ".join(payload.split()) in text
    assert json.loads(html.unescape(blocks[3][1]))[0]["title"] == one_line(HOSTILE)
