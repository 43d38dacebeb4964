"""Check an annotation's file name and source metadata, and read its claims."""

from __future__ import annotations

import re

from ..model import Claim, Source, iso_country
from ..model.iso import language
from ..problems import Location, Problem, codes
from .claims import ClaimReader, read_date
from .files import TextFile, YamlFile
from .quotes import DocumentIndex
from .schema import check_schema
from .yamltree import Mapping, Scalar, Sequence, scalar_text

DOC_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}")
# A source page is sources/<doc-id>.md; sources/index.md is the list of all sources.
RESERVED_DOC_IDS = frozenset({"index"})
SOURCE_FIELDS = ("title", "title_en", "publisher", "author", "url", "note", "published_inferred")
LANGUAGE_TAG = re.compile(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*")


def doc_id_problem(stem: str, path: str) -> Problem | None:
    """Say why a file name is no document id (or a reserved one); None when it is fine."""
    if stem in RESERVED_DOC_IDS:
        return Problem(
            Location(path),
            codes.INVALID_DOC_ID,
            f"'{stem}' is reserved: the page of this document would replace the "
            "list of all sources on the site; rename the document and its "
            "annotation (briefings new gives ids such as 003_5f1c2b9a0e7d4c61)",
        )
    if not DOC_ID.fullmatch(stem):
        return Problem(
            Location(path),
            codes.INVALID_DOC_ID,
            f"'{stem}' is not a valid document id: use 1-100 of a-z, "
            "0-9, _ and -, starting with a letter or digit",
        )
    return None


def language_problem(tag: str) -> str | None:
    """Say what is wrong with a language tag whose primary part is no ISO 639 language."""
    if not LANGUAGE_TAG.fullmatch(tag):
        return None  # the schema reports the shape
    primary = tag.split("-")[0]
    if language(primary) is None:
        country = iso_country(primary.upper())
        hint = (
            f" ({primary.upper()} is the country code of {country.name}, not a language)"
            if country is not None
            else ""
        )
        return (
            f"'{tag}' is not a language: '{primary}' is no ISO 639 language code{hint}; "
            "write the language's code, such as kk (Kazakh), ru, uk, pl or tl"
        )
    if primary != primary.lower():
        return f"write the language code in lower case: '{primary.lower()}{tag[len(primary) :]}'"
    return None


def _source(file: YamlFile, doc: TextFile, problems: list[Problem]) -> Source | None:
    assert isinstance(file.root, Mapping)
    node = file.root.get("source")
    if not isinstance(node, Mapping) or not isinstance(node.get("language"), Scalar):
        return None
    tag = node.get("language")
    assert isinstance(tag, Scalar)
    wrong = language_problem(tag.value)
    if wrong is not None:
        problems.append(Problem(tag.loc, codes.UNKNOWN_LANGUAGE, wrong))
        return None
    fields = {name: scalar_text(node.get(name)) for name in SOURCE_FIELDS}
    return Source(
        id=file.stem,
        language=tag.value,
        text=doc.text,
        text_path=doc.path,
        loc=node.loc,
        published=read_date(node.get("published"), problems),
        accessed=read_date(node.get("accessed"), problems),
        **fields,
    )


def read_annotation(
    file: YamlFile,
    doc: TextFile | None,
    stems: frozenset[str],
    claims: ClaimReader,
    problems: list[Problem],
) -> tuple[Source | None, list[Claim]]:
    """Check one annotation against its document; return its source and valid claims."""
    if not DOC_ID.fullmatch(file.stem):
        found = doc_id_problem(file.stem, file.path)
        if found is not None:
            problems.append(found)
    if file.stem not in stems:
        problems.append(
            Problem(
                Location(file.path),
                codes.ANNOTATION_WITHOUT_DOCUMENT,
                f"there is no seeds/documents/{file.stem}.txt for this "
                "annotation; add the document or rename the file",
            )
        )
    if file.root is None:
        return None, []
    problems.extend(check_schema("annotation", file.root))
    if not isinstance(file.root, Mapping):
        return None, []
    source = _source(file, doc, problems) if doc else None
    index = DocumentIndex.build(doc.text) if doc else None
    doc_path = doc.path if doc else f"seeds/documents/{file.stem}.txt"
    found_claims = []
    node = file.root.get("claims")
    for item in node.items if isinstance(node, Sequence) else ():
        claim = claims.read(item, file.stem, index, doc_path)
        if claim is not None:
            found_claims.append(claim)
    return source, found_claims
