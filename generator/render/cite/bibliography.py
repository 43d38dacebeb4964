"""Every source as a bibliography file, for a reference manager: BibTeX, RIS, CSL-JSON, text."""

from __future__ import annotations

from collections.abc import Sequence

from .formats import bibtex, csl_json, plain_text, ris
from .reference import Reference

BIBLIOGRAPHY = {
    "BibTeX": "data/sources.bib",
    "RIS": "data/sources.ris",
    "CSL-JSON": "data/sources.json",
    "text": "data/sources.txt",
}


def bibliography_files(references: Sequence[Reference]) -> dict[str, bytes]:
    """The sources' citations in each format, in the order given (the sources' ids)."""
    return {
        BIBLIOGRAPHY["BibTeX"]: "".join(bibtex(r) + "\n\n" for r in references).encode(),
        # RIS records end their lines in CRLF, as the format's specification has it.
        BIBLIOGRAPHY["RIS"]: "".join(
            ris(r).replace("\n", "\r\n") + "\r\n\r\n" for r in references
        ).encode(),
        BIBLIOGRAPHY["CSL-JSON"]: (csl_json(list(references)) + "\n").encode(),
        BIBLIOGRAPHY["text"]: "".join(plain_text(r) + "\n\n" for r in references).encode(),
    }
