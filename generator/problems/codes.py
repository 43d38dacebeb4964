"""The registry of problem codes: every code a curator can see, what it means, what to do.

Messages name a code from here (`codes.QUOTE_NOT_FOUND`), never a string of their own;
CONTRIBUTING.md's tables and `briefings explain CODE` are written from this registry, and a
test keeps them in step. To add a check: register its code here, in the group it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass


class Code(str):
    """A problem code (`quote-not-found`): compares and prints as its text."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Entry:
    """A code's documentation: the group it is listed under, its meaning, and the fix."""

    code: Code
    group: str
    meaning: str
    fix: str


# Groups in the order CONTRIBUTING.md lists them.
GROUPS = (
    "Files and folders",
    "Adding documents (`briefings new`)",
    "YAML",
    "Fields and values (the JSON Schemas in `generator/schemas/`)",
    "Claims",
    "Actors",
    "Pair summaries",
    "Site configuration",
)

REGISTRY: dict[str, Entry] = {}


def _code(text: str, group: str, meaning: str, fix: str) -> Code:
    assert group in GROUPS and text not in REGISTRY, text
    code = Code(text)
    REGISTRY[text] = Entry(code, group, meaning, fix)
    return code


def registered(code: str) -> bool:
    """Say whether a code is in the registry."""
    return code in REGISTRY


_FILES, _NEW, _YAML, _FIELDS, _CLAIMS, _ACTORS, _SUMMARIES, _CONFIG = GROUPS

NO_SEEDS = _code(
    "no-seeds",
    _FILES,
    "There is no `seeds/` folder where the command runs.",
    "Run the command from the project's top folder (or pass `-C FOLDER`).",
)
MISSING_FILE = _code(
    "missing-file",
    _FILES,
    "A required file, such as `seeds/topics.yml`, is missing.",
    "Create it as FORMAT.md shows.",
)
UNEXPECTED_FILE = _code(
    "unexpected-file",
    _FILES,
    "A file in a folder that holds only one kind (`documents/` only `.txt`, `annotations/` "
    "and `pairs/` only `.yml`).",
    "Move or rename it; `.yaml` must be `.yml`.",
)
EMPTY_FILE = _code(
    "empty-file", _FILES, "A YAML file is empty.", "Write its content, or delete the file."
)
FILE_TOO_LARGE = _code(
    "file-too-large",
    _FILES,
    "A file is over the size limit (8 MB for a document, 2 MB for YAML).",
    "Check that it is the right file; split it if it really is that long.",
)
UNREADABLE_FILE = _code(
    "unreadable-file",
    _FILES,
    "A file exists but cannot be read (permissions, or it vanished while being read).",
    "Check that the file exists and that you may read it.",
)
LINK_OUTSIDE_SEEDS = _code(
    "link-outside-seeds",
    _FILES,
    "A symbolic link points outside `seeds/`.",
    "Replace the link with the file itself.",
)
NOT_UTF8 = _code(
    "not-utf8",
    _FILES,
    "The file is not UTF-8; the position of the first bad byte is given.",
    "Open it in an editor and save it as UTF-8.",
)
INVALID_DOC_ID = _code(
    "invalid-doc-id",
    _FILES,
    "A document or annotation file name is not a valid id, or is `index`, which would replace "
    "the list of all sources on the site.",
    "Use 1-100 of `a-z 0-9 _ -`, starting with a letter or digit (`briefings new` chooses one "
    "for you).",
)
DOCUMENT_WITHOUT_ANNOTATION = _code(
    "document-without-annotation",
    _FILES,
    "A document has no annotation.",
    "Write `seeds/annotations/<id>.yml` (`briefings new` writes a skeleton) or remove the "
    "document.",
)
ANNOTATION_WITHOUT_DOCUMENT = _code(
    "annotation-without-document",
    _FILES,
    "An annotation has no document of the same id.",
    "Add the document, or fix the annotation's file name.",
)
INVALID_PAIR_FILE = _code(
    "invalid-pair-file",
    _FILES,
    "A pair summary file is not named `<A>-<B>.yml` with two different actor ids in "
    "code-point order.",
    "Rename it, e.g. `KZ-TR.yml`, not `TR-KZ.yml`.",
)

NOT_A_FILE = _code(
    "not-a-file",
    _NEW,
    "The path given is a folder or does not exist.",
    "Give the path of the text file.",
)
EMPTY_DOCUMENT = _code(
    "empty-document",
    _NEW,
    "The file holds no text.",
    "Check that you saved the article's text in it.",
)
DOCUMENT_EXISTS = _code(
    "document-exists",
    _NEW,
    "A document with the same text (apart from line endings, a byte-order mark, white space "
    "at the end or Unicode normalisation) is already in `seeds/documents/`.",
    "Annotate the existing document (its path is in the message).",
)

YAML_SYNTAX = _code(
    "yaml-syntax",
    _YAML,
    "The file is not valid YAML.",
    "Look at the line given: indentation, a missing colon, or a value containing `: ` or "
    "` #` that needs quotes.",
)
DUPLICATE_KEY = _code(
    "duplicate-key",
    _YAML,
    "A key is written twice in one mapping.",
    "Keep one; the message gives the line of the first.",
)
YAML_ALIAS = _code(
    "yaml-alias",
    _YAML,
    "A YAML alias (`*name`) is used; aliases are not part of the format.",
    "Write the value out in full, as plain text.",
)
YAML_ANCHOR = _code(
    "yaml-anchor",
    _YAML,
    "A YAML anchor (`&name`) is used; anchors are not part of the format.",
    "Remove it and write values out in full, as plain text.",
)
YAML_TAG = _code(
    "yaml-tag",
    _YAML,
    "A YAML tag (`!tag`) is used; tags are not part of the format.",
    "Remove it: every value is read as text.",
)
YAML_COMPLEX_KEY = _code(
    "yaml-complex-key", _YAML, "A key is a list or mapping.", "Make the key plain text."
)
YAML_MULTIPLE_DOCUMENTS = _code(
    "yaml-multiple-documents",
    _YAML,
    "The file has a second `---` document.",
    "Keep one document per file.",
)
YAML_TOO_DEEP = _code(
    "yaml-too-deep",
    _YAML,
    "Values are nested deeper than any annotation needs.",
    "Check the indentation.",
)

MISSING_FIELD = _code(
    "missing-field",
    _FIELDS,
    "A required field is missing (`language`, a claim's `id`, `pair`, `topic`, `statement`, "
    "`quote`; an actor's or topic's `name`; `published` when `published_inferred` says how "
    "it was inferred).",
    "Add it.",
)
UNKNOWN_FIELD = _code(
    "unknown-field",
    _FIELDS,
    "A field the format does not have, often a typo; the message suggests the closest known name.",
    "Fix the name or remove the field.",
)
INVALID_VALUE = _code(
    "invalid-value",
    _FIELDS,
    "A value has the wrong shape: text where a list is expected, an empty value (or one of "
    "only white space), a bad language tag or URL, a pair that is not two ids. The message "
    "says what is expected.",
    "Write the value as the message and FORMAT.md say.",
)
UNKNOWN_LANGUAGE = _code(
    "unknown-language",
    _FIELDS,
    "`language` has the shape of a tag, but its first part is no ISO 639 language code "
    "(often a country code, such as `KZ` for Kazakhstan), or is not in lower case.",
    "Write the language's code in lower case: `kk` (Kazakh), `ru`, `uk`, `pl`, `tl`.",
)
INVALID_ID = _code(
    "invalid-id",
    _FIELDS,
    "An id in `actors.yml` or `topics.yml` does not follow the id rules, or is `INDEX`, "
    "whose page would be the list of all actors on a disk that ignores case.",
    "Actor ids: 2-16 of `A-Z 0-9`, starting with a letter; topic ids: 1-80 of `a-z 0-9 -`.",
)
INVALID_DATE = _code(
    "invalid-date",
    _FIELDS,
    "A date is not `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (optionally with `~`, `?`, `%`) or an "
    "interval, does not exist, or ends before it starts.",
    "Write it as the message suggests, e.g. `2023-11-28`, `2010/2012`, `2012-02/..`.",
)

QUOTE_NOT_FOUND = _code(
    "quote-not-found",
    _CLAIMS,
    "The quote is not in the document (only white space and Unicode normalisation are "
    "forgiven). The message shows the closest passage and the first difference.",
    "Copy the passage exactly from the document; to leave words out, split the quote into a "
    "list of parts.",
)
TRANSLATION_COUNT = _code(
    "translation-count",
    _CLAIMS,
    "The list of translations does not have one entry per quoted part.",
    "Give one translation per part, or a single string for all.",
)
DUPLICATE_CLAIM_ID = _code(
    "duplicate-claim-id",
    _CLAIMS,
    "Two claims share an id (anywhere in the corpus).",
    "Give one of them another id.",
)
RESERVED_CLAIM_ID = _code(
    "reserved-claim-id",
    _CLAIMS,
    "A claim id is one the pair page uses for its own anchors: `undated`, `year-` and a "
    "year (`year-2023`), or `source-` and a document id.",
    "Name the pair first and then the fact: `kz-tr-anka-production-2024`.",
)
UNKNOWN_ACTOR = _code(
    "unknown-actor",
    _CLAIMS,
    "An actor id is neither an ISO 3166-1 alpha-2 country code nor declared in `seeds/actors.yml`.",
    "Fix the id, or declare the organisation in `actors.yml`.",
)
SAME_ACTOR_TWICE = _code(
    "same-actor-twice",
    _CLAIMS,
    "A claim's pair names the same actor twice.",
    "A claim is about two different actors: fix one of them.",
)
UNKNOWN_TOPIC = _code(
    "unknown-topic",
    _CLAIMS,
    "The topic is not declared in `seeds/topics.yml`; the message lists the known ones.",
    "Use a known topic, or declare the new one.",
)

UNKNOWN_COUNTRY = _code(
    "unknown-country",
    _ACTORS,
    "An entry in `actors.yml` without `kind: organization` is not an ISO 3166-1 alpha-2 code.",
    "For an organisation add `kind: organization`; otherwise fix the code.",
)
ORGANIZATION_IS_COUNTRY = _code(
    "organization-is-country",
    _ACTORS,
    "An organisation's id is also a country's ISO code.",
    "Give the organisation another id.",
)

INVALID_CITATION = _code(
    "invalid-citation",
    _SUMMARIES,
    "A `[@…]` citation does not hold a valid claim id.",
    "Write `[@claim-id]` with a claim id of `a-z 0-9 -`.",
)
UNKNOWN_CLAIM = _code(
    "unknown-claim",
    _SUMMARIES,
    "A citation names a claim id that no annotation defines.",
    "Check the spelling of the id.",
)
SUMMARY_HTML = _code(
    "summary-html",
    _SUMMARIES,
    "The summary contains raw HTML.",
    "Write Markdown instead (a `<` followed by a space is fine).",
)
SUMMARY_IMAGE = _code(
    "summary-image",
    _SUMMARIES,
    "The summary contains an image.",
    "Link to the image instead: the site loads nothing from other hosts.",
)
SUMMARY_LINK = _code(
    "summary-link",
    _SUMMARIES,
    "A link target is not an `http://` or `https://` address.",
    "Link to a web address.",
)
PAIR_WITHOUT_CLAIMS = _code(
    "pair-without-claims",
    _SUMMARIES,
    "A summary is for a pair that no claim is about, so the pair has no page to show it on "
    "(checked once every claim is valid).",
    "Add claims about the pair, or remove the summary file.",
)

INVALID_CONFIG = _code(
    "invalid-config",
    _CONFIG,
    "`mkdocs.yml` cannot be read as YAML, or a setting the generator relies on has the "
    "wrong shape (`site_name`, `site_url`, `copyright`, `markdown_extensions`).",
    "Fix the line given; MkDocs' documentation describes each setting.",
)


def markdown_table(group: str) -> str:
    """Write one group's codes as the Markdown table CONTRIBUTING.md shows."""
    rows = ["| Code | Meaning | How to fix it |", "| --- | --- | --- |"]
    rows += [
        f"| `{e.code}` | {e.meaning} | {e.fix} |" for e in REGISTRY.values() if e.group == group
    ]
    return "\n".join(rows)
