"""A deliberately hostile corpus: every curator string tries to become markup or script."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import copy_project

# Each payload must reach the page as the characters typed.
PAYLOADS = [
    "<script>window.__pwned = 1</script>",
    '<img src="http://127.0.0.9/x.png" onerror="window.__pwned = 2">',
    '<a href="javascript:window.__pwned=3">click</a>',
    "[link](javascript:window.__pwned=4)",
    "![image](http://127.0.0.9/y.png)",
    "<https://127.0.0.9/autolink>",
    "[^1] footnote and [^1]: definition",
    '{: onclick="window.__pwned=5" } attribute list',
    "{{ config.site_name }} {% raw %} Jinja",
    '--8<-- "/etc/passwd"',
    "==mark== ^^ins^^ ~~del~~ :smile: $x^2$ *em* **strong** `code`",
    "&lt;script&gt; &#60;b&#62; entities",
    "<!-- comment --> <style>body{display:none}</style>",
    "data:text/html,<script>window.__pwned=6</script>",
    "| table | cell |",
    "\\*escaped\\* back\\\\slash",
    # The footnotes extension would put the notes here, in place of the text that holds it.
    "///Footnotes Go Here/// marker",
]
HOSTILE = " ".join(PAYLOADS)
SHORT = " ".join(PAYLOADS[:3])  # names have a 200-character limit


def yaml_text(value: str) -> str:
    """Quote a string for YAML (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


def make_hostile_project(target: Path) -> Path:
    """A project whose every curator string, and the document itself, carries the payloads."""
    project = copy_project(target)
    seeds = project / "seeds"
    for folder in ("documents", "annotations", "pairs"):
        for path in (seeds / folder).glob("*"):
            path.unlink()
    doc = "\n".join(["# Heading?", "1. list?", "> quote?", "    code?", *PAYLOADS, ""])
    (seeds / "documents/evil.txt").write_text(doc, "utf-8")
    claims = []
    for i, payload in enumerate(PAYLOADS):
        claims.append(
            f"  - id: evil-{i}\n    pair: [KZ, EVIL]\n    topic: evil\n"
            f"    statement: {yaml_text('Statement ' + payload)}\n"
            f"    quote: {yaml_text(payload)}\n"
            f"    translation: {yaml_text('Translation ' + payload)}\n"
        )
    source = {
        "title": HOSTILE,
        "title_en": HOSTILE,
        "publisher": HOSTILE,
        "author": HOSTILE,
        "note": HOSTILE,
        "published_inferred": HOSTILE,
        "url": 'https://example.org/"><script>window.__pwned=7</script>',
    }
    head = "".join(f"  {k}: {yaml_text(v)}\n" for k, v in source.items())
    (seeds / "annotations/evil.yml").write_text(
        f"source:\n{head}  language: en\n  published: 2024\nclaims:\n" + "".join(claims), "utf-8"
    )
    (seeds / "actors.yml").write_text(
        f"EVIL:\n  name: {yaml_text('Evil ' + SHORT)}\n  kind: organization\n"
        f"  aliases: [{yaml_text(SHORT)}]\n"
        f"KZ:\n  name: {yaml_text('Kazakhstan ' + PAYLOADS[0])}\n",
        "utf-8",
    )
    (seeds / "topics.yml").write_text(
        f"evil:\n  name: {yaml_text('Evil topic ' + SHORT)}\n  description: {yaml_text(HOSTILE)}\n",
        "utf-8",
    )
    summary = (
        "Markdown is allowed here: *emphasis*, [a link](https://example.org/) and a "
        'citation [@evil-0]. Not allowed to work: {: onclick="window.__pwned=8" } '
        "and [^evil-1]: fake footnote, {{ jinja }}.\n\n///Footnotes Go Here///"
    )
    (seeds / "pairs/EVIL-KZ.yml").write_text(f"summary: {yaml_text(summary)}\n", "utf-8")
    return project
